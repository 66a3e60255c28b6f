/**
 * Watches the one deployment our UpdateService created (never "whatever is PRIMARY") to the
 * first judgement ECS's data supports, and explains a failure the moment it is seen. What
 * follows a failure (ECS's rollback, or one the action makes) is in rollback/guarded-watch.ts.
 */
import * as core from '@actions/core';
import type { Deployment } from '@aws-sdk/client-ecs';
import { shortRevision } from '../aws/arn.js';
import type { WatchOutcome } from '../report/types.js';
import { failureReason, hasSucceeded, replacedBy, type Snapshot } from './judge.js';
import type { DeploymentObserver } from './observer.js';
import { awaitingPause, stagedFailure, type Pause } from './stages.js';
import { duration, period, plural } from './wording.js';

/** Why our deployment did not succeed, and the verdict it gets when no rollback fixes it. */
export interface Failure {
  verdict: 'failed' | 'timed-out';
  /** "Deployment of web:8 to demo/web failed (...)" */
  intro: string;
}

export type WatchEnd =
  /** A verdict no rollback changes: deployed, superseded, cancelled, or an error polling cannot fix. */
  | { kind: 'ended'; outcome: WatchOutcome }
  | { kind: 'failed'; failure: Failure; snapshot: Snapshot }
  | { kind: 'timed-out'; failure: Failure }
  /** Only when the watch may act on a pause (options.actOnPause): a PAUSE hook of ours awaits an answer. */
  | { kind: 'paused'; pause: Pause; snapshot: Snapshot };

type Judgement =
  | { kind: 'deployed' }
  | { kind: 'failed'; reason: string }
  | { kind: 'superseded'; by: Deployment | 'unknown' }
  | { kind: 'paused'; pause: Pause };

function judge(observer: DeploymentObserver, snapshot: Snapshot): Judgement | undefined {
  const ours = observer.ours(snapshot.service);
  const reason = failureReason(snapshot, ours);
  if (reason) return { kind: 'failed', reason: stagedFailure(snapshot.serviceDeployment, observer.stages.forwardStage) ?? reason };
  if (hasSucceeded(snapshot, ours)) return { kind: 'deployed' };
  const pause = observer.options.actOnPause ? awaitingPause(snapshot.serviceDeployment) : undefined;
  if (pause && !observer.pausesHandled.has(pause.hookId)) return { kind: 'paused', pause };
  const by = replacedBy(snapshot, observer.deploymentId);
  return by ? { kind: 'superseded', by } : undefined;
}

/** `resumed`: watching on after the action answered a pause, with the same deadline. */
export async function watchToJudgement(observer: DeploymentObserver, resumed = false): Promise<WatchEnd> {
  const { timeoutMs, pollIntervalMs } = observer.options;
  const { target, what } = observer;
  if (!resumed) {
    core.info(
      `Watching the deployment of ${what} (${observer.deploymentId ?? 'deployment id not known yet'}): up to ${duration(timeoutMs)}, polling every ${pollIntervalMs / 1000} s.`,
    );
    observer.mark('Deployment started', target.updatedAt);
  }
  const result = await observer.poll(target.updatedAt.getTime() + timeoutMs, (snapshot) => judge(observer, snapshot));
  if (result.kind === 'cancelled') return { kind: 'ended', outcome: await observer.cancelled(`waiting for the deployment of ${what}`) };
  if (result.kind === 'fatal') return { kind: 'ended', outcome: observer.fatal(result.error, `watching the deployment of ${what}`) };
  if (result.kind === 'timeout') {
    observer.mark('Deadline passed');
    const state = observer.lastState();
    const pause = awaitingPause(observer.last?.serviceDeployment);
    // What is true at the deadline; what the action then does about the pause (roll back by answering it, or leave it) the rollback rule says.
    const paused = pause ? `; paused at ${pause.stage}, PAUSE hook ${pause.hookId}, AWAITING_ACTION` : '';
    const failure: Failure = {
      verdict: 'timed-out',
      intro: `Deployment of ${what} did not finish within ${duration(timeoutMs)}${state ? ` (${state}${paused})` : ''}`,
    };
    await observer.explain(period(failure.intro));
    return { kind: 'timed-out', failure };
  }
  const judgement = result.value;
  if (judgement.kind === 'deployed') return { kind: 'ended', outcome: deployed(observer, result.snapshot) };
  if (judgement.kind === 'superseded') return { kind: 'ended', outcome: superseded(observer, judgement.by) };
  if (judgement.kind === 'paused') return { kind: 'paused', pause: judgement.pause, snapshot: result.snapshot };
  observer.mark('Failure detected');
  const failure: Failure = { verdict: 'failed', intro: `Deployment of ${what} failed: ${judgement.reason}` };
  await observer.explain(period(failure.intro));
  return { kind: 'failed', failure, snapshot: result.snapshot };
}

function deployed(observer: DeploymentObserver, snapshot: Snapshot): WatchOutcome {
  // The counts of the service deployment's target revision come in the same answer as the status
  // that decided; the service's, read before it in the poll, can predate the tasks.
  const target = snapshot.serviceDeployment?.targetServiceRevision;
  const ours = observer.ours(snapshot.service);
  const running = target?.runningTaskCount ?? ours?.runningCount ?? snapshot.service.runningCount ?? 0;
  const desired = target?.requestedTaskCount ?? ours?.desiredCount ?? snapshot.service.desiredCount ?? 0;
  return observer.finish('deployed', `Deployed ${observer.what}: ${running} of ${plural(desired, 'task')} running.`);
}

function superseded(observer: DeploymentObserver, by: Deployment | 'unknown'): WatchOutcome {
  const other = by === 'unknown' ? 'another deployment' : `another deployment (${shortRevision(by.taskDefinition)}, ${by.id})`;
  const sentence = `Superseded: ${other} replaced the deployment of ${observer.what} before it finished; the action does not roll back someone else's deployment.`;
  core.warning(sentence);
  return observer.finish('superseded', sentence);
}
