/**
 * Moving scheduled tasks with a journal, and writing the journal back. Each write sends the whole
 * target or schedule as it was read, with only the task definition changed; the journal keeps the
 * original, so a restore is the same write with the original.
 */
import type { Clients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import { errorMessage } from '../errors.js';
import { label, type Move } from './plan.js';
import { putRuleTargets } from './rules.js';
import { updateSchedule } from './schedules.js';
import type { JournalEntry, RestoreOutcome } from './types.js';

export interface MoveContext {
  clients: Pick<Clients, 'events' | 'scheduler'>;
  clock: Pick<Clock, 'now'>;
  signal: AbortSignal;
}

export interface MoveOutcome {
  journal: JournalEntry[];
  /** Keys (plan.ts) of what was written, in order. */
  moved: string[];
  /** Why moving stopped, and the key of the task it stopped at when one failed. */
  failure?: { message: string; keys: string[] };
}

/** The target as it was, but for its task definition (same shape in EventBridge and Scheduler). */
function withTaskDefinition<T extends { EcsParameters?: { TaskDefinitionArn: string | undefined } }>(target: T, taskDefinitionArn: string): T {
  return { ...target, EcsParameters: { ...target.EcsParameters!, TaskDefinitionArn: taskDefinitionArn } };
}

/** The moves in order; the first failure stops them (the caller restores the journal). A cancel stops before the next write. */
export async function moveAll(context: MoveContext, moves: Move[]): Promise<MoveOutcome> {
  const outcome: MoveOutcome = { journal: [], moved: [] };
  for (const move of moves) {
    if (context.signal.aborted) {
      outcome.failure = { message: `the workflow was cancelled after ${outcome.moved.length} write(s); nothing more was moved`, keys: [] };
      return outcome;
    }
    if (move.kind === 'rule') {
      let failed;
      try {
        failed = await putRuleTargets(await context.clients.events(), move.rule, move.eventBus, move.targets.map((t) => withTaskDefinition(t.original, t.toArn)));
      } catch (error) {
        outcome.failure = { message: errorMessage(error), keys: move.targets.map((t) => t.key) };
        return outcome;
      }
      for (const t of move.targets) {
        if (failed.some((f) => f.TargetId === t.original.Id)) continue;
        outcome.journal.push({ kind: 'rule', rule: move.rule, eventBus: move.eventBus, targetId: t.original.Id!, from: t.from, to: t.to, original: t.original });
        outcome.moved.push(t.key);
      }
      if (failed.length > 0) {
        const entries = failed.map((f) => `target ${f.TargetId}: ${f.ErrorCode}: ${f.ErrorMessage}`).join('; ');
        outcome.failure = {
          message: `PutTargets on EventBridge rule ${move.rule} (event bus ${move.eventBus}) answered FailedEntryCount ${failed.length}: ${entries}`,
          keys: move.targets.filter((t) => failed.some((f) => f.TargetId === t.original.Id)).map((t) => t.key),
        };
        return outcome;
      }
    } else {
      const schedule = move.original;
      const moved = { ...schedule, Target: withTaskDefinition(schedule.Target!, move.toArn) };
      try {
        const write = await updateSchedule(await context.clients.scheduler(), moved, context.clock.now());
        const note = write.droppedStartDate ? `its StartDate ${write.droppedStartDate.toISOString()} was in the past and Scheduler refused it, so it was sent without one (a past start date does not change when it runs)` : undefined;
        outcome.journal.push({ kind: 'schedule', name: move.name, group: move.group, from: move.from, to: move.to, original: schedule, ...(note ? { note } : {}) });
        outcome.moved.push(move.key);
      } catch (error) {
        outcome.failure = { message: errorMessage(error), keys: [move.key] };
        return outcome;
      }
    }
  }
  return outcome;
}

function entryLabel(entry: JournalEntry): string {
  return entry.kind === 'rule' ? label({ kind: 'rule', name: entry.rule, scope: entry.eventBus, targetId: entry.targetId }) : label({ kind: 'schedule', name: entry.name, scope: entry.group });
}

/** One line of the journal, as printed. */
export function describeEntry(entry: JournalEntry): string {
  return `${entryLabel(entry)}: ${entry.from} -> ${entry.to}${entry.kind === 'schedule' && entry.note ? ` (${entry.note})` : ''}`;
}

/**
 * Writes the journal back, newest first, the same way each entry was moved: PutTargets with the
 * target as it was, UpdateSchedule with the schedule as it was. Every entry is tried; those that
 * fail still run the new revision and are said so.
 */
export async function restore(context: Omit<MoveContext, 'signal'>, journal: JournalEntry[]): Promise<RestoreOutcome> {
  const outcome: RestoreOutcome = { restored: [], failed: [], stillMoved: [] };
  for (const entry of [...journal].reverse()) {
    const what = entryLabel(entry);
    try {
      if (entry.kind === 'rule') {
        const failed = await putRuleTargets(await context.clients.events(), entry.rule, entry.eventBus, [entry.original]);
        if (failed.length > 0) throw new Error(`PutTargets answered FailedEntryCount ${failed.length}: ${failed.map((f) => `${f.ErrorCode}: ${f.ErrorMessage}`).join('; ')}`);
      } else {
        await updateSchedule(await context.clients.scheduler(), entry.original, context.clock.now());
      }
      outcome.restored.push(`${what} back to ${entry.from}`);
    } catch (error) {
      outcome.failed.push(`${what} still runs ${entry.to}: ${errorMessage(error)}`);
      outcome.stillMoved.push(entry);
    }
  }
  return outcome;
}
