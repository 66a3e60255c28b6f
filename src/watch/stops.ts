/**
 * Fail-fast: reads the stopped tasks of our deployment only when a poll shows a new failure,
 * and says when the release cannot succeed: a stop a retry cannot fix (deterministic.ts), or a
 * rolling deployment whose tasks keep stopping for one reason without tripping the breaker.
 */
import * as core from '@actions/core';
import { DescribeTasksCommand, ListTasksCommand, type Deployment, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import { errorMessage } from '../errors.js';
import { awsErrorName, isTransient } from '../aws/errors.js';
import { lastSegment, shortRevision } from '../aws/arn.js';
import { deterministicFamily, type DeterministicFamily } from './deterministic.js';
import type { ExplainScope } from './explain.js';
import { hostWentAway } from './hints.js';
import type { FailFast, Snapshot } from './judge.js';

/** Stopped tasks stay listed about an hour; 3 pages of 100 cover any deployment this watch sees fail. */
const MAX_PAGES = 3;
/** DescribeTasks takes at most 100 ARNs. */
const DESCRIBE_BATCH = 100;
const TASK_CREATED_SKEW_MS = 5_000;
/**
 * Flapping: tasks of a rolling deployment keep stopping for one reason within this window (half
 * the default wait-for-minutes). The breaker counts failures in a row and, by default
 * (resetOnHealthyTask), starts again at each healthy task, so tasks that pass their health check
 * and then stop never trip it. Once the window holds the breaker's threshold of such stops, and a
 * task that stopped had been healthy (so the count was reset), the deployment will not settle.
 * Without that sign, twice the threshold is needed: the breaker would have tripped by then.
 */
export const FLAP_WINDOW_MS = 15 * 60_000;
const UNSEEN_RESET_FACTOR = 2;
/** One ListTasks page: more stops than this are never needed to call a deployment flapping. */
const MAX_FLAP_STOPS = 100;
/**
 * Service events that tell of a task of the deployment failing ("(task 1a2b) failed container
 * health checks", "tasks failed to start"); "has stopped 2 running tasks" is a routine drain.
 */
const STOP_EVENT = /\(task [^)]+\)[^.]*\bfail|failed to start|unhealthy/i;
/** Stops that are not a failure of the release: scale-in, a user, Spot, host maintenance. */
const NOT_A_FAILURE_CODES = new Set(['UserInitiated', 'SpotInterruption', 'TerminationNotice', 'InfrastructureHealth']);
/**
 * Tasks of one container instance that stop within this of each other stopped because of the
 * instance (it died, or was drained or deregistered), not each for its own reason: for flapping
 * they count as one stop, whatever their reason says.
 */
const HOST_EVENT_MS = 10_000;

/** The breaker's threshold as ECS reports it, else by ECS's formula (default 50 % of the desired count, 3 to 200; ecs-deployments.md). */
export function breakerThreshold(snapshot: Snapshot, ours: Deployment | undefined): number {
  const reported = snapshot.serviceDeployment?.deploymentCircuitBreaker?.threshold;
  if (reported && reported > 0) return reported;
  const setting = snapshot.service.deploymentConfiguration?.deploymentCircuitBreaker?.thresholdConfiguration;
  const desired = ours?.desiredCount ?? snapshot.service.desiredCount ?? 0;
  const value = setting?.value ?? 50;
  if (setting?.type === 'COUNT') return value;
  const raw = Math.ceil((value / 100) * desired);
  return setting?.type === 'UNBOUNDED_PERCENT' ? Math.max(1, raw) : Math.min(200, Math.max(3, raw));
}

function isFailure(task: Task): boolean {
  // A host that went away is no failure of the release, whatever stopCode comes with it.
  if (NOT_A_FAILURE_CODES.has(task.stopCode ?? '') || hostWentAway(task.stoppedReason)) return false;
  if (task.stopCode === 'ServiceSchedulerInitiated') return /health check/i.test(task.stoppedReason ?? '');
  return true;
}

/** One reason: ECS's words plus the exit codes, so "exited 1" and "exited 137" are two reasons. */
function reasonKey(task: Task): string {
  const exits = (task.containers ?? []).flatMap((container) => (container.exitCode === undefined ? [] : [`${container.name} exit ${container.exitCode}`]));
  return [task.stoppedReason ?? 'no reason given', ...exits].join('; ');
}

