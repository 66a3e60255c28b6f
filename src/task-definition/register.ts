/**
 * Registered revisions: look one up (and vet a revision a user named), register a new one,
 * or reuse the service's current one when it is identical (skip-unchanged).
 */
import {
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
  type RegisterTaskDefinitionCommandInput,
  type TaskDefinition,
  type Tag,
} from '@aws-sdk/client-ecs';
import { ActionError, errorMessage } from '../errors.js';
import { awsErrorName, awsFailure, PASS_ROLE_HINT } from '../aws/errors.js';
import { retryTransient, type RetryBudget } from '../aws/retry.js';
import { sameTaskDefinition } from './compare.js';

/**
 * A registered revision. With `inputName` it is one a user named to deploy ('task-definition-arn',
 * 'rollback-to'): it must exist and be ACTIVE, and a failure is reported against that input.
 * `tags` adds the revision's tags (skip-unchanged compares them).
 */
export async function describeTaskDefinition(
  ecs: ECSClient,
  taskDefinition: string,
  options: { inputName?: string; tags?: boolean; budget?: RetryBudget } = {},
): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] }> {
  const { inputName, budget } = options;
  let answer;
  try {
    const describe = () => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition, ...(options.tags && { include: ['TAGS'] }) }));
    answer = budget ? await retryTransient(`Describing task definition '${taskDefinition}'`, describe, budget) : await describe();
  } catch (error) {
    if (inputName && awsErrorName(error) === 'ClientException') {
      throw new ActionError(
        `Invalid input '${inputName}': '${taskDefinition}' is not a registered task definition revision (DescribeTaskDefinition said: ${errorMessage(error)}). Expected 'family:revision' or a task definition ARN that exists in this account and region.`,
      );
    }
    throw awsFailure(`describe the task definition '${taskDefinition}'`, error);
  }
  const found = answer.taskDefinition;
  if (!found?.taskDefinitionArn) throw new ActionError(`DescribeTaskDefinition returned no task definition for '${taskDefinition}'.`);
  if (inputName && found.status && found.status !== 'ACTIVE') {
    throw new ActionError(
      `Invalid input '${inputName}': '${taskDefinition}' is ${found.status}, and ECS cannot deploy an inactive revision. Register it again, or name an ACTIVE revision.`,
    );
  }
  return { taskDefinition: found, tags: answer.tags ?? [] };
}

export async function registerTaskDefinition(ecs: ECSClient, request: RegisterTaskDefinitionCommandInput): Promise<string> {
  try {
    const answer = await ecs.send(new RegisterTaskDefinitionCommand(request));
    return answer.taskDefinition!.taskDefinitionArn!;
  } catch (error) {
    const message = errorMessage(error);
    const hint = /PassRole|Role is not valid/i.test(message) ? PASS_ROLE_HINT : undefined;
    throw awsFailure(`register a new revision of the task definition family '${request.family}'`, error, hint);
  }
}

/**
 * The service's current revision when it equals `request` (so no duplicate is registered),
 * otherwise undefined.
 */
export async function reusableRevision(
  ecs: ECSClient,
  request: RegisterTaskDefinitionCommandInput,
  current: string | undefined,
  budget?: RetryBudget,
): Promise<string | undefined> {
  if (!current) return undefined;
  const { taskDefinition, tags } = await describeTaskDefinition(ecs, current, { tags: true, budget });
  if (taskDefinition.family !== request.family) return undefined;
  return sameTaskDefinition(request, taskDefinition, tags) ? taskDefinition.taskDefinitionArn : undefined;
}
