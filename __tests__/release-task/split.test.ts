import { describe, expect, it } from '@jest/globals';
import { splitCommand } from '../../src/release-task/split.js';

describe('splitCommand (run-task-command)', () => {
  it.each([
    ['npm run migrate', ['npm', 'run', 'migrate']],
    ['  ./manage.py   migrate\t--noinput\n', ['./manage.py', 'migrate', '--noinput']],
    [`echo 'a b' "c d" e\\ f`, ['echo', 'a b', 'c d', 'e f']],
    [`printf "%s\\n" "say \\"hi\\" \\$HOME \\x"`, ['printf', '%s\\n', 'say "hi" $HOME \\x']],
    [`sh -c 'rake db:migrate && echo done'`, ['sh', '-c', 'rake db:migrate && echo done']],
    [`a''b "" ''`, ['ab', '', '']],
    ['migrate $DATABASE_URL', ['migrate', '$DATABASE_URL']],
    ['run \\\n--now # a comment', ['run', '--now']],
    [`echo '&&' "|" \\;`, ['echo', '&&', '|', ';']],
    ['', []],
  ])('%j', (text, words) => {
    expect(splitCommand(text)).toEqual(words);
  });

  it.each([
    ['rake db:migrate && rake db:seed', "'&&' is a shell operator, and no shell runs the command; to use one, write: sh -c '...'"],
    ['echo "open', 'unterminated double quote at position 6'],
    ["it's fine", 'unterminated single quote at position 3'],
    ['echo done \\', 'a backslash at the end, escaping nothing (position 11)'],
  ])('refuses %j', (text, message) => {
    expect(() => splitCommand(text)).toThrow(message);
  });
});
