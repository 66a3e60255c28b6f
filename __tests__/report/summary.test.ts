/** The job summary's Markdown: the outcome first, a console link, and outside text that cannot break it. */
import { jest, describe, it, expect } from '@jest/globals';
import * as core from '../../__fixtures__/core.js';
import type { RunReport } from '../../src/report/types.js';

jest.unstable_mockModule('@actions/core', () => core);
const { consoleUrl, renderSummary, revisionNames, writeSummary, codeBlock, escapeMarkdown } = await import('../../src/report/summary.js');

const PREFIX = 'arn:aws:ecs:eu-west-1:123456789012';
const at = (seconds: number) => new Date(Date.parse('2026-03-02T10:00:00Z') + seconds * 1000);

function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    mode: 'deploy',
    region: 'eu-west-1',
    cluster: 'demo',
    service: 'web',
    result: 'rolled-back',
    sentence: 'Deployment of web:8 to demo/web failed: the deployment circuit breaker triggered after 3 failed tasks (threshold 3). ECS rolled back to web:7, which the service runs now.',
    taskDefinitionArn: `${PREFIX}:task-definition/web:8`,
    previousTaskDefinitionArn: `${PREFIX}:task-definition/web:7`,
    registered: true,
    serviceDeploymentArn: `${PREFIX}:service-deployment/demo/web/Zq9Yw8Xv7Uu6Tt5Ss4Rr3`,
    rolledBackTo: `${PREFIX}:task-definition/web:7`,
    runningTaskDefinition: `${PREFIX}:task-definition/web:7`,
    timeline: [
      { label: 'Finished', at: at(20) },
      { label: 'Registered', at: at(-2) },
      { label: 'Failure detected', at: at(10) },
    ],
    events: [{ at: at(12), message: '(service web) deployment ecs-svc/2222222222222222222 deployment failed: tasks failed to start.' }],
    explanation: [
      'Deployment of web:8 to demo/web failed: the deployment circuit breaker triggered.',
      '3 tasks of web:8 stopped (EssentialContainerExited): Essential container in task exited [4b1e0f8d]',
      "  container 'app': exit code 137 (killed with SIGKILL, possibly out of memory)",
    ],
    ...overrides,
  };
}

describe('consoleUrl', () => {
  it.each([
    ['eu-west-1', 'demo', 'web', undefined, 'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/demo/services/web/deployments?region=eu-west-1'],
    [
      'us-east-1',
      'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      'arn:aws:ecs:us-east-1:123456789012:service/prod/api',
      'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/api/Zq9Yw8Xv7Uu6Tt5Ss4Rr3',
      'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/api/deployments/Zq9Yw8Xv7Uu6Tt5Ss4Rr3?region=us-east-1',
    ],
    ['cn-north-1', 'demo', 'web', undefined, 'https://cn-north-1.console.amazonaws.cn/ecs/v2/clusters/demo/services/web/deployments?region=cn-north-1'],
  ])('%s %s %s %s', (region, cluster, service, deployment, url) => {
    expect(consoleUrl(region, cluster, service, deployment)).toBe(url);
  });
});

