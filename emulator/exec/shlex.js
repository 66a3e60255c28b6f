// @ts-check
// Splits ExecuteCommand's `command` the way the agent does in container mode (it uses
// github.com/google/shlex): quotes and backslashes, comments from an unquoted leading '#',
// no expansion, no operators. Inside double quotes a backslash makes ANY next character
// literal, which differs from POSIX sh.

const SPACES = new Set([' ', '\t', '\r', '\n']);

export class CommandSyntaxError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'CommandSyntaxError';
  }
}

/**
 * @param {string} command
 * @returns {string[]}
 */
export function splitCommand(command) {
  /** @type {string[]} */
  const words = [];
  let word = '';
  /** @type {'start'|'word'|'escape'|'double'|'doubleEscape'|'single'|'comment'} */
  let state = 'start';
  for (const c of [...command, null]) {
    switch (state) {
      case 'start':
        if (c === null) return words;
        if (SPACES.has(c)) break;
        word = '';
        if (c === '"') state = 'double';
        else if (c === "'") state = 'single';
        else if (c === '\\') state = 'escape';
        else if (c === '#') state = 'comment';
        else {
          word = c;
          state = 'word';
        }
        break;
      case 'word':
        if (c === null || SPACES.has(c)) {
          words.push(word);
          state = 'start';
        } else if (c === '"') state = 'double';
        else if (c === "'") state = 'single';
        else if (c === '\\') state = 'escape';
        else word += c;
        break;
      case 'escape':
      case 'doubleEscape':
        if (c === null) throw new CommandSyntaxError('EOF found after escape character');
        word += c;
        state = state === 'escape' ? 'word' : 'double';
        break;
      case 'double':
        if (c === null) throw new CommandSyntaxError('EOF found when expecting closing quote');
        if (c === '"') state = 'word';
        else if (c === '\\') state = 'doubleEscape';
        else word += c;
        break;
      case 'single':
        if (c === null) throw new CommandSyntaxError('EOF found when expecting closing quote');
        if (c === "'") state = 'word';
        else word += c;
        break;
      case 'comment':
        if (c === '\n') state = 'start';
        break;
    }
  }
  return words;
}
