/**
 * Turns what a pty printed into plain text for logs, step outputs and the job summary.
 */

/* eslint-disable no-control-regex -- matching control characters is the point of this module */

/** CSI (colours, cursor moves), OSC (window titles, hyperlinks), DCS/SOS/PM/APC strings, and two-byte escapes. */
const ESCAPES = [
  /\x1b\[[0-?]*[ -/]*[@-~]/g,
  /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g,
  /\x1b[PX^_][^\x1b]*\x1b\\/g,
  /\x1b[ -/]*[0-~]/g,
];
/** C0 controls other than tab and newline, DEL, and the 8-bit CSI introducer. */
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f\x9b]/g;

/* eslint-enable no-control-regex */

export function stripTerminal(text: string): string {
  let plain = text;
  for (const escape of ESCAPES) plain = plain.replace(escape, '');
  return plain.replace(CONTROLS, '');
}

/** Keeps the end of `text` (where failures usually are), at most `max` characters in all. */
export function keepTail(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = '…\n';
  let tail = text.slice(text.length - (max - note.length));
  // Never start on the second half of a surrogate pair.
  if (/^[\udc00-\udfff]/.test(tail)) tail = tail.slice(1);
  return note + tail;
}
