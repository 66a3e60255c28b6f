/**
 * Splits run-task-command into arguments as a POSIX shell would read the words (quotes and
 * backslashes), without running one: no expansion, no operators. ECS passes `command` to the
 * container as an argument list (RunTask, ContainerOverride.command), so a word a shell would
 * treat as an operator is refused rather than passed on as a literal argument.
 */
export class CommandSplitError extends Error {}

const OPERATORS = new Set(['|', '||', '&', '&&', ';', ';;', '<', '>', '>>', '<<', '2>', '2>&1', '(', ')']);
/** In double quotes a backslash escapes only these (POSIX "Double-Quotes"). */
const DOUBLE_ESCAPES = new Set(['$', '`', '"', '\\', '\n']);

export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quotedWord = false;
  const end = (): void => {
    if (word === undefined) return;
    if (!quotedWord && OPERATORS.has(word)) {
      throw new CommandSplitError(`'${word}' is a shell operator, and no shell runs the command; to use one, write: sh -c '...'`);
    }
    words.push(word);
    word = undefined;
    quotedWord = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) throw new CommandSplitError(`unterminated single quote at position ${i + 1}`);
      word = (word ?? '') + text.slice(i + 1, close);
      quotedWord = true;
      i = close;
    } else if (c === '"') {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && DOUBLE_ESCAPES.has(text[j + 1])) {
          j++;
          if (text[j] !== '\n') value += text[j];
        } else value += text[j];
      }
      if (j >= text.length) throw new CommandSplitError(`unterminated double quote at position ${i + 1}`);
      word = (word ?? '') + value;
      quotedWord = true;
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new CommandSplitError(`a backslash at the end, escaping nothing (position ${i + 1})`);
      i++;
      // A backslash before a newline continues the line (POSIX "Escape Character").
      if (text[i] !== '\n') {
        word = (word ?? '') + text[i];
        quotedWord = true;
      }
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      end();
    } else if (c === '#' && word === undefined) {
      const newline = text.indexOf('\n', i);
      if (newline < 0) break;
      i = newline;
    } else {
      word = (word ?? '') + c;
    }
  }
  end();
  return words;
}
