/** The deployment's one write: UpdateService to the new revision, with the circuit breaker merged in. */
import { UpdateServiceCommand, type DeploymentConfiguration, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import { errorMessage } from '../errors.js';
import { awsErrorName, awsFailure, PASS_ROLE_HINT } from '../aws/errors.js';
import type { CircuitBreakerSetting, Inputs } from '../inputs.js';
import { where } from './describe.js';

export function circuitBreakerConfiguration(
  current: DeploymentConfiguration | undefined,
  setting: CircuitBreakerSetting,
): DeploymentConfiguration | undefined {
  if (setting === 'keep') return undefined;
  // Everything the user set (percentages, alarms, strategy, thresholds) is sent back as it is.
  return {
    ...current,
    deploymentCircuitBreaker: {
      ...current?.deploymentCircuitBreaker,
      enable: true,
      rollback: setting === 'rollback',
    },
  };
}

export interface UpdateRequest {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  current: Service;
  inputs: Pick<
    Inputs,
    'desiredCount' | 'forceNewDeployment' | 'enableExecuteCommand' | 'circuitBreaker' | 'propagateTags' | 'enableEcsManagedTags'
  >;
}

export async function updateService(ecs: ECSClient, request: UpdateRequest): Promise<Service> {
  const { cluster, service, taskDefinitionArn, current, inputs } = request;
  const deploymentConfiguration = circuitBreakerConfiguration(current.deploymentConfiguration, inputs.circuitBreaker);
  try {
    const answer = await ecs.send(
      new UpdateServiceCommand({
        cluster,
        service,
        taskDefinition: taskDefinitionArn,
        forceNewDeployment: inputs.forceNewDeployment,
        enableExecuteCommand: inputs.enableExecuteCommand,
        ...(inputs.desiredCount !== undefined && { desiredCount: inputs.desiredCount }),
        ...(deploymentConfiguration && { deploymentConfiguration }),
        ...(inputs.propagateTags && { propagateTags: inputs.propagateTags }),
        ...(inputs.enableEcsManagedTags !== undefined && { enableECSManagedTags: inputs.enableEcsManagedTags }),
      }),
    );
    return answer.service!;
  } catch (error) {
    const name = awsErrorName(error);
    const hint =
      name === 'ServiceNotFoundException' || name === 'ServiceNotActiveException'
        ? `Check the 'service' ('${service}') and 'cluster' ('${cluster}') inputs.`
        : /PassRole/i.test(errorMessage(error))
          ? PASS_ROLE_HINT
          : undefined;
    throw awsFailure(`update ${where(cluster, service)} to ${taskDefinitionArn}`, error, hint);
  }
}
