/**
 * Renders the action's log for a terminal the way the GitHub Actions UI shows it, so the demo
 * reads without knowing workflow-command syntax. What is interpreted, after GitHub Docs,
 * "Workflow commands for GitHub Actions"
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands):
 * - "Grouping log lines": `::group::{title}` / `::endgroup::` become a heading and an indented block.
 *   Groups do not nest in the UI (actions/runner#1477): a group opened inside another is shown as
 *   the next group, and `::endgroup::` ends whichever is open;
 * - "Masking a value in a log": `::add-mask::{value}` is hidden and the value is printed as `***`
 *   in every later line;
 * - "Stopping and starting workflow commands": after `::stop-commands::{endtoken}` nothing is
 *   interpreted until `::{endtoken}::`, and both markers are hidden;
 * - "Setting an error / a warning / a notice message": `::error::`, `::warning::`, `::notice::`
 *   (with properties such as `title=`) become a coloured label and the message; `::debug::` is
 *   hidden, as the UI hides it unless step debug logging is on;
 * - `::set-output name={name}::{value}` (deprecated there for the GITHUB_OUTPUT file) is shown as
 *   `output {name} = {value}`.
 * Messages and properties are percent-encoded by the writer (@actions/core `escapeData`: `%25`,
 * `%0D`, `%0A`; `escapeProperty` adds `%3A` and `%2C`), and decoded here as the runner does.
 */

const COMMAND = /^::([A-Za-z][\w-]*)(?: ([^:]*))?::(.*)$/;
const ESCAPES = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };

/** Decodes a command's message: `%0A` is a line break, `%0D` a carriage return, `%25` a percent sign. */
export function decodeMessage(text) {
  return text.replace(/%(25|0D|0A)/gi, (code) => ESCAPES[code.toUpperCase()]);
}

/** Decodes a property value: as a message, and `%3A` is a colon, `%2C` a comma. */
export function decodeProperty(text) {
  return text.replace(/%(25|0D|0A|3A|2C)/gi, (code) => ESCAPES[code.toUpperCase()]);
}

/** A workflow command line as `{ name, properties, message }` (decoded), or undefined for a plain line. */
export function parseCommand(line) {
  const match = COMMAND.exec(line);
  if (!match) return undefined;
  const [, name, props = '', message] = match;
  const properties = {};
  for (const pair of props.split(',')) {
    const at = pair.indexOf('=');
    if (at > 0) properties[pair.slice(0, at).trim().toLowerCase()] = decodeProperty(pair.slice(at + 1));
  }
  return { name: name.toLowerCase(), properties, message: decodeMessage(message), rawMessage: message };
}

/** Whether to colour: a terminal, and no NO_COLOR (https://no-color.org: set and not empty). */
export function wantsColor(stream, env = process.env) {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

const STYLES = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], blue: [34, 39], green: [32, 39] };

/** `paint(style, text)`: ANSI styles when `color`, else the text unchanged. */
export function painter(color) {
  return (style, text) => (color ? `\x1b[${STYLES[style][0]}m${text}\x1b[${STYLES[style][1]}m` : text);
}

const ANNOTATIONS = { error: ['red', 'Error'], warning: ['yellow', 'Warning'], notice: ['blue', 'Notice'] };
const HIDDEN = new Set(['debug', 'endgroup', 'add-mask', 'stop-commands', 'save-state', 'echo', 'add-matcher', 'remove-matcher']);

/**
 * A stream of the action's stdout in, readable lines out through `write`. Feed it chunks with
 * `push()`; `end()` prints a last line that had no line break.
 * @param {{ write: (text: string) => void, color?: boolean, gutter?: string }} options
 */
