/**
 * A watch that rolls back: watches our deployment to its judgement and, when it failed or
 * ran out of time, follows the rollback ECS makes or makes one itself, then says what the
 * service runs. The only place that decides how a failed deployment is rolled back.
 */
import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { errorMessage } from '../errors.js';
import { shortRevision } from '../aws/arn.js';
import type { Verdict, WatchOutcome } from '../report/types.js';
import { completedDeploymentVisible, ecsWillRollBack, isInProgress, rollbackState, rollbackUnderWay, type RollbackState, type Snapshot } from '../watch/judge.js';
import { DeploymentObserver } from '../watch/observer.js';
import type { WatchOptions, WatchTarget } from '../watch/types.js';
import { watchToJudgement, type Failure } from '../watch/watch.js';
import { duration, period, serviceState } from '../watch/wording.js';
import { awaitingPause, GREEN_PAUSE_STAGES, pausedNote } from '../watch/stages.js';
import { startRedeploy, stopWithRollback } from './writes.js';
import { answerPause } from './answer-pause.js';
import { continueDeployment, type PauseGate } from './pause-gate.js';
import { endSuperseded, notOurs, oursOf } from './ownership.js';

/** How long ECS may take to start the rollback its configuration promises before the action does it. */
const ECS_ROLLBACK_GRACE_MS = 60_000;
/** Polls to wait for an ECS rollback when no COMPLETED deployment is left for ECS to return to. */
const UNLIKELY_ROLLBACK_POLLS = 3;

type RollbackEnd = Exclude<RollbackState, { state: 'running' }> | 'not-started';

/**
 * The pause gates of one watch. `release` answers our deployment's PAUSE hooks after its checks
 * (absent: the action answers none of them). `rollback` answers the PAUSE hooks of any rollback
 * deployment the action makes (absent: continued without a check, the target being the last
 * revision known to work).
 */
export interface WatchGates {
  release?: PauseGate;
  rollback?: PauseGate;
}

/** A rollback deployment's pauses, continued without a check. */
const KNOWN_GOOD: PauseGate = { stages: new Set(GREEN_PAUSE_STAGES), checks: [] };

/**
 * `rollingBack`: the deployment being watched is itself a rollback (mode rollback, or after a
 * failed smoke check), which the action never rolls back in turn; its pauses are answered with
 * `gates.rollback`.
 */
export async function watchDeployment(
  ecs: ECSClient,
  target: WatchTarget,
  options: WatchOptions,
  rollingBack = false,
  gates: WatchGates = {},
): Promise<WatchOutcome> {
  const gate = rollingBack ? (gates.rollback ?? KNOWN_GOOD) : gates.release;
  return guard(new DeploymentObserver(ecs, target, { ...options, actOnPause: gate !== undefined }, undefined, rollingBack), gate, gates);
}

async function guard(observer: DeploymentObserver, gate: PauseGate | undefined, gates: WatchGates): Promise<WatchOutcome> {
  let end = await watchToJudgement(observer);
  while (end.kind === 'paused' && gate) {
    const answered = await answerPause(observer, end.pause, gate);
    if (answered.kind === 'ended') return answered.outcome;
    if (answered.kind === 'rolling-back') {
      if (answered.by === 'the action') observer.rollbackRequested = true;
      return followRollback(observer, gates, answered.by, answered.failure, observer.last!, undefined, answered.how);
    }
    if (answered.kind === 'failed') return rollBackOurselves(observer, gates, answered.failure);
    end = await watchToJudgement(observer, true);
  }
  if (end.kind === 'paused') throw new Error('a pause was judged without a gate to answer it');
  if (end.kind === 'ended') return end.outcome;
  if (end.kind === 'timed-out') return rollBackOurselves(observer, gates, end.failure);
  return afterFailure(observer, gates, end.failure, end.snapshot);
}

