/**
 * Runs the self-test workflow (.github/workflows/self-test.yml) here, against the local emulator,
 * the way GitHub would run its steps: the emulator step starts the emulator on the scenario it
 * names, each `uses: ./` step runs dist/index.js with its `with:` inputs (plus the defaults of
 * action.yml, as the runner adds them) and the workflow's, job's and step's env, and each
 * assertion step runs its own bash script with its `${{ steps.<id>.… }}` env values filled in.
 * Setup steps (checkout, setup-node, npm ci) and `if: always()` log steps are skipped: the clone
 * is already here. Anything the script cannot reproduce faithfully is refused, not guessed.
 *
 * `node test-support/self-test.js` prints one line per step and exits 0 when the job would pass.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { startEmulator } from '../emulator/index.js';
import { ROOT, runAction } from './action-runner.js';

export const SELF_TEST_WORKFLOW = path.join(ROOT, '.github', 'workflows', 'self-test.yml');

const EMULATOR_START = /node emulator\/cli\.js --scenario (\S+)(?: --port (\d+))?/;
const STEP_REFERENCE = /^\$\{\{\s*steps\.([A-Za-z_][\w-]*)\.(outcome|conclusion|outputs\.([\w-]+))\s*\}\}$/;

export function readYaml(file) {
  return parse(fs.readFileSync(file, 'utf8'));
}

/** `with:` and `env:` values as the runner passes them: strings, booleans and numbers as written. */
function asString(value) {
  return value === null || value === undefined ? '' : String(value);
}

function refuseExpressions(where, value) {
  if (asString(value).includes('${{')) {
    throw new Error(`${where}: the expression in ${JSON.stringify(value)} cannot be reproduced locally; use plain values here.`);
  }
}

/** What the script does with a step, or an error for steps it cannot reproduce. */
export function classifyStep(step, index) {
  const label = `step ${index + 1} (${step.name ?? step.id ?? step.uses ?? 'run'})`;
  if (step.uses === './') {
    if (step.if !== undefined) throw new Error(`${label}: 'if' on an action step is not reproduced locally.`);
    return { kind: 'action', label };
  }
  if (typeof step.run === 'string' && EMULATOR_START.test(step.run)) return { kind: 'emulator', label };
  const env = step.env ?? {};
  if (typeof step.run === 'string' && Object.values(env).some((value) => STEP_REFERENCE.test(asString(value)))) {
    if (step.if !== undefined) throw new Error(`${label}: 'if' on an assertion step is not reproduced locally.`);
    refuseExpressions(`${label} run`, step.run);
    return { kind: 'assert', label };
  }
  return { kind: 'skip', label };
}

function resolveReference(value, results, outputNames, where) {
  const text = asString(value);
  const match = STEP_REFERENCE.exec(text);
  if (!match) {
    refuseExpressions(where, text);
    return text;
  }
  const [, id, field, output] = match;
  const result = results.get(id);
  if (!result) throw new Error(`${where}: ${text} names step '${id}', which is not an earlier 'uses: ./' step.`);
  if (output !== undefined) {
    if (!outputNames.has(output)) throw new Error(`${where}: ${text} names output '${output}', which action.yml does not declare.`);
    return result.outputs[output] ?? '';
  }
  return result[field];
}

/**
 * @param {{ workflowPath?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ ok: boolean, steps: Array<{ label: string, kind: string, ok: boolean, detail: string }> }>}
 */
