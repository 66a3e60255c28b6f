import { describe, expect, it } from '@jest/globals';
import { digestSection, digestsOutput } from '../../src/digests/report.js';
import { escapeMarkdown } from '../../src/report/summary.js';
import type { DigestOutcome } from '../../src/report/types.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2';

const mismatch: DigestOutcome = {
  passed: false,
  stage: 'after-deploy',
  tasksChecked: 2,
  containers: [
    { container: 'web', image: IMAGE, expected: d('a'), source: 'ecr', platforms: [], resolved: d('e'), tasks: [d('e')], verdict: 'mismatch', note: 'Runs sha256:eeeeeeeeeeee, not sha256:aaaaaaaaaaaa.' },
    { container: 'log_router', image: 'fluent/fluent-bit:3', source: 'none', platforms: [], tasks: [d('9')], verdict: 'skipped', note: 'Not checked: not an ECR image and no digest in the reference.' },
  ],
  rollback: { verdict: 'deployed', sentence: 'Deployed web:1 to demo/web: 2 of 2 tasks running.', explanation: [], events: [], timeline: [] },
};

describe('digestsOutput', () => {
  it('has one entry per container with every digest in full, null where there is none', () => {
    expect(JSON.parse(digestsOutput(mismatch))).toEqual([
      { container: 'web', image: IMAGE, expectedDigest: d('a'), expectedFrom: 'ecr', platformDigests: [], resolvedDigest: d('e'), taskDigests: [d('e')], verdict: 'mismatch', note: 'Runs sha256:eeeeeeeeeeee, not sha256:aaaaaaaaaaaa.' },
      { container: 'log_router', image: 'fluent/fluent-bit:3', expectedDigest: null, expectedFrom: 'none', platformDigests: [], resolvedDigest: null, taskDigests: [d('9')], verdict: 'skipped', note: 'Not checked: not an ECR image and no digest in the reference.' },
    ]);
  });
});

describe('digestSection', () => {
  it('leads with the failure, then a row per container with the full digests, the notes and the rollback', () => {
    const markdown = digestSection(mismatch, escapeMarkdown);
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('### ❌ Image digests: a container runs another image than the one registered');
    expect(markdown).toContain('Checked after the deployment completed, 2 RUNNING task(s) of the revision read.');
    expect(markdown).toContain(`| \`web\` | \`${IMAGE}\` | \`${d('a')}\` | \`${d('e')}\` | \`${d('e')}\` | ❌ another image |`);
    expect(markdown).toContain(`| \`log_router\` | \`fluent/fluent-bit:3\` |  |  | \`${d('9')}\` | ℹ️ not checked |`);
    expect(markdown).toContain('- log\\_router: Not checked: not an ECR image and no digest in the reference.');
    expect(markdown).toContain('#### Rollback after the image digest check\n\n✅ Deployed web:1 to demo/web: 2 of 2 tasks running.');
  });

  it('says where it ran and that an index matches by any of its platform images', () => {
    const markdown = digestSection(
      { passed: true, stage: 'pause', tasksChecked: 1, containers: [{ ...mismatch.containers[0], platforms: [d('b'), d('c')], resolved: d('b'), tasks: [d('b')], verdict: 'match' }] },
      escapeMarkdown,
    );
    expect(markdown.split('\n')[0]).toBe('### Image digests');
    expect(markdown).toContain('Checked in the green tasks at the PAUSE hook, before the action answered it');
    expect(markdown).toContain(`\`${d('a')}\` (image index; its 2 platform image(s) match too)`);
    expect(markdown).toContain(`| \`${d('b')}\` | \`${d('b')}\` | ✅ match |`);
    const same = digestSection({ ...mismatch, passed: true, rollback: undefined, containers: [{ ...mismatch.containers[0], resolved: d('a'), tasks: [d('a')], verdict: 'match' }] }, escapeMarkdown);
    expect(same).toContain(`| \`${d('a')}\` | same | same | ✅ match |`);
  });

  it('escapes what would break the table', () => {
    const markdown = digestSection({ passed: false, stage: 'after-deploy', tasksChecked: 0, containers: [], error: 'Could not list | <b>tasks</b>' }, escapeMarkdown);
    expect(markdown).toContain('### ❌ Image digests: the check could not run');
    expect(markdown).toContain('❌ Could not list \\| &lt;b&gt;tasks&lt;/b&gt;');
    expect(markdown).not.toContain('| Container |');
  });
});
