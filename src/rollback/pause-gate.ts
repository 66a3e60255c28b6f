/**
 * What a pause gate is (the stages it answers and the checks it runs there), how the checks run
 * in the green tasks, and the ContinueServiceDeployment that answers a pause. Where pauses are
 * answered: answer-pause.ts.
 *
 * A gate holds no state: what one deployment's watch learned (the pauses handled) is on its
 * observer, so each deployment of a release of several services can use the same gate.
 */
import * as core from '@actions/core';
import { ContinueServiceDeploymentCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { awsFailure, isAccessDenied } from '../aws/errors.js';
import { lastSegment, shortRevision } from '../aws/arn.js';
import { retryTransient, type RetryBudget } from '../aws/retry.js';
import type { WatchOutcome } from '../report/types.js';
import type { DeploymentObserver } from '../watch/observer.js';
import { beforeProduction, pauseFacts, type Pause } from '../watch/stages.js';
import type { Failure } from '../watch/watch.js';

/** Where the green tasks are: the tasks our deployment started carry its id as startedBy. */
export interface GreenTasks {
  /** Our deployment's id in service.deployments[] (ecs-svc/...). */
  deploymentId: string;
  taskDefinitionArn: string;
}

export interface CheckResult {
  passed: boolean;
  /** One clause for the verdict: "the smoke check passed on 2 task(s)". */
  sentence: string;
  /** The ARNs of the green tasks the check ran in to a result. */
  tasksChecked: string[];
}

/** One check a pause waits for: the smoke check, an image digest check. */
export interface PauseCheck {
  /** "the smoke check", for the log. */
  name: string;
  /** The longest the check can take, and how that is reckoned: compared with the hooks' timeouts before deploying. */
  worstCase: { ms: number; words: string };
  run(green: GreenTasks): Promise<CheckResult>;
}

/** How the action answers the PAUSE hooks of one deployment. */
export interface PauseGate {
  /** The hook stages whose pauses are answered (pause-stages). */
  stages: ReadonlySet<string>;
  /** Run one after the other at a pause, up to the first that fails; empty: a rollback continued without a check. */
  checks: readonly PauseCheck[];
}

/** The checks at one pause, together. */
export interface GateVerdict {
  passed: boolean;
  /** "the smoke check passed on 2 task(s) in the web:8 (green) tasks (task 1a2b, 3c4d)" */
  sentence: string;
}

export type GateEnd =
  | { kind: 'continued' }
  /** Our deployment is rolling back (the action's answer, or ECS's own doing): follow it to its end. */
  | { kind: 'rolling-back'; by: 'ECS' | 'the action'; failure: Failure; how?: string }
  /** ECS moved our failed deployment on: the action rolls it back as after any failure. */
  | { kind: 'failed'; failure: Failure }
  | { kind: 'ended'; outcome: WatchOutcome };

/** Every check's worst case, added up, for the warning before deploying. */
export function worstCaseOf(gate: PauseGate): { ms: number; words: string } {
  return {
    ms: gate.checks.reduce((sum, check) => sum + check.worstCase.ms, 0),
    words: gate.checks.map((check) => `${check.name}: ${check.worstCase.words}`).join('; '),
  };
}

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

/** Runs the gate's checks in the tasks our deployment started; never passes without a green task checked. */
export async function checkGreen(observer: DeploymentObserver, pause: Pause, gate: PauseGate): Promise<GateVerdict> {
  const revision = shortRevision(observer.target.taskDefinitionArn);
  const where = observer.rollingBack ? `the ${revision} tasks of the rollback` : `the ${revision} (green) tasks`;
  const deploymentId = observer.deploymentId;
  const names = gate.checks.map((check) => check.name).join(', ');
  if (!deploymentId) {
    return { passed: false, sentence: `${names} could not run: the id of the deployment is not known, so the tasks it started cannot be told from others` };
  }
  const never = !observer.rollingBack && beforeProduction(observer.last?.serviceDeployment, observer.stages.maxProductionWeight);
  core.info(`Paused at ${pause.stage} (${pauseFacts(pause)}): running ${names} in ${where}, started by deployment ${deploymentId}${never ? ', before any production traffic reaches them' : ''}.`);
  observer.mark(`Paused at ${pause.stage}: ${names} in ${where}`);
  const green = { deploymentId, taskDefinitionArn: observer.target.taskDefinitionArn };
  const results = [];
  for (const check of gate.checks) {
    const result = await check.run(green);
    results.push(result);
    if (!result.passed || observer.options.signal?.aborted) break;
  }
  const checked = [...new Set(results.flatMap((result) => result.tasksChecked))];
  const failed = results.find((result) => !result.passed);
  const passed = failed === undefined && checked.length > 0;
  const told = failed ?? results.at(-1);
  const tasks = checked.length > 0 ? ` (task ${checked.map(lastSegment).join(', ')})` : '';
  const sentence = `${told?.sentence ?? `${names} did not run`}${failed || passed ? '' : ', but no green task was checked'} in ${where}${tasks}`;
  observer.mark(`${names} at ${pause.stage} ${passed ? 'passed' : 'failed'}`);
  return { passed, sentence };
}
