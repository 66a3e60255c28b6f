/**
 * The benchmark figures in docs/benchmarks.md and the README's "Measured" section, written from
 * the files the benchmarks leave (bench/results.json from `npm run bench`, bench/official.json from
 * `npm run bench` with the official action at hand, bench/suite.json from `node bench/suite.js`, and
 * the baseline bench/before.json), so the prose cannot drift
 * from them. `node test-support/bench-figures.js` rewrites the parts between the markers;
 * __tests__/repo/benchmarks.test.js fails when a file differs from what this writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BEGIN = '<!-- figures: written by `node test-support/bench-figures.js` from bench/*.json; edit those, not this -->';
export const END = '<!-- end of figures -->';

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

/** The inputs, read from bench/. */
export function readInputs() {
  return {
    results: readJson('bench/results.json'),
    before: readJson('bench/before.json'),
    official: readJson('bench/official.json'),
    suite: readJson('bench/suite.json'),
  };
}

const kib = (bytes) => `${Math.round(bytes / 1024)} KiB`;
const groups = (byGroup) => Object.entries(byGroup).map(([group, value]) => `${group} ${value}`).join('; ');

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/**
 * Why a whole 1 s watch shows several hundred requests a minute while each poll sends one: the
 * once-per-watch requests fall in a watch that lasts about a second.
 */
function requestRates(r) {
  const steadyAtOneSecond = Math.round(60 / r.pollIntervalSeconds);
  return [
    `**Requests per minute: ${r.requestsPerMinuteWatching} at a ${r.pollIntervalSeconds} s poll, yet one request per poll?** Both hold. `,
    `The ${r.requestsPerMinuteWatching} counts every request from UpdateService to the verdict of a deployment that completes about `,
    'a second after UpdateService, so it is mostly what a watch sends once: the first poll, which identifies our service ',
    'deployment (DescribeServices, ListServiceDeployments, DescribeServiceRevisions, DescribeServiceDeployments), and the ',
    'DescribeServices that completes the verdict. A handful of requests in a little over a second reads as hundreds a minute. ',
    `Once our deployment is identified a poll sends one request, so a long watch at a ${r.pollIntervalSeconds} s poll sends about `,
    `${steadyAtOneSecond} a minute. Likewise the ${r.requestsPerMinuteDefaultPoll} a minute at the default 5 s poll covers a 30 s watch, first poll `,
    `included; the steady rate, polls after the first only, is ${r.steadyRequestsPerMinuteDefaultPoll} a minute (${groups(r.steadyRequestsPerMinuteByGroup)}).`,
  ].join('');
}

/** The figures section of docs/benchmarks.md. */
export function benchmarksFigures({ results: r, official }) {
  const rows = [
    ['process start to first AWS request', `${r.startupToFirstRequestMs} ms`],
    ['a bare CommonJS `node` script sending one request (the floor, `bench/floor.cjs`)', `${r.bareNodeFirstRequestMs} ms (the action takes ${r.startupOverFloor}× the floor)`],
    ['deployment SUCCESSFUL to the action\'s verdict', `${r.successfulToVerdictMs} ms (polling every ${r.pollIntervalSeconds} s)`],
    ['circuit breaker FAILED to the action\'s verdict', `${r.failedToVerdictMs} ms (polling every ${r.pollIntervalSeconds} s; ECS's rollback still running)`],
    ['first stop no retry fixes (image not found) to the red verdict, `fail-fast`', `${r.timeToRedFailFastMs} ms, ${r.failedTasksAtRedFailFast} failed tasks (polling every ${r.pollIntervalSeconds} s)`],
    ['the same timeline with the circuit breaker alone (`fail-fast: false`)', `${r.timeToRedBreakerMs} ms, ${r.failedTasksAtRedBreaker} failed tasks`],
    ['API requests per minute of a whole watch, UpdateService to verdict', `${r.requestsPerMinuteWatching} at a ${r.pollIntervalSeconds} s poll (a deployment done in about a second); ${r.requestsPerMinuteDefaultPoll} at the default 5 s (a 30 s watch)`],
    ['steady requests per minute, default poll (5 s)', `${r.steadyRequestsPerMinuteDefaultPoll} (${groups(r.steadyRequestsPerMinuteByGroup)})`],
    ['deployments watched at once within the sustained limits', `${r.parallelDeploymentsWithinLimits} (${groups(r.parallelDeploymentsByGroup)})`],
    ['peak RSS of the action', `${r.peakRssMiB} MiB`],
    ['`ExecuteCommand` to the end of a trivial command\'s session', `${r.execSessionTrivialCommandMs} ms`],
    ['PAUSE AWAITING_ACTION to ContinueServiceDeployment, beyond the smoke sessions', `${r.pauseToContinueOverheadMs} ms (polling every 1 s)`],
    ['failed smoke check to the old revision: at a blue/green PAUSE hook vs a rolling redeploy', `${r.smokeFailedToOldRevisionGateMs} ms vs ${r.smokeFailedToOldRevisionRollingMs} ms (rolling ${r.rollingOverGate}×)`],
    ['requests per minute watching a release at the default poll (5 s), 1 service vs 5', `${r.requestsPerMinuteWatchingOneService} vs ${r.requestsPerMinuteWatchingFiveServices} (about one request a round in all: one DescribeServiceDeployments names every service's deployment)`],
    ['size of `dist/` (`index.js` alone)', `${kib(r.distBytes)} (${kib(r.distMainBytes)})`],
  ];
  return [
    `Latest figures (\`bench/results.json\`: ${r.node}, medians of ${r.runs} runs from one run of \`npm run bench\` on this`,
    "project's shared 2-core machine; timings are noisy, read them as ratios):",
    '',
    table(['measure', 'value'], rows),
    '',
    requestRates(r),
    '',
    officialComparison(official),
  ].join('\n');
}