function stoppedAt(task: Task): number {
  return (task.stoppingAt ?? task.stoppedAt ?? task.createdAt)?.getTime() ?? 0;
}

/** Stop times of `tasks` (one reason's), the stops of one container instance within HOST_EVENT_MS of each other counted once. */
function stopEvents(tasks: Task[]): number[] {
  const events: Array<{ at: number; instance?: string }> = [];
  for (const task of [...tasks].sort((a, b) => stoppedAt(a) - stoppedAt(b))) {
    const at = stoppedAt(task);
    const instance = task.containerInstanceArn;
    const sameHost = instance !== undefined && events.some((event) => event.instance === instance && at - event.at <= HOST_EVENT_MS);
    if (!sameHost) events.push({ at, instance });
  }
  return events.map((event) => event.at);
}

/**
 * An IAM denial is proven by a second task denied the same way that was created after the
 * first stopped: its credentials and secrets were fetched afresh, after the first denial. Tasks
 * of one launch ask IAM at the same moment, so their stops together prove no more than one.
 */
function confirmingStop(first: Task, family: DeterministicFamily, failures: Task[]): Task | undefined {
  if (!family.iam) return first;
  const firstStop = stoppedAt(first);
  return failures.find(
    (later) => later !== first && (later.createdAt?.getTime() ?? 0) > firstStop && deterministicFamily(later.stoppedReason)?.family === family.family,
  );
}

export class StopWatch {
  /** Failed tasks of our deployment, by ARN. */
  private readonly failures = new Map<string, Task>();
  /** ARNs already described that are not ours or not failures. */
  private readonly elsewhere = new Set<string>();
  private failedTasks = 0;
  private failureCount = 0;
  /** A look that could not finish is tried again on the next poll. */
  private owed = false;
  private found?: FailFast;

  constructor(private readonly scope: () => ExplainScope) {}

  /**
   * One poll's fail-fast judgement: reads stopped tasks only when the poll shows a new failure of
   * ours. A failure to read them never ends the watch: a transient one is retried next poll, any
   * other turns fail-fast off ('unavailable').
   */
  async check(
    ecs: ECSClient,
    snapshot: Snapshot,
    ours: Deployment | undefined,
    read: { service: boolean; serviceDeployment: boolean },
    newEvents: string[],
    signal?: AbortSignal,
  ): Promise<FailFast | undefined | 'unavailable'> {
    if (this.noticed(snapshot, ours, read, newEvents)) {
      try {
        await this.look(ecs, signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        if (!isTransient(error)) {
          core.warning(
            `Fail-fast is off for the rest of this watch: reading the stopped tasks failed (${awsErrorName(error) ?? 'error'}: ${errorMessage(error)}). Grant ecs:ListTasks and ecs:DescribeTasks to the role this job runs as; the circuit breaker and wait-for-minutes still apply.`,
          );
          return 'unavailable';
        }
      }
    }
    const strategy = snapshot.serviceDeployment?.deploymentConfiguration?.strategy ?? snapshot.service.deploymentConfiguration?.strategy;
    return this.verdict(strategy === undefined || strategy === 'ROLLING' ? breakerThreshold(snapshot, ours) : undefined);
  }

  /**
   * Whether this poll shows a failure not looked at yet: our deployment's failedTasks rose (when the
   * service was read), the breaker's failureCount rose (when the service deployment was read), or a
   * new service event tells of a stop.
   */
  private noticed(snapshot: Snapshot, ours: Deployment | undefined, read: { service: boolean; serviceDeployment: boolean }, newEvents: string[]): boolean {
    let rose = this.owed || newEvents.some((message) => STOP_EVENT.test(message));
    if (read.service && ours?.failedTasks !== undefined) {
      rose ||= ours.failedTasks > this.failedTasks;
      this.failedTasks = ours.failedTasks;
    }
    const count = snapshot.serviceDeployment?.deploymentCircuitBreaker?.failureCount;
    if (read.serviceDeployment && count !== undefined) {
      rose ||= count > this.failureCount;
      this.failureCount = count;
    }
    return rose;
  }

  /** Reads the stopped tasks not seen before: ListTasks, then DescribeTasks of the new ARNs only. */
  private async look(ecs: ECSClient, signal?: AbortSignal): Promise<void> {
    this.owed = true;
    const scope = this.scope();
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const listed = await ecs.send(new ListTasksCommand({ cluster: scope.cluster, serviceName: scope.service, desiredStatus: 'STOPPED', nextToken }), { abortSignal: signal });
      const fresh = (listed.taskArns ?? []).filter((arn) => !this.failures.has(arn) && !this.elsewhere.has(arn));
      for (let at = 0; at < fresh.length; at += DESCRIBE_BATCH) {
        const described = await ecs.send(new DescribeTasksCommand({ cluster: scope.cluster, tasks: fresh.slice(at, at + DESCRIBE_BATCH) }), { abortSignal: signal });
        for (const task of described.tasks ?? []) this.sort(task, scope);
      }
      nextToken = listed.nextToken;
      if (!nextToken) break;
    }
    this.owed = false;
  }

