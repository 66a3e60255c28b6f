/**
 * The scheduled-task phase: find the EventBridge rules and Scheduler schedules that run a released
 * family in the cluster, say what each runs, and in mode 'move' (only after the whole release was
 * verified) repoint the pinned ones, journaled, restoring the journal when a later move fails.
 * Loaded with `await import()`: only runs that look at scheduled tasks load the two SDK clients.
 */
import * as core from '@actions/core';
import { errorMessage } from '../errors.js';
import { describeEntry, moveAll, restore, type MoveContext } from './journal.js';
import { label, planMoves } from './plan.js';
import { findRuleTargets } from './rules.js';
import { findSchedules } from './schedules.js';
import type { ReleasedFamily, ScheduledTasksReport } from './types.js';
import { inert } from '../untrusted.js';

export { restore };

export interface PhaseContext extends MoveContext {
  /** The cluster every released service runs in: ECS targets name it by ARN. */
  clusterArn: string;
}

export interface PhaseOptions {
  mode: 'report' | 'move';
  /** Every service of the release passed its deployment and checks. */
  verified: boolean;
  /** Why it did not, as a clause for the report ("the smoke check failed"). */
  why?: string;
}

/** Runs `find`; an error is kept (the phase reports what it could list) and yields nothing. */
async function listed<T>(find: () => Promise<T[]>, errors: string[]): Promise<T[]> {
  try {
    return await find();
  } catch (error) {
    errors.push(errorMessage(error));
    return [];
  }
}

/** A report of one run of the phase; see types.ts for the interface a release of several services uses. */
export async function scheduledTasksPhase(context: PhaseContext, released: ReleasedFamily[], options: PhaseOptions): Promise<ScheduledTasksReport> {
  const errors: string[] = [];
  const rules = await listed(async () => findRuleTargets(await context.clients.events(), context.clusterArn), errors);
  const schedules = await listed(async () => findSchedules(await context.clients.scheduler(), context.clusterArn), errors);
  const plan = planMoves(rules, schedules, released, { clusterArn: context.clusterArn, ...options });
  const report: ScheduledTasksReport = { mode: options.mode, tasks: plan.tasks.map((t) => t.task), journal: [], warnings: plan.warnings };
  const tasks = new Map(plan.tasks.map(({ key, task }) => [key, task]));
  const planned = plan.moves.flatMap((move) => (move.kind === 'rule' ? move.targets.map((t) => t.key) : [move.key]));
  const stay = (key: string, note: string) => Object.assign(tasks.get(key)!, { to: tasks.get(key)!.from, moved: false, note });
  if (errors.length > 0) {
    report.error = errors.join(' ');
    // A partial picture moves nothing: the release's targets move together or not at all.
    for (const key of planned) stay(key, 'not moved: the scheduled tasks could not all be listed');
  } else if (planned.length > 0) {
    const outcome = await moveAll(context, plan.moves);
    report.journal = outcome.journal;
    outcome.journal.forEach((entry, i) => Object.assign(tasks.get(outcome.moved[i])!, { moved: true, note: entry.kind === 'schedule' && entry.note ? `moved; ${entry.note}` : 'moved' }));
    if (outcome.failure) {
      report.failure = outcome.failure.message;
      const { keys } = outcome.failure;
      for (const key of planned.filter((k) => !outcome.moved.includes(k))) stay(key, keys.includes(key) ? 'not moved: the write failed' : 'not moved: moving stopped at an earlier failure');
      if (outcome.journal.length > 0 && !context.signal.aborted) {
        report.restore = await restore(context, outcome.journal);
        outcome.journal.forEach((entry, i) => {
          const key = outcome.moved[i];
          if (report.restore!.stillMoved.includes(entry)) tasks.get(key)!.note = `moved to ${entry.to}; restoring ${entry.from} failed`;
          else stay(key, `moved to ${entry.to}, then restored to ${entry.from}`);
        });
      }
    }
  }
  log(report, context.clusterArn, released);
  return report;
}

function log(report: ScheduledTasksReport, clusterArn: string, released: ReleasedFamily[]): void {
  if (report.tasks.length === 0 && !report.error) {
    core.info(`No EventBridge rule or Scheduler schedule runs ${released.map((r) => r.family).join(', ')} in ${clusterArn}.`);
  }
  // Notes and failures can quote AWS's free text (a FailedEntries message): never a workflow command.
  for (const task of report.tasks) core.info(inert(`${label(task)}: ${task.from}${task.to === task.from ? '' : ` -> ${task.to}`}, ${task.note}.`));
  for (const warning of report.warnings) core.warning(warning);
  if (report.error) core.warning(`Could not list every scheduled task: ${report.error} (Or set 'scheduled-tasks: none' to leave them alone.)`);
  if (report.failure) core.info(inert(`Moving the scheduled tasks failed: ${report.failure}`));
  if (report.journal.length > 0) core.info(inert(['Journal of the scheduled tasks moved:', ...report.journal.map((entry) => `  ${describeEntry(entry)}`)].join('\n')));
  for (const line of report.restore?.restored ?? []) core.info(inert(`Restored ${line}.`));
  for (const line of report.restore?.failed ?? []) core.error(`Could not restore ${line}`);
}
