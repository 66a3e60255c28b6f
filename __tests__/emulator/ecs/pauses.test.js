// Lifecycle hooks at the edges, in the emulator through the SDK: where PAUSE hooks may be declared,
// hooks at every LINEAR step, RECONCILE_SERVICE and PRE_SCALE_UP before any green task, the tasks a
// deployment starts carrying its id, hooks ended with their deployment (the undocumented status
// both ways), state-triggered timeline events, and an answer lost after it took effect.
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ExecuteCommandCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { rejection, scenario, start, until, webTaskDefinition } from '../helpers.js';
import { checkScenario } from '../../../emulator/scenario/load.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:check';

/** @type {{ stop: () => Promise<void> }[]} */
const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/** A day of ECS time: at timeScale 600 that is 2.4 s of ours, so a hook the test answers cannot time out first. */
const PAUSE = (/** @type {string} */ stage, action = 'ROLLBACK', timeoutInMinutes = 1440) => ({ targetType: 'PAUSE', lifecycleStages: [stage], timeoutConfiguration: { timeoutInMinutes, action } });

/**
 * healthy.json at timeScale 600 with `deploymentConfiguration` merged in.
 * @param {object} deploymentConfiguration @param {object} [extra] top-level scenario fields
 */
async function emulatorWith(deploymentConfiguration, extra = {}) {
  const s = { ...scenario('healthy.json'), timeScale: 600, ...extra };
  Object.assign(s.services[0].deploymentConfiguration, deploymentConfiguration);
  const started = await start(s);
  running.push(started.emulator);
  const { ecs, emulator } = started;
  /** @param {string} tag */
  const deploy = async (tag) => {
    const registered = await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition(tag)));
    const answer = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: registered.taskDefinition?.taskDefinitionArn }));
    const arn = answer.service?.currentServiceDeployment ?? '';
    const deploymentId = answer.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
    const read = async () => (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments?.[0];
    const awaiting = () => until(async () => {
      const sd = await read();
      const hook = sd?.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION');
      return hook ? { sd, hook } : undefined;
    });
    /** @param {string[]} statuses */
    const settled = (statuses) => until(async () => {
      const sd = await read();
      return sd && statuses.includes(sd.status ?? '') ? sd : undefined;
    });
    return { arn, deploymentId, read, awaiting, settled };
  };
  /** Tasks (any status) whose startedBy is `deploymentId`. @param {string} deploymentId */
  const startedBy = (deploymentId) => emulator.state().tasks.filter((/** @type {any} */ t) => t.startedBy === deploymentId);
  const stages = (/** @type {string} */ arn) =>
    emulator.state().serviceDeployments.find((/** @type {any} */ sd) => sd.serviceDeploymentArn === arn).stagedHistory.filter((/** @type {any} */ h) => h.stage).map((/** @type {any} */ h) => h.stage);
  return { ecs, emulator, deploy, startedBy, stages };
}

describe('where PAUSE hooks may be declared', () => {
  it.each(['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'])('UpdateService refuses a PAUSE hook at %s; a Lambda hook there is accepted', async (stage) => {
    const { ecs } = await emulatorWith({});
    const configuration = (/** @type {object} */ hook) => ({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [hook] });
    const refused = await rejection(ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', deploymentConfiguration: configuration(PAUSE(stage)) })));
    expect(refused.name).toBe('InvalidParameterException');
    expect(refused.message).toContain('PAUSE hooks cannot be configured at TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT stages');
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0];
    expect(service?.deploymentConfiguration?.strategy).toBeUndefined();
    await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', deploymentConfiguration: configuration({ hookTargetArn: LAMBDA, lifecycleStages: [stage] }) }));
  });

  it('a scenario declaring one is refused as CreateService would', () => {
    const s = scenario('healthy.json');
    Object.assign(s.services[0].deploymentConfiguration, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [PAUSE('TEST_TRAFFIC_SHIFT')] });
    expect(() => checkScenario(s, 'inline', '.')).toThrow(/\$\.services\[0\]\.deploymentConfiguration\.lifecycleHooks: CreateService would refuse it: PAUSE hooks cannot/);
  });
});

