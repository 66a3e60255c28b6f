/**
 * The smoke check before production traffic: when our deployment waits at a PAUSE hook, the
 * check runs in the target revision's (green) tasks and the action answers ECS with
 * ContinueServiceDeployment: CONTINUE if it passed, ROLLBACK if it failed. The action never
 * continues a pause it did not verify, and never adds or removes hooks.
 */
import * as core from '@actions/core';
import { ContinueServiceDeploymentCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { awsFailure, isAccessDenied } from '../aws/errors.js';
import { shortRevision } from '../aws/arn.js';
import { retryTransient, type RetryBudget } from '../aws/retry.js';
import type { SmokeOutcome, WatchOutcome } from '../report/types.js';
import { smokeSentence } from '../smoke/verify.js';
import type { DeploymentObserver } from '../watch/observer.js';
import { awaitingPause, beforeProduction, type Pause } from '../watch/stages.js';
import type { Failure } from '../watch/watch.js';
import { errorMessage } from '../errors.js';
import { stopWithRollback } from './writes.js';

export interface PauseGate {
  /** Runs the smoke check in the target revision's tasks. */
  verify: () => Promise<SmokeOutcome>;
}

export type GateEnd =
  | { kind: 'continued' }
  /** ECS was told to roll back: follow it to its end. */
  | { kind: 'rolling-back'; failure: Failure }
  | { kind: 'ended'; outcome: WatchOutcome };

export async function continueDeployment(
  ecs: ECSClient,
  serviceDeploymentArn: string,
  hookId: string,
  action: 'CONTINUE' | 'ROLLBACK',
  retry: RetryBudget,
): Promise<void> {
  const attempt = `answer PAUSE hook ${hookId} of ${serviceDeploymentArn} with ${action}`;
  try {
    await retryTransient(attempt, () => ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn, hookId, action })), retry);
  } catch (error) {
    throw awsFailure(attempt, error, isAccessDenied(error) ? "Grant 'ecs:ContinueServiceDeployment' to the role this job runs as." : undefined);
  }
}

/** Verifies the green tasks at the pause and answers it. */
export async function answerPause(observer: DeploymentObserver, pause: Pause, gate: PauseGate): Promise<GateEnd> {
  observer.pausesHandled.add(pause.hookId);
  const sd = observer.last?.serviceDeployment;
  const never = beforeProduction(sd, observer.stages.maxProductionWeight);
  const green = shortRevision(observer.target.taskDefinitionArn);
  core.info(
    `Paused at ${pause.stage} (PAUSE hook ${pause.hookId}): running the smoke check in the ${green} (green) tasks${never ? ' before any production traffic reaches them' : ''}.`,
  );
  observer.mark(`Paused at ${pause.stage}: smoke check in the green tasks`);
  const smoke = await gate.verify();
  observer.mark(`Smoke check at ${pause.stage} ${smoke.passed ? 'passed' : 'failed'}`);
  if (observer.options.signal?.aborted) {
    return { kind: 'ended', outcome: await observer.cancelled(`running the smoke check at the pause of ${observer.what}`) };
  }
  const action = smoke.passed ? 'CONTINUE' : 'ROLLBACK';
  const arn = observer.serviceDeploymentArn!;
  const failure: Failure = {
    verdict: 'failed',
    intro: `At the pause at ${pause.stage}, ${smokeSentence(smoke)} in the ${green} (green) tasks${never ? `; production traffic never reached ${green}` : ''}`,
  };
  core.info(`ContinueServiceDeployment ${arn} hook ${pause.hookId} with action ${action}.`);
  try {
    await continueDeployment(observer.ecs, arn, pause.hookId, action, observer.writeBudget());
  } catch (error) {
    if (smoke.passed) {
      const intro = `The smoke check passed at ${pause.stage}, but the pause could not be continued: ${errorMessage(error)}`;
      return { kind: 'ended', outcome: observer.finish('failed', `${intro}${endOfPause(sd)}`) };
    }
    core.warning(`${errorMessage(error)} Rolling back with StopServiceDeployment instead.`);
    await stopWithRollback(observer.ecs, arn, observer.writeBudget());
  }
  observer.mark(`ContinueServiceDeployment ${action}`);
  return smoke.passed ? { kind: 'continued' } : { kind: 'rolling-back', failure };
}

function endOfPause(sd: Parameters<typeof awaitingPause>[0]): string {
  const pause = awaitingPause(sd);
  if (!pause) return '';
  return ` The deployment stays paused at ${pause.stage}; ${pause.timeoutAction === 'CONTINUE' ? 'at expiry ECS continues it' : 'at expiry ECS rolls it back'}.`;
}

/**
 * The action's own rollback of a deployment still in flight: ContinueServiceDeployment ROLLBACK
 * while it waits at a PAUSE hook, else StopServiceDeployment ROLLBACK.
 */
export async function rollBackInFlight(observer: DeploymentObserver, retry: RetryBudget): Promise<void> {
  const arn = observer.serviceDeploymentArn!;
  const pause = awaitingPause(observer.last?.serviceDeployment);
  if (pause) {
    core.info(`Rolling back: ContinueServiceDeployment ${arn} hook ${pause.hookId} with action ROLLBACK (the deployment is paused at ${pause.stage}).`);
    await continueDeployment(observer.ecs, arn, pause.hookId, 'ROLLBACK', retry);
    return;
  }
  core.info(`Rolling back: StopServiceDeployment ${arn} with stopType ROLLBACK.`);
  await stopWithRollback(observer.ecs, arn, retry);
}
