/**
 * Text from AWS and from the application printed to the job log cannot start a workflow command on
 * any line (dist/index.js against the emulator): the runner reads `::` after leading blanks, and
 * `##[name]` anywhere in a line.
 */
import { describe, expect, it } from '@jest/globals';
import { IMAGE, deployInputs, runCase } from './run-case.js';
import { runChanged } from './edges-support.js';

/** The commands @actions/core writes: at the start of a line, their data escaped onto that one line. */
const OWN = /^::(error|warning|notice|debug|group|endgroup|add-mask|stop-commands|edv-[0-9a-f]+)(::| )/;

/** Lines of the step's stdout the runner would run as a command that this action did not write. */
function forged(stdout) {
  return stdout
    .split(/\r\n|\r|\n/)
    .filter((line) => (OWN.test(line) ? /^::add-mask::forged|^::\w+ title=forged/.test(line) : /^[\s\u0085]*::/.test(line) || line.includes('##[')));
}

describe('outside text in the log (dist/index.js against the emulator)', () => {
  it('a stopped reason carrying commands on its own lines reaches the log quoted, not as commands', async () => {
    const reason = `CannotPullContainerError: ${IMAGE}:v9: not found\n   ::error title=forged::from a stopped reason\n::add-mask::forged\n##[warning]forged`;
    const { run } = await runChanged(
      'failfast-image-missing',
      (scenario) => (scenario.behaviours[`${IMAGE}:v9`] = { startSeconds: 2, pullError: reason }),
      deployInputs('v9', { 'verify-images': 'false' }),
    );
    expect(run.outputs.result).toBe('rolled-back');
    // The reason was printed (inside the verdict sentence), only quoted.
    expect(run.stdout).toContain('   | ::error title=forged::from a stopped reason');
    expect(forged(run.stdout)).toEqual([]);
  });

  it("the smoke command's output carrying commands is quoted line by line, `##[` included", async () => {
    const { run } = await runCase('deployed', deployInputs('v2', { 'smoke-command': "printf '%s\\n' ok '  ::error title=forged::from the app' 'see ##[warning]forged'" }));
    expect(run.outputs.result).toBe('deployed');
    expect(run.stdout).toContain('## [warning]forged');
    expect(forged(run.stdout)).toEqual([]);
  });
});
