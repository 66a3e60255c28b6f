/**
 * A broken task definition file is located (file:line:column) in the step log and the job
 * summary, and none of its content reaches either: the file holds environment values.
 */
import { describe, expect, it } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { ROOT } from '../../test-support/action-runner.js';
import { deployInputs, runCase } from './run-case.js';

const SECRET = 'pg-Xq7vR2mZt9Lk4Wd';
/** Every 4-character piece of the secret: a parser's excerpt may cut it anywhere. */
const PIECES = Array.from({ length: SECRET.length - 3 }, (_, i) => SECRET.slice(i, i + 4));
const leaks = (text) => PIECES.filter((piece) => text.includes(piece));

const FIXTURES = '__fixtures__/task-definitions';

/** What the parsers themselves say about each file: the text this action must not pass on. */
function parserMessage(file) {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  if (file.endsWith('.yaml')) return parseDocument(text).errors[0].message;
  try {
    JSON.parse(text);
  } catch (error) {
    return error.message;
  }
  throw new Error(`${file} parses`);
}

describe('a broken task definition file (dist/index.js against the emulator)', () => {
  it.each([
    [`${FIXTURES}/secret-in-broken.json`, '17:49: not valid JSON: a string in single quotes (expected double quotes).'],
    [`${FIXTURES}/secret-in-broken.yaml`, '17:30: not valid YAML: an unknown escape sequence in a double-quoted string'],
  ])('%s: the log and the summary give the position, never the secret', async (file, position) => {
    // The fixture is one whose parser message does carry the secret, so the checks below can fail.
    expect(leaks(parserMessage(file)).length).toBeGreaterThan(0);

    const { run, state } = await runCase('deployed', deployInputs('v2', { 'task-definition': file }));
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(/^Invalid input 'task-definition': /)]);
    expect(run.errors[0]).toContain(`${path.basename(file)}:${position}`);
    expect(run.summary).toContain(`${path.basename(file)}:${position}`);
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
    expect(leaks(run.summary)).toEqual([]);
    expect(state.requests).toHaveLength(0);
    expect(run.outputs.result).toBe('failed');
  });

  it.each([
    ['the workspace itself', '.', `'.' (resolved to '${ROOT}') is a directory; expected a JSON or YAML file`],
    ['a missing file', 'deploy/nope.json', `'deploy/nope.json' (resolved to '${path.join(ROOT, 'deploy/nope.json')}') does not exist, nor does its folder '${path.join(ROOT, 'deploy')}'`],
  ])('%s: quotes the input, then what it resolved to', async (_case, input, expected) => {
    const { run, state } = await runCase('deployed', deployInputs('v2', { 'task-definition': input }));
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(`Invalid input 'task-definition': ${expected}`);
    expect(state.requests).toHaveLength(0);
  });
});
