/**
 * Bench measure of a release's watch: API requests per minute while watching 1 and 5 services at
 * the default poll (5 s), over a one-minute watch of deployments that never end (the action's own
 * deadline ends it). One service runs on the single-service inputs, five on `services`: the same
 * code, whose shared poll reads every service deployment in one request per round.
 */
import * as path from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { ROOT } from '../test-support/action-runner.js';

const SCENARIO = path.join(ROOT, '__fixtures__', 'scenarios', 'release-five.json');
const SERVICES = ['web', 'api', 'admin', 'jobs', 'cron'];
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2';
/** Identification (ListServiceDeployments, the first polls) and the deadline's explanation are left out. */
const SETTLE_MS = 10_000;
const BEFORE_DEADLINE_MS = 1_000;

function inputs(count) {
  const common = { cluster: 'demo', 'container-images': `web=${IMAGE}`, 'wait-for-minutes': '1', 'rollback-on-failure': 'false' };
  if (count === 1) return { ...common, service: 'web', 'task-definition': 'demo/task-definition.json' };
  const list = SERVICES.slice(0, count).map((name) => `- service: ${name}\n  task-definition: demo/task-definition.json`);
  return { ...common, services: list.join('\n') };
}

async function rate(count, timedRun) {
  const emulator = await startEmulator({ scenarioPath: SCENARIO });
  try {
    const run = await timedRun(emulator, inputs(count));
    const deadline = run.lines.find(({ line }) => /did not finish within/.test(line));
    if (!deadline) throw new Error(`release watch bench (${count} services) ended ${run.outputs.result} without reaching the deadline`);
    const requests = emulator.state().requests;
    const updated = requests.filter((request) => request.operation === 'UpdateService').at(-1);
    const from = updated.wallMs + SETTLE_MS;
    const to = deadline.at - BEFORE_DEADLINE_MS;
    const watched = requests.filter((request) => request.wallMs > from && request.wallMs <= to);
    return Math.round((watched.length / ((to - from) / 60_000)) * 10) / 10;
  } finally {
    await emulator.stop();
  }
}

export async function releaseWatchRates({ timedRun }) {
  return { one: await rate(1, timedRun), five: await rate(5, timedRun) };
}
