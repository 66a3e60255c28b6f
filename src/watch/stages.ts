/**
 * BLUE_GREEN, LINEAR and CANARY deployments as the watch sees them: the lifecycle stage, the
 * hooks, the traffic weights and bake time, printed as they change, and the words for a pause
 * or a failure. ROLLING deployments report no stage, so nothing here prints for them.
 */
import * as core from '@actions/core';
import type { DeploymentConfiguration, DeploymentLifecycleHookDetail, ServiceDeployment } from '@aws-sdk/client-ecs';
import type { TimelineEntry } from '../report/types.js';
import { duration, plural } from './wording.js';

export const STAGED_STRATEGIES = new Set(['BLUE_GREEN', 'LINEAR', 'CANARY']);
/** ServiceDeployment.lifecycleStage in the order ECS goes through them. */
const STAGE_ORDER = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

/** A PAUSE hook waiting for ContinueServiceDeployment, as ECS shows it. */
export interface Pause {
  hookId: string;
  stage: string;
  expiresAt?: Date;
  timeoutAction?: string;
}

/** The PAUSE hook our deployment waits at, while it is IN_PROGRESS. */
export function awaitingPause(sd: ServiceDeployment | undefined): Pause | undefined {
  if (sd?.status !== 'IN_PROGRESS') return undefined;
  const hook = sd.lifecycleHookDetails?.find((detail) => detail.targetType === 'PAUSE' && detail.status === 'AWAITING_ACTION' && detail.hookId);
  if (!hook) return undefined;
  return { hookId: hook.hookId!, stage: sd.lifecycleStage ?? 'an unknown stage', expiresAt: hook.expiresAt, timeoutAction: hook.timeoutAction };
}

/** Whether production traffic had not reached the target revision at this stage and weight. */
export function beforeProduction(sd: ServiceDeployment | undefined, maxProductionWeight: number): boolean {
  const stage = STAGE_ORDER.indexOf(sd?.lifecycleStage ?? '');
  const weight = sd?.targetServiceRevision?.requestedProductionTrafficWeight;
  if (maxProductionWeight > 0 || (weight !== undefined && weight > 0)) return false;
  return (stage >= 0 && stage < STAGE_ORDER.indexOf('PRODUCTION_TRAFFIC_SHIFT')) || weight === 0;
}

/** "it expires at 12:34:56 UTC, when ECS rolls the deployment back" */
export function atExpiry(pause: Pause): string {
  const when = pause.expiresAt ? `it expires at ${pause.expiresAt.toISOString()}` : 'it expires at a time ECS did not report';
  const what = pause.timeoutAction === 'CONTINUE' ? 'ECS continues the deployment on its own' : 'ECS rolls the deployment back on its own';
  return `${when}, when ${what}`;
}

/** The sentence a cancelled run adds when our deployment is paused: nobody acts on it, ECS will at expiry. */
export function pausedNote(sd: ServiceDeployment | undefined): string {
  const pause = awaitingPause(sd);
  if (!pause) return '';
  return ` The deployment is paused at ${pause.stage} (PAUSE hook ${pause.hookId}, AWAITING_ACTION) and the action did not act on it; ${atExpiry(pause)}.`;
}

/**
 * Why a staged deployment failed, from ECS's own records: which hook failed at which stage, or
 * which alarm fired during which stage, and what runs now. Undefined when nothing explains it.
 */
export function stagedFailure(sd: ServiceDeployment | undefined, lastForwardStage?: string): string | undefined {
  if (!sd?.lifecycleStage) return undefined;
  // A rollback moves through stages of its own: the failure happened at the last stage seen going forward.
  const stage = lastForwardStage ?? sd.lifecycleStage;
  const back = sd.status?.startsWith('ROLLBACK') ? ' ECS is moving traffic back to the blue revision, which kept running, and then stops the green tasks.' : '';
  const hook = sd.lifecycleHookDetails?.find(
    (detail) => detail.status === 'FAILED' || (detail.status === 'TIMED_OUT' && detail.timeoutAction !== 'CONTINUE'),
  );
  if (hook) {
    const which = hook.targetType === 'PAUSE' ? `PAUSE hook ${hook.hookId}` : `Lambda hook ${hook.targetArn ?? '(no ARN)'} (hook ${hook.hookId})`;
    const what = hook.status === 'TIMED_OUT' ? `timed out (timeout action ${hook.timeoutAction ?? 'ROLLBACK'})` : hook.targetType === 'PAUSE' ? 'was answered ROLLBACK' : 'returned FAILED';
    return `${which} ${what} during ${stage}.${back}`;
  }
  if (sd.alarms?.status === 'TRIGGERED') {
    const names = sd.alarms.triggeredAlarmNames?.join(', ') || 'a deployment alarm';
    return `CloudWatch alarm ${names} went into ALARM during ${stage}.${back}`;
  }
  return undefined;
}

/**
 * The least time a deployment with this configuration can take: bake time, plus the waits
 * between linear steps or after the canary. Undefined for ROLLING.
 */
