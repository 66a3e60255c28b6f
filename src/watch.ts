/**
 * Watches the one deployment our UpdateService created (never "whatever is PRIMARY") and
 * decides its verdict the moment ECS's data shows it; on failure explains it, follows or makes
 * the rollback, and says what the service runs at the end.
 */
import * as core from '@actions/core';
import type { Deployment, ECSClient, Service } from '@aws-sdk/client-ecs';
import type { Clock } from './clock.js';
import { awsErrorName, awsFailure, errorMessage, httpStatusOf, isThrottling } from './errors.js';
import type { TimelineEntry, Verdict, WatchOutcome } from './report.js';
import { EventLog } from './service-events.js';
import { explainFailure } from './explain.js';
import {
  describeService,
  describeServiceDeployment,
  completedDeploymentVisible,
  ecsWillRollBack,
  failureReason,
  findServiceDeploymentSince,
  hasSucceeded,
  isInProgress,
  isServiceDeploymentsUnavailable,
  primaryOf,
  progressLine,
  replacedBy,
  rollbackState,
  rollbackUnderWay,
  shortRevision,
  type RollbackState,
  type Snapshot,
} from './deployment-state.js';
import { startRedeploy, stopWithRollback } from './service-updates.js';

export interface WatchTarget {
  cluster: string;
  service: string;
  /** The revision our UpdateService set. */
  taskDefinitionArn: string;
  /** What the service ran before. */
  previousTaskDefinitionArn?: string;
  /** Clock time taken just before our UpdateService call. */
  updatedAt: Date;
  /** The `service` of our UpdateService response. */
  updateResponse: Service;
  /** currentServiceDeployment as seen in DescribeServices just before our update, to tell whether it changed. */
  previousServiceDeploymentArn?: string;
}

export interface WatchOptions {
  /** wait-for-minutes; a rollback gets the same time again, counted from its start. */
  timeoutMs: number;
  pollIntervalMs: number;
  rollbackOnFailure: boolean;
  clock: Clock;
  /** Aborted on SIGINT/SIGTERM: the watch reports the deployment's state and returns at once. */
  signal?: AbortSignal;
}

/** ListServiceDeployments' createdAt filter is AWS's clock; the update time is the runner's. */
const IDENTIFY_CLOCK_SKEW_MS = 30_000;
/** Polls on which to look for our service deployment before settling for rolloutState. */
const IDENTIFY_ATTEMPTS = 3;
const MAX_BACKOFF_MS = 60_000;
/** How long ECS may take to start the rollback its configuration promises before the action does it. */
const ECS_ROLLBACK_GRACE_MS = 60_000;
/** Polls to wait for an ECS rollback when no COMPLETED deployment is left for ECS to return to. */
const UNLIKELY_ROLLBACK_POLLS = 3;

type PollResult<T> =
  | { kind: 'decided'; value: T; snapshot: Snapshot }
  | { kind: 'timeout' }
  | { kind: 'cancelled' }
  | { kind: 'fatal'; error: unknown };

type RollbackEnd = Exclude<RollbackState, { state: 'running' }> | 'not-started';

type Judgement = { kind: 'deployed' } | { kind: 'failed'; reason: string } | { kind: 'superseded'; by: Deployment | 'unknown' };

/** Why our deployment did not succeed, and the verdict it gets when no rollback fixes it. */
interface Failure {
  verdict: 'failed' | 'timed-out';
  /** "Deployment of web:8 to demo/web failed (...)" */
  intro: string;
}

export async function watchDeployment(ecs: ECSClient, target: WatchTarget, options: WatchOptions): Promise<WatchOutcome> {
  return new DeploymentWatch(ecs, target, options, new EventLog(target.updatedAt, target.updateResponse.events)).run();
}

function isTransient(error: unknown): boolean {
  return isThrottling(error) || (httpStatusOf(error) ?? 0) >= 500;
}

