/**
 * The release task: RunTask with the new revision, its container's log lines streamed into the
 * job log as they arrive, and a verdict from the exit code of the container that ran the
 * command (sidecars may exit non-zero when the essential container ends).
 */
import * as core from '@actions/core';
import { DescribeTasksCommand, RunTaskCommand, StopTaskCommand, type ECSClient, type Service, type Task, type TaskDefinition } from '@aws-sdk/client-ecs';
import { lastSegment, shortRevision } from '../aws/arn.js';
import { awsErrorName, awsFailure, isTransient } from '../aws/errors.js';
import { retryTransient, type RetryBudget } from '../aws/retry.js';
import type { Clock } from '../clock.js';
import { ActionError } from '../errors.js';
import { logSourceOf, type LogStream } from '../logs/source.js';
import { printProgramOutput } from '../logs/print.js';
import { LOGS_UNAVAILABLE_PREFIX, logExcerpt } from '../report/diagnosis.js';
import type { RunTaskOutcome } from '../report/types.js';
import { describeStoppedTasks } from '../watch/explain.js';
import { fixFor, type LogOptions } from '../watch/forensics.js';
import { plural } from '../watch/wording.js';
import { ReleaseCancelled } from './cancel.js';
import type { RunTaskInputs } from './inputs.js';
import { judgedContainer, ownCommand, runTaskRequest } from './request.js';

export interface ReleaseParams {
  cluster: string;
  taskDefinition: TaskDefinition;
  service?: Service;
  runTask: RunTaskInputs;
}

export interface ReleaseOptions {
  clock: Clock;
  signal?: AbortSignal;
  pollIntervalMs: number;
  logs: LogOptions;
}

export interface ReleaseResult {
  outcome: RunTaskOutcome;
  /** Why it failed, in the explanation's form (group, fix, containers, log excerpt); empty when it passed. */
  explanation: string[];
}

/** How long a task stopped by the action may take to reach STOPPED before the action reports anyway. */
const STOP_GRACE_MS = 120_000;
/** How long one AWS read may retry through throttling within the wait. */
const READ_BUDGET_MS = 60_000;

type Tail = { readonly source: LogStream; next(signal?: AbortSignal): Promise<string[]> };

async function openTail(params: ReleaseParams, taskArn: string, container: string, options: ReleaseOptions): Promise<{ tail?: Tail; missing?: string }> {
  const definition = params.taskDefinition.containerDefinitions?.find((c) => c.name === container);
  const source = logSourceOf(definition, taskArn, options.logs.region);
  if ('missing' in source) return { missing: source.missing };
  const { LogTail, logsClient } = await import('../logs/reader.js');
  core.info(`Streaming the log of container '${container}' from ${source.found.group} ${source.found.stream}.`);
  return { tail: new LogTail(logsClient(source.found.region, options.logs.maxAttempts), source.found) };
}

class LogFollower {
  readonly last: string[] = [];
  problem?: string;

  constructor(
    private readonly tail: Tail | undefined,
    private readonly keep: number,
    private readonly signal?: AbortSignal,
  ) {}

  async poll(): Promise<void> {
    if (!this.tail || this.problem) return;
    try {
      const lines = await this.tail.next(this.signal);
      printProgramOutput(lines);
      this.last.push(...lines.flatMap((line) => line.split(/\r?\n|\r/)));
      this.last.splice(0, Math.max(0, this.last.length - this.keep));
    } catch (error) {
      // A cancel aborts the read: nothing is wrong with the log.
      if (this.signal?.aborted) return;
      // Throttling or a dropped connection: the same token is read again on the next poll.
      if (isTransient(error)) return core.debug(`Reading the log: ${awsErrorName(error) ?? 'error'}; trying again on the next poll.`);
      const { unreadable } = await import('../logs/reader.js');
      this.problem = unreadable(this.tail.source, error);
      core.warning(this.problem);
    }
  }
}

/**
 * Without run-task-command the container runs its own command, which for a service image is the
 * server: it never exits, so the task only ends at run-task-timeout-minutes, as a failure.
 */
function warnOfOwnCommand(params: ReleaseParams, container: string): void {
  const own = ownCommand(params.taskDefinition, params.runTask, container);
  if (!own) return;
  const { timeoutMinutes, waitForStop } = params.runTask;
  const ends = waitForStop
    ? `If that is the service's server, it does not exit: the action stops it with StopTask after run-task-timeout-minutes (${timeoutMinutes}) and the step fails.`
    : 'wait-for-task-stopped is false, so the action does not wait for it to end.';
  core.warning(`run-task-command is empty, so the release task's container '${container}' runs ${own}. ${ends} Set run-task-command to the one-off command (a migration, say).`);
}

