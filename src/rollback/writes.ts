/** The two writes a rollback makes: a StopServiceDeployment that rolls back, or an UpdateService to an older revision. */
import { StopServiceDeploymentCommand, UpdateServiceCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import { awsFailure, isAccessDenied } from '../aws/errors.js';
import { shortRevision } from '../aws/arn.js';
import type { Clock } from '../clock.js';
import type { WatchTarget } from '../watch/observer.js';

export interface RevisionRequest {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
}

/** Forces a new deployment so the revision's tasks are replaced even when the service already names it. */
export async function updateServiceRevision(ecs: ECSClient, request: RevisionRequest): Promise<Service> {
  try {
    const answer = await ecs.send(
      new UpdateServiceCommand({
        cluster: request.cluster,
        service: request.service,
        taskDefinition: request.taskDefinitionArn,
        forceNewDeployment: true,
      }),
    );
    if (!answer.service) throw new Error('UpdateService answered without a service');
    return answer.service;
  } catch (error) {
    throw awsFailure(`update service ${request.cluster}/${request.service} to ${shortRevision(request.taskDefinitionArn)}`, error);
  }
}

/** Rolls back to the revision before the deployment, which works even where rollback is not configured. */
export async function stopWithRollback(ecs: ECSClient, serviceDeploymentArn: string): Promise<void> {
  try {
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn, stopType: 'ROLLBACK' }));
  } catch (error) {
    throw awsFailure(
      `stop service deployment ${serviceDeploymentArn} with a rollback`,
      error,
      isAccessDenied(error) ? "Grant 'ecs:StopServiceDeployment' to the role this job runs as." : undefined,
    );
  }
}

/** Where the service stood before a redeploy: the revision it ran and its current service deployment. */
export type ServiceBefore = Pick<Service, 'taskDefinition' | 'currentServiceDeployment'>;

/** Sends the UpdateService of a redeploy and returns what watching it needs. */
export async function startRedeploy(
  ecs: ECSClient,
  request: RevisionRequest,
  before: ServiceBefore | undefined,
  clock: Clock,
): Promise<WatchTarget> {
  const updatedAt = new Date(clock.now());
  const updateResponse = await updateServiceRevision(ecs, request);
  return {
    ...request,
    previousTaskDefinitionArn: before?.taskDefinition,
    updatedAt,
    updateResponse,
    previousServiceDeploymentArn: before?.currentServiceDeployment,
  };
}
