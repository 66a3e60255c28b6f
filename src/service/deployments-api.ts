/**
 * A BLUE_GREEN, LINEAR or CANARY deployment, or one with lifecycle hooks, can only be judged
 * through the Service Deployments API: its stages, its hooks and its SUCCESSFUL come from there,
 * and `deployments[]` is no verdict while the service deployment is IN_PROGRESS (reference
 * ecs-strategies-tasks-logs.md, section 2). A rolling deployment can fall back to
 * `deployments[].rolloutState`; these cannot, so the action asks once before it changes anything.
 */
import { ListServiceDeploymentsCommand, type DeploymentConfiguration, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import { shortRevision } from '../aws/arn.js';
import { awsErrorName, isServiceDeploymentsUnavailable } from '../aws/errors.js';
import { ActionError, errorMessage } from '../errors.js';
import { STAGED_STRATEGIES } from '../watch/stages.js';
import { where } from './describe.js';

/** Why the service's deployments need the Service Deployments API, or undefined when a rolling fallback exists. */
export function needsServiceDeployments(configuration: DeploymentConfiguration | undefined): string | undefined {
  if (configuration?.strategy && STAGED_STRATEGIES.has(configuration.strategy)) return `deploys with the ${configuration.strategy} strategy`;
  if ((configuration?.lifecycleHooks ?? []).length > 0) return 'has lifecycle hooks';
  return undefined;
}

/** Refuses, before anything is written, a deployment this job could not watch to a true verdict. */
export async function requireServiceDeployments(ecs: ECSClient, cluster: string, service: Service, signal?: AbortSignal): Promise<void> {
  const why = needsServiceDeployments(service.deploymentConfiguration);
  if (!why) return;
  try {
    await ecs.send(new ListServiceDeploymentsCommand({ cluster, service: service.serviceName, maxResults: 1 }), { abortSignal: signal });
  } catch (error) {
    if (!isServiceDeploymentsUnavailable(error)) return;
    throw new ActionError(
      `Did not deploy to ${where(cluster, service.serviceName!)}: the service ${why}, whose stages, hooks and verdict only the ECS Service Deployments API shows ` +
        `(deployments[] is no verdict until the service deployment ends), and this job may not use it (${awsErrorName(error) ?? 'error'}: ${errorMessage(error)}). ` +
        `Nothing was changed: the service runs ${shortRevision(service.taskDefinition)}. ` +
        'Grant ecs:ListServiceDeployments, ecs:DescribeServiceDeployments and ecs:DescribeServiceRevisions to the role this job runs as.',
    );
  }
}
