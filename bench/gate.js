/**
 * Bench measures of the smoke check at a PAUSE hook: how long the action adds between ECS's
 * AWAITING_ACTION and its ContinueServiceDeployment beyond the smoke command's own sessions, and
 * how long a failed smoke check takes to have the service back on the old revision, at the pause
 * (traffic never moved) versus the rolling path (a redeploy). Both run at the same time scale.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { ROOT } from '../test-support/action-runner.js';

const TIME_SCALE = 30;
const FIXTURES = path.join(ROOT, '__fixtures__', 'scenarios');

async function withScenario(name, fn) {
  const scenario = JSON.parse(await fs.readFile(path.join(FIXTURES, `${name}.json`), 'utf8'));
  const emulator = await startEmulator({ scenario: { ...scenario, timeScale: TIME_SCALE }, baseDir: FIXTURES });
  try {
    return await fn(emulator);
  } finally {
    await emulator.stop();
  }
}

const ours = (state, run) => state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === run.outputs['service-deployment-arn']);
const sessionMs = (state) => state.execSessions.reduce((sum, session) => sum + (Date.parse(session.closedAt) - Date.parse(session.openedAt)), 0);
const failedAt = (run) => run.lines.find(({ line }) => /^::warning::Task \S+: FAILED/.test(line))?.at;

/** AWAITING_ACTION to ContinueServiceDeployment, minus the time the smoke command's sessions were open. */
async function pauseOverhead(timedRun, deploy) {
  return withScenario('bg-pause', async (emulator) => {
    const run = await timedRun(emulator, deploy('v2', { 'smoke-command': 'true', 'poll-interval-seconds': '1' }));
    if (run.outputs.result !== 'deployed') throw new Error(`gate bench run ended ${run.outputs.result}`);
    const state = emulator.state();
    const awaiting = ours(state, run).stagedHistory.find((entry) => entry.status === 'AWAITING_ACTION');
    const answer = state.requests.find((request) => request.operation === 'ContinueServiceDeployment');
    return answer.wallMs - awaiting.wallMs - sessionMs(state);
  });
}

/** From the failed smoke check to the service back on the old revision: the pause's rollback, or the rolling redeploy. */
async function backOnOldRevision(timedRun, deploy, scenario) {
  return withScenario(scenario, async (emulator) => {
    const run = await timedRun(emulator, deploy(scenario === 'bg-pause' ? 'v3' : 'v2', { 'smoke-command': 'healthcheck', 'poll-interval-seconds': '1' }));
    if (run.outputs.result !== 'smoke-failed-rolled-back') throw new Error(`${scenario} bench run ended ${run.outputs.result}`);
    const state = emulator.state();
    const back =
      scenario === 'bg-pause'
        ? ours(state, run).statusHistory.find((entry) => entry.status === 'ROLLBACK_SUCCESSFUL')
        : state.serviceDeployments.at(-1).statusHistory.find((entry) => entry.status === 'SUCCESSFUL');
    return back.wallMs - failedAt(run);
  });
}

export async function gateMeasures({ timedRun, deploy, median, runs }) {
  const overhead = [];
  const gate = [];
  const rolling = [];
  for (let i = 0; i < runs; i++) {
    overhead.push(await pauseOverhead(timedRun, deploy));
    gate.push(await backOnOldRevision(timedRun, deploy, 'bg-pause'));
    rolling.push(await backOnOldRevision(timedRun, deploy, 'smoke-fails'));
  }
  return {
    pauseToContinueOverheadMs: Math.round(median(overhead)),
    smokeFailedToOldRevisionGateMs: Math.round(median(gate)),
    smokeFailedToOldRevisionRollingMs: Math.round(median(rolling)),
    rollingOverGate: Number((median(rolling) / median(gate)).toFixed(2)),
  };
}
