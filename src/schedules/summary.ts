/**
 * The job summary's section on scheduled tasks: what went wrong first, then a row per task. The
 * Markdown helpers are handed in by report/summary.ts, which calls this: importing them here would
 * make an import cycle.
 */
import type { ScheduledTask, ScheduledTasksReport } from './types.js';

export interface Markdown {
  /** Outside text as inert Markdown. */
  escape(text: string): string;
  /** A name or revision as inline code. */
  code(text: string): string;
  table(header: string[], rows: string[][]): string;
}

function heading(report: ScheduledTasksReport): string {
  const moved = report.tasks.filter((task) => task.moved).length;
  if (report.error) return 'Scheduled tasks: could not all be listed';
  if (report.failure) return `Scheduled tasks: moving failed${report.restore && report.restore.failed.length === 0 ? ', what was moved is restored' : ''}`;
  if (report.tasks.length === 0) return 'Scheduled tasks: none in the cluster runs the deployed family';
  if (report.mode === 'move') return moved > 0 ? `Scheduled tasks: ${moved} moved` : 'Scheduled tasks: none moved';
  return "Scheduled tasks (scheduled-tasks: 'report', nothing is moved)";
}

function icon(task: ScheduledTask): string {
  if (task.moved) return task.note.startsWith('moved to') ? '❌' : '✅';
  if (task.pin === 'family') return '⚠️';
  if (task.note.includes('then restored')) return '↩️';
  return task.note.endsWith('the write failed') ? '❌' : '➖';
}

export function scheduledTasksSection(report: ScheduledTasksReport, md: Markdown): string {
  const lines = [
    ...(report.error ? [`❌ ${md.escape(report.error)}`] : []),
    ...(report.failure ? [`❌ ${md.escape(report.failure)}`] : []),
    ...(report.restore?.restored ?? []).map((line) => `↩️ Restored ${md.escape(line)}.`),
    ...(report.restore?.failed ?? []).map((line) => `❌ Could not restore ${md.escape(line)}`),
    ...report.warnings.map((warning) => `⚠️ ${md.escape(warning)}`),
  ];
  const rows = report.tasks.map((task) => [
    icon(task),
    task.kind,
    `${md.code(task.name)}${task.targetId ? ` (target ${md.code(task.targetId)})` : ''}`,
    md.code(task.scope),
    md.code(task.from),
    md.code(task.to),
    md.escape(task.note),
  ]);
  return [
    `### ${md.escape(heading(report))}`,
    ...lines,
    ...(rows.length > 0 ? [md.table(['', 'Kind', 'Name', 'Bus or group', 'Ran', 'Runs now', 'Note'], rows)] : []),
  ].join('\n\n');
}
