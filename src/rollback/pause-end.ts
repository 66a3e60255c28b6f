/**
 * The end of a pause. After the checks the action reads the deployment again and acts on what ECS
 * shows now, not on what it saw before the check:
 * - still AWAITING_ACTION: answered, CONTINUE if the checks passed, ROLLBACK if not (after making
 *   sure the service is still ours);
 * - replaced by another deployment: `superseded`, nothing written;
 * - moved on (the hook expired and ECS took its timeout action, someone else answered it): said
 *   so and acted on. A failed check on a deployment ECS continued or completed is rolled back as
 *   after any failure; a passing check on a deployment ECS rolled back is red.
 * An answer ECS refuses because the hook moved on meanwhile is read as that, and an answer that
 * took effect but whose reply was lost is read as taken.
 */
import * as core from '@actions/core';
import type { DeploymentLifecycleHookDetail } from '@aws-sdk/client-ecs';
import { errorMessage } from '../errors.js';
import { shortRevision } from '../aws/arn.js';
import type { WatchOutcome } from '../report/types.js';
import { isRollbackStatus, type Snapshot } from '../watch/judge.js';
import type { DeploymentObserver } from '../watch/observer.js';
import { atExpiry, beforeProduction, type Pause } from '../watch/stages.js';
import type { Failure } from '../watch/watch.js';
import { period } from '../watch/wording.js';
import { endSuperseded, notOurs, oursOf, replacement } from './ownership.js';
import { continueDeployment, type GateEnd, type GateVerdict } from './pause-gate.js';
import { stopWithRollback } from './writes.js';

type Answer = 'CONTINUE' | 'ROLLBACK';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const ended = (outcome: WatchOutcome): GateEnd => ({ kind: 'ended', outcome });

/** Reads the deployment again after the checks and acts on what it shows. */
export async function settlePause(observer: DeploymentObserver, pause: Pause, verdict: GateVerdict): Promise<GateEnd> {
  const now = await readOrEnd(observer, 'after the checks at the pause');
  return 'outcome' in now ? ended(now.outcome) : decide(observer, pause, verdict, now.snapshot);
}

async function readOrEnd(observer: DeploymentObserver, when: string): Promise<{ snapshot: Snapshot } | { outcome: WatchOutcome }> {
  try {
    return { snapshot: await observer.readNow() };
  } catch (error) {
    return { outcome: observer.fatal(error, `reading the deployment of ${observer.what} ${when}`) };
  }
}

function hookOf(snapshot: Snapshot, pause: Pause): DeploymentLifecycleHookDetail | undefined {
  return snapshot.serviceDeployment?.lifecycleHookDetails?.find((hook) => hook.hookId === pause.hookId);
}

function stillAwaiting(snapshot: Snapshot, pause: Pause): boolean {
  return snapshot.serviceDeployment?.status === 'IN_PROGRESS' && hookOf(snapshot, pause)?.status === 'AWAITING_ACTION';
}

/** "At the pause at X, the smoke check failed on ... in the web:8 (green) tasks (task ...); production traffic never reached web:8" */
function failureAt(observer: DeploymentObserver, pause: Pause, verdict: GateVerdict): Failure {
  const green = shortRevision(observer.target.taskDefinitionArn);
  const never = beforeProduction(observer.last?.serviceDeployment, observer.stages.maxProductionWeight);
  return { verdict: 'failed', intro: `At the pause at ${pause.stage}, ${verdict.sentence}${never ? `; production traffic never reached ${green}` : ''}` };
}

/** `sent`: the answer the action sent that ECS refused or whose reply was lost. */
async function decide(observer: DeploymentObserver, pause: Pause, verdict: GateVerdict, now: Snapshot, sent?: Answer): Promise<GateEnd> {
  const replaced = replacement(now, oursOf(observer));
  if (replaced) return ended(endSuperseded(observer, `at the pause at ${pause.stage}, ${verdict.sentence}`, replaced, now.service));
  if (sent === undefined && stillAwaiting(now, pause)) return answer(observer, pause, verdict, now);
  return movedOn(observer, pause, verdict, now, sent);
}

