/**
 * The self-test workflow's steps, run here against the emulator with the workflow's own inputs
 * (test-support/self-test.js): they must give the results its assertion steps assert.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SELF_TEST_WORKFLOW, classifyStep, runSelfTest } from '../../test-support/self-test.js';

describe('self-test workflow, run locally', () => {
  it('every step gives the result its assertions expect', async () => {
    const { ok, steps } = await runSelfTest();
    expect(steps.filter((step) => !step.ok)).toEqual([]);
    expect(ok).toBe(true);
    expect(steps.map((step) => step.kind)).toEqual(['skip', 'skip', 'skip', 'emulator', 'action', 'assert', 'action', 'assert', 'action', 'assert', 'skip']);
    expect(steps.filter((step) => step.kind === 'action').map((step) => /result '([^']*)'/.exec(step.detail)[1])).toEqual(['deployed', 'rolled-back', 'deployed']);
  }, 180_000);

  it('fails when an assertion does not hold', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'self-test-'));
    const workflow = (await fs.readFile(SELF_TEST_WORKFLOW, 'utf8')).replace('test "$RESULT" = rolled-back', 'test "$RESULT" = failed');
    const changed = path.join(dir, 'self-test.yml');
    await fs.writeFile(changed, workflow);
    const { ok, steps } = await runSelfTest({ workflowPath: changed }).finally(() => fs.rm(dir, { recursive: true, force: true }));
    expect(ok).toBe(false);
    expect(steps.filter((step) => !step.ok).map((step) => step.label)).toEqual([
      'step 8 (Assert: the step failed with rolled-back, back on web:2)',
      'step 9 (Roll back to the previous revision (mode rollback))',
      'step 10 (Assert: rolled back to web:1)',
    ]);
  }, 180_000);

  it('refuses what it cannot reproduce instead of guessing', () => {
    expect(() => classifyStep({ uses: './', if: 'github.event_name == \'push\'' }, 0)).toThrow("'if' on an action step");
    expect(() => classifyStep({ run: 'test "${{ steps.a.outputs.result }}" = x', env: { R: '${{ steps.a.outcome }}' } }, 2)).toThrow('cannot be reproduced locally');
    expect(classifyStep({ uses: 'actions/checkout@v5' }, 0).kind).toBe('skip');
  });
});
