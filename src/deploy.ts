/**
 * The deploy path's AWS calls: look at the service, register the revision (or reuse an
 * identical one), and start the deployment with UpdateService.
 */
import * as core from '@actions/core';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
  type ECSClient,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  type TaskDefinition,
  type Tag,
} from '@aws-sdk/client-ecs';
import { ActionError, awsErrorName, awsFailure, errorMessage } from './errors.js';
import type { CircuitBreakerSetting, Inputs } from './inputs.js';
import { sameTaskDefinition } from './task-definition-compare.js';

export function where(cluster: string, service: string): string {
  return `service '${service}' in cluster '${cluster}'`;
}

/** The service as it is now; refuses services this action cannot deploy safely. */
export async function describeService(ecs: ECSClient, cluster: string, service: string): Promise<Service> {
  let answer;
  try {
    answer = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  } catch (error) {
    throw awsFailure(
      `describe ${where(cluster, service)}`,
      error,
      awsErrorName(error) === 'ClusterNotFoundException'
        ? `The cluster '${cluster}' does not exist in this account and region: check the 'cluster' input and AWS_REGION.`
        : undefined,
    );
  }
  const found = answer.services?.find((candidate) => candidate.serviceName === service || candidate.serviceArn === service);
  if (!found || found.status === 'INACTIVE') {
    const reason = answer.failures?.[0]?.reason;
    throw new ActionError(
      `Could not find ${where(cluster, service)}${reason ? ` (AWS: ${reason})` : found ? ' (it was deleted)' : ''}. Check the 'service' and 'cluster' inputs and the region (${String(process.env.AWS_REGION ?? '')}).`,
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
    answer = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition, ...(options.tags && { include: ['TAGS'] }) }),
    );
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

const PASS_ROLE_HINT =
  "The role running this job must be allowed 'iam:PassRole' on the task definition's executionRoleArn and taskRoleArn (with condition iam:PassedToService = ecs-tasks.amazonaws.com).";

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

export function logService(service: Service): void {
  const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
  core.info(
    `Service ${service.serviceName}: ${service.taskDefinition}, ${service.runningCount}/${service.desiredCount} running, circuit breaker ${breaker?.enable ? (breaker.rollback ? 'on with rollback' : 'on without rollback') : 'off'}, ECS Exec ${service.enableExecuteCommand ? 'on' : 'off'}.`,
  );
}