/** The built action against the official one (bench/official.js). */
function officialComparison(o) {
  const { startupToFirstRequestMs: start, peakRssMiB: rss } = o;
  return [
    `Against the official action (\`bench/official.json\`: \`ECS_DEPLOY_VERIFY_OFFICIAL=<clone>/dist/index.js npm run bench\`,`,
    `${o.official}, ${o.node}, medians of ${o.runs} interleaved runs, each on a fresh emulator; both read the same inputs).`,
    'Peak RSS compares whole jobs: ours deploys, watches to the verdict and smoke-checks through ECS Exec; the official',
    'registers, updates and waits for a stable service.',
    '',
    table(
      ['measure', 'this action', 'official', 'this action / official'],
      [
        ['process start to first AWS request', `${start.action} ms`, `${start.official} ms`, `${o.startupOverOfficial}× (floor: ${start.floor} ms)`],
        ['peak RSS of a whole job', `${rss.action} MiB`, `${rss.official} MiB`, `${o.peakRssOverOfficial}×`],
      ],
    ),
  ].join('\n');
}

/** The README's "Measured" section. */
export function readmeFigures({ results: r, before: b, official: o }) {
  const rows = [
    [
      'first stop no retry fixes (image not found) to the red verdict, poll 1 s',
      `${r.timeToRedBreakerMs} ms, ${r.failedTasksAtRedBreaker} failed tasks (the circuit breaker)`,
      `${r.timeToRedFailFastMs} ms, ${r.failedTasksAtRedFailFast} failed tasks`,
    ],
    [
      'steady requests per minute of one watch, default poll (5 s)',
      `${b.steadyRequestsPerMinuteDefaultPoll} (${groups(b.steadyRequestsPerMinuteByGroup)})`,
      `${r.steadyRequestsPerMinuteDefaultPoll} (${groups(r.steadyRequestsPerMinuteByGroup)})`,
    ],
    ['deployments watched at once within the sustained limits', String(b.parallelDeploymentsWithinLimits), String(r.parallelDeploymentsWithinLimits)],
    ['deployment SUCCESSFUL to verdict, poll 1 s', `${b.successfulToVerdictMs} ms`, `${r.successfulToVerdictMs} ms`],
    ['failed smoke check to the old revision: blue/green PAUSE gate vs rolling redeploy', '', `${r.smokeFailedToOldRevisionGateMs} ms vs ${r.smokeFailedToOldRevisionRollingMs} ms (rolling ${r.rollingOverGate}×)`],
    ['peak RSS of the action', `${b.peakRssMiB} MiB`, `${r.peakRssMiB} MiB`],
  ];
  const [dsd, ds] = ['List/DescribeServiceDeployments', 'DescribeServices, ListServices'].map((group) => r.steadyRequestsPerMinuteByGroup[group]);
  const [dsdFit, dsFit] = ['List/DescribeServiceDeployments', 'DescribeServices, ListServices'].map((group) => r.parallelDeploymentsByGroup[group]);
  return [
    `\`npm run bench\` (the built action against the emulator on loopback, ${r.node}, medians of ${r.runs} runs, written to`,
    '`bench/results.json`; a shared 2-core machine, so compare ratios; every figure and more in',
    '[docs/benchmarks.md](docs/benchmarks.md)). Before: the watch as it was (every poll read DescribeServices and',
    'DescribeServiceDeployments, `bench/before.json`), and `fail-fast: false`.',
    '',
    table(['measure', 'before', 'now'], rows),
    '',
    `Start-up: ${o.startupOverOfficial}× the time of the official \`${o.official.split(' ')[0]}\` bundle to the first request (${o.runs}`,
    `interleaved starts each; before: ${b.startupOverOfficial}×), and ${r.startupToFirstRequestMs} ms in the latest \`npm run bench\`, ${r.startupOverFloor}× a bare`,
    `script sending one request. Peak RSS of a whole job: ${o.peakRssMiB.action} MiB against the official's ${o.peakRssMiB.official} MiB. \`undici\` (through`,
    "`@actions/core`'s OIDC client, never called here) is kept out of the bundle and the ECR, KMS, CloudWatch Logs and",
    'Exec clients load on first use.',
    '',
    'Time to red: scenario `failfast-image-missing` (ECS time runs 10x real time) pulls for 20 s of ECS time before each',
    'task stops; fail-fast decides on the first poll after the first stop, the breaker (threshold 3 for 2 tasks) waits',
    'for a third task that ECS launches after its retry backoff.',
    '',
    "Parallel deployments: each API group's token bucket refills 20 requests a second, 1,200 a minute (ECS \"Request",
    'throttling"; DescribeServices and List/DescribeServiceDeployments are separate groups). A steady watch sends',
    `${dsd} DescribeServiceDeployments and ${ds} DescribeServices a minute: 1,200 / ${dsd} = ${dsdFit} watches fill the Service`,
    `Deployments bucket, 1,200 / ${ds} = ${dsFit} the DescribeServices one, so ${r.parallelDeploymentsWithinLimits} deployments fit. On top of that, once per`,
    'watch: ListServiceDeployments and DescribeServiceRevisions to identify our deployment; ListTasks and DescribeTasks',
    'only after a failure shows. Other callers in the account share the buckets.',
  ].join('\n');
}

