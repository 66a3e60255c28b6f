// Scenario validation (schema and references), the published schema, and the CLI contract.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadScenario } from '../../../emulator/index.js';
import { SCENARIOS, scenario } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../../emulator/cli.js', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'emulator-scenarios-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** @param {string} name @param {unknown} content */
function write(name, content) {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** @param {(s: any) => void} change */
function healthyWith(change) {
  const s = scenario('healthy.json');
  change(s);
  return s;
}

describe('loadScenario', () => {
  it.each(readdirSync(SCENARIOS).filter((f) => f.endsWith('.json')))('accepts the example %s', (file) => {
    expect(loadScenario(path.join(SCENARIOS, file)).clusters[0].name).toBe('demo');
  });

  it('fills in the documented defaults', () => {
    const loaded = loadScenario(write('minimal.json', { clusters: [{ name: 'demo' }] }));
    expect(loaded).toMatchObject({ account: '123456789012', region: 'us-east-1', timeScale: 1, seed: 1, identityArn: 'arn:aws:sts::123456789012:assumed-role/deploy/gha', baseDir: dir });
  });

  it.each([
    ['a negative desiredCount', (/** @type {any} */ s) => { s.services[0].desiredCount = -1; }, '$.services[0].desiredCount: expected a number >= 0, got -1'],
    ['a misspelt container key', (/** @type {any} */ s) => { s.taskDefinitions[0].containerDefinitions[0].enviroment = []; }, '$.taskDefinitions[0].containerDefinitions[0].enviroment: unknown property "enviroment"'],
    ['a wrong type', (/** @type {any} */ s) => { s.timeScale = 'fast'; }, '$.timeScale: expected number, got string "fast"'],
    ['a bad enum', (/** @type {any} */ s) => { s.services[0].deploymentController = 'BLUE'; }, '$.services[0].deploymentController: expected one of "ECS", "CODE_DEPLOY", "EXTERNAL", got "BLUE"'],
    ['a missing required key', (/** @type {any} */ s) => { delete s.services[0].taskDefinition; }, '$.services[0]: missing required property "taskDefinition"'],
    ['a bad throttling bucket', (/** @type {any} */ s) => { s.faults = { throttling: { tasks: { burst: 5 } } }; }, '$.faults.throttling.tasks: missing required property "refill"'],
    ['an unregistered task definition', (/** @type {any} */ s) => { s.services[0].taskDefinition = 'web:9'; }, '$.services[0].taskDefinition: "web:9" is not registered by $.taskDefinitions (have: web:1)'],
    ['an unknown cluster', (/** @type {any} */ s) => { s.services[0].cluster = 'prod'; }, '$.services[0].cluster: cluster "prod" is not listed in $.clusters (have: demo)'],
    ['a task definition ECS would refuse', (/** @type {any} */ s) => { s.taskDefinitions[0].memory = '4096'; },
      '$.taskDefinitions[0]: RegisterTaskDefinition would refuse it: No Fargate configuration exists for given values: 256 CPU, 4096 memory.'],
    ['a timeline event on an unknown service', (/** @type {any} */ s) => { s.timeline = [{ at: 5, deleteService: { cluster: 'demo', service: 'api' } }]; },
      '$.timeline[0].deleteService: service "api" in cluster "demo" is not listed in $.services'],
  ])('names the JSON path and the expectation for %s', (_case, change, expected) => {
    const file = write('bad.json', healthyWith(change));
    expect(() => loadScenario(file)).toThrow(`Invalid scenario ${file}:\n  ${expected}`);
  });

  it('reports malformed JSON with the file name', () => {
    const file = write('broken.json', '{ "clusters": [ ');
    expect(() => loadScenario(file)).toThrow(new RegExp(`^Invalid scenario file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON: `));
  });

  it('publishes a schema in which every property has a description', () => {
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../../emulator/scenario/scenario.schema.json', import.meta.url)), 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    /** @type {string[]} */
    const undocumented = [];
    const walk = (/** @type {any} */ node, /** @type {string} */ at) => {
      if (!node || typeof node !== 'object') return;
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!/** @type {any} */ (child).description) undocumented.push(`${at}.${key}`);
        walk(child, `${at}.${key}`);
      }
      for (const key of ['items', 'additionalProperties']) walk(node[key], `${at}[]`);
      for (const branch of node.anyOf ?? []) walk(branch, at);
    };
    walk(schema, '$');
    expect(undocumented).toEqual([]);
  });
});

describe('the CLI', () => {
  /** @param {string[]} args */
  const run = (args) => spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });

  it('prints exactly one line when ready, serves the state, and exits 0 on SIGTERM', async () => {
    const child = run(['--scenario', path.join(SCENARIOS, 'healthy.json'), '--port', '0']);
    /** @type {string[]} */
    const lines = [];
    const firstLine = await new Promise((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (lines.length === 1) resolve(line);
      });
    });
    const match = /^ECS emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(String(firstLine));
    expect(match).not.toBeNull();
    const state = await (await fetch(`${match?.[1]}/_emulator/state`)).json();
    expect(state.services[0].serviceName).toBe('web');
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines).toEqual([firstLine]);
  });

  it('exits 2 with the validation error for a bad scenario', async () => {
    const file = write('cli-bad.json', healthyWith((s) => { s.services[0].desiredCount = 'two'; }));
    const child = run(['--scenario', file]);
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Invalid scenario ${file}:\n  $.services[0].desiredCount: expected integer, got string "two"`);
  });
});
