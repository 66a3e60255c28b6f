/**
 * After a completed deployment whose image digest check failed: the same way back as after a
 * failed smoke check, redeploying the revision the service ran before (rollback/redeploy.ts).
 */
import * as core from '@actions/core';
import { shortRevision } from '../aws/arn.js';
import { watchOptions, type RunContext } from '../context.js';
import { redeploy } from '../rollback/redeploy.js';
import { where } from '../service/describe.js';
import { digestSentence } from './check.js';

/** Why the previous revision is no way back, or undefined when it is one. */
function noWayBack(context: RunContext): string | undefined {
  const { inputs, report } = context;
  const previous = report.previousTaskDefinitionArn;
  if (!inputs.rollbackOnFailure) return "rollback-on-failure is 'false'";
  if (report.previousCompleted === false) return `the earlier deployment of ${shortRevision(previous)} never completed, so it is not known to work`;
  if (!previous || previous === report.taskDefinitionArn) return 'there is no earlier revision to return to';
  return undefined;
}

export async function rollBackAfterDigests(context: RunContext): Promise<void> {
  const { inputs, clients, report } = context;
  const digests = report.digests!;
  const what = digestSentence(digests);
  const place = where(inputs.cluster, inputs.service!);
  const why = noWayBack(context);
  if (why) {
    report.result = 'digest-mismatch';
    report.sentence = `Deployed ${report.taskDefinitionArn} but ${what}; not rolled back (${why}). The service runs ${report.taskDefinitionArn}.`;
    return;
  }
  const previous = report.previousTaskDefinitionArn!;
  core.error(`Image digest check failed: rolling back ${place} to ${previous}.`);
  const request = { cluster: inputs.cluster, service: inputs.service!, taskDefinitionArn: previous, reason: 'the image digest check failed', region: clients.region };
  const rollback = await core.group(`Rolling back to ${previous}`, () => redeploy(clients.ecs, request, watchOptions(context)));
  digests.rollback = rollback;
  report.runningTaskDefinition = rollback.runningTaskDefinition;
  report.events.push(...rollback.events);
  report.timeline.push(...rollback.timeline.map((entry) => ({ ...entry, label: `Rollback: ${entry.label.toLowerCase()}` })));
  if (rollback.verdict === 'deployed') {
    report.result = 'digest-mismatch-rolled-back';
    report.rolledBackTo = previous;
    report.sentence = `Rolled back: ${what}, so ${place} was returned to ${previous}, which it runs now.`;
  } else {
    report.result = 'digest-mismatch';
    report.sentence = `FAILED and NOT rolled back: ${what}, and the rollback to ${previous} ended '${rollback.verdict}': ${rollback.sentence}`;
    core.error(report.sentence);
  }
}
