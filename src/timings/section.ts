/**
 * The deploy timings in the job summary: the critical path as a table, then the advice. Kept
 * small and free of AWS code: the summary loads it on every run.
 */
import type { DeployTimings } from './types.js';

export function timingsSection(timings: DeployTimings | undefined, escape: (text: string) => string): string | undefined {
  if (!timings || timings.phases.length === 0) return undefined;
  const rows = timings.phases.map((phase) => `| ${escape(phase.label)} | ${phase.seconds.toFixed(1)} | ${timings.wallSeconds > 0 ? Math.round((phase.seconds / timings.wallSeconds) * 100) : 0}% |`);
  const advice = timings.advice.map((item) => `- ${escape(item.text)} ([AWS documentation](${item.documentation}))`);
  return [
    '### Where the time went',
    `${timings.wallSeconds.toFixed(1)} s from the revision step to the verdict, along the critical path (the phases that determined the end):`,
    ['| Phase | Seconds | Share |', '|---|---|---|', ...rows].join('\n'),
    ...(advice.length > 0 ? [`**Advice**, from this deploy's own numbers:\n\n${advice.join('\n')}`] : []),
    ...timings.notes.map((note) => `ℹ️ ${escape(note)}`),
  ].join('\n\n');
}
