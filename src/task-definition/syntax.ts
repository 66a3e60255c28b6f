/**
 * Parses a task definition's text as JSON or YAML. A syntax error becomes
 * `<file>:<line>:<column>: not valid JSON: <what> (expected ...)` in our own words, from the
 * parser's error code and offset: the parsers' own messages quote the file (V8's JSON.parse a
 * fragment around the error, `yaml` a code frame), and the file holds environment values.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type * as Yaml from 'yaml';
import { ActionError } from '../errors.js';

export type Format = 'JSON' | 'YAML';

/** What went wrong and what was expected there, never quoting the file. */
interface Problem {
  offset: number;
  what: string;
  expected: string;
}

/** Aliases are allowed (they share an environment list between containers); this bounds their expansion. */
export const MAX_YAML_ALIAS_COUNT = 100;

/** By extension; a file named otherwise is JSON when it starts like JSON, else YAML. */
export function formatOf(file: string, text: string): Format {
  if (/\.json$/i.test(file)) return 'JSON';
  if (/\.ya?ml$/i.test(file)) return 'YAML';
  return /^\s*[{[]/.test(text) ? 'JSON' : 'YAML';
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function syntaxError(text: string, file: string, format: Format, problem: Problem): ActionError {
  const { line, column } = lineColumn(text, problem.offset);
  return new ActionError(
    `Invalid input 'task-definition': ${file}:${line}:${column}: not valid ${format}: ${problem.what} (expected ${problem.expected}).`,
  );
}

export async function parseText(text: string, file: string): Promise<unknown> {
  const format = formatOf(file, text);
  if (text.trim() === '') {
    throw syntaxError(text, file, format, { offset: 0, what: 'the file is empty', expected: 'a task definition object' });
  }
  return format === 'JSON' ? parseJson(text, file) : parseYaml(text, file);
}

function parseJson(text: string, file: string): unknown {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  if (errors.length > 0) throw syntaxError(text, file, 'JSON', jsonProblem(text, errors[0]));
  try {
    // JSON.parse keeps JSON's exact semantics (a '__proto__' key, the last of duplicate keys).
    return JSON.parse(text);
  } catch {
    throw new ActionError(`Invalid input 'task-definition': ${file}: not valid JSON, at a place the syntax check could not locate.`);
  }
}

/** Where the text before `offset` stands: the open object or list, and the last character that is not blank. */
function before(text: string, offset: number): { container?: 'object' | 'list'; last?: string; lastOffset: number } {
  // The text before the first error is valid JSON so far: no comments, strings are closed.
  const stack: Array<'object' | 'list'> = [];
  let last: string | undefined;
  let lastOffset = 0;
  for (let i = 0; i < offset; i++) {
    const char = text[i];
    if (char === '"') {
      for (i++; i < offset && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (char === '{' || char === '[') stack.push(char === '{' ? 'object' : 'list');
    else if (char === '}' || char === ']') stack.pop();
    if (!/\s/.test(char)) {
      last = char;
      lastOffset = i;
    }
  }
  return { container: stack.at(-1), last, lastOffset };
}

/** The first offset in [start, end) where `bad` says the string token goes wrong. */
function within(start: number, end: number, bad: (at: number) => boolean): number {
  for (let i = start; i < end; i++) if (bad(i)) return i;
  return start;
}

const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u']);
const A_VALUE = "a value: a string in double quotes, a number, an object, a list, true, false or null";

function jsonProblem(text: string, error: ParseError): Problem {
  const { offset, length } = error;
  const code = printParseErrorCode(error.error);
  const here = text[offset];
  const { container, last, lastOffset } = before(text, offset);
  const closer = container === 'list' ? ']' : '}';

  if (code === 'InvalidCommentToken' || code === 'UnexpectedEndOfComment') {
    return { offset, what: 'a comment; JSON has none', expected: "no comments: remove it, or write the file as YAML, where '#' starts one" };
  }
  if ((here === '}' || here === ']') && last === ',') {
    const item = here === '}' ? 'member of an object' : 'item of a list';
    return { offset: lastOffset, what: `a comma after the last ${item}`, expected: `no comma before '${here}'` };
  }
  switch (code) {
    case 'InvalidSymbol':
      return symbolProblem(text, offset, container, last);
    case 'PropertyNameExpected':
      return { offset, what: 'a key is missing', expected: 'a key in double quotes' };
    case 'ColonExpected':
      return { offset, what: 'a key is not followed by a colon', expected: "':' between the key and its value" };
    case 'ValueExpected':
      return offset >= text.trimEnd().length
        ? { offset, what: 'the file ends where a value should be', expected: A_VALUE }
        : { offset, what: last === ':' ? 'a key has no value' : 'a value is missing', expected: A_VALUE };
    case 'CommaExpected':
      if (/\d/.test(here ?? '') && text[offset - 1] === '0' && !/[\d.]/.test(text[offset - 2] ?? '')) {
        return { offset: offset - 1, what: 'a number starts with a zero', expected: 'no leading zeros, or the value in double quotes' };
      }
      return container === 'list'
        ? { offset, what: 'a comma is missing between two items of a list', expected: "',' or ']'" }
        : { offset, what: 'a comma is missing between two members of an object', expected: "',' or '}'" };
    case 'CloseBraceExpected':
    case 'CloseBracketExpected': {
      const open = container === 'list' ? 'a list' : 'an object';
      return offset >= text.trimEnd().length
        ? { offset, what: `the file ends before ${open} is closed`, expected: `'${closer}'` }
        : { offset, what: `${open} is not closed`, expected: `'${closer}'` };
    }
    case 'EndOfFileExpected':
      return { offset, what: 'more content after the end of the task definition', expected: 'the file to end after its closing bracket' };
    case 'UnexpectedEndOfString':
      return { offset, what: 'a string is not closed', expected: "a closing '\"' on the same line" };
    case 'InvalidCharacter':
      return {
        offset: within(offset + 1, offset + length, (i) => text.charCodeAt(i) < 0x20),
        what: 'a control character (a tab or a line break) inside a string',
        expected: 'it escaped, as \\t or \\n',
      };
    case 'InvalidEscapeCharacter':
      return {
        offset: firstBadEscape(text, offset, offset + length, (i) => !ESCAPES.has(text[i + 1])),
        what: 'an unknown escape sequence in a string',
        expected: '\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hex digits',
      };
    case 'InvalidUnicode':
      return {
        offset: firstBadEscape(text, offset, offset + length, (i) => text[i + 1] === 'u' && !/^[\da-fA-F]{4}$/.test(text.slice(i + 2, i + 6))),
        what: 'a \\u escape without four hex digits',
        expected: '\\u and four hex digits',
      };
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return { offset, what: 'a malformed number', expected: 'a number such as 8080, -1 or 0.5' };
    default:
      return { offset, what: 'a syntax error', expected: A_VALUE };
  }
}

/** The backslash of the first escape in a string token that `bad` refuses. */
function firstBadEscape(text: string, start: number, end: number, bad: (backslash: number) => boolean): number {
  for (let i = start + 1; i < end; i++) {
    if (text[i] !== '\\') continue;
    if (bad(i)) return i;
    i++;
  }
  return start;
}

function symbolProblem(text: string, offset: number, container: string | undefined, last: string | undefined): Problem {
  const here = text[offset];
  const keyPlace = container === 'object' && (last === '{' || last === ',');
  if (here === "'") {
    return { offset, what: 'a string in single quotes', expected: 'double quotes' };
  }
  if (here === '\uFEFF') {
    return { offset, what: 'a byte order mark inside the file', expected: 'one only at the very start of the file, or none' };
  }
  if (/[A-Za-z_$]/.test(here)) {
    if (keyPlace) return { offset, what: 'a key without quotes', expected: 'the key in double quotes' };
    if (/^(true|false|null)\b/i.test(text.slice(offset, offset + 6))) {
      return { offset, what: 'true, false or null with a capital letter', expected: 'it in lower case' };
    }
    if (last === undefined) {
      // A YAML file named .json lands here: say why it was read as JSON rather than guess.
      return { offset, what: 'the file does not start like JSON', expected: "'{'; a file named .json is read as JSON, name a YAML file .yaml" };
    }
    return { offset, what: 'a word that is not a JSON value', expected: A_VALUE };
  }
  return { offset, what: 'a character JSON does not allow here', expected: keyPlace ? 'a key in double quotes' : A_VALUE };
}

const YAML_WORDS: Record<string, [what: string, expected: string]> = {
  ALIAS_PROPS: ['an alias with an anchor or a tag', 'a bare *name'],
  BAD_ALIAS: ["an anchor or alias name that is empty or ends in ':'", '&name and *name'],
  BAD_COLLECTION_TYPE: ['a tag that names another kind of collection', 'a tag that matches the value'],
  BAD_DIRECTIVE: ["a '%' directive YAML does not know", '%YAML 1.2, or no directive'],
  BAD_DQ_ESCAPE: [
    'an unknown escape sequence in a double-quoted string',
    '\\n, \\t, \\\\, \\" or \\u and four hex digits; in single quotes a backslash is taken literally',
  ],
  BAD_INDENT: ['the indentation does not line up', 'the keys of one mapping, and the items of one list, at the same column'],
  BAD_PROP_ORDER: ['an anchor or tag out of place', 'it right before its value'],
  BAD_SCALAR_START: ['a plain value starts with a character YAML reserves', 'the value in quotes'],
  BLOCK_AS_IMPLICIT_KEY: ['a mapping nested on the line of its key', 'the nested keys on their own lines, indented further'],
  BLOCK_IN_FLOW: ['an indented block inside [...] or {...}', 'flow syntax inside brackets'],
  DUPLICATE_KEY: ['a key that appears twice in one mapping', 'each key once'],
  KEY_OVER_1024_CHARS: ['a key longer than 1024 characters', 'a shorter key'],
  MULTILINE_IMPLICIT_KEY: ["a key that runs over more than one line, often a missing ':'", "'key: value' on one line"],
  MULTIPLE_ANCHORS: ['a value with two anchors', 'one anchor'],
  MULTIPLE_DOCS: ["a second YAML document starts here", "one document: remove the '---' line"],
  MULTIPLE_TAGS: ['a value with two tags', 'one tag'],
  NON_STRING_KEY: ['a key that is not a string', 'a plain key'],
  RESOURCE_EXHAUSTION: ['nesting too deep to read', 'a task definition of ordinary depth'],
  TAB_AS_INDENT: ['a tab used for indentation', 'spaces'],
  TAG_RESOLVE_FAILED: ['a value that does not match its tag', 'a value of the tagged type'],
  UNEXPECTED_TOKEN: ['content YAML does not expect here', 'a key, a list item or a value'],
};

/** MISSING_CHAR covers several mistakes; the `yaml` message names which, and is matched here, never printed. */
function missingChar(message: string): [what: string, expected: string] {
  if (/closing "quote/.test(message)) return ['a double-quoted string is not closed', "a closing '\"'"];
  if (/closing 'quote/.test(message)) return ['a single-quoted string is not closed', "a closing \"'\""];
  if (/without - indicator/.test(message)) return ['a line inside a list item does not line up with it', 'it indented like the key above it'];
  if (/followed by map values/.test(message)) return ["a key without ':'", "'key: value'"];
  return ['a closing quote, bracket or separator is missing', 'the construct closed'];
}

function yamlProblem(yaml: typeof Yaml, text: string, document: Yaml.Document, error: Yaml.YAMLError): Problem {
  const [what, expected] = error.code === 'MISSING_CHAR' ? missingChar(error.message) : (YAML_WORDS[error.code] ?? ['a syntax error', 'valid YAML']);
  // `yaml` places an unclosed quote at the end of the file; the mistake is where the string opens.
  const opening = /not closed/.test(what) ? quotedEndingAt(yaml, document, error.pos[0]) : undefined;
  return { offset: opening ?? pastIndent(text, error.pos[0]), what, expected };
}

/** An indentation error points at its line's start; the line's content is where the eye goes. */
function pastIndent(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (!/^ *$/.test(text.slice(lineStart, offset))) return offset;
  let at = offset;
  while (text[at] === ' ') at++;
  return at;
}

function nodes(yaml: typeof Yaml, document: Yaml.Document): unknown[] {
  const found: unknown[] = [];
  yaml.visit(document, (_key, node) => {
    found.push(node);
  });
  return found;
}

function quotedEndingAt(yaml: typeof Yaml, document: Yaml.Document, end: number): number | undefined {
  const quoted = nodes(yaml, document).filter(
    (node): node is Yaml.Scalar => yaml.isScalar(node) && node.range?.[1] === end && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'),
  );
  return quoted.at(-1)?.range?.[0];
}

async function parseYaml(text: string, file: string): Promise<unknown> {
  // Loaded on demand: most task definitions are JSON and the parser costs start-up time.
  const yaml = await import('yaml');
  const document = yaml.parseDocument(text);
  const error = document.errors[0];
  if (error) throw syntaxError(text, file, 'YAML', yamlProblem(yaml, text, document, error));
  const aliases = nodes(yaml, document).filter((node): node is Yaml.Alias => yaml.isAlias(node));
  const unresolved = aliases.find((alias) => alias.resolve(document) === undefined);
  if (unresolved) {
    throw syntaxError(text, file, 'YAML', {
      offset: unresolved.range?.[0] ?? 0,
      what: 'an alias to an anchor that is not defined before it',
      expected: "'&name' on an earlier value for each '*name'",
    });
  }
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch {
    // The one failure left is the alias bound (a ReferenceError without a position).
    throw syntaxError(text, file, 'YAML', {
      offset: aliases[0]?.range?.[0] ?? 0,
      what: `aliases that expand to more than ${MAX_YAML_ALIAS_COUNT} copies of anchored values`,
      expected: 'fewer aliases; they are allowed, but a file that multiplies them is refused',
    });
  }
}