/** CONTRIBUTING.md's "How long the suite takes". */
export function suiteFigures({ suite, before: b }) {
  const run = (label) => suite.runs.find((one) => one.label === label);
  const verdict = (one) =>
    `${one.seconds} s, ${one.tests} tests, ${one.exitCode === 0 && one.failed === 0 && one.failedFiles === 0 ? 'all passed' : `${one.failed} failed, ${one.failedFiles} file(s) failed`}`;
  const busy = suite.runs.filter((one) => one.label.startsWith('busy'));
  return [
    `\`node bench/suite.js\` (\`bench/suite.json\`: ${suite.node}, ${suite.cores} cores; wall time of the whole \`npm test\`, one run each,`,
    'in this order; before: `time npm test` at commit 972361a, `bench/before.json`):',
    '',
    table(
      ['run', 'before', 'now'],
      [
        ['cold: no test bundle, a fresh jest cache (as in CI\'s clean clone)', '', verdict(run('cold'))],
        ['warm: both from an earlier run', `${b.suiteSeconds} s, ${b.suiteTests} tests`, verdict(run('warm'))],
        ['two side by side, the machine busy', '', busy.map(verdict).join('; ')],
      ],
    ),
    '',
    `Temporary folders the runs left behind: ${suite.leftoverTempFolders}.`,
  ].join('\n');
}

/** `markdown` with the text between BEGIN and END replaced by `figures`. */
export function withFigures(markdown, figures, file) {
  const start = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file} has no figures markers (${BEGIN} ... ${END})`);
  return `${markdown.slice(0, start + BEGIN.length)}\n${figures}\n${markdown.slice(end)}`;
}

/** Each file that carries figures, with the text it should have. */
export function expectedFiles(inputs = readInputs()) {
  const files = { 'docs/benchmarks.md': benchmarksFigures(inputs), 'README.md': readmeFigures(inputs), 'CONTRIBUTING.md': suiteFigures(inputs) };
  return Object.fromEntries(
    Object.entries(files).map(([file, figures]) => [file, withFigures(fs.readFileSync(path.join(ROOT, file), 'utf8'), figures, file)]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, text] of Object.entries(expectedFiles())) {
    const full = path.join(ROOT, file);
    if (fs.readFileSync(full, 'utf8') === text) continue;
    fs.writeFileSync(full, text);
    console.log(`wrote the figures of ${file}`);
  }
}
