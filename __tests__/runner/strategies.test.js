/**
 * BLUE_GREEN, LINEAR and CANARY deployments, watched by the built dist/index.js against the
 * emulator: stages and traffic as ECS reports them, failures explained by hook, alarm and
 * stage, and the smoke check at a PAUSE hook before production traffic.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs, runCase } from './run-case.js';

const green = (state) => new Set(state.tasks.filter((task) => task.taskDefinitionArn === REVISION(2)).map((task) => task.taskArn));
const ours = (state, run) => state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === run.outputs['service-deployment-arn']);
const productionWeights = (sd) => sd.stagedHistory.filter((entry) => 'productionOnGreen' in entry).map((entry) => entry.productionOnGreen);

describe('deployment strategies (dist/index.js against the emulator)', () => {
  it.each([
    ['bg-blue-green', [100]],
    ['bg-linear', [50, 100]],
    ['bg-canary', [10, 100]],
  ])('%s succeeds: every stage printed with its time, traffic as ECS reports it, stages with durations in the summary', async (scenario, steps) => {
    const { run, state, services, requests } = await runCase(scenario, deployInputs('v2'));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    for (const stage of ['PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP']) expect(run.stdout).toMatch(new RegExp(`stage ${stage} started at \\d{4}-\\d\\d-\\d\\dT`));
    expect(run.stdout).toContain('traffic on the target revision: production 100%, test 100%');
    // Bake time is counted in the runner's minutes, as on AWS; the emulator's scaled clock ends it sooner.
    expect(run.stdout).toMatch(/bake time: about (\d+ seconds?|1 minute) left/);
    // The summary escapes Markdown, so underscores read SCALE\_UP there.
    expect(run.summary).toMatch(/\| Stage SCALE\\_UP \(\d+ seconds?\) \|/);
    expect(run.summary).toMatch(/\| Stage BAKE\\_TIME \(\d+ seconds?\) \|/);
    expect(productionWeights(ours(state, run))).toEqual(steps);
    expect(requests('ContinueServiceDeployment')).toHaveLength(0);
    expect(services.web.taskDefinition).toBe(REVISION(2));
  });

  it('smoke-stage auto without a PAUSE hook: the check runs after the deployment completes, in the new tasks', async () => {
    const { run, state, requests } = await runCase('bg-blue-green', deployInputs('v2', { 'smoke-command': 'healthcheck' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(requests('ContinueServiceDeployment')).toHaveLength(0);
    const done = ours(state, run).statusHistory.find((entry) => entry.status === 'SUCCESSFUL');
    const [exec] = requests('ExecuteCommand');
    expect(exec.wallMs).toBeGreaterThan(done.wallMs);
    expect(green(state).has(exec.input.task)).toBe(true);
  });

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

  it('pause + smoke pass: one UpdateService, one CONTINUE, exec only into green tasks, before the pause is answered', async () => {
    const { run, state, requests } = await runCase('bg-pause', deployInputs('v2', { 'smoke-command': 'healthcheck', 'smoke-tasks': 'all' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(run.summary.split('\n')[0]).toContain('in the green tasks at the pause');
    expect(requests('UpdateService')).toHaveLength(1);
    const continues = requests('ContinueServiceDeployment');
    expect(continues.map((request) => request.input.action)).toEqual(['CONTINUE']);
    const execs = requests('ExecuteCommand');
    expect(execs).toHaveLength(2);
    const greenTasks = green(state);
    for (const exec of execs) {
      expect(greenTasks.has(exec.input.task)).toBe(true);
      expect(exec.wallMs).toBeLessThan(continues[0].wallMs);
    }
    expect(ours(state, run).status).toBe('SUCCESSFUL');
  });

  it('pause + smoke fail: ROLLBACK at the pause, no second UpdateService, production never shifted', async () => {
    const { run, state, services, requests } = await runCase('bg-pause', deployInputs('v3', { 'smoke-command': 'healthcheck' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'smoke-failed-rolled-back', 'rolled-back-to': REVISION(1) });
    expect(requests('ContinueServiceDeployment').map((request) => request.input.action)).toEqual(['ROLLBACK']);
    expect(requests('UpdateService')).toHaveLength(1);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    const sd = ours(state, run);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(productionWeights(sd).every((weight) => weight === 0)).toBe(true);
    expect(run.errors.at(-1)).toMatch(/^At the pause at POST_TEST_TRAFFIC_SHIFT, the smoke check failed on 1 of 1 task .*; production traffic never reached web:2\. The action rolled back to web:1/);
    expect(run.summary.split('\n')[0]).toContain('production traffic never reached web:2');
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('LINEAR with a PAUSE hook before every production step: checked and continued at each', async () => {
    const { run, requests } = await runCase('bg-linear-pause', deployInputs('v2', { 'smoke-command': 'healthcheck' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    const continues = requests('ContinueServiceDeployment');
    expect(continues.map((request) => request.input.action)).toEqual(['CONTINUE', 'CONTINUE']);
    expect(new Set(continues.map((request) => request.input.hookId)).size).toBe(2);
    expect(requests('ExecuteCommand')).toHaveLength(2);
  });

  it.each([
    ['no smoke command', {}],
    ['smoke-stage after-deploy', { 'smoke-command': 'healthcheck', 'smoke-stage': 'after-deploy' }],
  ])('pause with %s: reported once, never continued; at the deadline the action rolls back at the pause', async (_, extra) => {
    const { run, services, requests } = await runCase('bg-pause', deployInputs('v2', { 'wait-for-minutes': '0.1', ...extra }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'timed-out', 'rolled-back-to': REVISION(1) });
    const notices = run.stdout.split('\n').filter((line) => line.includes('paused at POST_TEST_TRAFFIC_SHIFT: PAUSE hook'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/is AWAITING_ACTION; it expires at \d{4}-.*, when ECS rolls the deployment back on its own\./);
    expect(requests('ContinueServiceDeployment').map((request) => request.input.action)).toEqual(['ROLLBACK']);
    expect(requests('ExecuteCommand')).toHaveLength(0);
    // The deadline's words about the pause match what the action then does: it answers the pause with ROLLBACK.
    expect(run.errors.at(-1)).toMatch(
      /did not finish within 6 seconds \(.*; paused at POST_TEST_TRAFFIC_SHIFT, PAUSE hook [0-9a-f-]+, AWAITING_ACTION\)\. The action rolled back to web:1 \(by answering the pause with ROLLBACK\), which the service runs now\./,
    );
    expect(run.errors.at(-1)).not.toContain('does not act on');
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