export function leastDurationMinutes(configuration: DeploymentConfiguration | undefined): number | undefined {
  if (!configuration?.strategy || !STAGED_STRATEGIES.has(configuration.strategy)) return undefined;
  let minutes = configuration.bakeTimeInMinutes ?? 0;
  if (configuration.strategy === 'LINEAR') {
    const step = configuration.linearConfiguration?.stepPercent ?? 10;
    minutes += (Math.ceil(100 / step) - 1) * (configuration.linearConfiguration?.stepBakeTimeInMinutes ?? 6);
  }
  if (configuration.strategy === 'CANARY') minutes += configuration.canaryConfiguration?.canaryBakeTimeInMinutes ?? 10;
  return minutes;
}

/** Warns before the deployment starts when wait-for-minutes cannot cover the strategy's least duration. */
export function warnIfDeadlineTooShort(configuration: DeploymentConfiguration | undefined, waitForMinutes: number): void {
  const least = leastDurationMinutes(configuration);
  if (least === undefined || waitForMinutes >= least) return;
  const parts = [`bake time ${configuration?.bakeTimeInMinutes ?? 0} min`];
  if (configuration?.strategy === 'LINEAR') parts.push('the waits between linear steps');
  if (configuration?.strategy === 'CANARY') parts.push('the canary bake time');
  core.warning(
    `wait-for-minutes is ${waitForMinutes}, but a ${configuration?.strategy} deployment of this service takes at least ${plural(least, 'minute')} (${parts.join(' and ')}), so the watch will run out of time before ECS can finish. Raise 'wait-for-minutes' above ${least}.`,
  );
}

/** Prints a staged deployment's progress as it changes and keeps its stages, with durations, on the timeline. */
export class StageLog {
  /** The highest production weight seen on the target revision. */
  maxProductionWeight = 0;
  /** The last stage seen while the deployment was IN_PROGRESS (not rolling back). */
  forwardStage?: string;
  private stage?: TimelineEntry & { stage: string };
  private readonly hooks = new Map<string, string>();
  private weights?: string;
  private bakeMinuteShown?: number;
  private readonly pausesReported = new Set<string>();

  constructor(
    private readonly timeline: TimelineEntry[],
    private readonly now: () => number,
    private readonly prefix: () => string,
  ) {}

  see(sd: ServiceDeployment | undefined): void {
    if (!sd?.lifecycleStage) return;
    if (sd.status === 'IN_PROGRESS') this.forwardStage = sd.lifecycleStage;
    this.seeStage(sd);
    for (const hook of sd.lifecycleHookDetails ?? []) this.seeHook(hook);
    this.seeWeights(sd);
    this.seeBake(sd);
    this.seePause(sd);
  }

  private seeStage(sd: ServiceDeployment): void {
    const stage = sd.lifecycleStage!;
    if (this.stage?.stage === stage) return;
    const at = new Date(this.now());
    this.closeStage(at);
    core.info(`${this.prefix()}stage ${stage} started at ${at.toISOString()}`);
    this.stage = { stage, label: `Stage ${stage}`, at };
    this.timeline.push(this.stage);
  }

  /** Gives the last stage its duration once the next one (or the end) is seen. */
  closeStage(at = new Date(this.now())): void {
    if (!this.stage) return;
    this.stage.label = `Stage ${this.stage.stage} (${duration(at.getTime() - this.stage.at.getTime())})`;
  }

  private seeHook(hook: DeploymentLifecycleHookDetail): void {
    const id = hook.hookId ?? '?';
    if (this.hooks.get(id) === hook.status) return;
    this.hooks.set(id, hook.status ?? '?');
    const target = hook.targetType === 'PAUSE' ? 'PAUSE hook' : `Lambda hook ${hook.targetArn ?? ''}`.trim();
    core.info(`${this.prefix()}${target} ${id}: ${hook.status}`);
  }

  private seeWeights(sd: ServiceDeployment): void {
    const target = sd.targetServiceRevision;
    if (target?.requestedProductionTrafficWeight === undefined && target?.requestedTestTrafficWeight === undefined) return;
    this.maxProductionWeight = Math.max(this.maxProductionWeight, target.requestedProductionTrafficWeight ?? 0);
    const line = `traffic on the target revision: production ${target.requestedProductionTrafficWeight ?? '?'}%, test ${target.requestedTestTrafficWeight ?? '?'}%`;
    if (line === this.weights) return;
    this.weights = line;
    core.info(`${this.prefix()}${line}`);
  }

  private seeBake(sd: ServiceDeployment): void {
    if (sd.lifecycleStage !== 'BAKE_TIME' || !this.stage) return;
    const total = (sd.deploymentConfiguration?.bakeTimeInMinutes ?? 0) * 60_000;
    const left = Math.max(0, total - (this.now() - this.stage.at.getTime()));
    const minute = Math.ceil(left / 60_000);
    if (minute === this.bakeMinuteShown) return;
    this.bakeMinuteShown = minute;
    core.info(`${this.prefix()}bake time: about ${duration(left)} left`);
  }

  /** A pause is reported once: where, which hook, when it expires and what ECS then does. */
  private seePause(sd: ServiceDeployment): void {
    const pause = awaitingPause(sd);
    if (!pause || this.pausesReported.has(pause.hookId)) return;
    this.pausesReported.add(pause.hookId);
    core.info(`${this.prefix()}paused at ${pause.stage}: PAUSE hook ${pause.hookId} is AWAITING_ACTION; ${atExpiry(pause)}.`);
  }
}
