/** Which revision mode 'rollback' returns to: 'previous' (the last successful deployment of another revision) or one named. */
import * as core from '@actions/core';
import {
  ListTaskDefinitionsCommand,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import { ActionError, errorMessage } from '../errors.js';
import { awsFailure, isServiceDeploymentsUnavailable } from '../aws/errors.js';
import { shortRevision } from '../aws/arn.js';
import { listServiceDeployments, revisionTaskDefinitions, serviceToDeploy } from '../service/describe.js';
import { describeTaskDefinition } from '../task-definition/register.js';

/** DescribeServiceRevisions takes at most 20 ARNs; the newest 20 successful deployments are plenty to look back on. */
const MAX_REVISIONS = 20;
/** ListTaskDefinitions pages (100 revisions each) to read when looking for an older revision. */
const MAX_PAGES = 5;
const TASK_DEFINITION_ARN = /task-definition\/([A-Za-z0-9_-]+):(\d+)$/;

/** mode 'rollback': resolves 'previous' or an explicit revision to a full task definition ARN. */
export async function resolveRollbackTarget(
  ecs: ECSClient,
  cluster: string,
  service: string,
  rollbackTo: string,
  region: string,
): Promise<{ target: string; current: string; currentServiceDeployment?: string }> {
  // The deploy path's lookup: it also refuses services this action cannot deploy to.
  const found = await serviceToDeploy(ecs, cluster, service, region);
  const current = found.taskDefinition;
  if (!current) throw new ActionError(`Service ${cluster}/${service} names no task definition, so there is nothing to roll back from.`);
  const currentServiceDeployment = found.currentServiceDeployment;
  if (rollbackTo !== 'previous') return { target: await confirmRevision(ecs, rollbackTo), current, currentServiceDeployment };
  const target = (await lastSuccessfulBefore(ecs, found, cluster, service)) ?? (await olderInFamily(ecs, current));
  if (!target) {
    throw new ActionError(
      `No revision to roll back to: service ${cluster}/${service} runs ${shortRevision(current)}, ECS records no earlier successful deployment of another revision, and the family has no ACTIVE revision older than it. Set 'rollback-to' to the revision you want.`,
    );
  }
  core.info(`Rolling back ${cluster}/${service} from ${shortRevision(current)} to ${shortRevision(target)}.`);
  return { target, current, currentServiceDeployment };
}

async function confirmRevision(ecs: ECSClient, revision: string): Promise<string> {
  const { taskDefinition } = await describeTaskDefinition(ecs, revision, { inputName: 'rollback-to' });
  return taskDefinition.taskDefinitionArn!;
}

/**
 * The revision of the newest SUCCESSFUL service deployment that deployed something other than
 * what runs now, from the Service Deployments API (every page, ordered by time here); undefined
 * when the API has none or is denied.
 */
async function lastSuccessfulBefore(ecs: ECSClient, service: Service, cluster: string, name: string): Promise<string | undefined> {
  try {
    const successful = await listServiceDeployments(ecs, { cluster, service: name, status: ['SUCCESSFUL'] });
    const revisionArns = [
      ...new Set(
        successful
          .filter((brief) => brief.serviceDeploymentArn !== service.currentServiceDeployment && brief.targetServiceRevisionArn)
          .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))
          .map((brief) => brief.targetServiceRevisionArn!),
      ),
    ].slice(0, MAX_REVISIONS);
    if (revisionArns.length === 0) return undefined;
    const taskDefinitions = await revisionTaskDefinitions(ecs, revisionArns);
    return revisionArns.map((arn) => taskDefinitions.get(arn)).find((arn) => arn && arn !== service.taskDefinition);
  } catch (error) {
    if (!isServiceDeploymentsUnavailable(error)) throw awsFailure(`read the earlier service deployments of ${cluster}/${name}`, error);
    core.warning(
      `The ECS Service Deployments API is not available to this job (${errorMessage(error)}); taking the newest older revision of the family instead. Grant ecs:ListServiceDeployments and ecs:DescribeServiceRevisions for the last successful one.`,
    );
    return undefined;
  }
}

/** The newest ACTIVE revision of the same family older than `current`. */
async function olderInFamily(ecs: ECSClient, current: string): Promise<string | undefined> {
  const parsed = TASK_DEFINITION_ARN.exec(current);
  if (!parsed) return undefined;
  const [, family, revisionText] = parsed;
  const revision = Number(revisionText);
  let nextToken: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE', sort: 'DESC', nextToken }));
      // familyPrefix also matches longer families ('web' finds 'web-worker'), so compare the family exactly.
      const older = (answer.taskDefinitionArns ?? []).find((arn) => {
        const match = TASK_DEFINITION_ARN.exec(arn);
        return match?.[1] === family && Number(match[2]) < revision;
      });
      if (older) return older;
      nextToken = answer.nextToken;
      if (!nextToken) return undefined;
    }
  } catch (error) {
    throw awsFailure(`list the ACTIVE revisions of task definition family '${family}'`, error);
  }
  return undefined;
}
