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
  it('splits each group of stopped tasks with its container lines and fix, the scale-in apart, the logs and the rest', () => {
    const split = splitExplanation(explanation);
    expect(split.causes).toEqual([
      {
        cause: explanation[1],
        containers: ["container 'web': exit code 1 (3 tasks)"],
        fix: "The application in container 'web' stopped with exit code 1: its last log lines say why.",
      },
    ]);
    expect(split.scaledIn).toEqual([{ cause: explanation[8], containers: ["container 'web': exit code 0"] }]);
    expect(split.logs).toEqual([{ header: "'web' in task a (/ecs/web web/web/a)", lines: ['FATAL: no database', '```', '<b>not html</b>'] }]);
    expect(split.details).toEqual([explanation[0], explanation[10]]);
  });

  it('leads with the cause and the fix, then the log excerpt in a fence it cannot close, then the overview and the details', () => {
    const markdown = renderSummary(report);
    const order = ['## ❌', '### Cause and fix', '**Fix:** The application', 'Last log lines of', '````text\nFATAL: no database\n```\n<b>not html</b>\n````', '| Result |', '### Why it failed'];
    const positions = order.map((text) => markdown.indexOf(text));
    expect(positions.every((at) => at >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('without stopped-task groups the summary is as before', () => {
    const markdown = renderSummary({ ...report, explanation: ['Could not list the stopped tasks: AccessDeniedException.'] });
    expect(markdown).not.toContain('### Cause and fix');
    expect(markdown).toContain('### Why it failed\n\n- Could not list the stopped tasks: AccessDeniedException.');
  });
});

/** The summary of the demo's step 2 (web:3 crashes, the circuit breaker rolls back), from the explanation the watch wrote. */
describe('the summary of a rolled-back deployment', () => {
  const SENTENCE =
    'Deployment of web:3 to demo/web failed: the deployment circuit breaker triggered after 3 failed tasks (threshold 3). ECS rolled back to web:2, which the service runs now.';
  const rolledBack: RunReport = {
    ...report,
    sentence: SENTENCE,
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
    explanation: [
      'Deployment of web:3 to demo/web failed: the deployment circuit breaker triggered after 3 failed tasks (threshold 3).',
      '3 tasks of web:3 stopped (EssentialContainerExited): Essential container in task exited [adea7580, 9d0a1cf5, 82460572]',
      fixLine("The application in container 'web' stopped with exit code 1: its last log lines say why."),
      "  container 'web': exit code 1 (3 tasks)",
      ...logExcerpt("'web' in task adea7580 (/ecs/web web/web/adea7580)", ['FATAL: password authentication failed for user "web"']),
      '1 task of web:3 stopped (ServiceSchedulerInitiated): Scaling activity initiated by (deployment ecs-svc/5763088503766172933) [72a3e013]',
      "  container 'web': exit code 0",
      'event 2026-12-02 20:01:45Z: (service web) rolling back to deployment ecs-svc/5412859836180107496.',
    ],
  };
  const markdown = renderSummary(rolledBack);
  const section = (heading: string): string => {
    const start = markdown.indexOf(`### ${heading}`);
    if (start < 0) return '';
    const end = markdown.indexOf('\n### ', start + 1);
    return markdown.slice(start, end < 0 ? undefined : end);
  };

  it('says the cause once: in the headline and under Cause and fix, not again under Why it failed', () => {
    const occurrences = (text: string) => markdown.split(text).length - 1;
    expect(occurrences('the deployment circuit breaker triggered after 3 failed tasks (threshold 3)')).toBe(1);
    expect(occurrences('3 tasks of web:3 stopped (EssentialContainerExited)')).toBe(1);
    expect(section('Cause and fix')).toContain(
      "- 3 tasks of web:3 stopped (EssentialContainerExited): Essential container in task exited \\[adea7580, 9d0a1cf5, 82460572\\]\n  - container 'web': exit code 1 (3 tasks)\n  - **Fix:** The application in container 'web' stopped with exit code 1: its last log lines say why.",
    );
    expect(section('Why it failed')).toBe('### Why it failed\n\n- event 2026-12-02 20:01:45Z: (service web) rolling back to deployment ecs-svc/5412859836180107496.\n');
  });

  it("does not list the tasks the rollback's scale-in stopped as failures", () => {
    expect(section('Cause and fix')).not.toContain('Scaling activity');
    expect(section('Why it failed')).not.toContain('Scaling activity');
    expect(section('Stopped to scale in, not failures')).toContain(
      'ECS stopped these tasks to scale in (a rollback replacing the new revision, or a lower desired count).\n\n- 1 task of web:3 stopped (ServiceSchedulerInitiated): Scaling activity initiated by (deployment ecs-svc/5763088503766172933) \\[72a3e013\\]\n  - container \'web\': exit code 0',
    );
  });
});
