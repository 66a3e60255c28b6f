/**
 * A test's stdout and stderr are printed only when it fails, or for every test with
 * ECS_DEPLOY_VERIFY_TEST_OUTPUT=all; an action run its test stopped awaiting is killed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT } from '../../test-support/action-runner.js';
import { SHOW_ALL } from '../../test-support/quiet-environment.js';

/** jest on a fixture file alone, in a child process, with the project's environment. */
function runFixture(env = {}, file = 'noisy.check.js') {
  const config = {
    rootDir: path.join(ROOT, 'test-support', 'quiet-fixture'),
    testEnvironment: path.join(ROOT, 'test-support', 'quiet-environment.js'),
    testMatch: [`**/${file}`],
  };
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const run = spawnSync(process.execPath, [jest, '--config', JSON.stringify(config), '--ci'], {
    cwd: ROOT,
    encoding: 'utf8',
    // A fixture jest still waiting for a run it should have killed is cut short, so the check below sees the run alive.
    timeout: 20_000,
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

  it('kills an action run whose test timed out, instead of leaving it running beside the next tests', () => {
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'abandoned-')), 'pid');
    const forever = path.join(ROOT, 'test-support', 'quiet-fixture', 'forever.cjs');
    const alive = (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        if (error.code === 'ESRCH') return false;
        throw error;
      }
    };
    let pid = 0;
    try {
      const { status, output } = runFixture({ ECS_DEPLOY_VERIFY_BUNDLE: forever, ABANDONED_PID_FILE: pidFile }, 'abandoned.check.js');
      expect(status).toBe(1);
      expect(output).toContain('Exceeded timeout of 1000 ms');
      pid = Number(fs.readFileSync(pidFile, 'utf8'));
      expect(pid).toBeGreaterThan(0);
      expect(alive(pid)).toBe(false);
    } finally {
      // Should the check fail, the run it found alive is not left behind either.
      if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
      fs.rmSync(path.dirname(pidFile), { recursive: true, force: true });
    }
  });
});
