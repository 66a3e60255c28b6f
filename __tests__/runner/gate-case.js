/**
 * Runs the built action against the emulator on a scenario built from a fixture with changes, for
 * the pause-gate tests; `onLine` sees each log line as it comes, with an ECS client on the same
 * emulator, so a test can play another party (a hook's owner) at a point the log marks.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ContinueServiceDeploymentCommand, DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { startEmulator } from '../../emulator/index.js';
import { ROOT, errorLines, runAction } from '../../test-support/action-runner.js';

const SCENARIOS = path.join(ROOT, '__fixtures__', 'scenarios');

/**
 * A fixture scenario with its first service's deploymentConfiguration and the top level changed.
 * @param {string} name file in __fixtures__/scenarios without .json
 * @param {{ deploymentConfiguration?: object, service?: object } & Record<string, unknown>} [changes]
 */
export function scenarioFrom(name, { deploymentConfiguration, service, ...top } = {}) {
  const scenario = JSON.parse(readFileSync(path.join(SCENARIOS, `${name}.json`), 'utf8'));
  Object.assign(scenario.services[0], service);
  Object.assign(scenario.services[0].deploymentConfiguration, deploymentConfiguration);
  return Object.assign(scenario, top);
}

/** A PAUSE hook at `stage` that nothing times out during a test unless it asks for it. */
export const pauseAt = (stage, action = 'ROLLBACK', timeoutInMinutes = 60) => ({ targetType: 'PAUSE', lifecycleStages: [stage], timeoutConfiguration: { timeoutInMinutes, action } });

/**
 * @param {object} scenario
 * @param {Record<string, string>} inputs
 * @param {{ onLine?: (line: string, ecs: ECSClient) => void }} [options]
 */
export async function runGate(scenario, inputs, { onLine } = {}) {
  const emulator = await startEmulator({ scenario, baseDir: SCENARIOS });
  const ecs = new ECSClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIAOWNEREXAMPLE', secretAccessKey: 'owner' } });
  let partial = '';
  try {
    const run = await runAction({
      endpoint: emulator.url,
      inputs,
      onStdout: (chunk) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) onLine?.(line, ecs);
      },
    });
    const state = emulator.state();
    const requests = (operation) => state.requests.filter((request) => request.operation === operation);
    const service = state.services.find((s) => s.serviceName === 'web');
    return { run: { ...run, errors: errorLines(run.stdout) }, state, requests, service };
  } finally {
    ecs.destroy();
    await emulator.stop();
  }
}

/**
 * A hook's owner (a person or another system): answers CONTINUE, once, to the first pause of the
 * service's current deployment that a log line matching `which` names. Returns the hook ids answered.
 * @param {RegExp} [which] a log line naming the hook (its id in the first group)
 */
export function owner(which = /PAUSE hook ([0-9a-f-]{36}).*left to its owner/) {
  const answered = [];
  const onLine = (line, ecs) => {
    const match = which.exec(line);
    if (!match || answered.length > 0) return;
    answered.push(match[1]);
    void (async () => {
      const [service] = (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services ?? [];
      await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: service?.currentServiceDeployment, hookId: match[1], action: 'CONTINUE' }));
    })();
  };
  return { answered, onLine };
}
