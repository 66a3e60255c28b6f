/**
 * One watched deployment: polls ECS (with backoff on transient faults), finds our service
 * deployment, prints what is new, and keeps what was seen so the verdict and any rollback
 * can say what the service runs.
 */
import * as core from '@actions/core';
import type { Deployment, ECSClient, Service } from '@aws-sdk/client-ecs';
import { errorMessage } from '../errors.js';
import { awsErrorName, awsFailure, isServiceDeploymentsUnavailable, isTransient } from '../aws/errors.js';
import { shortRevision } from '../aws/arn.js';
import { jittered, retryingClient, type RetryBudget } from '../aws/retry.js';
import type { TimelineEntry, Verdict, WatchOutcome } from '../report/types.js';
import { currentService, describeServiceDeployment, glanceAfterCancel } from '../service/describe.js';
import { planReads } from './budget.js';
import { EventLog } from './events.js';
import { pausedNote, StageLog } from './stages.js';
import { explainFailure, type ExplainScope } from './explain.js';
import { OurDeploymentSearch, searchFrom, updateTime } from './identify.js';
import { primaryOf, progressLine, rollbackUnderWay, type Snapshot } from './judge.js';
import { StopWatch } from './stops.js';
import { WatchStopped } from './stopped.js';
import type { PollResult, WatchOptions, WatchTarget } from './types.js';
import { cancelledState, duration, stateOf } from './wording.js';
import { inert } from '../untrusted.js';

const MAX_BACKOFF_MS = 60_000;
/** How long the explanation may retry reading stopped tasks through throttling before it says it could not. */
const EXPLAIN_BUDGET_MS = 30_000;


export class DeploymentObserver {
  serviceDeploymentArn?: string;
  deploymentId?: string;
  last?: Snapshot;
  /** Set while following a rollback: progress lines then describe the PRIMARY, not ours. */
  followingRollback = false;
  /** Set once the action's StopServiceDeployment(ROLLBACK) was accepted. */
  rollbackRequested = false;
  explanation: string[] = [];
  readonly timeline: TimelineEntry[] = [];
  readonly stages: StageLog;
  /** PAUSE hooks the action has acted on (verified, then continued or rolled back). */
  readonly pausesHandled = new Set<string>();
  readonly what: string;
  readonly where: string;
  private serviceDeploymentsApi = true;
  private readonly search: OurDeploymentSearch;
  private lastProgress?: string;
  private lastStatus?: string;
  /** Polls since DescribeServices was last read. */
  private servicePollsAgo = 0;
  private serviceWanted = false;
  private stops?: StopWatch;

  constructor(
    readonly ecs: ECSClient,
    readonly target: WatchTarget,
    readonly options: WatchOptions,
    readonly events: EventLog = new EventLog(searchFrom(updateTime(target.updateResponse, target.taskDefinitionArn, target.updatedAt, target.previousDeploymentId)), target.updateResponse.events),
    /** Set when this watches the action's own rollback, which is never rolled back in turn. */
    readonly rollingBack = false,
  ) {
    this.where = `${target.cluster}/${target.service}`;
    this.stages = new StageLog(this.timeline, () => options.clock.now(), () => (this.rollingBack || this.followingRollback ? 'rollback: ' : ''));
    this.what = `${shortRevision(target.taskDefinitionArn)} to ${this.where}`;
    this.deploymentId = target.updateResponse.deployments?.find(
      (deployment) => deployment.status === 'PRIMARY' && deployment.taskDefinition === target.taskDefinitionArn,
    )?.id;
    this.search = new OurDeploymentSearch(ecs, target, options.clock);
    this.serviceDeploymentArn = this.search.unchanged(this.deploymentId);
    if (options.failFast && !rollingBack) this.stops = new StopWatch(() => this.scope());
  }

  private scope(): ExplainScope {
    const { cluster, service, taskDefinitionArn } = this.target;
    return { cluster, service, taskDefinitionArn, deploymentId: this.deploymentId, since: searchFrom(this.search.time), logs: this.options.logs };
  }

