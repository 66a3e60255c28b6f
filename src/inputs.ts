import * as path from 'node:path';
import { configuredEndpoint, isLoopbackEndpoint } from './aws/endpoint.js';
import { InputError } from './errors.js';
import { bool, number, oneOf, optionalBool, pairs, parseNumber, text, type InputReader } from './input-values.js';
import { runTaskInputs, type RunTaskInputs } from './release-task/inputs.js';
import type { ScheduledTasksMode } from './schedules/types.js';
import { releaseInputs, type ReleaseInputs } from './release/inputs.js';
import { GREEN_PAUSE_STAGES } from './watch/stages.js';

export type Mode = 'deploy' | 'rollback' | 'smoke' | 'run-task';
export type CircuitBreakerSetting = 'rollback' | 'detect' | 'keep';
export type PropagateTags = 'TASK_DEFINITION' | 'SERVICE' | 'NONE';
export type ExecClient = 'native' | 'session-manager-plugin';

export interface ImageOverride {
  container: string;
  image: string;
}

export interface Tag {
  key: string;
  value: string;
}

export interface SmokeInputs {
  command: string;
  /** Undefined: the first essential container of the task definition. */
  container?: string;
  tasks: number | 'all';
  timeoutSeconds: number;
  retries: number;
  expect?: RegExp;
  /** Absolute path of the wrapping shell, or 'none' for images without one. */
  shell: string;
  client: ExecClient;
}

export interface Inputs {
  mode: Mode;
  /** The 'task-definition' input as written, for messages. */
  taskDefinitionInput?: string;
  /** Absolute path of the task definition file: the input resolved against the workspace. */
  taskDefinitionPath?: string;
  /** A registered revision to deploy instead of a file: `family:rev` or an ARN. */
  taskDefinitionArn?: string;
  containerImages: ImageOverride[];
  cluster: string;
  service?: string;
  desiredCount?: number;
  forceNewDeployment: boolean;
  enableExecuteCommand: boolean;
  circuitBreaker: CircuitBreakerSetting;
  verifyImages: boolean;
  /** Check that each container runs the image digest recorded at registration (src/digests/). */
  verifyDigests: boolean;
  skipUnchanged: boolean;
  taskDefinitionTags: Tag[];
  propagateTags?: PropagateTags;
  enableEcsManagedTags?: boolean;
  /** The SDK's total attempts per request (first try included), from 'max-retries'. */
  maxAttempts: number;
  waitForServiceStability: boolean;
  waitForMinutes: number;
  pollIntervalSeconds: number;
  rollbackOnFailure: boolean;
  failFast: boolean;
  /** 'previous', or a revision (`family:rev` / ARN). */
  rollbackTo: string;
  /** Undefined when no smoke command is set. */
  smoke?: SmokeInputs;
  /** 'auto': at a PAUSE hook of our deployment, verify the green tasks and answer it; 'after-deploy': only after the deployment completes. */
  smokeStage: SmokeStage;
  /** The hook stages whose PAUSE hooks the action answers after checking the green tasks; pauses elsewhere are left to their owner. */
  pauseStages: ReadonlySet<string>;
  /** The one-off task: set with run-task 'true' (before the update) and in mode 'run-task'. */
  runTask?: RunTaskInputs;
  /** How many of a failed container's last log lines an explanation shows; 0 shows none. */
  logLines: number;
  /** mode 'deploy': the EventBridge rules and Scheduler schedules that run the family. */
  scheduledTasks: ScheduledTasksMode;
  /** The services of the release: the 'services' list, or the one-item list of 'service'. */
  release: ReleaseInputs<SmokeInputs>;
}

export type SmokeStage = 'auto' | 'after-deploy';

export type { InputReader } from './input-values.js';

/** Polling AWS more often than this spends the account's shared ECS request budget for nothing. */
const AWS_MIN_POLL_SECONDS = 1;

function pollInterval(read: InputReader, endpoint: string | undefined): number {
  const seconds = number(read, 'poll-interval-seconds', 5, { min: 0.01, max: 300 });
  if (seconds < AWS_MIN_POLL_SECONDS && !isLoopbackEndpoint(endpoint)) {
    throw new InputError(
      'poll-interval-seconds',
      text(read, 'poll-interval-seconds')!,
      `a number from ${AWS_MIN_POLL_SECONDS} to 300 against AWS (below ${AWS_MIN_POLL_SECONDS} only when AWS_ENDPOINT_URL points at this machine, as for the local emulator; it is ${endpoint ? `'${endpoint}'` : 'not set'})`,
    );
  }
  return seconds;
}

function containerImages(read: InputReader): ImageOverride[] {
  const seen = new Set<string>();
  return pairs(read, 'container-images', 'container=image').map(([container, image]) => {
    if (seen.has(container)) {
      throw new InputError('container-images', container, 'each container named at most once');
    }
    seen.add(container);
    if (/\s/.test(image)) throw new InputError('container-images', image, 'an image reference without spaces');
    return { container, image };
  });
}