export async function runSelfTest({ workflowPath = SELF_TEST_WORKFLOW, log = () => {} } = {}) {
  const workflow = readYaml(workflowPath);
  const action = readYaml(path.join(ROOT, 'action.yml'));
  const outputNames = new Set(Object.keys(action.outputs ?? {}));
  const defaults = Object.fromEntries(
    Object.entries(action.inputs ?? {})
      .filter(([, input]) => input.default !== undefined)
      .map(([name, input]) => [name, asString(input.default)]),
  );
  const jobs = Object.entries(workflow.jobs ?? {});
  if (jobs.length !== 1) throw new Error(`${workflowPath}: expected one job, found ${jobs.length}.`);
  const [, job] = jobs[0];
  const steps = (job.steps ?? []).map((step, index) => ({ step, ...classifyStep(step, index) }));
  if (!steps.some((s) => s.kind === 'emulator')) throw new Error(`${workflowPath}: no step starts the emulator (node emulator/cli.js --scenario …).`);

  const report = [];
  const record = (entry) => {
    report.push(entry);
    log(`${entry.ok ? 'ok  ' : 'FAIL'} ${entry.label}: ${entry.detail}`);
  };
  const results = new Map();
  let emulator;
  let workflowEndpoint;
  let failed = false;
  try {
    for (const { step, kind, label } of steps) {
      if (kind === 'skip') {
        record({ label, kind, ok: true, detail: 'skipped (setup or log step)' });
        continue;
      }
      if (failed) {
        record({ label, kind, ok: false, detail: 'not run: an earlier step failed' });
        continue;
      }
      if (kind === 'emulator') {
        const [, scenario, port] = EMULATOR_START.exec(step.run);
        if (emulator) throw new Error(`${label}: a second emulator start is not reproduced locally.`);
        // Port 0 here: a fixed port may be taken on a developer's machine; the env is rewritten to match.
        emulator = await startEmulator({ scenarioPath: path.join(ROOT, scenario) });
        workflowEndpoint = port === undefined ? undefined : `http://127.0.0.1:${port}`;
        record({ label, kind, ok: true, detail: `emulator on ${emulator.url} with ${scenario}` });
        continue;
      }
      const env = { ...workflow.env, ...job.env, ...step.env };
      if (kind === 'action') {
        if (!emulator) throw new Error(`${label}: runs before the emulator is started.`);
        for (const [name, value] of Object.entries(env)) refuseExpressions(`${label} env ${name}`, value);
        const { AWS_ENDPOINT_URL: endpoint, ...rest } = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, asString(v)]));
        if (endpoint !== workflowEndpoint) {
          throw new Error(`${label}: AWS_ENDPOINT_URL is ${JSON.stringify(endpoint)} but the emulator step listens on ${workflowEndpoint}.`);
        }
        const given = {};
        for (const [name, value] of Object.entries(step.with ?? {})) {
          refuseExpressions(`${label} with ${name}`, value);
          given[name] = asString(value);
        }
        const run = await runAction({ endpoint: emulator.url, inputs: { ...defaults, ...given }, env: rest });
        const outcome = run.code === 0 ? 'success' : 'failure';
        const conclusion = outcome === 'failure' && step['continue-on-error'] === true ? 'success' : outcome;
        if (step.id) results.set(step.id, { outcome, conclusion, outputs: run.outputs });
        const ok = conclusion === 'success';
        record({ label, kind, ok, detail: `exit ${run.code}, result '${run.outputs.result}' (${outcome}${conclusion !== outcome ? ', continue-on-error' : ''})${ok ? '' : `\n${run.stdout}`}` });
        failed = !ok;
        continue;
      }
      const resolved = {};
      for (const [name, value] of Object.entries(env)) resolved[name] = resolveReference(value, results, outputNames, `${label} env ${name}`);
      const shell = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, ...resolved },
        encoding: 'utf8',
      });
      const ok = shell.status === 0;
      record({ label, kind, ok, detail: ok ? 'assertions hold' : `exit ${shell.status}:\n${shell.stdout}${shell.stderr}` });
      failed = !ok;
    }
  } finally {
    await emulator?.stop();
  }
  return { ok: !failed && report.every((entry) => entry.ok), steps: report };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { ok } = await runSelfTest({ log: (line) => console.log(line) });
  console.log(ok ? 'self-test: every step gave the asserted result' : 'self-test: FAILED');
  process.exit(ok ? 0 : 1);
}