async function start(ecs: ECSClient, params: ReleaseParams, container: string, budget: RetryBudget): Promise<Task> {
  const request = runTaskRequest({ ...params, container });
  warnOfOwnCommand(params, container);
  const vpc = request.networkConfiguration?.awsvpcConfiguration;
  core.info(
    `RunTask ${shortRevision(request.taskDefinition)} in cluster ${params.cluster}` +
      `${request.launchType ? `, launch type ${request.launchType}` : ''}${request.capacityProviderStrategy ? `, capacity providers ${request.capacityProviderStrategy.map((c) => c.capacityProvider).join(', ')}` : ''}` +
      `${vpc ? `, subnets ${vpc.subnets?.join(', ')}${vpc.securityGroups ? `, security groups ${vpc.securityGroups.join(', ')}` : ''}, public IP ${vpc.assignPublicIp ?? 'DISABLED'}` : ''}` +
      `; container '${container}' runs ${params.runTask.command ? JSON.stringify(params.runTask.command) : "the image's command"}.`,
  );
  let answer;
  try {
    // Not aborted by a cancel once sent: its answer names the task a cancel leaves running.
    answer = await retryTransient('Starting the release task', () => ecs.send(new RunTaskCommand(request)), budget);
  } catch (error) {
    if (budget.signal?.aborted) throw new ReleaseCancelled({ stage: 'starting', startedBy: request.startedBy ?? params.runTask.startedBy });
    throw awsFailure(`run a task of ${shortRevision(request.taskDefinition)} in cluster ${params.cluster}`, error, 'The role needs ecs:RunTask, and iam:PassRole for the task and execution roles.');
  }
  const failure = answer.failures?.[0];
  const task = answer.tasks?.[0];
  if (failure || !task?.taskArn) {
    const said = failure ? `${failure.reason ?? 'no reason'}${failure.detail ? ` (${failure.detail})` : ''}${failure.arn ? ` for ${failure.arn}` : ''}` : 'no task and no failure';
    throw new ActionError(`RunTask started no task of ${shortRevision(request.taskDefinition)} in cluster ${params.cluster}: ECS answered ${said}.`);
  }
  return task;
}

async function describe(ecs: ECSClient, cluster: string, taskArn: string, budget: RetryBudget): Promise<Task | undefined> {
  const answer = await retryTransient('Reading the release task', () => ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }), { abortSignal: budget.signal }), budget);
  return answer.tasks?.[0];
}

function judge(task: Task, container: string, timedOut: boolean, timeoutMinutes: number): Omit<RunTaskOutcome, 'lastLines'> {
  const base = { taskArn: task.taskArn, container };
  if (timedOut) return { ...base, passed: false, reason: `did not stop within run-task-timeout-minutes (${timeoutMinutes}); the action stopped it with StopTask` };
  if (task.stopCode === 'TaskFailedToStart') return { ...base, passed: false, reason: `never started: ${task.stoppedReason ?? 'no reason given'}` };
  const own = task.containers?.find((c) => c.name === container);
  if (own?.exitCode === undefined) {
    return { ...base, passed: false, reason: `container '${container}' has no exit code (${own?.reason ?? task.stoppedReason ?? 'no reason given'})` };
  }
  if (own.exitCode !== 0) return { ...base, exitCode: own.exitCode, passed: false, reason: `container '${container}' exited with code ${own.exitCode}` };
  return { ...base, exitCode: 0, passed: true, reason: `container '${container}' exited with code 0` };
}

