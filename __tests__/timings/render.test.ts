/** The deploy timings in the job log and in the job summary. */
import { describe, expect, it } from '@jest/globals';
import { escapeMarkdown } from '../../src/report/summary.js';
import { timingsSection } from '../../src/timings/section.js';
import { logLines } from '../../src/timings/text.js';
import type { DeployTimings } from '../../src/timings/types.js';

const timings: DeployTimings = {
  version: 1,
  outcome: 'deployed',
  strategy: 'ROLLING',
  startedAt: '2026-12-01T12:00:00.000Z',
  endedAt: '2026-12-01T12:05:00.000Z',
  wallSeconds: 300,
  phases: [
    { phase: 'update', label: 'registering the revision and updating the service', startedAt: '2026-12-01T12:00:00.000Z', endedAt: '2026-12-01T12:00:30.000Z', seconds: 30 },
    { phase: 'ran', label: 'task 1a2b3c4d running until it stopped (Task failed <ELB> health_checks | `x`)', startedAt: '2026-12-01T12:00:30.000Z', endedAt: '2026-12-01T12:05:00.000Z', seconds: 270, task: '1a2b3c4d5e' },
  ],
  totals: { update: 30, ran: 270 },
  tasks: [],
  advice: [{ setting: 'maximumPercent', resource: 'service', costSeconds: 200, saveSeconds: 200, text: 'Set maximumPercent to 200.', documentation: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html' }],
  notes: ['Could not read the target groups (AccessDenied: no).'],
  requests: 4,
};

describe('deploy timings, rendered', () => {
  it('the summary: the critical path as a table with shares, ECS text escaped, then the advice with its AWS page', () => {
    expect(timingsSection(timings, escapeMarkdown)).toBe(
      [
        '### Where the time went',
        '300.0 s from the revision step to the verdict, along the critical path (the phases that determined the end):',
        [
          '| Phase | Seconds | Share |',
          '|---|---|---|',
          '| registering the revision and updating the service | 30.0 | 10% |',
          '| task 1a2b3c4d running until it stopped (Task failed &lt;ELB&gt; health\\_checks \\| \\`x\\`) | 270.0 | 90% |',
        ].join('\n'),
        "**Advice**, from this deploy's own numbers:\n\n- Set maximumPercent to 200. ([AWS documentation](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html))",
        'ℹ️ Could not read the target groups (AccessDenied: no).',
      ].join('\n\n'),
    );
    expect(timingsSection(undefined, escapeMarkdown)).toBeUndefined();
  });

  it('the log: one line per phase with seconds and share, the advice, the notes and the JSON of the output', () => {
    const lines = logLines({ ...timings, notes: [] });
    expect(lines.slice(0, 4)).toEqual([
      '300.0 s from the revision step to the verdict, along the critical path (the phases that determined the end):',
      '   30.0 s   10%  registering the revision and updating the service',
      '  270.0 s   90%  task 1a2b3c4d running until it stopped (Task failed <ELB> health_checks | `x`)',
      "Advice, from this deploy's own numbers:",
    ]);
    expect(lines.at(-1)).toBe('Measured with 4 request(s) after the verdict; the output deploy-timings has it as JSON.');
    expect(logLines({ ...timings, advice: [] })).toContain('No setting stands out: nothing this deploy measured is slow enough to advise on.');
  });
});
