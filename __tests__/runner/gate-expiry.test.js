/**
 * The end of a pause (dist/index.js against the emulator): the hook expires while the check runs
 * (the emulator expires it on the first ExecuteCommand, never by a race), an answer that took
 * effect but was lost, and the warning before deploying when the check can outlast the hook.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs } from './run-case.js';
import { pauseAt, runGate, scenarioFrom } from './gate-case.js';

const SMOKE = { 'smoke-command': 'healthcheck' };
const EXPIRE_DURING_CHECK = [{ on: { executeCommand: 1 }, expirePauseHook: { cluster: 'demo', service: 'web' } }];
const ours = (state, run) => state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === run.outputs['service-deployment-arn']);

describe('a pause that expires while the check runs', () => {
  it('timeout action ROLLBACK, check passed: red, "the pause expired before the check finished", nothing answered', async () => {
    const { run, requests, service } = await runGate(scenarioFrom('bg-pause', { timeline: EXPIRE_DURING_CHECK }), deployInputs('v2', SMOKE));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.at(-1)).toMatch(
      /^The smoke check passed on 1 task(?:\(s\))? .* at POST_TEST_TRAFFIC_SHIFT, but the pause expired before the check finished: ECS took the hook's timeout action ROLLBACK\. ECS rolled back to web:1, which the service runs now\./,
    );
    expect(requests('ContinueServiceDeployment')).toHaveLength(0);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(requests('UpdateService')).toHaveLength(1);
    expect(service.taskDefinition).toBe(REVISION(1));
  });

  it('timeout action CONTINUE, check failed, deployment still in flight: the action rolls it back with StopServiceDeployment', async () => {
    const scenario = scenarioFrom('bg-pause', { deploymentConfiguration: { bakeTimeInMinutes: 20, lifecycleHooks: [pauseAt('POST_TEST_TRAFFIC_SHIFT', 'CONTINUE')] }, timeline: EXPIRE_DURING_CHECK });
    const { run, state, requests, service } = await runGate(scenario, deployInputs('v3', SMOKE));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'smoke-failed-rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.at(-1)).toMatch(/the pause expired before the check finished: ECS took the hook's timeout action CONTINUE/);
    expect(requests('ContinueServiceDeployment')).toHaveLength(0);
    expect(requests('StopServiceDeployment').map((request) => request.input.stopType)).toEqual(['ROLLBACK']);
    expect(ours(state, run).status).toBe('ROLLBACK_SUCCESSFUL');
    expect(service.taskDefinition).toBe(REVISION(1));
  });

  it('timeout action CONTINUE, check failed after ECS completed the deployment: the action redeploys the previous revision', async () => {
    const scenario = scenarioFrom('bg-pause', { deploymentConfiguration: { bakeTimeInMinutes: 0, lifecycleHooks: [pauseAt('POST_TEST_TRAFFIC_SHIFT', 'CONTINUE')] }, timeline: EXPIRE_DURING_CHECK });
    // The check takes 3 s; ECS needs about 0.1 s (a few scenario seconds at timeScale 60) to complete after the expiry.
    scenario.behaviours['123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v3'].execPath = ['../exec/slow-broken'];
    const { run, state, requests, service } = await runGate(scenario, deployInputs('v3', SMOKE));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'smoke-failed-rolled-back', 'rolled-back-to': REVISION(1) });
    expect(ours(state, run).status).toBe('SUCCESSFUL');
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(requests('UpdateService').map((request) => request.input.taskDefinition)).toEqual([REVISION(2), REVISION(1)]);
    expect(service.taskDefinition).toBe(REVISION(1));
  });
});

describe('answers that ECS moved past', () => {
  it('a CONTINUE that took effect but whose answer was lost is read as continued, not as a failure', async () => {
    const faults = { operations: [{ operation: 'ContinueServiceDeployment', error: 'resetAfterHandling', calls: 1 }] };
    const { run, state, requests } = await runGate(scenarioFrom('bg-pause', { faults }), deployInputs('v2', SMOKE));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(requests('ContinueServiceDeployment').length).toBeGreaterThanOrEqual(2);
    expect(run.stdout).toMatch(/PAUSE hook [0-9a-f-]+ is SUCCEEDED: the CONTINUE took effect/);
    expect(ours(state, run).status).toBe('SUCCESSFUL');
  });
});

describe('before deploying', () => {
  it('warns when the check can outlast the shortest PAUSE hook timeout', async () => {
    const { run } = await runGate(scenarioFrom('bg-pause'), deployInputs('v2', { ...SMOKE, 'smoke-timeout-seconds': '1500' }));
    expect(run.code).toBe(0);
    const warning = run.stdout.split('\n').find((line) => line.startsWith('::warning::The checks at a pause'));
    // The image digest check runs first at the pause: its reads may retry for up to a minute.
    expect(warning).toContain('up to 76 minutes (the image digest check: its reads, retried through transient faults for up to 60 seconds; the smoke check: ');
    expect(warning).toContain('the 60-minute timeout of the PAUSE hook at POST_TEST_TRAFFIC_SHIFT (timeout action ROLLBACK)');
    expect(run.stdout.indexOf('::warning::The checks at a pause')).toBeLessThan(run.stdout.indexOf('UpdateService accepted'));
  });
});
