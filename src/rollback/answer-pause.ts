/**
 * The checks at a PAUSE hook of our deployment, before production traffic when the pause allows.
 * At a stage the action answers (pause-stages, all of them stages where the green tasks run) the
 * checks run in the tasks our service deployment started; then the action reads the deployment
 * again and acts on what is true (pause-end.ts): CONTINUE only if every check passed on at least
 * one green task, ROLLBACK if one failed. A pause at another stage is reported and left to its
 * owner. The action's own rollback deployment is answered too (rollback-pause.ts). The action
 * never adds or removes hooks.
 */
import * as core from '@actions/core';
import type { DeploymentObserver } from '../watch/observer.js';
import { GREEN_PAUSE_STAGES, pauseAtStages, pauseFacts, type Pause } from '../watch/stages.js';
import { checkGreen, type GateEnd, type PauseGate } from './pause-gate.js';
import { settlePause } from './pause-end.js';
import { answerRollbackPause } from './rollback-pause.js';

/** Answers a pause of the deployment the observer watches: ours, or the action's own rollback. */
export async function answerPause(observer: DeploymentObserver, pause: Pause, gate: PauseGate): Promise<GateEnd> {
  observer.pausesHandled.add(pause.hookId);
  if (observer.rollingBack) return answerRollbackPause(observer, pause, gate);
  if (!pauseAtStages(pause, gate.stages)) {
    const early = pauseAtStages(pause, GREEN_PAUSE_STAGES) ? '' : `, and the green tasks have not started at ${pause.stage}`;
    core.info(`Paused at ${pause.stage} (${pauseFacts(pause)}): left to its owner: the action answers pauses at ${[...gate.stages].join(', ')} (pause-stages)${early}.`);
    observer.mark(`Paused at ${pause.stage}: left to its owner`);
    return { kind: 'continued' };
  }
  const verdict = await checkGreen(observer, pause, gate);
  if (observer.options.signal?.aborted) {
    return { kind: 'ended', outcome: await observer.cancelled(`running the checks at the pause of ${observer.what}`) };
  }
  return settlePause(observer, pause, verdict);
}
