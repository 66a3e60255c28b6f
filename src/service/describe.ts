/**
 * Reading a service and its service deployments. Two contracts over one DescribeServices:
 * `serviceToDeploy` vets a service before anything is changed and words every error for the
 * user; `currentService` is the watch's poll, which lets SDK errors through so the poller can
 * tell a transient fault from a fatal one.
 */
import * as core from '@actions/core';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  type ECSClient,
  type ListServiceDeploymentsCommandInput,
  type Service,
  type ServiceDeployment,
  type ServiceDeploymentBrief,
} from '@aws-sdk/client-ecs';
import { CANCEL_LOOK_MS } from '../constants.js';
import { ActionError } from '../errors.js';
import { awsErrorName, awsFailure } from '../aws/errors.js';

export function where(cluster: string, service: string): string {
  return `service '${service}' in cluster '${cluster}'`;
}

/** The service is gone; there is nothing left to watch or roll back. */
export class ServiceGoneError extends ActionError {
  constructor(cluster: string, service: string, detail: string) {
    super(
      `Service '${service}' in cluster '${cluster}' ${detail}: it was deleted (or never existed), so there is nothing left to watch. Check who deleted it, then recreate it or fix the 'cluster'/'service' inputs.`,
    );
    this.name = 'ServiceGoneError';
  }
}

interface Lookup {
  found?: Service;
  /** DescribeServices' failure reason when the service was not among its answers. */
  failure?: string;
}

async function lookUp(ecs: ECSClient, cluster: string, service: string, signal?: AbortSignal): Promise<Lookup> {
  const answer = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }), { abortSignal: signal });
  const found = answer.services?.find((candidate) => candidate.serviceName === service || candidate.serviceArn === service);
  return { found, failure: answer.failures?.[0]?.reason };
}

/** The service as it is now; refuses services this action cannot deploy safely. */
export async function serviceToDeploy(ecs: ECSClient, cluster: string, service: string, region: string): Promise<Service> {
  let lookup: Lookup;
  try {
    lookup = await lookUp(ecs, cluster, service);
  } catch (error) {
    throw awsFailure(
      `describe ${where(cluster, service)}`,
      error,
      awsErrorName(error) === 'ClusterNotFoundException'
        ? `The cluster '${cluster}' does not exist in this account and region: check the 'cluster' input and AWS_REGION.`
        : undefined,
    );
  }
  const { found, failure } = lookup;
  if (!found || found.status === 'INACTIVE') {
    throw new ActionError(
      `Could not find ${where(cluster, service)}${failure ? ` (AWS: ${failure})` : found ? ' (it was deleted)' : ''}. Check the 'service' and 'cluster' inputs and the region (${region}).`,
    );
  }
  if (found.status === 'DRAINING') {
    throw new ActionError(`The ${where(cluster, service)} is being deleted (status DRAINING); it cannot be deployed to.`);
  }
  const controller = found.deploymentController?.type ?? 'ECS';
  if (controller !== 'ECS') {
    throw new ActionError(
      `The ${where(cluster, service)} uses the ${controller} deployment controller. This action deploys services on the ECS deployment controller (rolling, or ECS-native blue/green, linear and canary strategies). For ${controller === 'CODE_DEPLOY' ? 'CodeDeploy blue/green, deploy through CodeDeploy (e.g. aws-actions/amazon-ecs-deploy-task-definition with codedeploy-appspec)' : 'an EXTERNAL controller, deploy with your task sets'}, or migrate the service to the ECS controller.`,
    );
  }
  return found;
}

/** The service for one poll. SDK errors pass through unwrapped; a deleted service is a ServiceGoneError. */
export async function currentService(ecs: ECSClient, cluster: string, service: string, signal?: AbortSignal): Promise<Service> {
  const { found, failure } = await lookUp(ecs, cluster, service, signal);
  if (!found) throw new ServiceGoneError(cluster, service, `was not found (${failure ?? 'no answer'})`);
  if (found.status === 'INACTIVE' || found.status === 'DRAINING') {
    throw new ServiceGoneError(cluster, service, `is ${found.status}`);
  }
  return found;
}

/** Undefined when ECS does not know the ARN (yet). */
export async function describeServiceDeployment(
  ecs: ECSClient,
  serviceDeploymentArn: string,
  signal?: AbortSignal,
): Promise<ServiceDeployment | undefined> {
  const answer = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [serviceDeploymentArn] }), {
    abortSignal: signal,
  });
  return answer.serviceDeployments?.find((found) => found.serviceDeploymentArn === serviceDeploymentArn);
}

/** ListServiceDeployments pages read at most (100 each); more is history no decision here needs. */
const MAX_DEPLOYMENT_PAGES = 10;

/**
 * Every page of ListServiceDeployments for `filter`, in whatever order ECS gives them: the API
 * documents no order, so callers sort by time themselves. SDK errors pass through.
 */
export async function listServiceDeployments(
  ecs: ECSClient,
  filter: Omit<ListServiceDeploymentsCommandInput, 'nextToken' | 'maxResults'>,
  signal?: AbortSignal,
): Promise<ServiceDeploymentBrief[]> {
  const briefs: ServiceDeploymentBrief[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_DEPLOYMENT_PAGES; page++) {
    const answer = await ecs.send(new ListServiceDeploymentsCommand({ ...filter, maxResults: 100, ...(nextToken && { nextToken }) }), { abortSignal: signal });
    briefs.push(...(answer.serviceDeployments ?? []));
    nextToken = answer.nextToken;
    if (!nextToken) break;
  }
  return briefs;
}

/** The task definition of each service revision (at most 20 ARNs, DescribeServiceRevisions' limit). SDK errors pass through. */
export async function revisionTaskDefinitions(ecs: ECSClient, serviceRevisionArns: string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const answer = await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns }), { abortSignal: signal });
  return new Map(
    (answer.serviceRevisions ?? []).flatMap((revision) =>
      revision.serviceRevisionArn && revision.taskDefinition ? [[revision.serviceRevisionArn, revision.taskDefinition] as const] : [],
    ),
  );
}

/**
 * One quick look after a cancel (the runner allows a few seconds): the service and, when known,
 * its service deployment, or undefined when they cannot be read in time.
 */
export async function glanceAfterCancel(
  ecs: ECSClient,
  cluster: string,
  service: string,
  serviceDeploymentArn?: string,
): Promise<{ service: Service; serviceDeployment?: ServiceDeployment } | undefined> {
  const signal = AbortSignal.timeout(CANCEL_LOOK_MS);
  try {
    const found = await currentService(ecs, cluster, service, signal);
    return { service: found, serviceDeployment: serviceDeploymentArn ? await describeServiceDeployment(ecs, serviceDeploymentArn, signal) : undefined };
  } catch {
    return undefined;
  }
}

export function logService(service: Service): void {
  const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
  core.info(
    `Service ${service.serviceName}: ${service.taskDefinition}, ${service.runningCount}/${service.desiredCount} running, circuit breaker ${breaker?.enable ? (breaker.rollback ? 'on with rollback' : 'on without rollback') : 'off'}, ECS Exec ${service.enableExecuteCommand ? 'on' : 'off'}.`,
  );
}
