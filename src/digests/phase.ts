/**
 * The image digest check as phases of mode 'deploy', loaded with `await import()` only when
 * verify-digests is on: what each container should run, recorded before the revision is
 * registered; the check once our tasks run (at a PAUSE hook in the green tasks, or once the
 * deployment completed); and the answer a PAUSE gate gives when it fails.
 */
import * as core from '@actions/core';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { mark, type RunContext } from '../context.js';
import type { DigestOutcome, WatchOutcome } from '../report/types.js';
import type { CheckResult } from '../rollback/pause-gate.js';
import { checkDigests, digestSentence } from './check.js';
import { shortDigest } from './match.js';
import { recordExpectedImages, type EcrAnswers } from './record.js';

/** How long the check's reads may retry through transient faults. */
const READ_BUDGET_MS = 60_000;

export async function recordDigests(context: RunContext, containers: ContainerDefinition[], answers: EcrAnswers): Promise<void> {
  const expected = await recordExpectedImages(containers, answers, context.clients.ecrFor);
  context.report.expectedImages = expected;
  const recorded = expected.filter((entry) => entry.digest);
  const listed = recorded.map((entry) => `${entry.container} ${shortDigest(entry.digest!)}${entry.platforms.length > 0 ? ` (an image index of ${entry.platforms.length} platform image(s))` : ''}`);
  core.info(`Image digests recorded for the digest check: ${recorded.length} of ${expected.length} container(s)${listed.length > 0 ? `: ${listed.join(', ')}` : ''}.`);
}

/** Runs the check on our service and keeps it in the report; undefined when nothing was recorded or the run was cancelled. */
export async function verifyDigests(context: RunContext, stage: DigestOutcome['stage'], startedBy?: string): Promise<DigestOutcome | undefined> {
  const { inputs, clients, clock, signal, report } = context;
  if (!report.expectedImages || signal.aborted) return undefined;
  const budget = { clock, signal, deadline: clock.now() + READ_BUDGET_MS };
  const scope = { cluster: inputs.cluster, service: inputs.service!, taskDefinitionArn: report.taskDefinitionArn!, serviceDeploymentArn: report.serviceDeploymentArn, startedBy };
  const title = stage === 'pause' ? 'Image digests of the green tasks at the pause' : 'Image digests of the deployed tasks';
  try {
    report.digests = await core.group(title, () => checkDigests(clients.ecs, scope, report.expectedImages!, budget, stage));
  } catch (error) {
    if (!signal.aborted) throw error;
    core.info('Cancelled: the image digest check was not finished.');
    return undefined;
  }
  mark(context, `Image digest check ${report.digests.passed ? 'passed' : 'failed'}`);
  return report.digests;
}

/** The check at a PAUSE hook, in the tasks our deployment started (rollback/pause-gate.ts runs it before the smoke check). */
export async function digestsAtPause(context: RunContext, startedBy: string): Promise<CheckResult> {
  const checked = await verifyDigests(context, 'pause', startedBy);
  if (!checked) {
    const cancelled = context.signal.aborted;
    return { passed: !cancelled, sentence: cancelled ? 'the image digest check was cancelled' : 'no image digest was recorded to check', tasksChecked: [] };
  }
  return { passed: checked.passed, sentence: digestSentence(checked), tasksChecked: [] };
}

/** After a pause was answered ROLLBACK for a failed digest check: the result names the check, not the smoke command. */
export function failedAtPause(context: RunContext, outcome: WatchOutcome): void {
  const { report } = context;
  if (outcome.verdict === 'rolled-back') report.result = 'digest-mismatch-rolled-back';
  else if (outcome.verdict !== 'superseded') report.result = 'digest-mismatch';
}

export { digestSentence };