  private sort(task: Task, scope: ExplainScope): void {
    const arn = task.taskArn ?? '';
    const ours =
      task.taskDefinitionArn === scope.taskDefinitionArn &&
      (!scope.deploymentId || task.startedBy === scope.deploymentId) &&
      (!task.createdAt || task.createdAt.getTime() >= scope.since.getTime() - TASK_CREATED_SKEW_MS);
    // A task still stopping has its stoppedReason already; one without it is looked at again later.
    if (!task.stoppedReason) return;
    if (ours && isFailure(task)) this.failures.set(arn, task);
    else this.elsewhere.add(arn);
  }

  /**
   * The reason the release cannot succeed, once there is one; it stays. `flapThreshold` is
   * undefined where flapping is not judged (strategies other than rolling).
   */
  private verdict(flapThreshold: number | undefined): FailFast | undefined {
    this.found ??= this.deterministic() ?? (flapThreshold === undefined ? undefined : this.flapping(flapThreshold));
    return this.found;
  }

  private deterministic(): FailFast | undefined {
    const failures = [...this.failures.values()].sort((a, b) => stoppedAt(a) - stoppedAt(b));
    for (const first of failures) {
      const family = deterministicFamily(first.stoppedReason);
      const proof = family && confirmingStop(first, family, failures);
      if (!family || !proof) continue;
      const task = `task ${lastSegment(first.taskArn ?? '')} of ${shortRevision(first.taskDefinitionArn)}`;
      const again = proof === first ? '' : `, and task ${lastSegment(proof.taskArn ?? '')}, started after it, was denied again (IAM had time to settle)`;
      return { kind: 'deterministic', reason: `${task} stopped because ${family.meaning}${again}, which no retry changes: ${first.stoppedReason}` };
    }
    return undefined;
  }

  private flapping(threshold: number): FailFast | undefined {
    const byReason = new Map<string, Task[]>();
    for (const task of this.failures.values()) byReason.set(reasonKey(task), [...(byReason.get(reasonKey(task)) ?? []), task]);
    for (const [reason, tasks] of byReason) {
      const reset = tasks.some((task) => task.startedAt !== undefined && task.healthStatus === 'HEALTHY');
      const needed = Math.min(reset ? threshold : UNSEEN_RESET_FACTOR * threshold, MAX_FLAP_STOPS);
      const times = stopEvents(tasks);
      const within = times.some((time, first) => first + needed <= times.length && times[first + needed - 1] - time <= FLAP_WINDOW_MS);
      if (!within) continue;
      const why = reset
        ? `as many as the circuit breaker's threshold (${threshold}), while tasks that had been healthy keep resetting its count`
        : `twice the circuit breaker's threshold (${threshold}), without tripping it`;
      return {
        kind: 'flapping',
        reason: `${tasks.length} tasks of ${shortRevision(this.scope().taskDefinitionArn)} stopped for the same reason (${reason}), ${needed} of them within ${FLAP_WINDOW_MS / 60_000} minutes: ${why}; the deployment keeps replacing tasks that keep failing`,
      };
    }
    return undefined;
  }
}
