// BLUE_GREEN, LINEAR and CANARY deployments in the emulator, through the SDK: stages in order,
// green beside blue, traffic weights, steps, hooks, ContinueServiceDeployment, timeouts,
// rollbacks back to blue without a new deployment, and the undocumented choices both ways.
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { rejection, scenario, start, until, webTaskDefinition } from '../helpers.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:check';
const TD1 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1';

/** @type {{ stop: () => Promise<void> }[]} */
const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/**
 * @param {object} deploymentConfiguration merged into healthy.json's
 * @param {{ script?: object, undocumented?: object }} [options]
 */
async function staged(deploymentConfiguration, { script, undocumented } = {}) {
  const s = { ...scenario('healthy.json'), timeScale: 600, ...(undocumented ? { undocumented } : {}) };
  Object.assign(s.services[0].deploymentConfiguration, deploymentConfiguration);
  if (script) s.services[0].strategyScript = script;
  const started = await start(s);
  running.push(started.emulator);
  const { ecs, emulator } = started;
  const blueId = (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0].deployments?.[0].id;
  await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('v2')));
  const updated = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:2' }));
  const arn = updated.service?.currentServiceDeployment ?? '';
  const read = async () => (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments?.[0];
  const service = async () => (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0];
  const history = () => emulator.state().serviceDeployments.find((/** @type {any} */ sd) => sd.serviceDeploymentArn === arn);
  /** @param {string[]} statuses */
  const settled = (statuses) => until(async () => {
    const sd = await read();
    return sd && statuses.includes(sd.status ?? '') ? sd : undefined;
  });
  const awaiting = () => until(async () => (await read())?.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION'));
  return { ecs, arn, read, service, history, settled, awaiting, blueId };
}

/**
 * A PAUSE hook. At timeScale 600 a minute of ECS time is 0.1 s of ours: a test that answers the
 * hook itself gives it a day (2.4 s), so a busy machine cannot let it time out first.
 */
const PAUSE = (/** @type {string} */ stage, /** @type {string} */ action, timeoutInMinutes = 1440) => ({ targetType: 'PAUSE', lifecycleStages: [stage], timeoutConfiguration: { timeoutInMinutes, action } });

describe('staged deployments', () => {
  it('BLUE_GREEN: stages in order, green beside blue until CLEAN_UP, deployments[] never COMPLETED while IN_PROGRESS', async () => {
    // 30 minutes of bake time are 3 s of ours: the loop below sees BAKE_TIME even on a busy machine.
    const { read, service, history, blueId } = await staged({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 30 });
    let sawBaking = false;
    for (;;) {
      // The service first: a service deployment still IN_PROGRESS after it was read vouches for what it showed.
      const svc = await service();
      const sd = await read();
      const primary = svc?.deployments?.[0];
      if (sd?.status === 'IN_PROGRESS') expect(primary?.rolloutState).toBe('IN_PROGRESS');
      if (sd?.lifecycleStage === 'BAKE_TIME' && sd.status === 'IN_PROGRESS') {
        sawBaking = true;
        expect(sd.targetServiceRevision).toMatchObject({ runningTaskCount: 2, requestedProductionTrafficWeight: 100, requestedTestTrafficWeight: 100 });
        expect(sd.sourceServiceRevisions?.[0]).toMatchObject({ runningTaskCount: 2, requestedProductionTrafficWeight: 0 });
        expect(svc?.deployments?.map((d) => d.id)).toContain(blueId);
      }
      if (sd?.status === 'SUCCESSFUL') {
        // The service read above may predate the success: read it again, after.
        const after = await service();
        expect(after?.deployments).toHaveLength(1);
        expect(after?.deployments?.[0]?.rolloutState).toBe('COMPLETED');
        expect(sd.finishedAt?.getTime()).toBeLessThanOrEqual(Date.now());
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(sawBaking).toBe(true);
    expect(history().stagedHistory.filter((/** @type {any} */ h) => h.stage).map((/** @type {any} */ h) => h.stage)).toEqual([
      'PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP',
    ]);
  });

  it.each([
    [{ strategy: 'LINEAR', bakeTimeInMinutes: 0, linearConfiguration: { stepPercent: 34, stepBakeTimeInMinutes: 1 } }, [34, 68, 100]],
    [{ strategy: 'CANARY', bakeTimeInMinutes: 0, canaryConfiguration: { canaryBakeTimeInMinutes: 1 } }, [5, 100]],
  ])('%o shifts production in steps %j', async (config, steps) => {
    const { settled, history } = await staged(config);
    await settled(['SUCCESSFUL']);
    expect(history().stagedHistory.filter((/** @type {any} */ h) => 'productionOnGreen' in h).map((/** @type {any} */ h) => h.productionOnGreen)).toEqual(steps);
  });

  it.each([
    ['CONTINUE', 'SUCCESSFUL', 'web:2'],
    ['ROLLBACK', 'ROLLBACK_SUCCESSFUL', 'web:1'],
  ])('a PAUSE hook nobody answers times out with its action %s', async (action, status, revision) => {
    const { settled, service, blueId } = await staged({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [PAUSE('POST_SCALE_UP', action, 1)] });
    const sd = await settled([status]);
    expect(sd.lifecycleHookDetails?.[0]).toMatchObject({ targetType: 'PAUSE', status: 'TIMED_OUT', timeoutAction: action });
    const svc = await service();
    expect(svc?.taskDefinition).toContain(revision);
    if (action === 'ROLLBACK') expect(svc?.deployments?.map((d) => d.id)).toEqual([blueId]);
  });

  it('a Lambda hook that stays IN_PROGRESS times out and rolls back', async () => {
    const hook = { hookTargetArn: LAMBDA, lifecycleStages: ['PRE_SCALE_UP'], timeoutConfiguration: { timeoutInMinutes: 1 } };
    const { settled } = await staged({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [hook] }, { script: { lambdaHooks: { [LAMBDA]: { hookStatus: 'IN_PROGRESS' } } } });
    const sd = await settled(['ROLLBACK_SUCCESSFUL']);
    expect(sd.lifecycleHookDetails?.[0]).toMatchObject({ targetType: 'AWS_LAMBDA', targetArn: LAMBDA, status: 'TIMED_OUT', timeoutAction: 'ROLLBACK' });
    expect(sd.rollback?.reason).toContain('timed out');
  });

  it('ContinueServiceDeployment: CONTINUE moves on; a hook not awaiting, an unknown hook or deployment is refused', async () => {
    const { ecs, arn, awaiting, settled } = await staged({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [PAUSE('POST_TEST_TRAFFIC_SHIFT', 'ROLLBACK')] });
    const hook = await awaiting();
    const unknown = await rejection(ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: 'no-such-hook', action: 'CONTINUE' })));
    expect(unknown.name).toBe('InvalidParameterException');
    await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: hook.hookId, action: 'CONTINUE' }));
    const again = await rejection(ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: hook.hookId, action: 'CONTINUE' })));
    expect(again.name).toBe('ClientException');
    const missing = await rejection(ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: `${arn}x`, hookId: hook.hookId })));
    expect(missing.name).toBe('ServiceDeploymentNotFoundException');
    expect((await settled(['SUCCESSFUL'])).lifecycleHookDetails?.[0].status).toBe('SUCCEEDED');
  });

  it('StopServiceDeployment ROLLBACK moves traffic back to blue, with no new deployment', async () => {
    const { ecs, arn, awaiting, history, service, settled, blueId } = await staged({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [PAUSE('POST_TEST_TRAFFIC_SHIFT', 'CONTINUE')] });
    await awaiting();
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    const sd = await settled(['ROLLBACK_SUCCESSFUL']);
    expect(sd.targetServiceRevision).toMatchObject({ runningTaskCount: 0, requestedProductionTrafficWeight: 0, requestedTestTrafficWeight: 0 });
    expect(history().statusHistory.map((/** @type {any} */ h) => h.status)).toEqual(['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL']);
    const svc = await service();
    expect(svc?.taskDefinition).toBe(TD1);
    expect(svc?.deployments?.map((d) => d.id)).toEqual([blueId]);
  });

  it.each([
    ['all', 2],
    ['current', 1],
  ])('undocumented.lifecycleHookDetails %s: a LINEAR pause before each step gets a new hookId, %i listed', async (choice, listed) => {
    const config = { strategy: 'LINEAR', bakeTimeInMinutes: 0, linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 0 }, lifecycleHooks: [PAUSE('PRE_PRODUCTION_TRAFFIC_SHIFT', 'ROLLBACK')] };
    const { ecs, arn, awaiting, settled } = await staged(config, { undocumented: { lifecycleHookDetails: choice } });
    const first = await awaiting();
    await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: first.hookId, action: 'CONTINUE' }));
    const second = await until(async () => {
      const hook = await awaiting();
      return hook.hookId !== first.hookId ? hook : undefined;
    });
    await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: second.hookId, action: 'CONTINUE' }));
    expect((await settled(['SUCCESSFUL'])).lifecycleHookDetails).toHaveLength(listed);
  });

  it('an alarm during bake time rolls back when alarms.rollback is set', async () => {
    const alarms = { alarmNames: ['web-5xx'], enable: true, rollback: true };
    const { settled } = await staged({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5, alarms }, { script: { alarm: { alarmName: 'web-5xx', afterBakeSeconds: 30 } } });
    const sd = await settled(['ROLLBACK_SUCCESSFUL']);
    expect(sd.alarms).toEqual({ status: 'TRIGGERED', alarmNames: ['web-5xx'], triggeredAlarmNames: ['web-5xx'] });
  });
});
