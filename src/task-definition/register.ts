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
import { sameTaskDefinition } from './compare.js';

/**
 * A registered revision. With `inputName` it is one a user named to deploy ('task-definition-arn',
 * 'rollback-to'): it must exist and be ACTIVE, and a failure is reported against that input.
 * `tags` adds the revision's tags (skip-unchanged compares them).
 */
export async function describeTaskDefinition(
  ecs: ECSClient,
  taskDefinition: string,
  options: { inputName?: string; tags?: boolean } = {},
): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] }> {
  const { inputName } = options;
  let answer;
  try {
    answer = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition, ...(options.tags && { include: ['TAGS'] }) }));
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
): Promise<string | undefined> {
  if (!current) return undefined;
  const { taskDefinition, tags } = await describeTaskDefinition(ecs, current, { tags: true });
  if (taskDefinition.family !== request.family) return undefined;
  return sameTaskDefinition(request, taskDefinition, tags) ? taskDefinition.taskDefinitionArn : undefined;
}
