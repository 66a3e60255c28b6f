import { describe, expect, it } from '@jest/globals';
import { CommandSyntaxError, splitCommand } from '../../../emulator/exec/shlex.js';

describe('splitting ExecuteCommand command like the agent (google/shlex)', () => {
  it.each([
    ["printf 'a\\nb\\n'", ['printf', 'a\\nb\\n']],
    ["sh -c 'exit 3'", ['sh', '-c', 'exit 3']],
    ["/bin/sh -c '( echo \"$HOME\" ); echo \"n:$?\"'", ['/bin/sh', '-c', '( echo "$HOME" ); echo "n:$?"']],
    ['echo "a b"  c\\ d\td', ['echo', 'a b', 'c d', 'd']],
    ['say "it\\"s" \'\\n\'', ['say', 'it"s', '\\n']],
    // Unlike POSIX sh, a backslash inside double quotes makes any character literal.
    ['echo "a\\nb"', ['echo', 'anb']],
    ['x\'\'y "" \'\'', ['xy', '', '']],
    ['a#b # a comment\nc', ['a#b', 'c']],
    ['ls && rm -rf / ; echo $PATH | cat', ['ls', '&&', 'rm', '-rf', '/', ';', 'echo', '$PATH', '|', 'cat']],
    ['   ', []],
  ])('%j splits into %j', (command, words) => {
    expect(splitCommand(command)).toEqual(words);
  });

  it.each([
    ["echo 'unterminated", 'EOF found when expecting closing quote'],
    ['echo "unterminated', 'EOF found when expecting closing quote'],
    ['echo trailing\\', 'EOF found after escape character'],
  ])('%j is a syntax error', (command, message) => {
    expect(() => splitCommand(command)).toThrow(CommandSyntaxError);
    expect(() => splitCommand(command)).toThrow(message);
  });
});