describe('hooks and green tasks', () => {
  it('LINEAR: PRODUCTION_TRAFFIC_SHIFT hooks run at every step, each with a new hookId, after the step', async () => {
    const lambda = { hookTargetArn: LAMBDA, lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] };
    const { deploy, emulator } = await emulatorWith({ strategy: 'LINEAR', bakeTimeInMinutes: 0, linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 0 }, lifecycleHooks: [lambda] });
    const { arn, settled } = await deploy('v2');
    const done = await settled(['SUCCESSFUL']);
    const hooks = done.lifecycleHookDetails ?? [];
    expect(hooks.map((h) => h.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(new Set(hooks.map((h) => h.hookId)).size).toBe(2);
    const history = emulator.state().serviceDeployments.find((/** @type {any} */ sd) => sd.serviceDeploymentArn === arn).stagedHistory;
    const order = history.filter((/** @type {any} */ h) => 'productionOnGreen' in h || h.status === 'IN_PROGRESS').map((/** @type {any} */ h) => ('productionOnGreen' in h ? h.productionOnGreen : 'hook'));
    expect(order).toEqual([50, 'hook', 100, 'hook']);
  });

  it('a PAUSE at PRE_SCALE_UP comes before any green task; the green tasks then carry the deployment id as startedBy', async () => {
    const { ecs, deploy, startedBy } = await emulatorWith({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [PAUSE('PRE_SCALE_UP')] });
    const { arn, deploymentId, awaiting, settled } = await deploy('v2');
    const { sd, hook } = await awaiting();
    expect(sd.lifecycleStage).toBe('PRE_SCALE_UP');
    expect(startedBy(deploymentId)).toHaveLength(0);
    await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: hook.hookId, action: 'CONTINUE' }));
    await settled(['SUCCESSFUL']);
    const listed = await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web' }));
    const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: listed.taskArns }))).tasks ?? [];
    expect(tasks).toHaveLength(2);
    expect(tasks.map((t) => t.startedBy)).toEqual([deploymentId, deploymentId]);
  });

  it('RECONCILE_SERVICE only with more than one ACTIVE revision, and its pause comes before green tasks', async () => {
    const { ecs, deploy, startedBy, stages } = await emulatorWith({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [PAUSE('RECONCILE_SERVICE'), PAUSE('POST_SCALE_UP')] });
    const first = await deploy('v2');
    // From a steady state (one revision) the deployment starts at PRE_SCALE_UP and pauses after scaling up.
    const atScaleUp = await first.awaiting();
    expect(atScaleUp.sd.lifecycleStage).toBe('POST_SCALE_UP');
    expect(stages(first.arn)[0]).toBe('PRE_SCALE_UP');
    // A second deployment while the first one's tasks still run: two ACTIVE revisions.
    const second = await deploy('latest');
    expect((await first.settled(['STOPPED'])).status).toBe('STOPPED');
    const { sd, hook } = await second.awaiting();
    expect(sd.lifecycleStage).toBe('RECONCILE_SERVICE');
    expect(sd.sourceServiceRevisions).toHaveLength(2);
    expect(startedBy(second.deploymentId)).toHaveLength(0);
    await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: second.arn, hookId: hook.hookId, action: 'CONTINUE' }));
    const next = await until(async () => {
      const found = await second.awaiting();
      return found.hook.hookId === hook.hookId ? undefined : found;
    });
    await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: second.arn, hookId: next.hook.hookId, action: 'CONTINUE' }));
    await second.settled(['SUCCESSFUL']);
    expect(stages(second.arn).slice(0, 2)).toEqual(['RECONCILE_SERVICE', 'PRE_SCALE_UP']);
    // CLEAN_UP leaves only the target revision: neither blue nor the older revision keeps a task.
    const live = (await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web' }))).taskArns ?? [];
    const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: live }))).tasks ?? [];
    expect(tasks.filter((t) => t.desiredStatus === 'RUNNING').map((t) => t.startedBy)).toEqual([second.deploymentId, second.deploymentId]);
  });
});

