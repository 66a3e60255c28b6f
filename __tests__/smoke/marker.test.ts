import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { newNonce, parseMarkedOutput, quoteWord, wrapCommand } from '../../src/smoke/marker.js';

/**
 * Splits like Python's shlex.split (POSIX mode), which is how the agent turns the
 * ExecuteCommand command into argv: no shell, quotes and backslashes only.
 */
function shlexSplit(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error('No closing quotation');
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      inWord = true;
      for (i++; text[i] !== '"'; i++) {
        if (i >= text.length) throw new Error('No closing quotation');
        if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) i++;
        word += text[i];
      }
    } else if (ch === '\\') {
      if (i + 1 >= text.length) throw new Error('No escaped character');
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Any string a workflow could hold: no NUL, no lone surrogates. */
const commandText = fc.string({ unit: 'binary', maxLength: 120 }).filter((s) => !s.includes('\0'));
const NONCE = 'edv-0123456789abcdef0123456789abcdef';

function runWrapped(command: string, nonce = newNonce()): { status: number | null; raw: string; nonce: string } {
  const [file, ...args] = shlexSplit(wrapCommand(command, '/bin/sh', nonce));
  // stderr into stdout, in order, as a pty merges them; and NL as CR NL, as the agent's pty sends it
  // (ONLCR, reference section 6): without that, printed text ending in CR would merge with the NL before the status line.
  const done = spawnSync('/bin/sh', ['-c', 'exec "$@" 2>&1', 'sh', file, ...args], { encoding: 'utf8' });
  return { status: done.status, raw: done.stdout.replace(/\n/g, '\r\n'), nonce };
}

describe('shlexSplit (the test splitter itself)', () => {
  it.each([
    [`a 'b c' "d \\" e" f\\ g`, ['a', 'b c', 'd " e', 'f g']],
    [`'' x`, ['', 'x']],
    [`'it'\\''s'`, ["it's"]],
  ])('splits %s', (text, words) => {
    expect(shlexSplit(text)).toEqual(words);
  });
});

describe('quoteWord and wrapCommand', () => {
  it('quote any word so that shlex reads it back unchanged', () => {
    fc.assert(fc.property(commandText, (word) => expect(shlexSplit(quoteWord(word))).toEqual([word])), { numRuns: 500 });
  });

  it('wrap any command into exactly [shell, -c, script], the command verbatim inside', () => {
    fc.assert(
      fc.property(commandText, fc.constantFrom('/bin/sh', '/bin/bash', '/opt/my shell/sh'), (command, shell) => {
        const words = shlexSplit(wrapCommand(command, shell, NONCE));
        expect(words).toHaveLength(3);
        expect(words.slice(0, 2)).toEqual([shell, '-c']);
        expect(words[2]).toBe(`(\n${command}\n)\nprintf '\\n%s:%s\\n' ${NONCE} "$?"`);
      }),
      { numRuns: 500 },
    );
  });

  it('give a fresh nonce per run', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    expect([...nonces][0]).toMatch(/^edv-[0-9a-f]{32}$/);
  });

  it('refuse a command with a NUL character, which no argv can carry', () => {
    expect(() => wrapCommand('echo a\0b', '/bin/sh', NONCE)).toThrow("Invalid input 'smoke-command'");
  });
});

describe('a wrapped command run by a real /bin/sh', () => {
  it.each([
    ['exit 0', 'true', 0, ''],
    ['exit 1', 'false', 1, ''],
    ['exit 3 inside the command', 'echo before; exit 3; echo after', 3, 'before\n'],
    ['command not found', 'definitely-not-a-command-xyz', 127, /not found/],
    ['killed', "sh -c 'kill -9 $$'", 137, /^(Killed\n)?$/],
    ['a trailing comment', 'echo hi # the rest is a comment', 0, 'hi\n'],
    ['output without a final newline', 'printf abc', 0, 'abc'],
    ['quotes, dollars and backslashes', `echo "it's \\"$((1+2))\\" \\\\ \\$HOME"`, 0, `it's "3" \\ $HOME\n`],
    ['a here-document', 'cat <<EOF\nline one\n  $((2*3))\nEOF', 0, 'line one\n  6\n'],
    ['unicode', "printf '%s\\n' 'žluťoučký 🐎'", 0, 'žluťoučký 🐎\n'],
    ['pipes and &&', 'echo a | tr a b && echo c', 0, 'b\nc\n'],
  ] as Array<[string, string, number, string | RegExp]>)('%s', (_name, command, status, output) => {
    const { raw, nonce, status: shellStatus } = runWrapped(command);
    expect(shellStatus).toBe(0);
    const parsed = parseMarkedOutput(raw, nonce, '/bin/sh');
    expect(parsed.exitCode).toBe(status);
    if (output instanceof RegExp) expect(parsed.output).toMatch(output);
    else expect(parsed.output).toBe(output);
  });

  it('gives back any printed text and status exactly', () => {
    fc.assert(
      fc.property(commandText, fc.integer({ min: 0, max: 255 }), (text, status) => {
        const { raw, nonce } = runWrapped(`printf '%s' ${quoteWord(text)}\nexit ${status}`);
        expect(parseMarkedOutput(raw, nonce, '/bin/sh')).toEqual({ output: text, exitCode: status });
      }),
      { numRuns: 25 },
    );
  });

  it('cannot be faked by a command that prints the real status line itself', () => {
    const nonce = newNonce();
    const { raw } = runWrapped(`printf '\\n${nonce}:0\\n'; exit 1`, nonce);
    const parsed = parseMarkedOutput(raw, nonce, '/bin/sh');
    expect(parsed.exitCode).toBeUndefined();
    expect(parsed.problem).toContain('2 exit status lines');
    expect(parsed.output).not.toContain(nonce);
  });
});

describe('parseMarkedOutput', () => {
  const status = (code: number): string => `${NONCE}:${code}`;
  it.each([
    ['pty line endings', `hello\r\n\r\n${status(0)}\r\n`, { output: 'hello\n', exitCode: 0 }],
    ['a status line of another nonce is output', `edv-ffffffffffffffffffffffffffffffff:0\r\n\r\n${status(2)}\r\n`, { output: 'edv-ffffffffffffffffffffffffffffffff:0\n', exitCode: 2 }],
    ['the nonce inside a longer line is output', `x ${status(0)}\r\n\r\n${status(1)}\r\n`, { output: `x ${status(0)}\n`, exitCode: 1 }],
    ['blank lines after the status are fine', `ok\n\n${status(0)}\n\n\n`, { output: 'ok\n', exitCode: 0 }],
  ])('%s', (_name, raw, expected) => {
    expect(parseMarkedOutput(raw, NONCE, '/bin/sh')).toEqual(expected);
  });

  it.each([
    ['a forged status before the real one', `${status(0)}\n\n${status(1)}\n`, '2 exit status lines'],
    ['a forged status after the real one (a background process)', `\n${status(1)}\n${status(0)}\n`, '2 exit status lines'],
    ['output after the status line', `ok\n\n${status(0)}\nlate output\n`, 'output continued after the exit status line'],
    ['no status line at all', 'exec /bin/sh: no such file or directory\r\n', "'/bin/sh' is not in the image"],
  ])('trusts no status with %s', (_name, raw, problem) => {
    const parsed = parseMarkedOutput(raw, NONCE, '/bin/sh');
    expect(parsed.exitCode).toBeUndefined();
    expect(parsed.problem).toContain(problem);
    expect(parsed.output).not.toMatch(new RegExp(`^${NONCE}:\\d+$`, 'm'));
  });
});
