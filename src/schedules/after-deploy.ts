/**
 * The scheduled-task phase at the end of mode 'deploy', for the families the release deployed: after
 * every service's deployment and checks, or after they failed (then nothing moves, and 'report' still says what runs
 * which revision). Loaded with `await import()` by modes/deploy.ts.
 */
import * as core from '@actions/core';
import type { RunContext } from '../context.js';
import type { RunReport } from '../report/types.js';
import { scheduledTasksPhase } from './phase.js';
import { clusterArnFor, parseTaskDefinition } from './revision.js';
import type { ReleasedFamily, ScheduledTasksReport } from './types.js';

/** Why the deployment does not count as verified, as a clause. */
function notVerified(report: RunReport): string {
  if (report.result === 'started') return "the deployment was not watched to its end (wait-for-service-stability is 'false')";
  if (report.result === 'registered') return 'no service was deployed, so nothing verified the revision';
  if (report.result.startsWith('smoke-failed')) return 'the smoke check failed';
  if (report.result === 'run-task-failed') return 'the release task failed';
  return `the deployment ended '${report.result}'`;
}

/** What a release deployed, one entry per family and revision: each service's new revision and the one it ran before. */
function releasedFamilies(deployed: RunReport[]): ReleasedFamily[] {
  const released = new Map<string, ReleasedFamily>();
  for (const report of deployed) {
    const to = report.taskDefinitionArn;
    const family = to ? parseTaskDefinition(to)?.family : undefined;
    if (!to || !family || released.has(to)) continue;
    const from = report.previousTaskDefinitionArn;
    released.set(to, { family, toTaskDefinitionArn: to, registered: report.registered, ...(from && parseTaskDefinition(from)?.family === family ? { fromTaskDefinitionArn: from } : {}) });
  }
  return [...released.values()];
}

/**
 * `deployed` holds the report of each service of the release (the run's own report when no
 * service was given); the run's report carries the release's verdict, which decides whether
 * anything may move.
 */
export async function scheduledTasksAfterDeploy(context: RunContext, deployed: RunReport[]): Promise<void> {
  const { inputs, report, clients, clock, signal } = context;
  const mode = inputs.scheduledTasks;
  const released = releasedFamilies(deployed);
  // A cancelled step starts nothing new, not even reads; after AWS refused a watch for good (denied, expired credentials), nothing more is asked of it.
  if (mode === 'none' || released.length === 0 || signal.aborted || deployed.some((one) => one.endedOnError)) return;
  const verified = report.result === 'deployed';
  const clusterArn = clusterArnFor(inputs.cluster, released[0].toTaskDefinitionArn);
  const scheduled = await core.group('Scheduled tasks', () => scheduledTasksPhase({ clients, clock, signal, clusterArn }, released, { mode, verified, why: verified ? undefined : notVerified(report) }));
  report.scheduledTasks = scheduled;
  if (mode === 'move' && verified && (scheduled.failure || scheduled.error)) {
    report.result = 'scheduled-tasks-failed';
    report.sentence = `${report.sentence.replace(/\.$/, '')}. But ${moveFailure(scheduled)}`;
  }
}

/** The failed move in sentences: what failed, then what was restored and what still runs the new revision. */
export function moveFailure(scheduled: ScheduledTasksReport): string {
  if (scheduled.error) return `the scheduled tasks could not all be listed, so none was moved: ${scheduled.error}`;
  const parts = [`moving the scheduled tasks failed: ${scheduled.failure!.replace(/\.$/, '')}.`];
  const restore = scheduled.restore;
  if (!restore) {
    parts.push(scheduled.journal.length === 0 ? 'Nothing had been moved.' : `Not restored (cancelled): ${scheduled.journal.map((e) => `${e.kind} ${e.kind === 'rule' ? e.rule : e.name} runs ${e.to}`).join('; ')}.`);
  } else {
    if (restore.restored.length > 0) parts.push(`Restored what had been moved: ${restore.restored.join('; ')}.`);
    if (restore.failed.length > 0) parts.push(`Could not restore: ${restore.failed.join('; ')}.`);
  }
  return parts.join(' ');
}