describe('hooks end with their deployment (undocumented.hookStatusWhenDeploymentEnds)', () => {
  it.each([
    [undefined, 'FAILED'],
    ['SUCCEEDED', 'SUCCEEDED'],
    ['TIMED_OUT', 'TIMED_OUT'],
  ])('%s: a deployment stopped by a newer one, and one rolled back, leave no hook AWAITING_ACTION (%s)', async (choice, status) => {
    const undocumented = choice ? { undocumented: { hookStatusWhenDeploymentEnds: choice } } : {};
    const { ecs, deploy } = await emulatorWith({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [PAUSE('POST_SCALE_UP')] }, undocumented);
    const first = await deploy('v2');
    await first.awaiting();
    const second = await deploy('latest');
    const stopped = await first.settled(['STOPPED']);
    expect(stopped.lifecycleHookDetails?.map((h) => h.status)).toEqual([status]);
    await second.awaiting();
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: second.arn, stopType: 'ROLLBACK' }));
    const rolledBack = await second.settled(['ROLLBACK_SUCCESSFUL']);
    expect(rolledBack.lifecycleHookDetails?.map((h) => h.status)).toEqual([status]);
    const refused = await rejection(ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: second.arn, hookId: rolledBack.lifecycleHookDetails?.[0].hookId, action: 'CONTINUE' })));
    expect(refused.name).toBe('ClientException');
  });
});

describe('timeline events triggered by a state', () => {
  it('on the first ExecuteCommand request, another deployment starts (a second runner)', async () => {
    const timeline = [{ on: { executeCommand: 1 }, updateService: { cluster: 'demo', service: 'web', forceNewDeployment: true } }];
    // At real speed the old tasks outlive the test, so the second ExecuteCommand still finds one running.
    const { ecs } = await emulatorWith({}, { timeline, timeScale: 1 });
    const describe = async () => (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0];
    const before = await describe();
    const [task] = (await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web' }))).taskArns ?? [];
    expect((await describe())?.currentServiceDeployment).toBe(before?.currentServiceDeployment);
    await ecs.send(new ExecuteCommandCommand({ cluster: 'demo', task, command: 'true', interactive: true }));
    const after = await describe();
    expect(after?.currentServiceDeployment).not.toBe(before?.currentServiceDeployment);
    await ecs.send(new ExecuteCommandCommand({ cluster: 'demo', task, command: 'true', interactive: true }));
    expect((await describe())?.currentServiceDeployment).toBe(after?.currentServiceDeployment);
  });

  it.each([
    ['CONTINUE', 'SUCCESSFUL', { pauseAwaiting: 1 }],
    ['ROLLBACK', 'ROLLBACK_SUCCESSFUL', { pauseAwaiting: 1 }],
    ['CONTINUE', 'SUCCESSFUL', { hookStatus: { cluster: 'demo', service: 'web', status: 'AWAITING_ACTION' } }],
  ])('expirePauseHook on the first pause: the hook times out at once and ECS takes its action %s (on %j)', async (action, status, on) => {
    const timeline = [{ on, expirePauseHook: { cluster: 'demo', service: 'web' } }];
    const { deploy } = await emulatorWith({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [PAUSE('POST_SCALE_UP', action)] }, { timeline });
    const { settled } = await deploy('v2');
    const sd = await settled([status]);
    const [hook] = sd.lifecycleHookDetails ?? [];
    expect(hook).toMatchObject({ status: 'TIMED_OUT', timeoutAction: action });
    // Its expiry is the moment it expired, not the day it was declared for.
    expect(hook.expiresAt?.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('expirePauseHook with no pause awaiting is skipped and listed in timelineErrors', async () => {
    const { emulator } = await emulatorWith({}, { timeline: [{ at: 0, expirePauseHook: { cluster: 'demo', service: 'web' } }] });
    await until(async () => emulator.state().timelineErrors.length > 0);
    expect(emulator.state().timelineErrors[0].message).toContain('no PAUSE hook of demo/web is AWAITING_ACTION');
  });
});

describe('faults.operations resetAfterHandling', () => {
  it('ContinueServiceDeployment takes effect, but the caller gets no answer', async () => {
    const faults = { operations: [{ operation: 'ContinueServiceDeployment', error: 'resetAfterHandling', calls: 1 }] };
    const { ecs, deploy } = await emulatorWith({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [PAUSE('POST_SCALE_UP')] }, { faults });
    const { arn, awaiting, settled } = await deploy('v2');
    const { hook } = await awaiting();
    const lost = await rejection(ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: hook.hookId, action: 'CONTINUE' })));
    expect(lost.$metadata?.httpStatusCode).toBeUndefined();
    const sd = await settled(['SUCCESSFUL']);
    expect(sd.lifecycleHookDetails?.[0].status).toBe('SUCCEEDED');
  });
});
