/**
 * Never act on another run's state (dist/index.js against the emulator): another run deploys while
 * our check runs (the emulator starts it on the first ExecuteCommand, never by a race); before any
 * rollback write the action finds the service is no longer ours, writes nothing and says so.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs } from './run-case.js';
import { runGate, scenarioFrom } from './gate-case.js';

const SMOKE = { 'smoke-command': 'healthcheck' };
const ANOTHER_RUN = [{ on: { executeCommand: 1 }, updateService: { cluster: 'demo', service: 'web', taskDefinition: 'web:1', forceNewDeployment: true } }];

describe('another run deployed while our check ran', () => {
  it('rolling, check after the deployment failed: superseded, no redeploy over the other run', async () => {
    const { run, requests, service } = await runGate(scenarioFrom('smoke-fails', { timeline: ANOTHER_RUN }), deployInputs('v2', SMOKE));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('superseded');
    expect(requests('UpdateService')).toHaveLength(1);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(run.errors.at(-1)).toMatch(/^Superseded: .*another deployment .* replaced ours .*; the action wrote nothing, since a rollback now would undo it\. The service is now set to web:1/);
    expect(service.taskDefinition).toBe(REVISION(1));
    expect(service.currentServiceDeployment).not.toBe(run.outputs['service-deployment-arn']);
  });

  it.each([
    ['a failing check', 'v3', {}],
    ['a passing check, its hook ended SUCCEEDED', 'v2', { undocumented: { hookStatusWhenDeploymentEnds: 'SUCCEEDED' } }],
  ])('at the pause, %s: superseded, the pause is neither answered nor rolled back', async (_, tag, extra) => {
    const { run, requests, state } = await runGate(scenarioFrom('bg-pause', { timeline: ANOTHER_RUN, ...extra }), deployInputs(tag, SMOKE));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('superseded');
    expect(requests('ContinueServiceDeployment')).toHaveLength(0);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(requests('UpdateService')).toHaveLength(1);
    expect(run.errors.at(-1)).toMatch(/^Superseded: .*another deployment .* replaced ours/);
    const ours = state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === run.outputs['service-deployment-arn']);
    expect(ours.status).toBe('STOPPED');
  });
});
