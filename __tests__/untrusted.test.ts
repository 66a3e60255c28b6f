/** Outside text cannot start a workflow command on any line, however it hides the `::` or `##[`. */
import { describe, expect, it } from '@jest/globals';
import { inert } from '../src/untrusted.js';

/** What the runner would take for a command (actions/runner ActionCommand.TryParseV2 / TryParse), line by line. */
const commandLines = (text: string): string[] => text.split(/\r\n|\r|\n/).filter((line) => /^[\s\u0085]*::/.test(line) || line.includes('##['));

describe('inert', () => {
  it.each([
    ['::add-mask::secret', '| ::add-mask::secret'],
    ['   ::error::indented', '   | ::error::indented'],
    ['\t\u00a0\u2003::warning::odd blanks', '\t\u00a0\u2003| ::warning::odd blanks'],
    ['reason: ok\n::stop-commands::x\r\n  ::error::y\rz', 'reason: ok\n| ::stop-commands::x\r\n  | ::error::y\rz'],
    ['\u0085::error::after NEL', '\u0085| ::error::after NEL'],
    ['ECS said ##[warning]forged mid-line', 'ECS said ## [warning]forged mid-line'],
    ['a :: in the middle stays', 'a :: in the middle stays'],
    ['', ''],
  ])('%j -> %j', (text, expected) => {
    expect(inert(text)).toBe(expected);
    expect(commandLines(inert(text))).toEqual([]);
  });
});
