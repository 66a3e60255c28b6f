/** The deploy timings in the job log: the critical path and the advice (the JSON is the `deploy-timings` output, not printed). */
import type { DeployTimings } from './types.js';

const seconds = (value: number): string => `${value.toFixed(1)} s`;
const share = (part: number, whole: number): string => `${whole > 0 ? Math.round((part / whole) * 100) : 0}%`;

export function logLines(timings: DeployTimings): string[] {
  const lines = [`${seconds(timings.wallSeconds)} from the revision step to the verdict${timings.phases.some((p) => p.phase === 'smoke') ? ' and the smoke check' : ''}, along the critical path (the phases that determined the end):`];
  const width = Math.max(...timings.phases.map((phase) => seconds(phase.seconds).length));
  for (const phase of timings.phases) lines.push(`  ${seconds(phase.seconds).padStart(width)}  ${share(phase.seconds, timings.wallSeconds).padStart(4)}  ${phase.label}`);
  if (timings.advice.length === 0) {
    lines.push('No setting stands out: nothing this deploy measured is slow enough to advise on.');
  } else {
    lines.push('Advice, from this deploy\'s own numbers:');
    for (const advice of timings.advice) lines.push(`  - ${advice.text} (${advice.documentation})`);
  }
  for (const note of timings.notes) lines.push(note);
  lines.push(`Measured with ${timings.requests} request(s) after the verdict; the output deploy-timings has it as JSON.`);
  return lines;
}
