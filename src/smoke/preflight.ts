/**
 * What must hold before ExecuteCommand can work, checked from the ECS API so that each
 * failure names its fix instead of surfacing as an opaque TargetNotConnectedException.
 * After amazon-ecs-exec-checker; shared/reference/ecs-deployments.md "ECS Exec prerequisites".
 */
import * as core from '@actions/core';
import { type Container, type ContainerDefinition, DescribeClustersCommand, type ECSClient, type Task, type TaskDefinition } from '@aws-sdk/client-ecs';
import type { Clock } from '../clock.js';
import { EXEC_AGENT } from '../constants.js';
import { ActionError } from '../errors.js';
import { awsFailure } from '../aws/errors.js';
import { lastSegment } from '../aws/arn.js';
import { inert } from '../untrusted.js';
import { type RetryBudget, retryTransient } from '../aws/retry.js';
import { describeTasks, goneReason, TaskGoneError } from './tasks.js';

export const AGENT_POLL_MS = 5000;

/**
 * Raised for what a later attempt may not meet (the agent not running yet, a dropped session);
 * smoke-retries applies. `commandStarted`: ExecuteCommand had succeeded, so the agent may be
 * running the command to its end whatever became of the session, and another attempt may run it twice.
 */
export class TransientExecError extends ActionError {
  constructor(
    message: string,
    readonly commandStarted = false,
  ) {
    super(message);
    this.name = 'TransientExecError';
  }
}

