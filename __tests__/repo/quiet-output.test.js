/** A test's stdout and stderr are printed only when it fails, or for every test with ECS_DEPLOY_VERIFY_TEST_OUTPUT=all. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT } from '../../test-support/action-runner.js';
import { SHOW_ALL } from '../../test-support/quiet-environment.js';

/** jest on the fixture alone, in a child process, with the project's environment. */
function runFixture(env = {}) {
  const config = {
    rootDir: path.join(ROOT, 'test-support', 'quiet-fixture'),
    testEnvironment: path.join(ROOT, 'test-support', 'quiet-environment.js'),
    testMatch: ['**/*.check.js'],
  };
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const run = spawnSync(process.execPath, [jest, '--config', JSON.stringify(config), '--ci'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules --disable-warning=ExperimentalWarning', [SHOW_ALL]: '', ...env },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('test output', () => {
  it("holds back a passing test's output and prints a failing test's", () => {
    const { status, output } = runFixture();
    expect(status).toBe(1);
    expect(output).toContain('── output of "fails, writing to stdout" (failed)\nnoise of the failing test\n');
    expect(output).not.toContain('of the passing test');
    expect(output).not.toContain('ExperimentalWarning');
  });

  it(`prints every test's output with ${SHOW_ALL}=all`, () => {
    const { output } = runFixture({ [SHOW_ALL]: 'all' });
    expect(output).toContain('── output of "passes, writing to stdout and stderr"\nnoise of the passing test\nstderr of the passing test\n');
    expect(output).toContain('noise of the failing test');
  });
});
