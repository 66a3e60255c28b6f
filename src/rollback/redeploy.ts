/**
 * Rollbacks the action starts on its own after a deployment completed: redeploying a known
 * revision, in mode 'rollback' or after a failed smoke check.
 */
import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { shortRevision } from '../aws/arn.js';
import { retryingClient } from '../aws/retry.js';
import { ActionError } from '../errors.js';
import { inert } from '../untrusted.js';
import { watchOptions, type RunContext } from '../context.js';
import type { WatchOutcome } from '../report/types.js';
import { serviceToDeploy, where } from '../service/describe.js';
import { smokeSentence } from '../smoke/verify.js';
import type { WatchOptions } from '../watch/types.js';
import { watchDeployment } from './guarded-watch.js';
import { startRedeploy } from './writes.js';

export interface RedeployRequest {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  reason: string;
  region: string;
}

/** UpdateService to `taskDefinitionArn` with forceNewDeployment, then watch it like any deployment. */
export async function redeploy(ecs: ECSClient, request: RedeployRequest, options: WatchOptions): Promise<WatchOutcome> {
  const { cluster, service, taskDefinitionArn } = request;
  const budget = { clock: options.clock, signal: options.signal, deadline: options.clock.now() + options.timeoutMs };
  const before = await serviceToDeploy(retryingClient(ecs, 'Reading from ECS', budget), cluster, service, request.region);
  if (options.signal?.aborted) {
    throw new ActionError(`Cancelled before redeploying ${shortRevision(taskDefinitionArn)}: nothing was changed, and the service runs ${before.taskDefinition}.`);
  }
  core.info(inert(`Redeploying ${shortRevision(taskDefinitionArn)} to ${cluster}/${service}: ${request.reason}.`));
  const target = await startRedeploy(ecs, { cluster, service, taskDefinitionArn }, before, budget);
  // A redeploy is itself the way back: if it fails, the action does not roll it back in turn.
  return watchDeployment(ecs, target, options, true);
}

/** After a failed smoke check: put the service back on the revision it ran before. */
export async function rollBackAfterSmoke(context: RunContext): Promise<void> {
  const { inputs, clients, report } = context;
  const previous = report.previousTaskDefinitionArn;
  const smokeText = smokeSentence(report.smoke!);
  const place = where(inputs.cluster, inputs.service!);
  if (!inputs.rollbackOnFailure || !previous || previous === report.taskDefinitionArn || report.previousCompleted === false) {
    report.result = 'smoke-failed';
    const why = !inputs.rollbackOnFailure
      ? "rollback-on-failure is 'false'"
      : report.previousCompleted === false
        ? `the earlier deployment of ${shortRevision(previous)} never completed, so it is not known to work`
        : 'there is no earlier revision to return to';
    report.sentence = `Deployed ${report.taskDefinitionArn} but ${smokeText}; not rolled back (${why}). The service runs ${report.taskDefinitionArn}.`;
    return;
  }
  core.error(`Smoke check failed: rolling back ${place} to ${previous}.`);
  const request = { cluster: inputs.cluster, service: inputs.service!, taskDefinitionArn: previous, reason: 'smoke check failed', region: clients.region };
  const rollback = await core.group(`Rolling back to ${previous}`, () => redeploy(clients.ecs, request, watchOptions(context)));
  report.rollback = rollback;
  report.runningTaskDefinition = rollback.runningTaskDefinition;
  report.events.push(...rollback.events);
  report.timeline.push(...rollback.timeline.map((entry) => ({ ...entry, label: `Rollback: ${entry.label.toLowerCase()}` })));
  if (rollback.verdict === 'deployed') {
    report.result = 'smoke-failed-rolled-back';
    report.rolledBackTo = previous;
    report.sentence = `Rolled back: ${smokeText}, so ${place} was returned to ${previous}, which it runs now.`;
  } else {
    report.result = 'smoke-failed';
    report.sentence = `FAILED and NOT rolled back: ${smokeText}, and the rollback to ${previous} ended '${rollback.verdict}': ${rollback.sentence}`;
    core.error(report.sentence);
  }
}
