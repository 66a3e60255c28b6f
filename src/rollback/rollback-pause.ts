/**
 * The PAUSE hooks of the action's own rollback deployment (its redeploy after a failed check or
 * watch, and mode rollback). Left alone, a hook whose timeout action is ROLLBACK would put back
 * the revision the rollback moves away from, so every such pause is answered. With checks, at a
 * stage where the target's tasks run (pause-stages), they run in the tasks the rollback started and
 * the pause is continued only if they pass; a failed check leaves the pause (ROLLBACK would put
 * the bad revision back) and the action says loudly what ECS will do at expiry. Elsewhere, or
 * without checks, the pause is continued without one: the target is the last revision known to work.
 */
import * as core from '@actions/core';
import { errorMessage } from '../errors.js';
import { shortRevision } from '../aws/arn.js';
import type { DeploymentObserver } from '../watch/observer.js';
import { atExpiry, GREEN_PAUSE_STAGES, pauseAtStages, pauseFacts, type Pause } from '../watch/stages.js';
import { checkGreen, continueDeployment, type GateEnd, type PauseGate } from './pause-gate.js';

export async function answerRollbackPause(observer: DeploymentObserver, pause: Pause, gate: PauseGate): Promise<GateEnd> {
  const target = shortRevision(observer.target.taskDefinitionArn);
  const from = shortRevision(observer.target.previousTaskDefinitionArn);
  const unchecked =
    gate.checks.length === 0
      ? 'no check runs at a pause'
      : !pauseAtStages(pause, GREEN_PAUSE_STAGES)
        ? `its tasks have not started at ${pause.stage}`
        : !pauseAtStages(pause, gate.stages)
          ? 'pause-stages does not name this stage'
          : undefined;
  if (unchecked) {
    core.info(
      `rollback: paused at ${pause.stage} (${pauseFacts(pause)}): continuing without a check: the rollback target ${target} is the last revision known to work (${unchecked}), and ROLLBACK here would put ${from} back.`,
    );
    return continueRollback(observer, pause);
  }
  const verdict = await checkGreen(observer, pause, gate);
  if (observer.options.signal?.aborted) return { kind: 'ended', outcome: await observer.cancelled(`checking the rollback at its pause (${observer.what})`) };
  if (verdict.passed) return continueRollback(observer, pause);
  const back = pause.timeoutAction === 'CONTINUE' ? '' : ` (to ${from})`;
  const sentence = `The rollback to ${target} is paused at ${pause.stage} (PAUSE hook ${pause.hookId}) and ${verdict.sentence}: the action leaves the pause, since ROLLBACK would put ${from} back. ${whenItExpires(pause)}${back}.`;
  core.error(sentence);
  return { kind: 'ended', outcome: observer.finish('failed', sentence) };
}

/** "It expires at <time>, when ECS rolls the deployment back on its own" */
function whenItExpires(pause: Pause): string {
  const expiry = atExpiry(pause);
  return `${expiry.charAt(0).toUpperCase()}${expiry.slice(1)}`;
}

async function continueRollback(observer: DeploymentObserver, pause: Pause): Promise<GateEnd> {
  const arn = observer.serviceDeploymentArn!;
  core.info(`rollback: ContinueServiceDeployment ${arn} hook ${pause.hookId} with action CONTINUE.`);
  try {
    await continueDeployment(observer.ecs, arn, pause.hookId, 'CONTINUE', observer.writeBudget());
  } catch (error) {
    // Refused because the hook moved on (it expired, or someone answered it): the watch judges what became of the rollback.
    const now = await observer.readNow().catch(() => undefined);
    const hook = now?.serviceDeployment?.lifecycleHookDetails?.find((detail) => detail.hookId === pause.hookId);
    if (hook && hook.status !== 'AWAITING_ACTION') return { kind: 'continued' };
    const sentence = `The rollback to ${shortRevision(observer.target.taskDefinitionArn)} is paused at ${pause.stage} and could not be continued: ${errorMessage(error)} ${whenItExpires(pause)}.`;
    core.error(sentence);
    return { kind: 'ended', outcome: observer.finish('failed', sentence) };
  }
  observer.mark(`Rollback paused at ${pause.stage}: ContinueServiceDeployment CONTINUE`);
  return { kind: 'continued' };
}
