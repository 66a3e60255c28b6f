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
 * @param {{ sequential?: boolean } & Record<string, unknown>} options several runs one after the other instead of at once
 */
export async function runCase(scenario, inputs, { sequential = false, ...options } = {}) {
  const emulator = await startEmulator({ scenarioPath: path.join(ROOT, '__fixtures__', 'scenarios', `${scenario}.json`) });
  try {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const runOne = (one) => runAction({ endpoint: emulator.url, inputs: one, ...options });
    const runs = [];
    if (sequential) for (const one of list) runs.push(await runOne(one));
    else runs.push(...(await Promise.all(list.map(runOne))));
    const state = emulator.state();
    const services = Object.fromEntries(state.services.map((service) => [service.serviceName, service]));
    const requests = (operation) => state.requests.filter((request) => request.operation === operation);
    const withErrors = runs.map((run) => ({ ...run, errors: errorLines(run.stdout) }));
    return { run: withErrors[0], runs: withErrors, state, services, requests };
  } finally {
    await emulator.stop();
  }
}