async function answer(observer: DeploymentObserver, pause: Pause, verdict: GateVerdict, now: Snapshot): Promise<GateEnd> {
  const action: Answer = verdict.passed ? 'CONTINUE' : 'ROLLBACK';
  const failure = failureAt(observer, pause, verdict);
  const why = verdict.passed ? undefined : notOurs(now, oursOf(observer));
  if (why) return ended(endSuperseded(observer, `at the pause at ${pause.stage}, ${verdict.sentence}`, why, now.service));
  const arn = observer.serviceDeploymentArn!;
  core.info(`ContinueServiceDeployment ${arn} hook ${pause.hookId} with action ${action}.`);
  try {
    await continueDeployment(observer.ecs, arn, pause.hookId, action, observer.writeBudget());
  } catch (error) {
    if (observer.options.signal?.aborted) return ended(await observer.cancelled(`answering the pause of ${observer.what}`));
    const again = await readOrEnd(observer, `after ECS refused the ${action}`);
    if ('outcome' in again) return ended(again.outcome);
    if (!stillAwaiting(again.snapshot, pause)) return decide(observer, pause, verdict, again.snapshot, action);
    if (verdict.passed) {
      const sentence = `${capital(verdict.sentence)} at ${pause.stage}, but the pause could not be continued: ${errorMessage(error)} The deployment stays paused at ${pause.stage}; ${atExpiry(pause)}.`;
      return ended(observer.finish('failed', sentence));
    }
    core.warning(`${errorMessage(error)} Rolling back with StopServiceDeployment instead.`);
    try {
      await stopWithRollback(observer.ecs, arn, observer.writeBudget());
    } catch (stopError) {
      core.warning(errorMessage(stopError));
      return { kind: 'failed', failure };
    }
    observer.mark('StopServiceDeployment ROLLBACK');
    return { kind: 'rolling-back', by: 'the action', failure };
  }
  observer.mark(`ContinueServiceDeployment ${action}`);
  return verdict.passed ? { kind: 'continued' } : { kind: 'rolling-back', by: 'the action', failure, how: 'by answering the pause with ROLLBACK' };
}

/** What became of the pause, in words. */
function whatHappened(pause: Pause, hook: DeploymentLifecycleHookDetail | undefined, now: Snapshot, sent?: Answer): string {
  if (hook?.status === 'TIMED_OUT') return `the pause expired before the check finished: ECS took the hook's timeout action ${hook.timeoutAction ?? pause.timeoutAction ?? 'ROLLBACK'}`;
  if (sent && hook?.status === (sent === 'CONTINUE' ? 'SUCCEEDED' : 'FAILED')) return `PAUSE hook ${pause.hookId} is ${hook.status}: the ${sent} took effect, though its reply was lost`;
  const shown = hook ? `is ${hook.status}` : 'is no longer listed';
  return `the pause ended before the action answered (PAUSE hook ${pause.hookId} ${shown}; service deployment ${now.serviceDeployment?.status ?? 'not read'})`;
}

function movedOn(observer: DeploymentObserver, pause: Pause, verdict: GateVerdict, now: Snapshot, sent?: Answer): GateEnd {
  const sd = now.serviceDeployment;
  const happened = whatHappened(pause, hookOf(now, pause), now, sent);
  const rollingBack = isRollbackStatus(sd?.status) || sd?.rollback?.startedAt !== undefined;
  if (verdict.passed && !rollingBack) {
    core.info(`${capital(verdict.sentence)} at ${pause.stage}; ${happened}, so the action watches on.`);
    return { kind: 'continued' };
  }
  if (verdict.passed) return { kind: 'rolling-back', by: 'ECS', failure: { verdict: 'failed', intro: `${capital(verdict.sentence)} at ${pause.stage}, but ${happened}` } };
  const failure: Failure = { verdict: 'failed', intro: `${failureAt(observer, pause, verdict).intro}; ${happened}` };
  if (rollingBack) {
    return sent === 'ROLLBACK' ? { kind: 'rolling-back', by: 'the action', failure, how: 'by answering the pause with ROLLBACK' } : { kind: 'rolling-back', by: 'ECS', failure };
  }
  core.warning(`${period(failure.intro)} ECS moved the deployment on, so the action rolls it back.`);
  return { kind: 'failed', failure };
}
