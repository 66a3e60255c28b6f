/**
 * Which pauses the action answers and which tasks it checks there (dist/index.js against the
 * emulator): a pause before the green tasks exist is left to its owner, pause-stages narrows the
 * answered stages, only the tasks our service deployment started are checked, and the deadline's
 * words about a pause match what the action then does.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs } from './run-case.js';
import { owner, pauseAt, runGate, scenarioFrom } from './gate-case.js';

const SMOKE = { 'smoke-command': 'healthcheck' };
const idOf = (arn) => arn.split('/').pop();
/** The tasks the service's current deployment started: they carry its id as startedBy. */
const greenTasks = (state, service) => state.tasks.filter((task) => task.startedBy === service.deployments[0].id).map((task) => idOf(task.taskArn));

describe('which pauses the action answers', () => {
  it.each([
    ['PRE_SCALE_UP', []],
    // Someone else's deployment is in flight (paused at its own hook) when ours starts: two ACTIVE revisions.
    ['RECONCILE_SERVICE', [{ at: 0, updateService: { cluster: 'demo', service: 'web', taskDefinition: 'web:1', forceNewDeployment: true } }]],
  ])('a pause before the green tasks exist (%s) is reported and left to its owner; the check runs at the next pause, in the green tasks', async (stage, timeline) => {
    const scenario = scenarioFrom('bg-pause', { deploymentConfiguration: { lifecycleHooks: [pauseAt(stage), pauseAt('POST_TEST_TRAFFIC_SHIFT')] }, timeline });
    const hookOwner = owner(new RegExp(`PAUSE hook ([0-9a-f-]{36}).*left to its owner`));
    const { run, state, requests, service } = await runGate(scenario, deployInputs('v2', SMOKE), { onLine: hookOwner.onLine });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    const left = run.stdout.split('\n').filter((line) => line.includes('left to its owner'));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^Paused at ${stage} \\(PAUSE hook [0-9a-f-]{36}, expires at \\d{4}-\\d\\d-\\d\\dT.*, timeout action ROLLBACK\\)`));
    expect(left[0]).toContain('the green tasks have not started');
    expect(hookOwner.answered).toHaveLength(1);
    const continues = requests('ContinueServiceDeployment');
    // One CONTINUE from the owner at the early pause, one from the action at POST_TEST_TRAFFIC_SHIFT.
    expect(continues.map((request) => request.input.action)).toEqual(['CONTINUE', 'CONTINUE']);
    expect(continues.filter((request) => request.input.hookId === hookOwner.answered[0])).toHaveLength(1);
    const green = greenTasks(state, service);
    const execs = requests('ExecuteCommand');
    expect(execs.length).toBeGreaterThan(0);
    for (const exec of execs) expect(green).toContain(idOf(exec.input.task));
    expect(service.taskDefinition).toBe(REVISION(2));
  });

  it('pause-stages leaves pauses at other stages to their owner; the check then runs after the deployment completes', async () => {
    const hookOwner = owner();
    const { run, requests, state } = await runGate(scenarioFrom('bg-pause'), deployInputs('v2', { ...SMOKE, 'pause-stages': 'POST_SCALE_UP, PRE_PRODUCTION_TRAFFIC_SHIFT' }), { onLine: hookOwner.onLine });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(run.stdout).toMatch(/Paused at POST_TEST_TRAFFIC_SHIFT \(PAUSE hook .*left to its owner: the action answers pauses at POST_SCALE_UP, PRE_PRODUCTION_TRAFFIC_SHIFT \(pause-stages\)/);
    expect(requests('ContinueServiceDeployment').map((request) => request.input.hookId)).toEqual(hookOwner.answered);
    const done = state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === run.outputs['service-deployment-arn']).statusHistory.find((entry) => entry.status === 'SUCCESSFUL');
    expect(requests('ExecuteCommand')[0].wallMs).toBeGreaterThan(done.wallMs);
  });

  it('pause-stages naming a stage where no green task runs is refused before any AWS call', async () => {
    const { run, state } = await runGate(scenarioFrom('bg-pause'), deployInputs('v2', { ...SMOKE, 'pause-stages': 'POST_TEST_TRAFFIC_SHIFT\nPRE_SCALE_UP' }));
    expect(run.code).toBe(1);
    expect(run.errors.at(-1)).toMatch(/^Invalid input 'pause-stages': 'PRE_SCALE_UP'.*POST_SCALE_UP, POST_TEST_TRAFFIC_SHIFT, PRE_PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT/);
    expect(state.requests).toHaveLength(0);
  });
});

describe('which tasks are green', () => {
  it('a reused revision (skip-unchanged, force-new-deployment): only the tasks our deployment started are checked, and the verdict names them', async () => {
    const { run, state, requests, service } = await runGate(scenarioFrom('bg-pause'), deployInputs('v1', { ...SMOKE, 'smoke-tasks': 'all' }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'deployed', registered: 'false', 'task-definition-arn': REVISION(1) });
    const green = greenTasks(state, service);
    expect(green).toHaveLength(2);
    expect(requests('ExecuteCommand').map((exec) => idOf(exec.input.task)).sort()).toEqual([...green].sort());
    const headline = run.summary.split('\n')[0];
    for (const id of green) expect(headline).toContain(id);
    expect(requests('ContinueServiceDeployment').map((request) => request.input.action)).toEqual(['CONTINUE']);
  });
});

describe('the deadline at a pause', () => {
  it('rollback-on-failure off: the verdict says the deployment stays paused and what ECS does at expiry; nothing is written', async () => {
    const { run, requests } = await runGate(scenarioFrom('bg-pause'), deployInputs('v2', { 'wait-for-minutes': '0.1', 'rollback-on-failure': 'false' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('timed-out');
    expect(run.errors.at(-1)).toMatch(
      /rollback-on-failure is off, so the service stays on .* The deployment is paused at POST_TEST_TRAFFIC_SHIFT \(PAUSE hook [0-9a-f-]+, AWAITING_ACTION\) and the action did not act on it; it expires at .*, when ECS rolls the deployment back on its own\./,
    );
    expect(requests('ContinueServiceDeployment')).toHaveLength(0);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
  });
});
