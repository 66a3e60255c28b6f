/** Starts the emulator on a scenario from __fixtures__/scenarios and runs the built action against it. */
import * as path from 'node:path';
import { startEmulator } from '../../emulator/index.js';
import { ROOT, errorLines, runAction } from '../../test-support/action-runner.js';

export const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web';
export const REVISION = (n) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${n}`;

/** Inputs of a deployment of demo/task-definition.json to demo/web with image `tag`. */
export function deployInputs(tag, extra = {}) {
  return {
    'task-definition': 'demo/task-definition.json',
    cluster: 'demo',
    service: 'web',
    'container-images': `web=${IMAGE}:${tag}`,
    'poll-interval-seconds': '0.3',
    ...extra,
  };
}

/**
 * @param {string} scenario file name without .json
 * @param {Record<string, string> | Record<string, string>[]} inputs one run, or several on the same emulator
 * @param {{ sequential?: boolean, overlapOn?: RegExp } & Record<string, unknown>} options several runs one
 *   after the other instead of at once (`sequential`), or each started once the log of the one before
 *   matches `overlapOn` (or it ended), so that they overlap by the action's own progress, not by timing
 */
export async function runCase(scenario, inputs, { sequential = false, overlapOn, ...options } = {}) {
  const emulator = await startEmulator({ scenarioPath: path.join(ROOT, '__fixtures__', 'scenarios', `${scenario}.json`) });
  try {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const runOne = (one, extra = {}) => runAction({ endpoint: emulator.url, inputs: one, ...options, ...extra });
    const runs = [];
    if (sequential) for (const one of list) runs.push(await runOne(one));
    else if (overlapOn) runs.push(...(await overlapping(list, runOne, overlapOn)));
    else runs.push(...(await Promise.all(list.map((one) => runOne(one)))));
    const state = emulator.state();
    const services = Object.fromEntries(state.services.map((service) => [service.serviceName, service]));
    const requests = (operation) => state.requests.filter((request) => request.operation === operation);
    const withErrors = runs.map((run) => ({ ...run, errors: errorLines(run.stdout) }));
    return { run: withErrors[0], runs: withErrors, state, services, requests };
  } finally {
    await emulator.stop();
  }
}

/** Each run started once the one before has logged `mark` (or ended). */
async function overlapping(list, runOne, mark) {
  const started = [];
  for (const one of list) {
    let log = '';
    let reached;
    const marked = new Promise((resolve) => (reached = resolve));
    const run = runOne(one, {
      onStdout: (chunk) => {
        log += chunk;
        if (mark.test(log)) reached();
      },
    });
    started.push(run);
    // Should a run end without the mark, the next one starts anyway and the test's own checks fail.
    await Promise.race([marked, run]);
  }
  return Promise.all(started);
}
