/**
 * The pause gate's decisions against mocked ECS answers: which pauses it answers, that it never
 * continues without a green task checked, what it does when the hook moved on during the check,
 * an answer refused or lost, and a rollback deployment's pause. Exact requests are asserted.
 */
import { jest, describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  StopServiceDeploymentCommand,
  type DeploymentLifecycleHookDetail,
  type ECSClientResolvedConfig,
  type Service,
  type ServiceDeployment,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-ecs';
import * as core from '../../__fixtures__/core.js';
import { FakeClock } from '../../__fixtures__/fake-clock.js';

jest.unstable_mockModule('@actions/core', () => core);
const { answerPause } = await import('../../src/rollback/answer-pause.js');
const { DeploymentObserver } = await import('../../src/watch/observer.js');
const { awaitingPause } = await import('../../src/watch/stages.js');

const PREFIX = 'arn:aws:ecs:eu-west-1:123456789012';
const TD7 = `${PREFIX}:task-definition/web:7`;
const TD8 = `${PREFIX}:task-definition/web:8`;
const SD = `${PREFIX}:service-deployment/demo/web/Ours8`;
const OTHER_SD = `${PREFIX}:service-deployment/demo/web/Later9`;
const OURS = 'ecs-svc/8888888888888888888';
const HOOK = 'ecs-pause-1';
const GREEN_TASK = `${PREFIX}:task/demo/1a2b3c`;

let ecs: AwsStub<ServiceInputTypes, ServiceOutputTypes, ECSClientResolvedConfig>;
beforeEach(() => {
  ecs = mockClient(ECSClient);
  ecs.on(ContinueServiceDeploymentCommand).resolves({ serviceDeploymentArn: SD });
});
afterEach(() => ecs.restore());

const hook = (over: Partial<DeploymentLifecycleHookDetail> = {}): DeploymentLifecycleHookDetail => ({
  hookId: HOOK,
  targetType: 'PAUSE',
  status: 'AWAITING_ACTION',
  expiresAt: new Date('2026-03-02T11:00:00Z'),
  timeoutAction: 'ROLLBACK',
  ...over,
});
const PAUSED_AT = (stage: string) => ({ targetType: 'PAUSE' as const, lifecycleStages: [stage as 'POST_SCALE_UP'] });
const deployment = (over: Partial<ServiceDeployment> = {}, stage = 'POST_TEST_TRAFFIC_SHIFT'): ServiceDeployment => ({
  serviceDeploymentArn: SD,
  status: 'IN_PROGRESS',
  lifecycleStage: stage as 'POST_SCALE_UP',
  lifecycleHookDetails: [hook()],
  deploymentConfiguration: { strategy: 'BLUE_GREEN', lifecycleHooks: [PAUSED_AT(stage)] },
  targetServiceRevision: { requestedProductionTrafficWeight: 0 },
  ...over,
});
const service = (over: Partial<Service> = {}): Service => ({
  serviceName: 'web',
  taskDefinition: TD8,
  currentServiceDeployment: SD,
  deployments: [{ id: OURS, status: 'PRIMARY', taskDefinition: TD8 }, { id: 'ecs-svc/7', status: 'ACTIVE', taskDefinition: TD7 }],
  ...over,
});

/** The service and our service deployment as ECS answers them from now on. */
function ecsShows(sd: ServiceDeployment, svc: Service = service()): void {
  ecs.on(DescribeServicesCommand).resolves({ services: [svc], failures: [] });
  ecs.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [sd] });
}

/** `idKnown`: the UpdateService answer named our deployment's id (else the watch has not learned it yet). */
function observerAt(sd: ServiceDeployment, { rollingBack = false, idKnown = true } = {}) {
  const updateResponse = { deployments: idKnown ? [{ id: OURS, status: 'PRIMARY', taskDefinition: TD8 }] : [] };
  const clock = new FakeClock();
  const target = { cluster: 'demo', service: 'web', taskDefinitionArn: TD8, previousTaskDefinitionArn: TD7, updatedAt: new Date(clock.now()), updateResponse };
  const observer = new DeploymentObserver(new ECSClient({ region: 'eu-west-1' }), target, { timeoutMs: 600_000, pollIntervalMs: 5_000, rollbackOnFailure: true, clock }, undefined, rollingBack);
  observer.serviceDeploymentArn = SD;
  observer.last = { service: service(), serviceDeployment: sd };
  return { observer, pause: awaitingPause(sd)! };
}

