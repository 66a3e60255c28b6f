/**
 * Staged deployments in words: the pause the action may answer, whether production traffic had
 * reached green, why a staged deployment failed, the least duration of a strategy, and what the
 * stage log prints as ECS's answers change.
 */
import { jest, describe, it, expect, beforeEach } from '@jest/globals';
import type { DeploymentConfiguration, ServiceDeployment } from '@aws-sdk/client-ecs';
import * as core from '../../__fixtures__/core.js';

jest.unstable_mockModule('@actions/core', () => core);
const { awaitingPause, beforeProduction, GREEN_PAUSE_STAGES, leastDurationMinutes, pauseAtStages, pausedNote, stagedFailure, StageLog, warnIfDeadlineTooShort, warnIfPauseMayExpire } =
  await import('../../src/watch/stages.js');

const EXPIRES = new Date('2026-12-01T13:00:00Z');
const pauseHook = { hookId: 'ecs-pause-1', targetType: 'PAUSE', status: 'AWAITING_ACTION', expiresAt: EXPIRES, timeoutAction: 'ROLLBACK' } as const;
const sd = (over: Partial<ServiceDeployment>): ServiceDeployment => ({ status: 'IN_PROGRESS', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', ...over });

beforeEach(() => {
  jest.clearAllMocks();
});

describe('awaitingPause', () => {
  it.each([
    ['a PAUSE hook AWAITING_ACTION of a deployment IN_PROGRESS', sd({ lifecycleHookDetails: [pauseHook] }), 'ecs-pause-1'],
    ['a deployment rolling back', sd({ status: 'ROLLBACK_IN_PROGRESS', lifecycleHookDetails: [pauseHook] }), undefined],
    ['a PAUSE hook already answered', sd({ lifecycleHookDetails: [{ ...pauseHook, status: 'SUCCEEDED' }] }), undefined],
    ['a Lambda hook in progress', sd({ lifecycleHookDetails: [{ hookId: 'l', targetType: 'AWS_LAMBDA', status: 'IN_PROGRESS' }] }), undefined],
  ])('%s', (_, deployment, hookId) => {
    expect(awaitingPause(deployment)?.hookId).toBe(hookId);
  });

  it('says what ECS does at expiry when nobody answers', () => {
    expect(pausedNote(sd({ lifecycleHookDetails: [pauseHook] }))).toBe(
      ' The deployment is paused at POST_TEST_TRAFFIC_SHIFT (PAUSE hook ecs-pause-1, AWAITING_ACTION) and the action did not act on it; it expires at 2026-12-01T13:00:00.000Z, when ECS rolls the deployment back on its own.',
    );
  });
});

describe('the hook stage of a pause', () => {
  const declared = (...stages: string[]) => ({ lifecycleHooks: stages.map((stage) => ({ targetType: 'PAUSE' as const, lifecycleStages: [stage as 'POST_SCALE_UP'] })) });
  // ServiceDeployment.lifecycleStage has no PRE_PRODUCTION_TRAFFIC_SHIFT: a pause there reads as the stage before the shift or the shift.
  it.each<[string, string, DeploymentConfiguration | undefined, string[], boolean]>([
    ['RECONCILE_SERVICE', 'RECONCILE_SERVICE', declared('RECONCILE_SERVICE'), ['RECONCILE_SERVICE'], false],
    ['PRE_SCALE_UP', 'PRE_SCALE_UP', declared('PRE_SCALE_UP'), ['PRE_SCALE_UP'], false],
    ['POST_SCALE_UP', 'POST_SCALE_UP', declared('POST_SCALE_UP'), ['POST_SCALE_UP'], true],
    ['POST_TEST_TRAFFIC_SHIFT, declared there', 'POST_TEST_TRAFFIC_SHIFT', declared('POST_TEST_TRAFFIC_SHIFT'), ['POST_TEST_TRAFFIC_SHIFT'], true],
    ['POST_TEST_TRAFFIC_SHIFT, declared before production only', 'POST_TEST_TRAFFIC_SHIFT', declared('PRE_PRODUCTION_TRAFFIC_SHIFT'), ['PRE_PRODUCTION_TRAFFIC_SHIFT'], true],
    ['POST_TEST_TRAFFIC_SHIFT, configuration not shown', 'POST_TEST_TRAFFIC_SHIFT', undefined, ['POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT'], true],
    ['PRODUCTION_TRAFFIC_SHIFT (a linear step)', 'PRODUCTION_TRAFFIC_SHIFT', declared('PRE_PRODUCTION_TRAFFIC_SHIFT'), ['PRE_PRODUCTION_TRAFFIC_SHIFT'], true],
    ['POST_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', declared('POST_PRODUCTION_TRAFFIC_SHIFT'), ['POST_PRODUCTION_TRAFFIC_SHIFT'], true],
    ['a stage no PAUSE hook sits at (BAKE_TIME): any declared stage', 'BAKE_TIME', declared('PRE_SCALE_UP', 'POST_SCALE_UP'), ['PRE_SCALE_UP', 'POST_SCALE_UP'], false],
  ])('%s', (_, lifecycleStage, deploymentConfiguration, hookStages, green) => {
    const pause = awaitingPause(sd({ lifecycleStage: lifecycleStage as 'POST_SCALE_UP', deploymentConfiguration, lifecycleHookDetails: [pauseHook] }))!;
    expect(pause.hookStages).toEqual(hookStages);
    expect(pause.stage).toBe(hookStages.length === 1 ? hookStages[0] : lifecycleStage);
    expect(pauseAtStages(pause, GREEN_PAUSE_STAGES)).toBe(green);
  });
});

describe('beforeProduction', () => {
  it.each([
    ['POST_TEST_TRAFFIC_SHIFT, no weight reported', sd({}), 0, true],
    ['PRODUCTION_TRAFFIC_SHIFT at 0% (first linear step)', sd({ lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', targetServiceRevision: { requestedProductionTrafficWeight: 0 } }), 0, true],
    ['PRODUCTION_TRAFFIC_SHIFT at 50%', sd({ lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', targetServiceRevision: { requestedProductionTrafficWeight: 50 } }), 0, false],
    ['a weight seen earlier', sd({ lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', targetServiceRevision: { requestedProductionTrafficWeight: 0 } }), 10, false],
    ['POST_PRODUCTION_TRAFFIC_SHIFT without weights', sd({ lifecycleStage: 'POST_PRODUCTION_TRAFFIC_SHIFT' }), 0, false],
  ])('%s', (_, deployment, seen, expected) => {
    expect(beforeProduction(deployment, seen)).toBe(expected);
  });
});

describe('stagedFailure', () => {
  it('names the Lambda hook and the stage seen going forward, not the rollback stage', () => {
    const failed = sd({
      status: 'ROLLBACK_IN_PROGRESS',
      lifecycleStage: 'CLEAN_UP',
      lifecycleHookDetails: [{ hookId: 'h1', targetType: 'AWS_LAMBDA', targetArn: 'arn:aws:lambda:us-east-1:1:function:check', status: 'FAILED' }],
    });
    expect(stagedFailure(failed, 'POST_TEST_TRAFFIC_SHIFT')).toBe(
      'Lambda hook arn:aws:lambda:us-east-1:1:function:check (hook h1) returned FAILED during POST_TEST_TRAFFIC_SHIFT. ECS is moving traffic back to the blue revision, which kept running, and then stops the green tasks.',
    );
  });

  it('a hook that timed out with CONTINUE is no failure; an alarm is', () => {
    const timedOut = sd({ lifecycleHookDetails: [{ ...pauseHook, status: 'TIMED_OUT', timeoutAction: 'CONTINUE' }] });
    expect(stagedFailure(timedOut)).toBeUndefined();
    const alarm = sd({ lifecycleStage: 'BAKE_TIME', alarms: { status: 'TRIGGERED', triggeredAlarmNames: ['web-5xx'] } });
    expect(stagedFailure(alarm)).toBe('CloudWatch alarm web-5xx went into ALARM during BAKE_TIME.');
  });

  it('says nothing for a ROLLING deployment', () => {
    expect(stagedFailure({ status: 'ROLLBACK_IN_PROGRESS' })).toBeUndefined();
  });
});

describe('least duration and the deadline warning', () => {
  it.each<[DeploymentConfiguration, number | undefined]>([
    [{ strategy: 'ROLLING' }, undefined],
    [{ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 15 }, 15],
    [{ strategy: 'LINEAR', bakeTimeInMinutes: 5, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 4 } }, 17],
    [{ strategy: 'LINEAR' }, 54],
    [{ strategy: 'CANARY', bakeTimeInMinutes: 5 }, 15],
  ])('%o: %s minutes', (configuration, minutes) => {
    expect(leastDurationMinutes(configuration)).toBe(minutes);
  });

  it('warns only when wait-for-minutes is below it', () => {
    warnIfDeadlineTooShort({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 15 }, 30);
    expect(core.warning).not.toHaveBeenCalled();
    warnIfDeadlineTooShort({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 45 }, 30);
    expect(core.warning).toHaveBeenCalledWith(
      "wait-for-minutes is 30, but a BLUE_GREEN deployment of this service takes at least 45 minutes (bake time 45 min), so the watch will run out of time before ECS can finish. Raise 'wait-for-minutes' above 45.",
    );
  });
});

describe('the warning when a pause may expire during the checks', () => {
  const configuration: DeploymentConfiguration = {
    strategy: 'BLUE_GREEN',
    lifecycleHooks: [
      { targetType: 'PAUSE', lifecycleStages: ['PRE_SCALE_UP'], timeoutConfiguration: { timeoutInMinutes: 1, action: 'ROLLBACK' } },
      { targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 30, action: 'CONTINUE' } },
      { targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] },
    ],
  };
  const answered = new Set(GREEN_PAUSE_STAGES);

  it('compares the worst case with the shortest timeout of a hook the action answers (not one left to its owner)', () => {
    warnIfPauseMayExpire(configuration, answered, { ms: 31 * 60_000, words: 'the smoke check: 1 task' });
    expect(core.warning).toHaveBeenCalledWith(
      "The checks at a pause can take up to 31 minutes (the smoke check: 1 task), longer than the 30-minute timeout of the PAUSE hook at POST_TEST_TRAFFIC_SHIFT (timeout action CONTINUE): if the hook expires during the check, ECS continues the deployment on its own; the action then acts on what ECS did. Raise the hook's timeoutInMinutes, or lower smoke-timeout-seconds, smoke-retries or smoke-tasks.",
    );
  });

  it.each([
    ['a worst case within the shortest timeout', answered, 30 * 60_000],
    ['no answered stage declares a hook', new Set(['POST_PRODUCTION_TRAFFIC_SHIFT']), 10_000 * 60_000],
  ])('says nothing for %s', (_, stages, ms) => {
    warnIfPauseMayExpire(configuration, stages, { ms, words: '' });
    expect(core.warning).not.toHaveBeenCalled();
  });

  it('counts a hook without a timeout at its default of 1440 minutes', () => {
    warnIfPauseMayExpire(configuration, new Set(['POST_SCALE_UP']), { ms: 1441 * 60_000, words: '' });
    expect(core.warning).toHaveBeenCalledWith(expect.stringContaining('the 1440-minute timeout of the PAUSE hook at POST_SCALE_UP (timeout action ROLLBACK)'));
  });
});

describe('StageLog', () => {
  it('prints stages, hooks, weights and the pause once each, and gives stages their durations', () => {
    let now = Date.parse('2026-12-01T12:00:00Z');
    const timeline: { label: string; at: Date }[] = [];
    const log = new StageLog(timeline, () => now, () => '');
    const scaling = sd({ lifecycleStage: 'SCALE_UP' });
    log.see(scaling);
    log.see(scaling);
    now += 90_000;
    const paused = sd({ lifecycleHookDetails: [pauseHook], targetServiceRevision: { requestedProductionTrafficWeight: 0, requestedTestTrafficWeight: 100 } });
    log.see(paused);
    log.see(paused);
    log.closeStage();
    expect(core.info.mock.calls.map(([line]) => line)).toEqual([
      'stage SCALE_UP started at 2026-12-01T12:00:00.000Z',
      'stage POST_TEST_TRAFFIC_SHIFT started at 2026-12-01T12:01:30.000Z',
      'PAUSE hook ecs-pause-1: AWAITING_ACTION',
      'traffic on the target revision: production 0%, test 100%',
      'paused at POST_TEST_TRAFFIC_SHIFT: PAUSE hook ecs-pause-1 is AWAITING_ACTION; it expires at 2026-12-01T13:00:00.000Z, when ECS rolls the deployment back on its own.',
    ]);
    expect(timeline.map((entry) => entry.label)).toEqual(['Stage SCALE_UP (1.5 minutes)', 'Stage POST_TEST_TRAFFIC_SHIFT (0 seconds)']);
  });
});