describe('renderSummary', () => {
  it('opens with the outcome sentence, then the revisions and a link to the deployment', () => {
    const markdown = renderSummary(report());
    const lines = markdown.split('\n');
    expect(lines[0]).toBe(
      '## ❌ Deployment of web:8 to demo/web failed: the deployment circuit breaker triggered after 3 failed tasks (threshold 3). ECS rolled back to web:7, which the service runs now.',
    );
    expect(lines).toContain('| Revision before | `web:7` |');
    expect(lines).toContain('| Revision deployed | `web:8` (registered by this run) |');
    expect(lines).toContain('| Service is on | `web:7` |');
    expect(lines).toContain(
      '| ECS console | [Zq9Yw8Xv7Uu6Tt5Ss4Rr3](https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/demo/services/web/deployments/Zq9Yw8Xv7Uu6Tt5Ss4Rr3?region=eu-west-1) |',
    );
  });

  it('orders the timeline, lists the explanation with nested container lines, and tables the events', () => {
    const markdown = renderSummary(report());
    expect(markdown).toContain(
      ['| Time (UTC) | Step |', '|---|---|', '| 2026-03-02 09:59:58Z | Registered |', '| 2026-03-02 10:00:10Z | Failure detected |', '| 2026-03-02 10:00:20Z | Finished |'].join('\n'),
    );
    expect(markdown).toContain(
      "- 3 tasks of web:8 stopped (EssentialContainerExited): Essential container in task exited \\[4b1e0f8d\\]\n  - container 'app': exit code 137 (killed with SIGKILL, possibly out of memory)",
    );
    expect(markdown).toContain('| 2026-03-02 10:00:12Z | (service web) deployment ecs-svc/2222222222222222222 deployment failed: tasks failed to start. |');
  });

  it('names every revision as family:revision, in the headline, the timeline and the rollback as in the overview', () => {
    const markdown = renderSummary(
      report({
        result: 'smoke-failed-rolled-back',
        sentence: `Rolled back: the smoke check failed on 1 of 1 task checked (exit status 3), so service 'web' in cluster 'demo' was returned to ${PREFIX}:task-definition/web:7, which it runs now.`,
        timeline: [{ label: `Registered ${PREFIX}:task-definition/web:8`, at: at(0) }],
        explanation: [],
        rollback: { verdict: 'deployed', sentence: `Deployed ${PREFIX}:task-definition/web:7 to demo/web.`, explanation: [], events: [], timeline: [] },
      }),
    );
    expect(markdown.split('\n')[0]).toBe(
      "## ❌ Rolled back: the smoke check failed on 1 of 1 task checked (exit status 3), so service 'web' in cluster 'demo' was returned to web:7, which it runs now.",
    );
    expect(markdown).toContain('| 2026-03-02 10:00:00Z | Registered web:8 |');
    expect(markdown).toContain('✅ Deployed web:7 to demo/web.');
    expect(markdown).not.toContain(':task-definition/');
  });

  it.each([
    ['arn:aws:ecs:us-east-1:123456789012:task-definition/web:2.', 'web:2.'],
    ['arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/my_app-v2:17 and web:3', 'my_app-v2:17 and web:3'],
    ['arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/Zq9', 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/Zq9'],
  ])('revisionNames(%s)', (text, named) => {
    expect(revisionNames(text)).toBe(named);
  });

  it('lists the timeline in time order, entries at the same instant in the order they were recorded', () => {
    const markdown = renderSummary(
      report({
        timeline: [
          { label: 'Rollback: finished', at: at(9) },
          { label: 'Smoke check failed', at: at(4.2) },
          { label: 'Finished', at: at(4.2) },
          { label: 'Deployment started', at: at(1) },
          { label: 'Rollback: deployment started', at: at(4.7) },
        ],
      }),
    );
    const steps = markdown.split('\n').filter((line) => /^\| 2026/.test(line)).slice(0, 5).map((line) => line.split(' | ')[1].replace(/ \|$/, ''));
    expect(steps).toEqual(['Deployment started', 'Smoke check failed', 'Finished', 'Rollback: deployment started', 'Rollback: finished']);
  });

  it('escapes outside text in cells and fences smoke output so it cannot break the Markdown', () => {
    const output = 'ok\n```\n# not a heading\n| not | a table |\n</details><script>alert(1)</script>';
    const markdown = renderSummary(
      report({
        result: 'smoke-failed-rolled-back',
        explanation: [],
        events: [{ at: at(3), message: 'bad | pipe <b>bold</b> *stars*\nsecond line' }],
        smoke: {
          passed: false,
          command: 'curl -fsS localhost:8080/health',
          tasks: [
            {
              taskArn: `${PREFIX}:task/demo/4b1e0f8d2c3a4e5f9a8b7c6d5e4f3a2b`,
              container: 'app',
              exitCode: 3,
              passed: false,
              reason: 'exit status 3',
              durationMs: 1530,
              output,
              attempts: 3,
            },
          ],
        },
        rollback: {
          verdict: 'deployed',
          sentence: 'Deployed web:7 to demo/web: 2 of 2 tasks running.',
          explanation: [],
          events: [],
          timeline: [],
        },
      }),
    );
    expect(markdown).toContain('| 2026-03-02 10:00:03Z | bad \\| pipe &lt;b&gt;bold&lt;/b&gt; \\*stars\\* second line |');
    expect(markdown).toContain(`\`\`\`\`text\n${output}\n\`\`\`\``);
    expect(markdown).toContain('| `4b1e0f8d2c3a4e5f9a8b7c6d5e4f3a2b` | `app` | ❌ exit status 3 | 3 | 1.5 s | 3 |');
    expect(markdown).toContain('### Rollback after the failed smoke check\n\n✅ Deployed web:7 to demo/web: 2 of 2 tasks running.');
  });

  it.each([
    ['a fence longer than any backtick run', 'a ```` b', '`````text\na ```` b\n`````'],
    ['a plain fence for plain text', 'hello', '```text\nhello\n```'],
  ])('codeBlock uses %s', (_name, text, block) => {
    expect(codeBlock(text)).toBe(block);
  });

  it('escapes a leading block marker so a message cannot become a heading or a list', () => {
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
    expect(escapeMarkdown('- item')).toBe('\\- item');
  });
});

describe('writeSummary', () => {
  it('writes the rendered Markdown to the job summary', async () => {
    core.summary.emptyBuffer();
    await writeSummary(report({ result: 'deployed', sentence: 'Deployed web:8 to demo/web: 2 of 2 tasks running.', explanation: [], rolledBackTo: undefined }));
    expect(core.summary.stringify().startsWith('## ✅ Deployed web:8 to demo/web: 2 of 2 tasks running.\n')).toBe(true);
    expect(core.summary.write).toHaveBeenCalledTimes(1);
  });
});