/** The IAM policy the task role needs for ECS Exec, to print where it is missing. */
export function taskRolePolicy(kmsKeyId?: string): string {
  const statements: object[] = [
    {
      Effect: 'Allow',
      Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
      Resource: '*',
    },
  ];
  if (kmsKeyId) statements.push({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: kmsKeyId });
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** The cluster's exec KMS key, if it sets one: then every session starts with a KMS handshake. */
export async function clusterExecKmsKey(ecs: ECSClient, cluster: string, budget: RetryBudget): Promise<string | undefined> {
  const attempt = `describe cluster '${cluster}'`;
  try {
    const request = { clusters: [cluster], include: ['CONFIGURATIONS' as const] };
    const answer = await retryTransient(`DescribeClusters (${attempt})`, () => ecs.send(new DescribeClustersCommand(request)), budget);
    const found = answer.clusters?.[0];
    if (!found || found.status === 'INACTIVE') {
      const reason = answer.failures?.[0]?.reason ?? found?.status ?? 'MISSING';
      throw new ActionError(`Could not ${attempt}: ${reason}. Check 'cluster' names an active cluster in this region.`);
    }
    return found.configuration?.executeCommandConfiguration?.kmsKeyId || undefined;
  } catch (error) {
    throw awsFailure(attempt, error);
  }
}


/** `smoke-container`, or the first essential container (containers are essential unless marked otherwise). */
export function chooseContainer(taskDefinition: TaskDefinition, name?: string): ContainerDefinition {
  const containers = taskDefinition.containerDefinitions ?? [];
  const names = containers.map((c) => `'${c.name}'`).join(', ') || 'none';
  const family = `${taskDefinition.family}:${taskDefinition.revision}`;
  if (name !== undefined) {
    const named = containers.find((c) => c.name === name);
    if (!named) throw new ActionError(`smoke-container '${name}' is not a container of ${family}; its containers are ${names}.`);
    return named;
  }
  const essential = containers.find((c) => c.essential !== false);
  if (!essential) throw new ActionError(`${family} has no essential container to smoke-check (containers: ${names}); set smoke-container.`);
  return essential;
}

/** Settings of the task definition that stop the exec agent; warnings for the ones that only hurt. */
export function checkTaskDefinition(taskDefinition: TaskDefinition, container: ContainerDefinition, kmsKeyId?: string): void {
  const family = `${taskDefinition.family}:${taskDefinition.revision}`;
  if (container.readonlyRootFilesystem) {
    throw new ActionError(
      `Container '${container.name}' of ${family} sets readonlyRootFilesystem: true, which keeps the ECS Exec agent from starting. Set it to false (or mount writable volumes the agent needs) to smoke-check this container.`,
    );
  }
  if (!taskDefinition.taskRoleArn) {
    throw new ActionError(
      `${family} has no task role, and the ECS Exec agent needs one. Set taskRoleArn to a role with this policy, then deploy again:\n${taskRolePolicy(kmsKeyId)}`,
    );
  }
  if (!container.linuxParameters?.initProcessEnabled) {
    core.warning(
      `Container '${container.name}' of ${family} does not set linuxParameters.initProcessEnabled: true; processes started by ECS Exec may be left behind as zombies.`,
    );
  }
}

function fargateTooOld(task: Task): boolean {
  if (task.launchType !== 'FARGATE' || !task.platformVersion || task.platformFamily === 'WINDOWS') return false;
  const [major, minor] = task.platformVersion.split('.').map(Number);
  return Number.isFinite(major) && (major < 1 || (major === 1 && minor < 4));
}

/** The task's exec readiness, read once. `wait` means the agent is still starting. */
export function execReadiness(task: Task, containerName: string, kmsKeyId?: string): { ready: Container } | { wait: string } {
  const id = lastSegment(task.taskArn ?? '');
  const gone = goneReason(task);
  if (gone) throw new TaskGoneError(task.taskArn ?? '', gone);
  if (!task.enableExecuteCommand) {
    throw new ActionError(
      `Task ${id} was started without ECS Exec (enableExecuteCommand is false). Set enable-execute-command: true (or the service's enableExecuteCommand) and force a new deployment: tasks started before it was set cannot be reached.`,
    );
  }
  if (fargateTooOld(task)) {
    throw new ActionError(`Task ${id} runs on Fargate platform ${task.platformVersion}; ECS Exec needs 1.4.0 or later. Set the service's platformVersion to LATEST or 1.4.0.`);
  }
  const container = task.containers?.find((c) => c.name === containerName);
  if (!container) {
    const names = (task.containers ?? []).map((c) => `'${c.name}'`).join(', ');
    throw new ActionError(`Task ${id} has no container '${containerName}' (it has ${names}).`);
  }
  const agent = container.managedAgents?.find((a) => a.name === EXEC_AGENT);
  if (agent?.lastStatus === 'RUNNING') return { ready: container };
  if (agent?.lastStatus === 'STOPPED') {
    throw new ActionError(
      `The ECS Exec agent in container '${containerName}' of task ${id} stopped${agent.reason ? `: ${agent.reason}` : ''}. It needs a writable root filesystem and a task role with this policy:\n${taskRolePolicy(kmsKeyId)}`,
    );
  }
  return { wait: `the ECS Exec agent in container '${containerName}' of task ${id} is ${agent?.lastStatus ?? 'not reported yet'}` };
}

export interface AgentWait {
  cluster: string;
  taskArn: string;
  container: string;
  kmsKeyId?: string;
  clock: Clock;
  /** Clock time after which a still-starting agent is given up on. */
  deadline: number;
  signal?: AbortSignal;
}

/** Re-reads the task until the exec agent in the container is RUNNING; returns that container. */
export async function waitForExecAgent(ecs: ECSClient, wait: AgentWait): Promise<Container> {
  let logged = false;
  for (;;) {
    const [task] = await describeTasks(ecs, wait.cluster, [wait.taskArn], wait);
    if (!task) throw new TaskGoneError(wait.taskArn, goneReason(task)!);
    const state = execReadiness(task, wait.container, wait.kmsKeyId);
    if ('ready' in state) return state.ready;
    const now = wait.clock.now();
    if (now >= wait.deadline || wait.signal?.aborted) {
      throw new TransientExecError(`Gave up waiting: ${state.wait}. The agent usually starts within a minute of the container; raise smoke-timeout-seconds if it needs longer.`);
    }
    if (!logged) core.info(inert(`Waiting: ${state.wait}.`));
    logged = true;
    await wait.clock.sleep(Math.min(AGENT_POLL_MS, wait.deadline - now), wait.signal);
  }
}