  /** Our entry in service.deployments[]; found by revision when the update response did not name it. */
  ours(service: Service): Deployment | undefined {
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
  async poll<T>(deadline: number, decide: (snapshot: Snapshot) => T | undefined, initial?: Snapshot): Promise<PollResult<T>> {
    const { clock, signal, pollIntervalMs } = this.options;
    let snapshot = initial;
    let wait = initial ? pollIntervalMs : 0;
    let throttled = 0;
    let refresh: Snapshot['stale'];
    for (;;) {
      if (snapshot) {
        const value = decide(snapshot);
        if (value !== undefined && !snapshot.stale) return { kind: 'decided', value, snapshot };
        // A judgement that rests on a part read polls ago is made again at once, with that part read now.
        refresh = value === undefined ? undefined : snapshot.stale;
      }
      if (wait > 0 && !refresh) {
        const left = deadline - clock.now();
        if (left <= 0) return { kind: 'timeout' };
        await clock.sleep(Math.min(wait, left), signal);
      }
      if (signal?.aborted) return { kind: 'cancelled' };
      try {
        snapshot = await this.observe(refresh);
        refresh = undefined;
        throttled = 0;
        wait = pollIntervalMs;
        this.see(snapshot);
      } catch (error) {
        if (signal?.aborted) return { kind: 'cancelled' };
        if (!isTransient(error)) return { kind: 'fatal', error };
        snapshot = undefined;
        refresh = undefined;
        throttled += 1;
        wait = jittered(Math.min(pollIntervalMs * 2 ** throttled, MAX_BACKOFF_MS), clock);
        core.info(inert(`ECS answered ${awsErrorName(error) ?? 'an error'} (${errorMessage(error)}); looking again in ${duration(wait)}.`));
      }
    }
  }

  /**
   * One poll within the request budget. Until our service deployment is identified, or without the
   * Service Deployments API, DescribeServices is the source of truth and is read every poll;
   * after that a poll reads one of the two, and `refresh` reads the part the last poll did not.
   */
  private async observe(refresh: Snapshot['stale']): Promise<Snapshot> {
    const previous = this.last;
    const read = planReads({
      identified: previous !== undefined && this.serviceDeploymentsApi && this.serviceDeploymentArn !== undefined,
      refresh,
      servicePollsAgo: this.servicePollsAgo,
      serviceWanted: this.serviceWanted,
      pollIntervalMs: this.options.pollIntervalMs,
      last: previous?.serviceDeployment,
    });
    const service = read.service ? await currentService(this.ecs, this.target.cluster, this.target.service, this.options.signal) : previous!.service;
    // Our tasks all came up since the last look: success may be in the service deployment now, so it is read on this poll too.
    read.serviceDeployment ||= !refresh && this.ours(service)?.rolloutState === 'COMPLETED';
    const serviceDeployment = read.serviceDeployment ? await this.readServiceDeployment() : previous!.serviceDeployment;
    this.servicePollsAgo = read.service ? 0 : this.servicePollsAgo + 1;
    this.serviceWanted = !read.service && previous?.serviceDeployment?.status !== serviceDeployment?.status;
    const awaitingServiceDeployment = !serviceDeployment && this.serviceDeploymentsApi && !this.search.nothingStarted;
    const snapshot: Snapshot = { service, serviceDeployment, awaitingServiceDeployment, failFast: this.search.unverifiable };
    if (!refresh && !read.service) snapshot.stale = 'service';
    if (!refresh && !read.serviceDeployment) snapshot.stale = 'serviceDeployment';
    const seen = this.events.lines.length;
    if (read.service) this.events.record(service.events);
    const newEvents = this.events.lines.slice(seen).map((line) => line.message);
    if (this.stops && !this.followingRollback) {
      const found = await this.stops.check(this.ecs, snapshot, this.ours(service), read, newEvents, this.options.signal);
      if (found === 'unavailable') this.stops = undefined;
      else snapshot.failFast = found ?? this.search.unverifiable;
    }
    return snapshot;
  }

  private async readServiceDeployment(): Promise<Snapshot['serviceDeployment']> {
    if (!this.serviceDeploymentsApi) return undefined;
    try {
      this.serviceDeploymentArn ??= await this.search.look(this.options.signal);
      if (!this.serviceDeploymentArn) return undefined;
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

  /** Prints what is new: events once each, the service deployment's status and the counts when they change. */
  private see(snapshot: Snapshot): void {
    this.last = snapshot;
    this.events.record(snapshot.service.events);
    this.stages.see(snapshot.serviceDeployment);
    const status = snapshot.serviceDeployment?.status;
    if (status && status !== this.lastStatus) {
      core.info(inert(`${this.rollingBack ? 'rollback: ' : ''}service deployment ${status}${snapshot.serviceDeployment?.statusReason ? `: ${snapshot.serviceDeployment.statusReason}` : ''}`));
      this.lastStatus = status;
    }
    const deployment = this.followingRollback ? primaryOf(snapshot.service) : this.ours(snapshot.service);
    if (!deployment) return;
    const line = `${this.followingRollback || this.rollingBack ? 'rollback: ' : ''}${progressLine(deployment)}`;
    if (line !== this.lastProgress) core.info(line);
    this.lastProgress = line;
  }

  /** The service and our service deployment read now: a decision at a pause or before a rollback write rests on this, not on a poll ago. */
  async readNow(): Promise<Snapshot> {
    const ecs = retryingClient(this.ecs, 'Reading from ECS', this.writeBudget());
    const service = await currentService(ecs, this.target.cluster, this.target.service, this.options.signal);
    const serviceDeployment = this.serviceDeploymentArn ? await describeServiceDeployment(ecs, this.serviceDeploymentArn, this.options.signal) : undefined;
    this.see({ service, serviceDeployment });
    return this.last!;
  }

  /** The budget of a write that rolls back: transient faults are retried for wait-for-minutes again. */
  writeBudget(): RetryBudget {
    const { clock, signal, timeoutMs } = this.options;
    return { clock, signal, deadline: clock.now() + timeoutMs };
  }

  mark(label: string, at = new Date(this.options.clock.now())): void {
    this.timeline.push({ label, at });
  }

  async explain(headline: string): Promise<void> {
    await this.readEventsIfStale();
    this.explanation = await explainFailure(
      this.ecs,
      this.scope(),
      headline,
      this.events.relevant(),
      { clock: this.options.clock, signal: this.options.signal, deadline: this.options.clock.now() + EXPLAIN_BUDGET_MS },
    );
    core.error(this.explanation.join('\n'));
  }

  /** A watch that ran out of time may have last read the service polls ago: its latest events belong in the explanation. */
  private async readEventsIfStale(): Promise<void> {
    if (this.last?.stale !== 'service') return;
    try {
      const service = await currentService(this.ecs, this.target.cluster, this.target.service, this.options.signal);
      this.last = { ...this.last, service, stale: undefined };
      this.events.record(service.events);
    } catch (error) {
      core.info(`Could not read the service's latest events (${errorMessage(error)}).`);
    }
  }

  /** The state last seen, in words, for verdicts that end without a decision. */
  lastState(): string | undefined {
    return this.last ? stateOf(this.last, this.ours(this.last.service)) : undefined;
  }

  /**
   * The run was cancelled: nothing more is started. One quick look (the runner allows a few
   * seconds) so the sentence says what the service is doing now, not what it did a poll ago.
   */
  async cancelled(activity: string): Promise<WatchOutcome> {
    const reason = this.options.signal?.reason;
    if (reason instanceof WatchStopped) return this.finish('failed', `Stopped ${activity}: ${reason.message}`);
    await this.lookOnceMore();
    const rollbackInFlight = this.rollingBack || this.rollbackRequested || (this.last !== undefined && rollbackUnderWay(this.last, this.deploymentId));
    const sentence = `Cancelled while ${activity}; the action started nothing after the cancel. ${cancelledState(this.last, rollbackInFlight)}${pausedNote(this.last?.serviceDeployment)}`;
    core.warning(sentence);
    return this.finish('failed', sentence);
  }

  private async lookOnceMore(): Promise<void> {
    // When the look fails, the state last polled stands.
    this.last = (await glanceAfterCancel(this.ecs, this.target.cluster, this.target.service, this.serviceDeploymentArn)) ?? this.last;
  }

  /** Errors polling again cannot fix (denied, expired credentials, service deleted) end the watch at once. */
  fatal(error: unknown, activity: string): WatchOutcome {
    const reason = awsFailure(`keep ${activity}`, error).message;
    const state = this.lastState();
    return { ...this.finish('failed', `${reason}${state ? ` Last seen: ${state}.` : ''}`), endedOnError: true };
  }

  finish(verdict: Verdict, sentence: string, rolledBackTo?: string): WatchOutcome {
    this.stages.closeStage();
    this.mark('Finished');
    core.info(inert(sentence));
    return {
      verdict,
      sentence,
      serviceDeploymentArn: this.serviceDeploymentArn,
      rolledBackTo,
      runningTaskDefinition: this.last?.service.taskDefinition,
      explanation: this.explanation,
      events: this.events.lines,
      timeline: [...this.timeline],
      deploymentId: this.deploymentId,
      lastSeen: this.last && { service: this.last.service, serviceDeployment: this.last.serviceDeployment },
    };
  }
}