/** A check that passes or fails, having checked the given tasks; records the green tasks it was given. */
function checkThat(passed: boolean, tasksChecked = [GREEN_TASK]) {
  const given: unknown[] = [];
  const check = {
    name: 'the smoke check',
    worstCase: { ms: 60_000, words: '1 task' },
    run: async (green: unknown) => {
      given.push(green);
      return { passed, sentence: `the smoke check ${passed ? 'passed' : 'failed'} on 1 task(s)`, tasksChecked };
    },
  };
  return { gate: { stages: new Set(['POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT']), checks: [check] }, given };
}

const answers = () => ecs.commandCalls(ContinueServiceDeploymentCommand).map((call) => call.args[0].input.action);

describe('which pauses are answered, and with what', () => {
  it.each(['RECONCILE_SERVICE', 'PRE_SCALE_UP'])('a pause at %s is left to its owner: no check, no answer', async (stage) => {
    const sd = deployment({}, stage);
    const { observer, pause } = observerAt(sd);
    const { gate, given } = checkThat(true);
    expect(await answerPause(observer, pause, gate)).toEqual({ kind: 'continued' });
    expect(given).toHaveLength(0);
    expect(answers()).toEqual([]);
    expect(core.info).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^Paused at ${stage} \\(PAUSE hook ${HOOK}, .*\\): left to its owner: .*the green tasks have not started at ${stage}\\.$`)));
  });

  it('a pause that reads POST_TEST_TRAFFIC_SHIFT with hooks declared there and before production is answered only when both stages are', async () => {
    const sd = deployment({ deploymentConfiguration: { lifecycleHooks: [PAUSED_AT('POST_TEST_TRAFFIC_SHIFT'), PAUSED_AT('PRE_PRODUCTION_TRAFFIC_SHIFT')] } });
    const { observer, pause } = observerAt(sd);
    const { gate, given } = checkThat(true);
    expect(await answerPause(observer, pause, { ...gate, stages: new Set(['POST_TEST_TRAFFIC_SHIFT']) })).toEqual({ kind: 'continued' });
    expect(given).toHaveLength(0);
    expect(answers()).toEqual([]);
  });

  it('checks the tasks our deployment started, then CONTINUE on the hook ECS still shows AWAITING_ACTION', async () => {
    const sd = deployment();
    ecsShows(sd);
    const { observer, pause } = observerAt(sd);
    const { gate, given } = checkThat(true);
    expect(await answerPause(observer, pause, gate)).toEqual({ kind: 'continued' });
    expect(given).toEqual([{ deploymentId: OURS, taskDefinitionArn: TD8 }]);
    expect(ecs.commandCalls(ContinueServiceDeploymentCommand).map((call) => call.args[0].input)).toEqual([{ serviceDeploymentArn: SD, hookId: HOOK, action: 'CONTINUE' }]);
  });

  it.each([
    ['a check that passed without checking a green task', { passed: true, tasks: [] as string[] }, true],
    ['a check that failed', { passed: false, tasks: [GREEN_TASK] }, true],
    ['our deployment id unknown (its tasks cannot be told apart)', { passed: true, tasks: [GREEN_TASK] }, false],
  ])('never CONTINUE: %s is answered ROLLBACK', async (_, result, idKnown) => {
    const sd = deployment();
    ecsShows(sd);
    const { observer, pause } = observerAt(sd, { idKnown });
    const { gate } = checkThat(result.passed, result.tasks);
    const end = await answerPause(observer, pause, gate);
    expect(end.kind).toBe('rolling-back');
    expect(answers()).toEqual(['ROLLBACK']);
  });
});

describe('the end of the pause, read again after the check', () => {
  it.each([
    ['timed out with ROLLBACK, check passed: red, followed as ECS rolls back', true, hook({ status: 'TIMED_OUT' }), 'ROLLBACK_IN_PROGRESS', 'rolling-back', /^The smoke check passed .* at POST_TEST_TRAFFIC_SHIFT, but the pause expired before the check finished: ECS took the hook's timeout action ROLLBACK$/],
    ['timed out with CONTINUE, check passed: watched on', true, hook({ status: 'TIMED_OUT', timeoutAction: 'CONTINUE' }), 'IN_PROGRESS', 'continued', undefined],
    ['timed out with CONTINUE, check failed: the action must roll back', false, hook({ status: 'TIMED_OUT', timeoutAction: 'CONTINUE' }), 'SUCCESSFUL', 'failed', /; the pause expired before the check finished: ECS took the hook's timeout action CONTINUE$/],
    ['someone else answered ROLLBACK, check failed: followed', false, hook({ status: 'FAILED' }), 'ROLLBACK_IN_PROGRESS', 'rolling-back', /the pause ended before the action answered \(PAUSE hook ecs-pause-1 is FAILED; service deployment ROLLBACK_IN_PROGRESS\)$/],
  ])('%s; nothing is answered', async (_, passed, after, status, kind, intro) => {
    const { observer, pause } = observerAt(deployment());
    ecsShows(deployment({ status: status as 'IN_PROGRESS', lifecycleHookDetails: [after], ...(status.startsWith('ROLLBACK') ? { rollback: { startedAt: new Date() } } : {}) }));
    const end = await answerPause(observer, pause, checkThat(passed).gate);
    expect(end.kind).toBe(kind);
    if (intro && 'failure' in end) expect(end.failure.intro).toMatch(intro);
    expect(answers()).toEqual([]);
  });

  it.each([
    ['our service deployment was STOPPED by a newer one', deployment({ status: 'STOPPED', lifecycleHookDetails: [hook({ status: 'SUCCEEDED' })] }), service({ currentServiceDeployment: OTHER_SD })],
    ['another service deployment is current', deployment(), service({ currentServiceDeployment: OTHER_SD })],
  ])('superseded when %s: nothing written, whatever the check said', async (_, sd, svc) => {
    for (const passed of [true, false]) {
      const { observer, pause } = observerAt(deployment());
      ecsShows(sd, svc);
      const end = await answerPause(observer, pause, checkThat(passed).gate);
      expect(end.kind).toBe('ended');
      if (end.kind === 'ended') expect(end.outcome.verdict).toBe('superseded');
    }
    expect(answers()).toEqual([]);
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0);
  });

  it('a CONTINUE refused because ECS already shows it taken (its reply was lost) is read as continued', async () => {
    const { observer, pause } = observerAt(deployment());
    ecs
      .on(DescribeServiceDeploymentsCommand)
      .resolvesOnce({ serviceDeployments: [deployment()] })
      .resolves({ serviceDeployments: [deployment({ lifecycleHookDetails: [hook({ status: 'SUCCEEDED' })] })] });
    ecs.on(DescribeServicesCommand).resolves({ services: [service()], failures: [] });
    ecs.on(ContinueServiceDeploymentCommand).rejects(Object.assign(new Error('The lifecycle hook is SUCCEEDED'), { name: 'ClientException', $metadata: { httpStatusCode: 400 } }));
    expect(await answerPause(observer, pause, checkThat(true).gate)).toEqual({ kind: 'continued' });
    expect(core.info).toHaveBeenCalledWith(expect.stringContaining(`PAUSE hook ${HOOK} is SUCCEEDED: the CONTINUE took effect, though its reply was lost, so the action watches on.`));
  });

  it('a CONTINUE refused while the hook still awaits action ends red, saying what ECS does at expiry', async () => {
    const { observer, pause } = observerAt(deployment());
    ecsShows(deployment());
    ecs.on(ContinueServiceDeploymentCommand).rejects(Object.assign(new Error('User is not authorized to perform: ecs:ContinueServiceDeployment'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
    const end = await answerPause(observer, pause, checkThat(true).gate);
    expect(end.kind).toBe('ended');
    if (end.kind === 'ended') {
      expect(end.outcome.verdict).toBe('failed');
      expect(end.outcome.sentence).toContain('but the pause could not be continued');
      expect(end.outcome.sentence).toContain('when ECS rolls the deployment back on its own.');
    }
  });
});

describe("a rollback deployment's pause", () => {
  it('without checks: CONTINUE at once, even before its tasks exist', async () => {
    const { observer, pause } = observerAt(deployment({}, 'PRE_SCALE_UP'), { rollingBack: true });
    expect(await answerPause(observer, pause, { stages: new Set(['POST_TEST_TRAFFIC_SHIFT']), checks: [] })).toEqual({ kind: 'continued' });
    expect(answers()).toEqual(['CONTINUE']);
  });

  it('a failed check leaves the pause: no ROLLBACK (it would put the bad revision back), and says what ECS does at expiry', async () => {
    const { observer, pause } = observerAt(deployment(), { rollingBack: true });
    const end = await answerPause(observer, pause, checkThat(false).gate);
    expect(answers()).toEqual([]);
    expect(end.kind).toBe('ended');
    if (end.kind === 'ended') {
      expect(end.outcome.sentence).toBe(
        `The rollback to web:8 is paused at POST_TEST_TRAFFIC_SHIFT (PAUSE hook ${HOOK}) and the smoke check failed on 1 task(s) in the web:8 tasks of the rollback (task 1a2b3c): the action leaves the pause, since ROLLBACK would put web:7 back. It expires at 2026-03-02T11:00:00.000Z, when ECS rolls the deployment back on its own (to web:7).`,
      );
    }
  });
});