function tags(read: InputReader): Tag[] {
  const result = pairs(read, 'task-definition-tags', 'key=value').map(([key, value]) => ({ key, value }));
  if (result.length > 50) {
    throw new InputError('task-definition-tags', `${result.length} tags`, 'at most 50 tags (the ECS limit)');
  }
  return result;
}

const REVISION = /^(arn:aws[\w-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/)?[A-Za-z0-9_-]{1,255}:\d+$/;

function revision(name: string, value: string): string {
  if (!REVISION.test(value)) {
    throw new InputError(
      name,
      value,
      "a task definition revision as 'family:revision' or 'arn:aws:ecs:<region>:<account>:task-definition/family:revision'",
    );
  }
  return value;
}

function taskDefinitionFile(read: InputReader, workspace: string): { input?: string; path?: string } {
  const input = text(read, 'task-definition');
  return input === undefined ? {} : { input, path: path.resolve(workspace, input) };
}

function smoke(read: InputReader): SmokeInputs | undefined {
  const command = read('smoke-command').trim();
  return command === '' ? undefined : { ...smokeSettings(read), command, container: text(read, 'smoke-container') };
}

/** The smoke-* inputs every smoke check of the step shares: all but the command and the container. */
function smokeSettings(read: InputReader): Omit<SmokeInputs, 'command' | 'container'> {
  const tasksText = text(read, 'smoke-tasks') ?? '1';
  const tasks = tasksText === 'all' ? 'all' : parseSmokeTasks(tasksText);
  const expectText = text(read, 'smoke-expect');
  const shell = text(read, 'smoke-shell') ?? '/bin/sh';
  if (shell !== 'none' && !shell.startsWith('/')) {
    throw new InputError('smoke-shell', shell, "an absolute path such as '/bin/sh', or 'none'");
  }
  return {
    tasks,
    timeoutSeconds: number(read, 'smoke-timeout-seconds', 60, { min: 1, max: 3600 }),
    retries: number(read, 'smoke-retries', 2, { integer: true, min: 0, max: 10 }),
    expect: expectText === undefined ? undefined : regex(expectText),
    shell,
    client: oneOf(read, 'exec-client', ['native', 'session-manager-plugin'] as const, 'native'),
  };
}

function pauseStages(read: InputReader): ReadonlySet<string> {
  const value = text(read, 'pause-stages');
  if (value === undefined) return new Set(GREEN_PAUSE_STAGES);
  const allowed: readonly string[] = GREEN_PAUSE_STAGES;
  const stages = value.split(/[\s,]+/).filter(Boolean);
  const wrong = stages.find((stage) => !allowed.includes(stage));
  if (wrong !== undefined) {
    throw new InputError(
      'pause-stages',
      wrong,
      `lifecycle hook stages where the green tasks run, separated by commas or new lines: ${allowed.join(', ')} (RECONCILE_SERVICE and PRE_SCALE_UP come before any green task exists; TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT cannot hold a PAUSE hook)`,
    );
  }
  return new Set(stages);
}

function parseSmokeTasks(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InputError('smoke-tasks', value, "a whole number of tasks (1 or more) or 'all'");
  }
  return Number(value);
}

function regex(value: string): RegExp {
  try {
    return new RegExp(value, 'm');
  } catch (error) {
    throw new InputError('smoke-expect', value, `a JavaScript regular expression (${(error as Error).message})`);
  }
}

/**
 * Reads and validates every input once; nothing deeper reads inputs. `endpoint`: where the ECS
 * client sends requests, when not to AWS (poll-interval-seconds may go below 1 s only on loopback).
 */
