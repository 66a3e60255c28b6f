/**
 * The RunTask request of the release task: the revision, where the service runs (its network
 * configuration, launch type or capacity provider strategy, platform version, from
 * DescribeServices), the inputs over those, and the command on the judged container.
 */
import type { AwsVpcConfiguration, ContainerOverride, RunTaskCommandInput, Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { randomUUID } from 'node:crypto';
import { ActionError } from '../errors.js';
import type { RunTaskInputs } from './inputs.js';

/** The container whose command is set and whose exit code decides: the named one, else the first essential one. */
export function judgedContainer(taskDefinition: TaskDefinition, named?: string): string {
  const containers = taskDefinition.containerDefinitions ?? [];
  if (named) {
    if (!containers.some((c) => c.name === named)) {
      throw new ActionError(
        `Invalid input 'run-task-container': '${named}'. Expected a container of ${taskDefinition.family}:${taskDefinition.revision} (${containers.map((c) => `'${c.name}'`).join(', ')}).`,
      );
    }
    return named;
  }
  const first = containers.find((c) => c.essential !== false) ?? containers[0];
  return first?.name ?? '';
}

function overrides(runTask: RunTaskInputs, container: string): ContainerOverride[] {
  const list = runTask.containerOverrides.map((o) => ({ ...o }));
  if (runTask.command) {
    const own = list.find((o) => o.name === container);
    if (own) own.command = runTask.command;
    else list.push({ name: container, command: runTask.command });
  }
  return list;
}

function network(runTask: RunTaskInputs, service: Service | undefined, taskDefinition: TaskDefinition): AwsVpcConfiguration | undefined {
  const own = service?.networkConfiguration?.awsvpcConfiguration;
  const subnets = runTask.subnets ?? own?.subnets;
  if (taskDefinition.networkMode !== 'awsvpc') return undefined;
  if (!subnets?.length) {
    throw new ActionError(
      `Invalid input 'run-task-subnets': ''. Expected the subnets to run the task in: ${taskDefinition.family} uses the awsvpc network mode${service ? `, and service ${service.serviceName} has no network configuration` : ' and no service was given to take them from'} (set run-task-subnets, and run-task-security-groups and run-task-assign-public-IP as needed).`,
    );
  }
  const securityGroups = runTask.securityGroups ?? own?.securityGroups;
  const assignPublicIp = runTask.assignPublicIp ?? own?.assignPublicIp;
  return { subnets, ...(securityGroups?.length ? { securityGroups } : {}), ...(assignPublicIp ? { assignPublicIp } : {}) };
}

export function runTaskRequest(params: {
  cluster: string;
  taskDefinition: TaskDefinition;
  service?: Service;
  runTask: RunTaskInputs;
  container: string;
}): RunTaskCommandInput {
  const { cluster, taskDefinition, service, runTask, container } = params;
  const vpc = network(runTask, service, taskDefinition);
  const ownPlacement = runTask.launchType === undefined && runTask.capacityProviderStrategy === undefined;
  const launchType = runTask.launchType ?? (ownPlacement && !service?.capacityProviderStrategy?.length ? service?.launchType : undefined);
  const capacityProviderStrategy = runTask.capacityProviderStrategy ?? (ownPlacement && service?.capacityProviderStrategy?.length ? service.capacityProviderStrategy : undefined);
  const containerOverrides = overrides(runTask, container);
  return {
    cluster,
    taskDefinition: taskDefinition.taskDefinitionArn,
    count: 1,
    ...(launchType ? { launchType } : {}),
    ...(capacityProviderStrategy ? { capacityProviderStrategy } : {}),
    // The service's platform version applies where it runs; a launch type of the user's own gets ECS's default.
    ...(ownPlacement && service?.platformVersion ? { platformVersion: service.platformVersion } : {}),
    ...(vpc ? { networkConfiguration: { awsvpcConfiguration: vpc } } : {}),
    ...(containerOverrides.length > 0 ? { overrides: { containerOverrides } } : {}),
    startedBy: runTask.startedBy,
    // RunTask is not idempotent without it: an SDK retry after a lost answer would start a second task.
    clientToken: randomUUID(),
  };
}

/**
 * What the judged container runs when no command override is set for it: the task definition's
 * entryPoint and command, else the image's own. The list shows them in JSON, as the task
 * definition holds them. Undefined when an override sets the command.
 */
export function ownCommand(taskDefinition: TaskDefinition, runTask: RunTaskInputs, container: string): string | undefined {
  if (runTask.command || runTask.containerOverrides.some((o) => o.name === container && o.command)) return undefined;
  const definition = taskDefinition.containerDefinitions?.find((c) => c.name === container);
  const entryPoint = definition?.entryPoint?.length ? JSON.stringify(definition.entryPoint) : undefined;
  const command = definition?.command?.length ? JSON.stringify(definition.command) : undefined;
  if (entryPoint && command) return `the task definition's entryPoint ${entryPoint} with command ${command}`;
  if (entryPoint) return `the task definition's entryPoint ${entryPoint} (with the image's CMD as its arguments, if any)`;
  if (command) return `the task definition's command ${command} (after the image's ENTRYPOINT, if any)`;
  return "the image's own CMD/ENTRYPOINT (the task definition sets neither command nor entryPoint)";
}
