/**
 * The two writes a rollback makes: a StopServiceDeployment that rolls back, or an UpdateService
 * to an older revision. Transient faults are retried within the rollback's budget: a throttled
 * rollback is still a rollback to make.
 */
import { StopServiceDeploymentCommand, UpdateServiceCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import { awsFailure, isAccessDenied } from '../aws/errors.js';
import { shortRevision } from '../aws/arn.js';
import { retryTransient, type RetryBudget } from '../aws/retry.js';
import type { WatchTarget } from '../watch/types.js';

export interface RevisionRequest {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
}

/** Forces a new deployment so the revision's tasks are replaced even when the service already names it. */
export async function updateServiceRevision(ecs: ECSClient, request: RevisionRequest, budget: RetryBudget): Promise<Service> {
  const attempt = `update service ${request.cluster}/${request.service} to ${shortRevision(request.taskDefinitionArn)}`;
  try {
    const answer = await retryTransient(
      attempt,
      () =>
        ecs.send(
          new UpdateServiceCommand({
            cluster: request.cluster,
            service: request.service,
            taskDefinition: request.taskDefinitionArn,
            forceNewDeployment: true,
          }),
        ),
      budget,
    );
    if (!answer.service) throw new Error('UpdateService answered without a service');
    return answer.service;
  } catch (error) {
    throw awsFailure(attempt, error);
  }
}

/** Rolls back to the revision before the deployment, which works even where rollback is not configured. */
export async function stopWithRollback(ecs: ECSClient, serviceDeploymentArn: string, budget: RetryBudget): Promise<void> {
  const attempt = `stop service deployment ${serviceDeploymentArn} with a rollback`;
  try {
    await retryTransient(attempt, () => ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn, stopType: 'ROLLBACK' })), budget);
  } catch (error) {
    throw awsFailure(attempt, error, isAccessDenied(error) ? "Grant 'ecs:StopServiceDeployment' to the role this job runs as." : undefined);
  }
}

/** Where the service stood before a redeploy: the revision it ran and its current service deployment. */
export type ServiceBefore = Pick<Service, 'taskDefinition' | 'currentServiceDeployment'>;

/** Sends the UpdateService of a redeploy and returns what watching it needs. */
export async function startRedeploy(
  ecs: ECSClient,
  request: RevisionRequest,
  before: ServiceBefore | undefined,
  budget: RetryBudget,
): Promise<WatchTarget> {
  const updatedAt = new Date(budget.clock.now());
  const updateResponse = await updateServiceRevision(ecs, request, budget);
  return {
    ...request,
    previousTaskDefinitionArn: before?.taskDefinition,
    updatedAt,
    updateResponse,
    previousServiceDeploymentArn: before?.currentServiceDeployment,
  };
}