async function afterFailure(observer: DeploymentObserver, gates: WatchGates, failure: Failure, snapshot: Snapshot): Promise<WatchOutcome> {
  if (observer.options.signal?.aborted) return observer.cancelled(`explaining the failed deployment of ${observer.what}`);
  if (rollbackUnderWay(snapshot, observer.deploymentId)) return followRollback(observer, gates, 'ECS', failure, snapshot);
  // Fail-fast stops a deployment the breaker has not failed (yet): ECS will not roll it back by itself.
  if (snapshot.failFast) return rollBackOurselves(observer, gates, failure);
  if (observer.target.previousTaskDefinitionArn && ecsWillRollBack(snapshot.service, snapshot.serviceDeployment)) {
    const grace = completedDeploymentVisible(snapshot.service)
      ? ECS_ROLLBACK_GRACE_MS
      : Math.min(ECS_ROLLBACK_GRACE_MS, UNLIKELY_ROLLBACK_POLLS * observer.options.pollIntervalMs);
    core.info(`ECS is configured to roll back; waiting up to ${duration(grace)} for it to start.`);
    return followRollback(observer, gates, 'ECS', failure, snapshot, observer.options.clock.now() + grace);
  }
  return rollBackOurselves(observer, gates, failure);
}

/**
 * Follows a rollback to its end. With `graceUntil`, ECS has not started the rollback yet:
 * if it still has not by then, the action rolls back itself. `how`: how the action asked for it,
 * when the verdict should say ("by answering the pause with ROLLBACK").
 */
async function followRollback(
  observer: DeploymentObserver,
  gates: WatchGates,
  by: string,
  failure: Failure,
  snapshot: Snapshot,
  graceUntil?: number,
  how?: string,
): Promise<WatchOutcome> {
  observer.followingRollback = true;
  const { clock, timeoutMs } = observer.options;
  let seen = false;
  const result = await observer.poll<RollbackEnd>(
    clock.now() + timeoutMs,
    (current) => {
      if (!seen && rollbackUnderWay(current, observer.deploymentId)) {
        seen = true;
        observer.mark(`Rollback started (${by})`);
      }
      if (!seen && graceUntil !== undefined) return clock.now() >= graceUntil ? 'not-started' : undefined;
      const state = rollbackState(current, observer.deploymentId);
      return state.state === 'running' ? undefined : state;
    },
    snapshot,
  );
  if (result.kind === 'cancelled') return observer.cancelled(`following the rollback of ${observer.what}`);
  if (result.kind === 'fatal') return observer.fatal(result.error, `following the rollback of ${observer.what}`);
  if (result.kind === 'timeout') return rollbackFailed(observer, failure, `it did not finish within ${duration(timeoutMs)}`);
  const state = result.value;
  if (state === 'not-started') {
    core.info(`ECS did not start a rollback within ${duration(ECS_ROLLBACK_GRACE_MS)}; the action rolls back itself.`);
    observer.followingRollback = false;
    return rollBackOurselves(observer, gates, failure);
  }
  if (state.state === 'failed') return rollbackFailed(observer, failure, state.reason);
  return rolledBack(observer, failure, by, state.to, how);
}

/**
 * The rollback rule when ECS is not rolling back: StopServiceDeployment while ours is in progress
 * (ContinueServiceDeployment ROLLBACK while it is paused), else UpdateService to the previous
 * revision; each only while the service is still ours.
 */
async function rollBackOurselves(observer: DeploymentObserver, gates: WatchGates, failure: Failure): Promise<WatchOutcome> {
  const { target } = observer;
  const previous = target.previousTaskDefinitionArn;
  const stays = () => `the service stays on ${serviceState(observer.last)}.${pausedNote(observer.last?.serviceDeployment)}`;
  if (observer.rollingBack) return observer.finish(failure.verdict, period(failure.intro));
  if (observer.options.signal?.aborted) return observer.cancelled(`about to roll back the deployment of ${observer.what}`);
  if (!previous) {
    return observer.finish(failure.verdict, `${period(failure.intro)} Nothing to roll back to (this was the service's first deployment), so ${stays()}`);
  }
  if (previous === target.taskDefinitionArn || target.previousCompleted === false) {
    const why =
      previous === target.taskDefinitionArn
        ? `the service already ran ${shortRevision(previous)}, the revision that just failed`
        : `the service's earlier deployment of ${shortRevision(previous)} never completed, so it is not known to work`;
    return observer.finish(failure.verdict, `${period(failure.intro)} Nothing known to work to roll back to (${why}), so ${stays()}`);
  }
  if (!observer.options.rollbackOnFailure) {
    return observer.finish(failure.verdict, `${period(failure.intro)} rollback-on-failure is off, so ${stays()}`);
  }
  let now: Snapshot;
  try {
    now = await observer.readNow();
  } catch (error) {
    return rollbackFailed(observer, failure, `the service could not be read before rolling back: ${errorMessage(error)}`);
  }
  const why = notOurs(now, oursOf(observer));
  if (why) return endSuperseded(observer, failure.intro.replace(/^./, (first) => first.toLowerCase()), why, now.service);
  if (observer.serviceDeploymentArn && isInProgress(now.serviceDeployment)) {
    try {
      const how = await rollBackInFlight(observer);
      observer.rollbackRequested = true;
      return await followRollback(observer, gates, 'the action', failure, now, undefined, how);
    } catch (error) {
      core.warning(`${errorMessage(error)} Rolling back with UpdateService to ${shortRevision(previous)} instead.`);
    }
  }
  return redeployPrevious(observer, gates, failure, previous);
}

