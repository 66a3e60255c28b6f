/** Run by __tests__/repo/quiet-output.test.js through test-support/quiet-environment.js, never by `npm test`. */
import { expect, it } from '@jest/globals';

it('passes, writing to stdout and stderr', () => {
  process.stdout.write('noise of the passing test\n');
  process.stderr.write('stderr of the passing test\n');
});

it('fails, writing to stdout', () => {
  process.stdout.write('noise of the failing test\n');
  expect(1).toBe(2);
});