/** Ends a sentence once, whether or not ECS's own text already ended with a period. */
function period(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function duration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} seconds`;
  const minutes = Number((ms / 60_000).toFixed(1));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

class DeploymentWatch {
  private serviceDeploymentArn?: string;
  private serviceDeploymentsApi = true;
  private identifyAttempts = 0;
  private deploymentId?: string;
  private last?: Snapshot;
  private lastProgress?: string;
  private lastStatus?: string;
  private followingRollback = false;
  private rollbackSeen = false;
  private explanation: string[] = [];
  private readonly timeline: TimelineEntry[] = [];
  private readonly what: string;
  private readonly where: string;

  constructor(
    private readonly ecs: ECSClient,
    private readonly target: WatchTarget,
    private readonly options: WatchOptions,
    private readonly events: EventLog,
    /** Set when this watches the action's own rollback, which is never rolled back in turn. */
    private readonly rollingBack = false,
  ) {
    this.where = `${target.cluster}/${target.service}`;
    this.what = `${shortRevision(target.taskDefinitionArn)} to ${this.where}`;
    this.deploymentId = target.updateResponse.deployments?.find(
      (deployment) => deployment.status === 'PRIMARY' && deployment.taskDefinition === target.taskDefinitionArn,
    )?.id;
    const current = target.updateResponse.currentServiceDeployment;
    if (current && current !== target.previousServiceDeploymentArn) this.serviceDeploymentArn = current;
  }

  async run(): Promise<WatchOutcome> {
    const { timeoutMs, pollIntervalMs } = this.options;
    core.info(
      `Watching the deployment of ${this.what} (${this.deploymentId ?? 'deployment id not known yet'}): up to ${duration(timeoutMs)}, polling every ${pollIntervalMs / 1000} s.`,
    );
    this.mark('Deployment started', this.target.updatedAt);
    const result = await this.poll(this.target.updatedAt.getTime() + timeoutMs, (snapshot) => this.judge(snapshot));
    if (result.kind === 'cancelled') return this.cancelled(`waiting for the deployment of ${this.what}`);
    if (result.kind === 'fatal') return this.fatal(result.error, `watching the deployment of ${this.what}`);
    if (result.kind === 'timeout') return this.afterTimeout();
    const judgement = result.value;
    if (judgement.kind === 'deployed') return this.deployed(result.snapshot);
    if (judgement.kind === 'superseded') return this.superseded(judgement.by);
    return this.afterFailure(judgement.reason, result.snapshot);
  }

  private judge(snapshot: Snapshot): Judgement | undefined {
    const ours = this.ours(snapshot.service);
    const reason = failureReason(snapshot, ours);
    if (reason) return { kind: 'failed', reason };
    if (hasSucceeded(snapshot, ours)) return { kind: 'deployed' };
    const by = replacedBy(snapshot, this.deploymentId);
    return by ? { kind: 'superseded', by } : undefined;
  }

  /** Our entry in service.deployments[]; found by revision when the update response did not name it. */
  private ours(service: Service): Deployment | undefined {
    const deployments = service.deployments ?? [];
    if (this.deploymentId) return deployments.find((deployment) => deployment.id === this.deploymentId);
    const found = deployments.find(
      (deployment) => deployment.status === 'PRIMARY' && deployment.taskDefinition === this.target.taskDefinitionArn,
    );
    this.deploymentId = found?.id;
    return found;
  }

  /**
   * Decides on the snapshot in hand (if any), then sleeps, looks again and decides, until a
   * decision, the deadline, a cancellation or an error that polling again cannot fix.
   */
  private async poll<T>(deadline: number, decide: (snapshot: Snapshot) => T | undefined, initial?: Snapshot): Promise<PollResult<T>> {
    const { clock, signal, pollIntervalMs } = this.options;
    let snapshot = initial;
    let wait = initial ? pollIntervalMs : 0;
    let throttled = 0;
    for (;;) {
      if (snapshot) {
        const value = decide(snapshot);
        if (value !== undefined) return { kind: 'decided', value, snapshot };
      }
      if (wait > 0) {
        const left = deadline - clock.now();
        if (left <= 0) return { kind: 'timeout' };
        await clock.sleep(Math.min(wait, left), signal);
      }
      if (signal?.aborted) return { kind: 'cancelled' };
      try {
        snapshot = await this.observe();
        throttled = 0;
        wait = pollIntervalMs;
        this.see(snapshot);
      } catch (error) {
        if (signal?.aborted) return { kind: 'cancelled' };
        if (!isTransient(error)) return { kind: 'fatal', error };
        snapshot = undefined;
        throttled += 1;
        wait = Math.min(pollIntervalMs * 2 ** throttled, MAX_BACKOFF_MS);
        core.info(`ECS answered ${awsErrorName(error) ?? 'an error'} (${errorMessage(error)}); looking again in ${duration(wait)}.`);
      }
    }
  }

  private async observe(): Promise<Snapshot> {
    const service = await describeService(this.ecs, this.target.cluster, this.target.service, this.options.signal);
    return { service, serviceDeployment: await this.readServiceDeployment() };
  }

  private async readServiceDeployment(): Promise<Snapshot['serviceDeployment']> {
    if (!this.serviceDeploymentsApi) return undefined;
    try {
      if (!this.serviceDeploymentArn && !(await this.identify())) return undefined;
      return await describeServiceDeployment(this.ecs, this.serviceDeploymentArn!, this.options.signal);
    } catch (error) {
      if (!isServiceDeploymentsUnavailable(error)) throw error;
      this.serviceDeploymentsApi = false;
      core.warning(
        `The ECS Service Deployments API is not available to this job (${awsErrorName(error) ?? 'error'}: ${errorMessage(error)}), so the watch falls back to deployments[].rolloutState, which shows neither circuit-breaker counts nor alarms. Grant ecs:ListServiceDeployments and ecs:DescribeServiceDeployments to the role this job runs as.`,
      );
      return undefined;
    }
  }

  /** Finds our service deployment when the UpdateService response did not name a new one. */
  private async identify(): Promise<boolean> {
    if (this.identifyAttempts >= IDENTIFY_ATTEMPTS) return false;
    this.identifyAttempts += 1;
    this.serviceDeploymentArn = await findServiceDeploymentSince(
      this.ecs,
      {
        cluster: this.target.cluster,
        service: this.target.service,
        after: new Date(this.target.updatedAt.getTime() - IDENTIFY_CLOCK_SKEW_MS),
        excluding: this.target.previousServiceDeploymentArn,
      },
      this.options.signal,
    );
    if (this.serviceDeploymentArn) core.info(`Our service deployment: ${this.serviceDeploymentArn}`);
    else if (this.identifyAttempts === IDENTIFY_ATTEMPTS) {
      core.info('ECS lists no service deployment for our update; judging by deployments[].rolloutState alone.');
    }
    return this.serviceDeploymentArn !== undefined;
  }

  /** Prints what is new: events once each, the service deployment's status and the counts when they change. */
  private see(snapshot: Snapshot): void {
    this.last = snapshot;
    this.events.record(snapshot.service.events);
    const status = snapshot.serviceDeployment?.status;
    if (status && status !== this.lastStatus) {
      core.info(`${this.rollingBack ? 'rollback: ' : ''}service deployment ${status}${snapshot.serviceDeployment?.statusReason ? `: ${snapshot.serviceDeployment.statusReason}` : ''}`);
      this.lastStatus = status;
    }
    const deployment = this.followingRollback ? primaryOf(snapshot.service) : this.ours(snapshot.service);
    if (!deployment) return;
    const line = `${this.followingRollback || this.rollingBack ? 'rollback: ' : ''}${progressLine(deployment)}`;
    if (line !== this.lastProgress) core.info(line);
    this.lastProgress = line;
  }

  private mark(label: string, at = new Date(this.options.clock.now())): void {
    this.timeline.push({ label, at });
  }

  private async afterFailure(reason: string, snapshot: Snapshot): Promise<WatchOutcome> {
    this.mark('Failure detected');
    const failure: Failure = { verdict: 'failed', intro: `Deployment of ${this.what} failed: ${reason}` };
    await this.explain(period(failure.intro));
    if (rollbackUnderWay(snapshot, this.deploymentId)) return this.followRollback('ECS', failure, snapshot);
    if (this.target.previousTaskDefinitionArn && ecsWillRollBack(snapshot.service, snapshot.serviceDeployment)) {
      const grace = completedDeploymentVisible(snapshot.service)
        ? ECS_ROLLBACK_GRACE_MS
        : Math.min(ECS_ROLLBACK_GRACE_MS, UNLIKELY_ROLLBACK_POLLS * this.options.pollIntervalMs);
      core.info(`ECS is configured to roll back; waiting up to ${duration(grace)} for it to start.`);
      return this.followRollback('ECS', failure, snapshot, this.options.clock.now() + grace);
    }
    return this.rollBackOurselves(failure);
  }

  private async afterTimeout(): Promise<WatchOutcome> {
    this.mark('Deadline passed');
    const state = this.last ? ` (${this.stateOf(this.last)})` : '';
    const failure: Failure = {
      verdict: 'timed-out',
      intro: `Deployment of ${this.what} did not finish within ${duration(this.options.timeoutMs)}${state}`,
    };
    await this.explain(period(failure.intro));
    return this.rollBackOurselves(failure);
  }

  private async explain(headline: string): Promise<void> {
    this.explanation = await explainFailure(
      this.ecs,
      {
        cluster: this.target.cluster,
        service: this.target.service,
        taskDefinitionArn: this.target.taskDefinitionArn,
        deploymentId: this.deploymentId,
        since: this.target.updatedAt,
      },
      headline,
      this.events.relevant(),
      this.options.signal,
    );
    core.error(this.explanation.join('\n'));
  }

  /**
   * Follows a rollback to its end. With `graceUntil`, ECS has not started the rollback yet:
   * if it still has not by then, the action rolls back itself.
   */
  private async followRollback(by: string, failure: Failure, snapshot: Snapshot, graceUntil?: number): Promise<WatchOutcome> {
    this.followingRollback = true;
    const { clock, timeoutMs } = this.options;
    const result = await this.poll<RollbackEnd>(
      clock.now() + timeoutMs,
      (current) => {
        if (!this.rollbackSeen && rollbackUnderWay(current, this.deploymentId)) {
          this.rollbackSeen = true;
          this.mark(`Rollback started (${by})`);
        }
        if (!this.rollbackSeen && graceUntil !== undefined) return clock.now() >= graceUntil ? 'not-started' : undefined;
        const state = rollbackState(current, this.deploymentId);
        return state.state === 'running' ? undefined : state;
      },
      snapshot,
    );
    if (result.kind === 'cancelled') return this.cancelled(`following the rollback of ${this.what}`);
    if (result.kind === 'fatal') return this.fatal(result.error, `following the rollback of ${this.what}`);
    if (result.kind === 'timeout') return this.rollbackFailed(failure, `it did not finish within ${duration(timeoutMs)}`);
    const state = result.value;
    if (state === 'not-started') {
      core.info(`ECS did not start a rollback within ${duration(ECS_ROLLBACK_GRACE_MS)}; the action rolls back itself.`);
      this.followingRollback = false;
      return this.rollBackOurselves(failure);
    }
    if (state.state === 'failed') return this.rollbackFailed(failure, state.reason);
    return this.rolledBack(failure, by, state.to);
  }

  /** The rollback rule when ECS is not rolling back: StopServiceDeployment while ours is in progress, else UpdateService. */
  private async rollBackOurselves(failure: Failure): Promise<WatchOutcome> {
    const previous = this.target.previousTaskDefinitionArn;
    const stays = `the service stays on ${this.serviceState()}`;
    if (this.rollingBack) return this.finish(failure.verdict, period(failure.intro));
    if (!previous) {
      return this.finish(failure.verdict, `${period(failure.intro)} Nothing to roll back to (this was the service's first deployment), so ${stays}.`);
    }
    if (!this.options.rollbackOnFailure) {
      return this.finish(failure.verdict, `${period(failure.intro)} rollback-on-failure is off, so ${stays}.`);
    }
    if (this.serviceDeploymentArn && this.last && isInProgress(this.last.serviceDeployment)) {
      try {
        core.info(`Rolling back: StopServiceDeployment ${this.serviceDeploymentArn} with stopType ROLLBACK.`);
        await stopWithRollback(this.ecs, this.serviceDeploymentArn);
        return await this.followRollback('the action', failure, this.last);
      } catch (error) {
        core.warning(`${errorMessage(error)} Rolling back with UpdateService to ${shortRevision(previous)} instead.`);
      }
    }
    return this.redeployPrevious(failure, previous);
  }

  private async redeployPrevious(failure: Failure, previous: string): Promise<WatchOutcome> {
    core.info(`Rolling back: UpdateService ${this.where} to ${shortRevision(previous)}.`);
    const request = { cluster: this.target.cluster, service: this.target.service, taskDefinitionArn: previous };
    let target: WatchTarget;
    try {
      target = await startRedeploy(this.ecs, request, this.last?.service, this.options.clock);
    } catch (error) {
      return this.rollbackFailed(failure, errorMessage(error));
    }
    this.mark('Rollback started (UpdateService)', target.updatedAt);
    const nested = new DeploymentWatch(this.ecs, target, { ...this.options, rollbackOnFailure: false }, this.events, true);
    const outcome = await nested.run();
    this.last = nested.last ?? this.last;
    this.timeline.push(...outcome.timeline.filter((entry) => entry.label !== 'Deployment started').map((entry) => ({ ...entry, label: `Rollback: ${entry.label.toLowerCase()}` })));
    if (outcome.verdict === 'deployed') return this.rolledBack(failure, 'the action', previous);
    if (this.options.signal?.aborted) return this.finish('failed', outcome.sentence);
    return this.rollbackFailed(failure, outcome.sentence);
  }

  private rolledBack(failure: Failure, by: string, to: string | undefined): WatchOutcome {
    const verdict: Verdict = failure.verdict === 'failed' ? 'rolled-back' : 'timed-out';
    return this.finish(verdict, `${period(failure.intro)} ${by === 'ECS' ? 'ECS' : 'The action'} rolled back to ${shortRevision(to)}, which the service runs now.`, to);
  }

  private rollbackFailed(failure: Failure, why: string): WatchOutcome {
    const running = this.last?.service.taskDefinition;
    core.error(
      `ROLLBACK FAILED: service ${this.where} is on task definition ${running ?? '(unknown)'} (${this.serviceState()}). Deploy a working revision by hand; see the service in the ECS console.`,
    );
    return this.finish('failed', `${period(failure.intro)} The rollback failed too (${why}): the service is on ${this.serviceState()}.`);
  }

  private deployed(snapshot: Snapshot): WatchOutcome {
    const ours = this.ours(snapshot.service);
    const running = ours?.runningCount ?? snapshot.service.runningCount ?? 0;
    const desired = ours?.desiredCount ?? snapshot.service.desiredCount ?? 0;
    return this.finish('deployed', `Deployed ${this.what}: ${running} of ${desired} tasks running.`);
  }

  private superseded(by: Deployment | 'unknown'): WatchOutcome {
    const other = by === 'unknown' ? 'another deployment' : `another deployment (${shortRevision(by.taskDefinition)}, ${by.id})`;
    const sentence = `Superseded: ${other} replaced the deployment of ${this.what} before it finished; the action does not roll back someone else's deployment.`;
    core.warning(sentence);
    return this.finish('superseded', sentence);
  }

  private cancelled(activity: string): WatchOutcome {
    const state = this.last ? this.stateOf(this.last) : 'no state seen yet';
    const sentence = `Cancelled while ${activity}: ${state}. ECS carries on without the action; follow it in the ECS console.`;
    core.warning(sentence);
    return this.finish('failed', sentence);
  }

  /** Errors polling again cannot fix (denied, expired credentials, service deleted) end the watch at once. */
  private fatal(error: unknown, activity: string): WatchOutcome {
    const reason = awsFailure(`keep ${activity}`, error).message;
    const state = this.last ? ` Last seen: ${this.stateOf(this.last)}.` : '';
    return this.finish('failed', `${reason}${state}`);
  }

  private finish(verdict: Verdict, sentence: string, rolledBackTo?: string): WatchOutcome {
    this.mark('Finished');
    core.info(sentence);
    return {
      verdict,
      sentence,
      serviceDeploymentArn: this.serviceDeploymentArn,
      rolledBackTo,
      runningTaskDefinition: this.last?.service.taskDefinition,
      explanation: this.explanation,
      events: this.events.lines,
      timeline: [...this.timeline],
    };
  }

  /** "web:7 (running 2/2, pending 0, failed tasks 0)": the service's revision and its PRIMARY's counts. */
  private serviceState(): string {
    if (!this.last) return 'an unknown revision';
    const primary = primaryOf(this.last.service);
    return `${shortRevision(this.last.service.taskDefinition)}${primary ? ` (${progressLine(primary)})` : ''}`;
  }

  private stateOf(snapshot: Snapshot): string {
    const parts: string[] = [];
    const status = snapshot.serviceDeployment?.status;
    if (status) parts.push(`service deployment ${status}`);
    const ours = this.ours(snapshot.service);
    if (ours) parts.push(`${shortRevision(ours.taskDefinition)} ${ours.rolloutState ?? ours.status ?? ''}: ${progressLine(ours)}`.replace(' :', ':'));
    parts.push(`the service is set to ${shortRevision(snapshot.service.taskDefinition)}`);
    return parts.join('; ');
  }
}
