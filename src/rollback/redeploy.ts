/**
 * Rollbacks the action starts on its own after a deployment completed: redeploying a known
 * revision, in mode 'rollback' or after a failed check (the smoke check, the image digest check).
 */
import * as core from '@actions/core';
import type { ECSClient, Service } from '@aws-sdk/client-ecs';
import { shortRevision } from '../aws/arn.js';
import { retryingClient } from '../aws/retry.js';
import { ActionError } from '../errors.js';
import { inert } from '../untrusted.js';
import { watchOptions, type RunContext } from '../context.js';
import type { Result, WatchOutcome } from '../report/types.js';
import { serviceToDeploy, where } from '../service/describe.js';
import { smokeSentence } from '../smoke/verify.js';
import type { WatchOptions } from '../watch/types.js';
import { watchDeployment } from './guarded-watch.js';
import { notOurs, supersededSentence, type Ours } from './ownership.js';
import type { PauseGate } from './pause-gate.js';
import { startRedeploy } from './writes.js';

export interface RedeployRequest {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  reason: string;
  region: string;
  /**
   * What the service must still run for the redeploy to go ahead, and what happened to it (for
   * the verdict when it does not): another run may have deployed since.
   */
  expect: Ours & { what: string };
}

/**
 * UpdateService to `taskDefinitionArn` with forceNewDeployment, then watch it like any deployment;
 * its pauses are answered with `gate` (see guarded-watch.ts). Nothing is written, and the result
 * is superseded, when the service no longer runs what `request.expect` says.
 */
export async function redeploy(ecs: ECSClient, request: RedeployRequest, options: WatchOptions, gate?: PauseGate): Promise<WatchOutcome> {
  const { cluster, service, taskDefinitionArn } = request;
  const budget = { clock: options.clock, signal: options.signal, deadline: options.clock.now() + options.timeoutMs };
  const before = await serviceToDeploy(retryingClient(ecs, 'Reading from ECS', budget), cluster, service, request.region);
  if (options.signal?.aborted) {
    throw new ActionError(`Cancelled before redeploying ${shortRevision(taskDefinitionArn)}: nothing was changed, and the service runs ${before.taskDefinition}.`);
  }
  const why = notOurs({ service: before }, request.expect);
  if (why) return superseded(request.expect.what, why, before);
  core.info(inert(`Redeploying ${shortRevision(taskDefinitionArn)} to ${cluster}/${service}: ${request.reason}.`));
  const target = await startRedeploy(ecs, { cluster, service, taskDefinitionArn }, before, budget);
  // A redeploy is itself the way back: if it fails, the action does not roll it back in turn.
  return watchDeployment(ecs, target, options, true, { rollback: gate });
}

function superseded(what: string, why: string, service: Service): WatchOutcome {
  const sentence = supersededSentence(what, why, service);
  core.warning(sentence);
  return { verdict: 'superseded', sentence, runningTaskDefinition: service.taskDefinition, explanation: [], events: [], timeline: [] };
}

/** A check that failed once the new tasks ran (the smoke check, the image digest check), and the results it ends in. */
export interface FailedCheck {
  /** What failed, as a clause: "the smoke check failed on 1 task". */
  sentence: string;
  /** Why the service is redeployed, for the log: "smoke check failed". */
  reason: string;
  rolledBack: Result;
  notRolledBack: Result;
  /** Keeps the rollback's watch where the summary shows it. */
  keep(rollback: WatchOutcome): void;
}

/** After a failed smoke check: put the service back on the revision it ran before; a pause of that rollback is answered with `gate`. */
export async function rollBackAfterSmoke(context: RunContext, gate?: PauseGate): Promise<void> {
  const { report } = context;
  const failed: FailedCheck = {
    sentence: smokeSentence(report.smoke!),
    reason: 'smoke check failed',
    rolledBack: 'smoke-failed-rolled-back',
    notRolledBack: 'smoke-failed',
    keep: (rollback) => (report.rollback = rollback),
  };
  await rollBackAfterCheck(context, failed, gate);
}

/** Why the revision before is no way back, or undefined when it is one. */
function noWayBack(context: RunContext): string | undefined {
  const { inputs, report } = context;
  const previous = report.previousTaskDefinitionArn;
  if (!inputs.rollbackOnFailure) return "rollback-on-failure is 'false'";
  if (report.previousCompleted === false) return `the earlier deployment of ${shortRevision(previous)} never completed, so it is not known to work`;
  if (!previous || previous === report.taskDefinitionArn) return 'there is no earlier revision to return to';
  return undefined;
}

/**
 * After a check failed on a completed deployment: put the service back on the revision it ran
 * before, unless another run deployed since (superseded, nothing written); a pause of that
 * rollback is answered with `gate`.
 */
export async function rollBackAfterCheck(context: RunContext, failed: FailedCheck, gate?: PauseGate): Promise<void> {
  const { inputs, clients, report } = context;
  const previous = report.previousTaskDefinitionArn;
  const place = where(inputs.cluster, inputs.service!);
  const why = noWayBack(context);
  if (why) {
    report.result = failed.notRolledBack;
    report.sentence = `Deployed ${report.taskDefinitionArn} but ${failed.sentence}; not rolled back (${why}). The service runs ${report.taskDefinitionArn}.`;
    return;
  }
  core.error(`${failed.reason[0].toUpperCase()}${failed.reason.slice(1)}: rolling back ${place} to ${previous}.`);
  const expect = { serviceDeploymentArn: report.serviceDeploymentArn, taskDefinitionArn: report.taskDefinitionArn!, what: `${report.taskDefinitionArn} was deployed but ${failed.sentence}` };
  const request = { cluster: inputs.cluster, service: inputs.service!, taskDefinitionArn: previous!, reason: failed.reason, region: clients.region, expect };
  const rollback = await core.group(`Rolling back to ${previous}`, () => redeploy(clients.ecs, request, watchOptions(context), gate));
  if (rollback.verdict === 'superseded') {
    report.result = 'superseded';
    report.sentence = rollback.sentence;
    report.runningTaskDefinition = rollback.runningTaskDefinition;
    return;
  }
  failed.keep(rollback);
  report.runningTaskDefinition = rollback.runningTaskDefinition;
  report.events.push(...rollback.events);
  report.timeline.push(...rollback.timeline.map((entry) => ({ ...entry, label: `Rollback: ${entry.label.toLowerCase()}` })));
  if (rollback.verdict === 'deployed') {
    report.result = failed.rolledBack;
    report.rolledBackTo = previous;
    report.sentence = `Rolled back: ${failed.sentence}, so ${place} was returned to ${previous}, which it runs now.`;
  } else {
    report.result = failed.notRolledBack;
    report.sentence = `FAILED and NOT rolled back: ${failed.sentence}, and the rollback to ${previous} ended '${rollback.verdict}': ${rollback.sentence}`;
    core.error(report.sentence);
  }
}
