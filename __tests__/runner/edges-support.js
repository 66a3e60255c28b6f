/** runCase for a scenario file with some of its options changed, so one fixture serves a test both ways. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator } from '../../emulator/index.js';
import { ROOT, errorLines, runAction } from '../../test-support/action-runner.js';

const SCENARIOS = path.join(ROOT, '__fixtures__', 'scenarios');

/**
 * @param {string} scenario file name without .json
 * @param {(scenario: any) => void} change edits the parsed scenario in place
 * @param {Record<string, string>} inputs
 * @param {Record<string, unknown>} options for runAction
 */
export async function runChanged(scenario, change, inputs, options = {}) {
  const parsed = JSON.parse(fs.readFileSync(path.join(SCENARIOS, `${scenario}.json`), 'utf8'));
  change(parsed);
  const emulator = await startEmulator({ scenario: parsed, baseDir: SCENARIOS });
  try {
    const run = await runAction({ endpoint: emulator.url, inputs, ...options });
    const state = emulator.state();
    const services = Object.fromEntries(state.services.map((service) => [service.serviceName, service]));
    const requests = (operation) => state.requests.filter((request) => request.operation === operation);
    return { run: { ...run, errors: errorLines(run.stdout) }, state, services, requests };
  } finally {
    await emulator.stop();
  }
}
