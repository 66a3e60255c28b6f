/** The 'scheduled-tasks' output: one entry per scheduled task, what it ran and runs, moved or not. */
import type { ScheduledTasksReport } from './types.js';

export interface ScheduledTaskOutput {
  kind: 'rule' | 'schedule';
  name: string;
  eventBus?: string;
  group?: string;
  targetId?: string;
  family: string;
  /** How the target names its task definition: `revision` (pinned), `family` (runs the newest revision), `universal` (inside the universal target's Input). */
  pin: 'revision' | 'family' | 'universal';
  /** `family:revision` it ran before the step, or `family` for a target without a revision. */
  from: string;
  /** What it runs after the step. */
  to: string;
  moved: boolean;
  note: string;
}

export function scheduledTasksOutput(report: ScheduledTasksReport): ScheduledTaskOutput[] {
  return report.tasks.map((task) => ({
    kind: task.kind,
    name: task.name,
    ...(task.kind === 'rule' ? { eventBus: task.scope, targetId: task.targetId } : { group: task.scope }),
    family: task.family,
    pin: task.pin,
    from: task.from,
    to: task.to,
    moved: task.moved,
    note: task.note,
  }));
}