export function getInputs(read: InputReader, workspace = process.env.GITHUB_WORKSPACE ?? process.cwd(), endpoint = configuredEndpoint()): Inputs {
  const mode = oneOf(read, 'mode', ['deploy', 'rollback', 'smoke', 'run-task'] as const, 'deploy');
  const file = taskDefinitionFile(read, workspace);
  const arnText = text(read, 'task-definition-arn');
  const taskDefinitionArn = arnText === undefined ? undefined : revision('task-definition-arn', arnText);
  const service = text(read, 'service');
  const desiredCount = text(read, 'desired-count');

  const others: Omit<Inputs, 'release'> = {
    mode,
    taskDefinitionInput: file.input,
    taskDefinitionPath: file.path,
    taskDefinitionArn,
    containerImages: containerImages(read),
    cluster: text(read, 'cluster') ?? 'default',
    service,
    desiredCount:
      desiredCount === undefined ? undefined : parseNumber('desired-count', desiredCount, { integer: true, min: 0 }),
    forceNewDeployment: bool(read, 'force-new-deployment', true),
    enableExecuteCommand: bool(read, 'enable-execute-command', true),
    circuitBreaker: oneOf(read, 'circuit-breaker', ['rollback', 'detect', 'keep'] as const, 'rollback'),
    verifyImages: bool(read, 'verify-images', true),
    verifyDigests: bool(read, 'verify-digests', true),
    skipUnchanged: bool(read, 'skip-unchanged', true),
    taskDefinitionTags: tags(read),
    propagateTags: text(read, 'propagate-tags')
      ? oneOf(read, 'propagate-tags', ['TASK_DEFINITION', 'SERVICE', 'NONE'] as const, 'NONE')
      : undefined,
    enableEcsManagedTags: optionalBool(read, 'enable-ecs-managed-tags'),
    maxAttempts: number(read, 'max-retries', 3, { integer: true, min: 1, max: 20 }),
    waitForServiceStability: bool(read, 'wait-for-service-stability', true),
    waitForMinutes: number(read, 'wait-for-minutes', 30, { min: 0.05, max: 720 }),
    pollIntervalSeconds: pollInterval(read, endpoint),
    rollbackOnFailure: bool(read, 'rollback-on-failure', true),
    failFast: bool(read, 'fail-fast', true),
    rollbackTo: text(read, 'rollback-to') ?? 'previous',
    smoke: smoke(read),
    smokeStage: oneOf(read, 'smoke-stage', ['auto', 'after-deploy'] as const, 'auto'),
    pauseStages: pauseStages(read),
    runTask:
      mode === 'run-task' || (mode === 'deploy' && bool(read, 'run-task', false))
        ? runTaskInputs(read, (name, fallback) => bool(read, name, fallback), (name, fallback) => number(read, name, fallback, { min: 0.05, max: 720 }))
        : undefined,
    logLines: number(read, 'log-lines', 30, { integer: true, min: 0, max: 10_000 }),
    scheduledTasks: oneOf(read, 'scheduled-tasks', ['report', 'move', 'none'] as const, 'report'),
  };
  const inputs: Inputs = { ...others, release: releaseInputs(read, others, workspace, () => smokeSettings(read)) };
  checkCombinations(inputs);
  return inputs;
}

function checkCombinations(inputs: Inputs): void {
  const { mode, taskDefinitionPath: file, taskDefinitionArn: arn, service } = inputs;
  const fileInput = file === undefined ? '' : 'task-definition';
  if (mode === 'deploy') {
    if (inputs.runTask && !inputs.runTask.waitForStop) {
      throw new InputError('wait-for-task-stopped', 'false', "'true' with 'run-task: true' (the service is updated only after the release task has stopped and passed; 'false' would update it before the task is judged)");
    }
    if (inputs.scheduledTasks === 'move' && !inputs.waitForServiceStability) {
      throw new InputError('scheduled-tasks', 'move', "'report' or 'none' with wait-for-service-stability 'false' (targets move only after a deployment verified to its end)");
    }
    // A 'services' list was checked by releaseInputs; withServices checks its items.
    if (inputs.release.listed) return;
    if (file === undefined && arn === undefined) {
      throw new InputError('task-definition', '', "a task definition file, or a revision in 'task-definition-arn' (exactly one of the two)");
    }
    if (file !== undefined && arn !== undefined) {
      throw new InputError('task-definition-arn', arn, "to be empty when 'task-definition' is set (exactly one of the two)");
    }
    if (arn !== undefined && inputs.containerImages.length > 0) {
      throw new InputError('container-images', inputs.containerImages[0].container, "no images with 'task-definition-arn' (a registered revision cannot change); use 'task-definition' instead");
    }
    if (inputs.smoke !== undefined && !inputs.waitForServiceStability) {
      throw new InputError('wait-for-service-stability', 'false', "'true' when 'smoke-command' is set (the smoke check runs once the deployment has completed)");
    }
    if (service === undefined && inputs.smoke !== undefined) {
      throw new InputError('service', '', "a service when 'smoke-command' is set (a smoke check runs in the service's tasks)");
    }
    if (inputs.scheduledTasks === 'move' && service === undefined) {
      throw new InputError('scheduled-tasks', 'move', "'report' or 'none' without a service (targets move only after a deployment verified to its end)");
    }
  } else if (mode === 'run-task') {
    if (file !== undefined && arn !== undefined) {
      throw new InputError('task-definition-arn', arn, "to be empty when 'task-definition' is set (at most one of the two)");
    }
    if (file === undefined && arn === undefined && service === undefined) {
      throw new InputError('service', '', "a service whose current revision to run, or a revision in 'task-definition' or 'task-definition-arn', in mode 'run-task'");
    }
  } else {
    if (service === undefined) throw new InputError('service', '', `the service to act on in mode '${mode}'`);
    if (fileInput || arn !== undefined) {
      const expected = `no task definition in mode '${mode}' (it deploys nothing new)`;
      throw fileInput
        ? new InputError(fileInput, inputs.taskDefinitionInput!, expected, file)
        : new InputError('task-definition-arn', arn!, expected);
    }
    if (mode === 'smoke' && inputs.smoke === undefined) {
      throw new InputError('smoke-command', '', "a command in mode 'smoke'");
    }
  }
  if (mode === 'rollback' && inputs.rollbackTo !== 'previous') revision('rollback-to', inputs.rollbackTo);
}
