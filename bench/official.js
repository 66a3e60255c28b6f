/**
 * The built action side by side with the official aws-actions/amazon-ecs-deploy-task-definition:
 * start-up to the first request, interleaved with the floor, and the peak RSS of a whole job
 * (ours: a deployment watched to its verdict and smoke-checked through ECS Exec; the official's:
 * register, update and wait for a stable service, its shorter job). Both read the same inputs.
 *
 * The official bundle is not part of this repository: `npm run bench` measures against it when
 * ECS_DEPLOY_VERIFY_OFFICIAL names its dist/index.js (a clone of the repository at the tag named
 * in bench/official.json) and writes bench/official.json; without it the file is left as it is.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { ACTION, ROOT } from '../test-support/action-runner.js';
import { FLOOR, measureStartup, median } from './startup.js';

export const OFFICIAL_ENV = 'ECS_DEPLOY_VERIFY_OFFICIAL';
const RESULTS = path.join(ROOT, 'bench', 'official.json');
const SCENARIO = path.join(ROOT, '__fixtures__', 'scenarios', 'deployed.json');

/** The official bundle named by ECS_DEPLOY_VERIFY_OFFICIAL, or undefined; a wrong path is an error, not a skip. */
export async function officialBundle(env = process.env) {
  const named = env[OFFICIAL_ENV];
  if (!named) return undefined;
  const file = path.resolve(named);
  await fs.access(file).catch(() => {
    throw new Error(`${OFFICIAL_ENV}=${named}: no such file; expected the official action's dist/index.js`);
  });
  return file;
}

/** The official action's version, from the package.json beside its dist/. */
async function officialVersion(bundle) {
  const manifest = path.join(path.dirname(path.dirname(bundle)), 'package.json');
  const { version } = JSON.parse(await fs.readFile(manifest, 'utf8').catch(() => '{}'));
  return `aws-actions/amazon-ecs-deploy-task-definition ${version ? `v${version}` : '(version unknown)'}`;
}

const COMMON = { 'task-definition': 'demo/task-definition.json', cluster: 'demo', service: 'web' };

/** Peak RSS (KiB) of one whole job of each, interleaved, on a fresh emulator each. */
async function peakRss({ timedRun, runs, official }) {
  const jobs = {
    action: [{ ...COMMON, 'smoke-command': 'healthcheck', 'poll-interval-seconds': '1' }, ACTION, 'deployed'],
    official: [{ ...COMMON, 'wait-for-service-stability': 'true' }, official, undefined],
  };
  const samples = { action: [], official: [] };
  for (let i = 0; i < runs; i++) {
    for (const name of i % 2 ? ['official', 'action'] : ['action', 'official']) {
      const [inputs, script, expected] = jobs[name];
      const emulator = await startEmulator({ scenarioPath: SCENARIO });
      try {
        const run = await timedRun(emulator, inputs, script);
        if (run.code !== 0 || (expected && run.outputs.result !== expected)) {
          throw new Error(`${name}'s job against the emulator ended with code ${run.code}${expected ? ` and result ${run.outputs.result}` : ''}`);
        }
        samples[name].push(run.peakKiB);
      } finally {
        await emulator.stop();
      }
    }
  }
  return { action: median(samples.action), official: median(samples.official) };
}

/** Measures both and writes bench/official.json; returns what it wrote. */
export async function compareWithOfficial({ node, timedRun, runs, official }) {
  const startup = await measureStartup(node, { action: ACTION, official, floor: FLOOR }, runs);
  const rss = await peakRss({ timedRun, runs, official });
  const results = {
    description:
      'The built action against the official action, from `npm run bench` with ECS_DEPLOY_VERIFY_OFFICIAL set (bench/official.js): medians of interleaved runs on a fresh emulator each; a shared 2-core machine, so read the ratios.',
    official: await officialVersion(official),
    node: process.version,
    runs,
    startupToFirstRequestMs: { action: Math.round(startup.action), official: Math.round(startup.official), floor: Math.round(startup.floor) },
    startupOverOfficial: Number((startup.action / startup.official).toFixed(2)),
    peakRssMiB: { action: Number((rss.action / 1024).toFixed(1)), official: Number((rss.official / 1024).toFixed(1)) },
    peakRssOverOfficial: Number((rss.action / rss.official).toFixed(2)),
  };
  await fs.writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}
