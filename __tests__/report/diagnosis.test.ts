/** The summary leads with the cause and the fix, then the app's last log lines, then the details. */
import { jest, describe, it, expect } from '@jest/globals';
import * as core from '../../__fixtures__/core.js';
import type { RunReport } from '../../src/report/types.js';
import { fixLine, logExcerpt, splitExplanation } from '../../src/report/diagnosis.js';

jest.unstable_mockModule('@actions/core', () => core);
const { renderSummary } = await import('../../src/report/summary.js');

const explanation = [
  'Deployment of web:8 to demo/web failed: the deployment circuit breaker triggered.',
  '3 tasks of web:8 stopped (EssentialContainerExited): Essential container in task exited [a, b, c]',
  fixLine("The application in container 'web' stopped with exit code 1: its last log lines say why."),
  "  container 'web': exit code 1 (3 tasks)",
  ...logExcerpt("'web' in task a (/ecs/web web/web/a)", ['FATAL: no database', '```', '<b>not html</b>']),
  '1 task of web:8 stopped (ServiceSchedulerInitiated): Scaling activity initiated by (deployment ecs-svc/1) [d]',
  "  container 'web': exit code 0",
  'event 2026-03-02 10:00:02Z: (service web) deployment failed: tasks failed to start.',
];

const report: RunReport = {
  mode: 'deploy',
  region: 'eu-west-1',
  cluster: 'demo',
  service: 'web',
  result: 'rolled-back',
  sentence: 'Deployment of web:8 to demo/web failed.',
  timeline: [],
  events: [],
  explanation,
};

describe('the diagnosis in the job summary', () => {
  it('splits fixes and log excerpts from the details, keeping each group with its container lines', () => {
    const split = splitExplanation(explanation);
    expect(split.causes.map((c) => c.fix)).toEqual(["The application in container 'web' stopped with exit code 1: its last log lines say why.", undefined]);
    expect(split.logs).toEqual([{ header: "'web' in task a (/ecs/web web/web/a)", lines: ['FATAL: no database', '```', '<b>not html</b>'] }]);
    expect(split.details).toEqual([explanation[0], explanation[1], explanation[3], explanation[8], explanation[9], explanation[10]]);
  });

  it('leads with the cause and the fix, then the log excerpt in a fence it cannot close, then the overview and the details', () => {
    const markdown = renderSummary(report);
    const order = ['## ❌', '### Cause and fix', '**Fix:** The application', 'Last log lines of', '````text\nFATAL: no database\n```\n<b>not html</b>\n````', '| Result |', '### Why it failed'];
    const positions = order.map((text) => markdown.indexOf(text));
    expect(positions.every((at) => at >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The replaced task has no fix: it stays in the details, out of the lead.
    const lead = markdown.slice(0, markdown.indexOf('| Result |'));
    expect(lead).not.toContain('Scaling activity');
    expect(markdown.slice(markdown.indexOf('### Why it failed'))).toContain('Scaling activity');
  });

  it('without stopped-task groups the summary is as before', () => {
    const markdown = renderSummary({ ...report, explanation: ['Could not list the stopped tasks: AccessDeniedException.'] });
    expect(markdown).not.toContain('### Cause and fix');
    expect(markdown).toContain('### Why it failed\n\n- Could not list the stopped tasks: AccessDeniedException.');
  });
});