export function createRenderer({ write, color = false, gutter = '' }) {
  const paint = painter(color);
  const masks = [];
  let stopToken;
  let inGroup = false;
  let partial = '';

  const mask = (text) => masks.reduce((masked, secret) => masked.split(secret).join('***'), text);
  const print = (text, style) => {
    const indent = inGroup ? '  ' : '';
    for (const line of mask(text).split(/\r?\n|\r/)) write(`${gutter}${indent}${style ? paint(style, line) : line}\n`);
  };

  function annotation(command) {
    const [style, label] = ANNOTATIONS[command.name];
    const { title, file, line } = command.properties;
    const where = file ? ` (${file}${line ? `:${line}` : ''})` : '';
    const [first, ...rest] = mask(command.message).split(/\r?\n|\r/);
    const indent = inGroup ? '  ' : '';
    write(`${gutter}${indent}${paint(style, paint('bold', `${label}:`))} ${title ? `${paint('bold', mask(title))}: ` : ''}${first}${where}\n`);
    for (const more of rest) write(`${gutter}${indent}${' '.repeat(label.length + 2)}${more}\n`);
  }

  function line(text) {
    if (stopToken !== undefined) {
      if (text === `::${stopToken}::`) stopToken = undefined;
      else print(text);
      return;
    }
    const command = parseCommand(text);
    if (!command) return print(text);
    switch (command.name) {
      case 'group':
        inGroup = false;
        print(`▸ ${command.message}`, 'bold');
        inGroup = true;
        return;
      case 'endgroup':
        inGroup = false;
        return;
      case 'add-mask':
        if (command.message !== '') masks.push(command.message);
        masks.sort((a, b) => b.length - a.length);
        return;
      case 'stop-commands':
        stopToken = command.rawMessage;
        return;
      case 'set-output':
        print(`output ${command.properties.name} = ${command.message}`, 'dim');
        return;
      default:
        if (ANNOTATIONS[command.name]) return annotation(command);
        if (!HIDDEN.has(command.name)) print(text);
    }
  }

  return {
    push(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const text of lines) line(text.replace(/\r$/, ''));
    },
    end() {
      if (partial !== '') line(partial);
      partial = '';
      inGroup = false;
    },
    /** Masks known so far, applied to text printed outside the log (the outputs). */
    mask,
  };
}

/** The GITHUB_OUTPUT values of a step, one per line, names aligned; a multi-line value continues indented. */
export function renderOutputs(outputs, { color = false, gutter = '', mask = (text) => text } = {}) {
  const paint = painter(color);
  const names = Object.keys(outputs).filter((name) => outputs[name] !== '');
  if (names.length === 0) return '';
  const width = Math.max(...names.map((name) => name.length));
  const lines = [`${gutter}${paint('bold', 'outputs')}`];
  for (const name of names) {
    const [first, ...rest] = shortened(mask(outputs[name])).replace(/\n$/, '').split('\n');
    lines.push(`${gutter}  ${paint('dim', name.padEnd(width))}  ${first}`);
    for (const more of rest) lines.push(`${gutter}  ${' '.repeat(width)}  ${more}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Outputs longer than this are shown by their start: the job summary has them in full. */
const OUTPUT_WIDTH = 160;

/** A long JSON output (deploy-timings, image-digests) as its start and its size, so the step's outputs stay readable. */
function shortened(value) {
  if (value.length <= OUTPUT_WIDTH || value.includes('\n')) return value;
  return `${value.slice(0, OUTPUT_WIDTH - 1)}… (${value.length} characters)`;
}

/** The last line: how many steps got their expected verdict, and which did not. */
/** @param {Array<{ step: number, ok: boolean, got: { result?: string, code: number | null } }>} verdicts */
export function closingLine(verdicts, total) {
  const passed = verdicts.filter((v) => v.ok).length;
  const missed = [
    ...verdicts.filter((v) => !v.ok).map((v) => `step ${v.step} (got '${v.got.result}', exit status ${v.got.code})`),
    ...Array.from({ length: total - verdicts.length }, (_, i) => `step ${verdicts.length + i + 1} (did not run)`),
  ];
  return `${passed} of ${total} steps got their expected verdict${missed.length > 0 ? `; not ${missed.join(', ')}` : ''}`;
}