/** Runs the task and, unless wait-for-task-stopped is false, waits for it to stop and judges it. */
export async function runReleaseTask(ecs: ECSClient, params: ReleaseParams, options: ReleaseOptions): Promise<ReleaseResult> {
  const { clock, signal } = options;
  const { runTask, cluster, taskDefinition } = params;
  const container = judgedContainer(taskDefinition, runTask.container);
  const budget = (): RetryBudget => ({ clock, signal, deadline: clock.now() + READ_BUDGET_MS });
  if (signal?.aborted) throw new ReleaseCancelled({ stage: 'before-start' });
  const task = await start(ecs, params, container, budget());
  const taskArn = task.taskArn!;
  const id = lastSegment(taskArn);
  core.info(`Started the release task ${id} (${taskArn}).`);
  if (signal?.aborted) throw new ReleaseCancelled({ stage: 'running', taskArn, lastStatus: task.lastStatus });
  if (!runTask.waitForStop) {
    return { outcome: { taskArn, container, passed: true, reason: 'started; not waited for (wait-for-task-stopped is false)', lastLines: [] }, explanation: [] };
  }
  const opened = await openTail(params, taskArn, container, options);
  if (opened.missing) core.info(`Its log lines are not streamed: ${opened.missing}`);
  const follower = new LogFollower(opened.tail, Math.max(options.logs.lines, 1), signal);
  const deadline = clock.now() + runTask.timeoutMinutes * 60_000;
  let stopDeadline: number | undefined;
  let last: Task = task;
  let lastStatus: string | undefined;
  for (;;) {
    try {
      last = (await describe(ecs, cluster, taskArn, budget())) ?? last;
    } catch (error) {
      // An aborted read is the cancel, not a missing permission.
      if (signal?.aborted) throw new ReleaseCancelled({ stage: 'running', taskArn, lastStatus: last.lastStatus });
      throw awsFailure(`read the release task ${id}`, error, 'The role needs ecs:DescribeTasks.');
    }
    if (last.lastStatus !== lastStatus) core.info(`task ${id}: ${last.lastStatus}`);
    lastStatus = last.lastStatus;
    await follower.poll();
    if (last.lastStatus === 'STOPPED' || signal?.aborted) break;
    if (stopDeadline === undefined && clock.now() >= deadline) {
      await stopTask(ecs, cluster, taskArn, runTask.timeoutMinutes, budget());
      stopDeadline = clock.now() + STOP_GRACE_MS;
    }
    if (stopDeadline !== undefined && clock.now() >= stopDeadline) break;
    await clock.sleep(options.pollIntervalMs, signal);
  }
  if (signal?.aborted && last.lastStatus !== 'STOPPED') throw new ReleaseCancelled({ stage: 'running', taskArn, lastStatus: last.lastStatus });
  // The last lines can reach CloudWatch Logs after the task stopped.
  await follower.poll();
  const verdict = judge(last, container, stopDeadline !== undefined, runTask.timeoutMinutes);
  const outcome: RunTaskOutcome = { ...verdict, lastLines: follower.last.slice(-options.logs.lines) };
  return { outcome, explanation: outcome.passed ? [] : explanation(last, taskDefinition, container, outcome, follower, opened.missing, options.logs.lines) };
}

async function stopTask(ecs: ECSClient, cluster: string, taskArn: string, minutes: number, budget: RetryBudget): Promise<void> {
  const reason = `ecs-deploy-verify: the release task did not stop within run-task-timeout-minutes (${minutes})`;
  core.warning(`The release task ${lastSegment(taskArn)} did not stop within ${plural(minutes, 'minute')}: stopping it (StopTask).`);
  try {
    await retryTransient('Stopping the release task', () => ecs.send(new StopTaskCommand({ cluster, task: taskArn, reason }), { abortSignal: budget.signal }), budget);
  } catch (error) {
    core.error(awsFailure(`stop the release task ${lastSegment(taskArn)}`, error, 'It keeps running: stop it in the ECS console. The role needs ecs:StopTask.').message);
  }
}

function explanation(
  task: Task,
  taskDefinition: TaskDefinition,
  container: string,
  outcome: RunTaskOutcome,
  follower: LogFollower,
  missing: string | undefined,
  lines: number,
): string[] {
  const own = task.containers?.find((c) => c.name === container);
  const started = task.stopCode !== 'TaskFailedToStart';
  let logs: string[] = [];
  if (lines > 0 && started) {
    const why = missing ?? follower.problem;
    if (why) logs = [`${LOGS_UNAVAILABLE_PREFIX}${why}`];
    else if (outcome.lastLines.length > 0) logs = logExcerpt(`'${container}' in task ${lastSegment(task.taskArn ?? '')}`, outcome.lastLines);
    else logs = [`${LOGS_UNAVAILABLE_PREFIX}container '${container}' wrote no log lines.`];
  }
  const fix = fixFor(task, taskDefinition, own);
  return describeStoppedTasks([task], taskDefinition.taskDefinitionArn ?? '', new Map([[task, { fix, logs }]]));
}
