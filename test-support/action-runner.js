/**
 * Runs the built action (dist/index.js) the way the GitHub Actions runner does: a child process
 * with INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and AWS pointed at the
 * local emulator through AWS_ENDPOINT_URL. Used by the runner-level tests, the demo and the bench.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Set by `npm run coverage` (test-support/coverage.js) to a directory: each run of the action then
 * writes its V8 coverage there. The variable is ours rather than NODE_V8_COVERAGE itself, which
 * would also make jest and the emulator write coverage of everything they load.
 */
export const COVERAGE_DIRECTORY = 'ECS_DEPLOY_VERIFY_V8_COVERAGE';
/** dist/index.js, or the bundle of the current src/ that the tests' global setup built. */
export const ACTION = process.env.ECS_DEPLOY_VERIFY_BUNDLE ?? path.join(ROOT, 'dist', 'index.js');
/**
 * Set by the tests' global setup to a directory: each run of the action then keeps V8's compiled
 * code there (NODE_COMPILE_CACHE), so the suite's hundreds of runs compile the bundle once. The
 * bench leaves it unset: it measures a cold start, as a hosted runner has.
 */
export const COMPILE_CACHE = 'ECS_DEPLOY_VERIFY_COMPILE_CACHE';
/**
 * The runs still going, in a registry the jest environment (quiet-environment.js) reads: a run
 * whose test ended (a test timeout) is killed then, not left polling beside the next tests.
 */
export const LIVE_RUNS = Symbol.for('ecs-deploy-verify.live-runs');
const liveRuns = (globalThis[LIVE_RUNS] ??= new Set());

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter` heredocs, or `name=value`). */
export function parseOutputs(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
      outputs[name] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return outputs;
}

/**
 * Runs the action once in a fresh temporary folder (its GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
 * RUNNER_TEMP), which is removed afterwards: the outputs and the summary come back as text.
 * @param {{ inputs: Record<string, string>, endpoint: string, workspace?: string, env?: Record<string, string>,
 *           region?: string, timeoutMs?: number, onStdout?: (chunk: string) => void, signalAfterMs?: number, signalOnLog?: RegExp,
 *           node?: string, script?: string, onSpawn?: (child: import('node:child_process').ChildProcess) => void }} options
 * `script` runs another entry point than the action (the bench runs the official action with it).
 * @returns {Promise<{ code: number | null, signal: string | null, stdout: string, stderr: string,
 *           outputs: Record<string, string>, summary: string, durationMs: number, startedAt: number }>}
 */
export async function runAction(options) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecs-deploy-verify-run-'));
  try {
    return await runIn(dir, options);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function runIn(dir, options) {
  const outputPath = path.join(dir, 'github_output');
  const summaryPath = path.join(dir, 'step_summary.md');
  await fs.writeFile(outputPath, '');
  await fs.writeFile(summaryPath, '');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: options.workspace ?? ROOT,
    RUNNER_TEMP: dir,
    AWS_ENDPOINT_URL: options.endpoint,
    AWS_REGION: options.region ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...(process.env[COVERAGE_DIRECTORY] === undefined ? {} : { NODE_V8_COVERAGE: process.env[COVERAGE_DIRECTORY] }),
    ...(process.env[COMPILE_CACHE] === undefined ? {} : { NODE_COMPILE_CACHE: process.env[COMPILE_CACHE] }),
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const startedAt = Date.now();
  const child = spawn(options.node ?? process.execPath, [options.script ?? ACTION], { env, cwd: env.GITHUB_WORKSPACE, stdio: ['ignore', 'pipe', 'pipe'] });
  liveRuns.add(child);
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  let signalled = false;
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
    options.onStdout?.(chunk);
    // The runner's cancel, sent the moment the log shows a phase has started.
    if (options.signalOnLog && !signalled && options.signalOnLog.test(stdout)) {
      signalled = true;
      child.kill('SIGTERM');
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const interrupter = options.signalAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGTERM'), options.signalAfterMs);
  const [code, signal] = await new Promise((resolve) => child.on('close', (c, s) => resolve([c, s])));
  liveRuns.delete(child);
  clearTimeout(killer);
  clearTimeout(interrupter);
  const outputs = parseOutputs(await fs.readFile(outputPath, 'utf8'));
  const summary = await fs.readFile(summaryPath, 'utf8');
  return { code, signal, stdout, stderr, outputs, summary, durationMs: Date.now() - startedAt, startedAt };
}

/** The `::error::` lines of a run's log, decoded. */
export function errorLines(stdout) {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::error'))
    .map((line) => line.replace(/^::error[^:]*::/, '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'));
}
