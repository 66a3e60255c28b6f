/**
 * Getting a trustworthy exit status out of ECS Exec, which never reports one: the command runs
 * inside a shell that prints the status behind a fresh random nonce as its very last act.
 * The agent splits the command like shlex and executes the words directly (no shell), so the
 * wrapped command must split back into exactly [shell, '-c', script].
 */
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors.js';

/** Unguessable per run: output produced before the run cannot contain it. */
export function newNonce(): string {
  return `edv-${randomBytes(16).toString('hex')}`;
}

const PLAIN_WORD = /^[A-Za-z0-9_/.,:=+@%-]+$/;

/** Quotes one word so that a POSIX shell, and shlex, read it back unchanged. */
export function quoteWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * `<shell> -c '( <command> ); printf "\n<nonce>:$?"'` in effect. The subshell keeps an `exit`
 * in the command from skipping the status line; the newlines keep a trailing comment or an
 * unterminated here-document in the command from swallowing it; the leading `\n` puts the
 * status on a line of its own even when the command's output did not end with one.
 */
export function wrapCommand(command: string, shell: string, nonce: string): string {
  if (command.includes('\0')) throw new InputError('smoke-command', command.replace(/\0/g, '\\0'), 'a command without NUL characters');
  const script = `(\n${command}\n)\nprintf '\\n%s:%s\\n' ${nonce} "$?"`;
  return `${quoteWord(shell)} -c ${quoteWord(script)}`;
}

export interface MarkedOutput {
  /** The command's own output: the status line and the newline put before it removed. */
  output: string;
  exitCode?: number;
  /** Why no status could be trusted, when exitCode is undefined. */
  problem?: string;
}

/**
 * Finds the status line: a line that is exactly `<nonce>:<digits>`, with nothing but blank
 * lines after it. The nonce is secret only until the command starts (a process can read its
 * parent's command line), so a second status line means the command printed one itself, and
 * output after it means a process outlived the shell: either way no status is trusted.
 */
export function parseMarkedOutput(raw: string, nonce: string, shell: string): MarkedOutput {
  const lines = raw.split(/\r?\n/);
  const pattern = new RegExp(`^${nonce}:(\\d{1,3})$`);
  const found = lines.flatMap((line, index) => (pattern.test(line) ? [index] : []));
  if (found.length === 0) {
    return {
      output: raw,
      problem: `the exit status line never arrived: the command did not finish, or '${shell}' is not in the image (set smoke-shell to the image's shell, or 'none' for images without one)`,
    };
  }
  const at = found[found.length - 1];
  const output = lines.slice(0, at).join('\n');
  if (found.length > 1) {
    return { output: lines.filter((_, index) => !found.includes(index)).join('\n'), problem: `the output holds ${found.length} exit status lines of this run; the command printed one itself, so none can be trusted` };
  }
  const after = lines.slice(at + 1);
  if (after.some((line) => line.trim() !== '')) {
    return {
      output: `${output}\n${after.join('\n')}`,
      problem: 'output continued after the exit status line (a background process still writing?), so the status cannot be trusted',
    };
  }
  return { output, exitCode: Number(pattern.exec(lines[at])![1]) };
}