/**
 * The action's own rollback of our deployment in flight: ContinueServiceDeployment ROLLBACK while
 * it waits at a PAUSE hook, else StopServiceDeployment ROLLBACK. Returns how, when the verdict says it.
 */
async function rollBackInFlight(observer: DeploymentObserver): Promise<string | undefined> {
  const arn = observer.serviceDeploymentArn!;
  const pause = awaitingPause(observer.last?.serviceDeployment);
  if (pause) {
    core.info(`Rolling back: ContinueServiceDeployment ${arn} hook ${pause.hookId} with action ROLLBACK (the deployment is paused at ${pause.stage}).`);
    await continueDeployment(observer.ecs, arn, pause.hookId, 'ROLLBACK', observer.writeBudget());
    return 'by answering the pause with ROLLBACK';
  }
  core.info(`Rolling back: StopServiceDeployment ${arn} with stopType ROLLBACK.`);
  await stopWithRollback(observer.ecs, arn, observer.writeBudget());
  return undefined;
}

async function redeployPrevious(observer: DeploymentObserver, gates: WatchGates, failure: Failure, previous: string): Promise<WatchOutcome> {
  if (observer.options.signal?.aborted) return observer.cancelled(`about to roll back the deployment of ${observer.what}`);
  core.info(`Rolling back: UpdateService ${observer.where} to ${shortRevision(previous)}.`);
  const { ecs, options } = observer;
  const request = { cluster: observer.target.cluster, service: observer.target.service, taskDefinitionArn: previous };
  let target: WatchTarget;
  try {
    target = await startRedeploy(ecs, request, observer.last?.service, observer.writeBudget());
  } catch (error) {
    return rollbackFailed(observer, failure, errorMessage(error));
  }
  observer.mark('Rollback started (UpdateService)', target.updatedAt);
  const nested = new DeploymentObserver(ecs, target, { ...options, rollbackOnFailure: false, actOnPause: true }, observer.events, true);
  const outcome = await guard(nested, gates.rollback ?? KNOWN_GOOD, gates);
  observer.last = nested.last ?? observer.last;
  observer.timeline.push(
    ...outcome.timeline
      .filter((entry) => entry.label !== 'Deployment started')
      .map((entry) => ({ ...entry, label: `Rollback: ${entry.label.toLowerCase()}` })),
  );
  if (outcome.verdict === 'deployed') return rolledBack(observer, failure, 'the action', previous);
  if (options.signal?.aborted) return observer.finish('failed', outcome.sentence);
  return rollbackFailed(observer, failure, outcome.sentence);
}

function rolledBack(observer: DeploymentObserver, failure: Failure, by: string, to: string | undefined, how?: string): WatchOutcome {
  const verdict: Verdict = failure.verdict === 'failed' ? 'rolled-back' : 'timed-out';
  return observer.finish(
    verdict,
    `${period(failure.intro)} ${by === 'ECS' ? 'ECS' : 'The action'} rolled back to ${shortRevision(to)}${how ? ` (${how})` : ''}, which the service runs now.`,
    to,
  );
}

function rollbackFailed(observer: DeploymentObserver, failure: Failure, why: string): WatchOutcome {
  const running = observer.last?.service.taskDefinition;
  core.error(
    `ROLLBACK FAILED: service ${observer.where} is on task definition ${running ?? '(unknown)'} (${serviceState(observer.last)}). Deploy a working revision by hand; see the service in the ECS console.`,
  );
  return observer.finish('failed', `${period(failure.intro)} The rollback failed too (${why}): the service is on ${serviceState(observer.last)}.`);
}
