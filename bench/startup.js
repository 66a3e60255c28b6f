/**
 * Start-up alone: process start to the first request the emulator sees, for the built action,
 * the CommonJS floor (bench/floor.cjs) and any other entry point named on the command line (a
 * previous dist/, the official amazon-ecs-deploy-task-definition's dist/index.js, which reads
 * the same inputs). Runs are interleaved in a rotating order, so drift on a shared machine falls
 * on every variant alike; medians.
 *
 *   node bench/startup.js [name=path/to/index.js ...]      (BENCH_RUNS, default 15)
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/index.js';
import { ACTION, ROOT } from '../test-support/action-runner.js';

export const FLOOR = path.join(ROOT, 'bench', 'floor.cjs');
const SCENARIO = path.join(ROOT, '__fixtures__', 'scenarios', 'deployed.json');

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One run of `script` as the runner starts an action: milliseconds to the emulator's first request. */
async function firstRequestMs(node, script) {
  const emulator = await startEmulator({ scenarioPath: SCENARIO });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecs-deploy-verify-startup-'));
  try {
    await fs.writeFile(path.join(dir, 'github_output'), '');
    await fs.writeFile(path.join(dir, 'step_summary.md'), '');
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? dir,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: path.join(dir, 'github_output'),
      GITHUB_STEP_SUMMARY: path.join(dir, 'step_summary.md'),
      GITHUB_WORKSPACE: ROOT,
      RUNNER_TEMP: dir,
      AWS_ENDPOINT_URL: emulator.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_EC2_METADATA_DISABLED: 'true',
      'INPUT_TASK-DEFINITION': 'demo/task-definition.json',
      INPUT_CLUSTER: 'demo',
      INPUT_SERVICE: 'web',
      'INPUT_CONTAINER-IMAGES': 'web=123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2',
      'INPUT_WAIT-FOR-SERVICE-STABILITY': 'false',
    };
    const startedAt = Date.now();
    await new Promise((resolve) => spawn(node, [script], { env, cwd: ROOT, stdio: 'ignore' }).on('close', resolve));
    const first = emulator.state().requests[0];
    if (!first) throw new Error(`${script} sent no request to the emulator`);
    return first.wallMs - startedAt;
  } finally {
    await emulator.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Medians, per name, of interleaved runs of `variants` ({ name: script path }). */
export async function measureStartup(node, variants, runs) {
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      samples[name].push(await firstRequestMs(node, variants[name]));
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(samples[name])]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  const variants = { action: ACTION, floor: FLOOR };
  for (const arg of process.argv.slice(2)) {
    const at = arg.indexOf('=');
    variants[arg.slice(0, at)] = path.resolve(arg.slice(at + 1));
  }
  console.log(`Start-up on Node ${process.version}, ${runs} interleaved runs each (medians):\n`);
  const medians = await measureStartup(process.execPath, variants, runs);
  for (const [name, ms] of Object.entries(medians)) {
    console.log(`${name.padEnd(16)} ${String(Math.round(ms)).padStart(4)} ms  ${(ms / medians.floor).toFixed(2)}x floor`);
  }
}
