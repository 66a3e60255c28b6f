import { describe, expect, it } from '@jest/globals';
import { keepTail, stripTerminal } from '../../src/exec/terminal.js';

describe('stripTerminal', () => {
  it.each([
    ['CR of pty line endings', 'a\r\nb\r\n', 'a\nb\n'],
    ['colours (CSI SGR)', '\x1b[1;31mred\x1b[0m plain', 'red plain'],
    ['cursor moves and erase (CSI)', '\x1b[2K\x1b[10Gtext\x1b[?25h', 'text'],
    ['a window title ended by BEL (OSC)', '\x1b]0;user@host\x07prompt', 'prompt'],
    ['a hyperlink ended by ST (OSC 8)', '\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\', 'link'],
    ['charset selection (ESC ( B)', '\x1b(Bdone', 'done'],
    ['bell and backspace', 'a\x07b\x08c', 'abc'],
    ['tabs and newlines are kept', 'a\tb\nc', 'a\tb\nc'],
    ['unicode is kept', 'žluť 🐎\r\n', 'žluť 🐎\n'],
  ])('removes %s', (_name, raw, plain) => {
    expect(stripTerminal(raw)).toBe(plain);
  });
});

describe('keepTail', () => {
  it('keeps short text as is', () => {
    expect(keepTail('abc', 3)).toBe('abc');
  });

  it('keeps the end of long text, within the cap', () => {
    const text = `${'x'.repeat(100)}the end`;
    const kept = keepTail(text, 20);
    expect(kept).toHaveLength(20);
    expect(kept).toBe(`…\n${text.slice(-18)}`);
  });

  it('never starts on half a surrogate pair', () => {
    const kept = keepTail(`${'🐎'.repeat(10)}`, 7);
    expect(kept).toBe('…\n🐎🐎');
  });
});
