/**
 * jest's node environment, holding back what a test writes to stdout and stderr (the action's
 * `core.info` lines, such as the retries a throttling scenario provokes on purpose) and printing
 * it only when the test fails. `ECS_DEPLOY_VERIFY_TEST_OUTPUT=all` prints every test's output.
 * jest's own `console` capture is left as it is.
 */
import { TestEnvironment as NodeEnvironment } from 'jest-environment-node';

/** action-runner.js's registry of the action runs still going (a global symbol, the same in every realm). */
const LIVE_RUNS = Symbol.for('ecs-deploy-verify.live-runs');

export const SHOW_ALL = 'ECS_DEPLOY_VERIFY_TEST_OUTPUT';

/** Holds back writes to one stream; `release()` restores the stream and returns what was held. */
export function holdBack(stream) {
  const original = stream.write;
  const held = [];
  stream.write = (chunk, encoding, callback) => {
    held.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  };
  return {
    release() {
      stream.write = original;
      return held.join('');
    },
  };
}

/** The full name of a jest-circus test: its describe blocks and its own name. */
function fullName(test) {
  const names = [];
  for (let block = test; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) names.unshift(block.name);
  return names.join(' › ');
}

export default class QuietEnvironment extends NodeEnvironment {
  held;

  handleTestEvent(event) {
    if (event.name === 'test_start') {
      this.held = { stdout: holdBack(process.stdout), stderr: holdBack(process.stderr) };
    } else if (event.name === 'test_done') {
      this.endRuns();
      this.release(event.test);
    }
  }

  /** Prints what the test wrote if it failed (or with SHOW_ALL), else drops it. */
  release(test) {
    if (!this.held) return;
    const stdout = this.held.stdout.release();
    const stderr = this.held.stderr.release();
    this.held = undefined;
    const failed = test.errors.length > 0;
    if (!failed && process.env[SHOW_ALL] !== 'all') return;
    if (stdout === '' && stderr === '') return;
    process.stderr.write(`── output of "${fullName(test)}"${failed ? ' (failed)' : ''}\n${stdout}${stderr}`);
  }

  /** A run its test no longer awaits (the test timed out) would otherwise poll on beside the next tests. */
  endRuns() {
    for (const child of this.global[LIVE_RUNS] ?? []) child.kill('SIGKILL');
  }

  async teardown() {
    this.endRuns();
    await super.teardown();
  }
}
