/**
 * Staged deployments that fail or may fail, watched by the built dist/index.js against the
 * emulator: failures explained by hook, alarm and stage, a cancel while paused that acts on
 * nothing, and the warning when wait-for-minutes is shorter than the strategy.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs, runCase } from './run-case.js';

describe('deployment strategies that fail (dist/index.js against the emulator)', () => {
  it('warns before deploying when wait-for-minutes is below the least duration of the strategy', async () => {
    const { run, requests } = await runCase('bg-linear', deployInputs('v2', { 'wait-for-minutes': '1.5' }));
    const warning = run.stdout.split('\n').find((line) => line.startsWith('::warning::wait-for-minutes'));
    expect(warning).toContain('a LINEAR deployment of this service takes at least 2 minutes');
    expect(run.stdout.indexOf('::warning::wait-for-minutes')).toBeLessThan(run.stdout.indexOf('UpdateService accepted'));
    expect(requests('UpdateService')).toHaveLength(1);
  });
  it('a Lambda hook that fails: which hook, which stage, and ECS moving traffic back to blue', async () => {
    const { run, services, requests } = await runCase('bg-lambda-fails', deployInputs('v2'));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.at(-1)).toMatch(
      /^Deployment of web:2 to demo\/web failed: Lambda hook arn:aws:lambda:us-east-1:123456789012:function:validate-green \(hook [0-9a-f-]+\) returned FAILED during POST_TEST_TRAFFIC_SHIFT\. ECS is moving traffic back to the blue revision/,
    );
    expect(run.errors.at(-1)).toContain('ECS rolled back to web:1, which the service runs now.');
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(requests('UpdateService')).toHaveLength(1);
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('an alarm during bake time: which alarm, during which stage', async () => {
    const { run, services } = await runCase('bg-alarm', deployInputs('v2'));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.at(-1)).toContain('CloudWatch alarm web-5xx went into ALARM during BAKE_TIME.');
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('cancelled while paused: acts on nothing and says what ECS does at expiry', async () => {
    let child;
    let signalled = false;
    const { run, requests } = await runCase('bg-pause', deployInputs('v2'), {
      onSpawn: (spawned) => (child = spawned),
      onStdout: (chunk) => {
        if (signalled || !chunk.includes('paused at POST_TEST_TRAFFIC_SHIFT: PAUSE hook')) return;
        signalled = true;
        child.kill('SIGTERM');
      },
    });
    expect(run.code).toBe(1);
    expect(run.errors.at(-1)).toMatch(
      /^Cancelled while waiting for the deployment of web:2 to demo\/web; the action started nothing after the cancel\. .*The deployment is paused at POST_TEST_TRAFFIC_SHIFT \(PAUSE hook [0-9a-f-]+, AWAITING_ACTION\) and the action did not act on it; it expires at .*, when ECS rolls the deployment back on its own\.$/,
    );
    expect(requests('ContinueServiceDeployment')).toHaveLength(0);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
  });
});
