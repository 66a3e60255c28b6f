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
/** DeploymentLifecycleHookTimeoutConfiguration.timeoutInMinutes when the hook sets none. */
const DEFAULT_HOOK_TIMEOUT_MINUTES = 1440;
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

/**
 * The hook stages at which the target revision's (green) tasks run, so a check can run in them:
 * the pauses the action answers unless pause-stages says fewer. The last is after production
 * traffic reached the green tasks. RECONCILE_SERVICE and PRE_SCALE_UP come before any green task
 * exists ("The green service revision has not started": API reference, DeploymentLifecycleHook).
 */
export const GREEN_PAUSE_STAGES = ['POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'] as const;
/** Every stage a PAUSE hook may be declared at (not TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT, which are for Lambda hooks). */
const PAUSE_HOOK_STAGES: readonly string[] = ['RECONCILE_SERVICE', 'PRE_SCALE_UP', ...GREEN_PAUSE_STAGES];
/**
 * The hook stages a pause may be at, by the lifecycleStage ECS reports with it. The hook detail
 * names no stage, and ServiceDeployment.lifecycleStage has no PRE_PRODUCTION_TRAFFIC_SHIFT: a pause
 * there reads as the stage before the shift or the shift itself (which one is not documented).
 */
const PAUSE_STAGES_BY_LIFECYCLE_STAGE: Record<string, readonly string[]> = {
  RECONCILE_SERVICE: ['RECONCILE_SERVICE'],
  PRE_SCALE_UP: ['PRE_SCALE_UP'],
  POST_SCALE_UP: ['POST_SCALE_UP'],
  POST_TEST_TRAFFIC_SHIFT: ['POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT'],
  PRODUCTION_TRAFFIC_SHIFT: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
  POST_PRODUCTION_TRAFFIC_SHIFT: ['POST_PRODUCTION_TRAFFIC_SHIFT'],
};

/** A PAUSE hook waiting for ContinueServiceDeployment, as ECS shows it. */
export interface Pause {
  hookId: string;
  /** The hook stage when it is certain, else the lifecycleStage ECS reports: for the log. */
  stage: string;
  /** Every hook stage the pause may be at: a pause is answered only when all of them are answered stages. */
  hookStages: readonly string[];
  expiresAt?: Date;
  timeoutAction?: string;
}

/**
 * The hook stages this deployment's pause may be at: those the reported lifecycleStage allows,
 * narrowed to the stages its configuration declares a PAUSE hook at. An unexpected lifecycleStage
 * may be any of them.
 */
function pauseHookStages(sd: ServiceDeployment): readonly string[] {
  const declared = new Set<string>(
    (sd.deploymentConfiguration?.lifecycleHooks ?? []).filter((hook) => hook.targetType === 'PAUSE').flatMap((hook) => hook.lifecycleStages ?? []),
  );
  const possible = PAUSE_STAGES_BY_LIFECYCLE_STAGE[sd.lifecycleStage ?? ''] ?? PAUSE_HOOK_STAGES;
  const narrowed = possible.filter((stage) => declared.has(stage));
  return narrowed.length > 0 ? narrowed : possible;
}

/** The PAUSE hook our deployment waits at, while it is IN_PROGRESS. */
export function awaitingPause(sd: ServiceDeployment | undefined): Pause | undefined {
  if (sd?.status !== 'IN_PROGRESS') return undefined;
  const hook = sd.lifecycleHookDetails?.find((detail) => detail.targetType === 'PAUSE' && detail.status === 'AWAITING_ACTION' && detail.hookId);
  if (!hook) return undefined;
  const hookStages = pauseHookStages(sd);
  const stage = hookStages.length === 1 ? hookStages[0] : (sd.lifecycleStage ?? 'an unknown stage');
  return { hookId: hook.hookId!, stage, hookStages, expiresAt: hook.expiresAt, timeoutAction: hook.timeoutAction };
}

/** Whether the pause is certainly at one of `stages`. */
export function pauseAtStages(pause: Pause, stages: ReadonlySet<string> | readonly string[]): boolean {
  const set = new Set(stages);
  return pause.hookStages.every((stage) => set.has(stage));
}

/** The pause in words for the log: "PAUSE hook <id>, expires at <time>, timeout action ROLLBACK". */
export function pauseFacts(pause: Pause): string {
  const expires = pause.expiresAt ? `expires at ${pause.expiresAt.toISOString()}` : 'expiry not reported';
  return `PAUSE hook ${pause.hookId}, ${expires}, timeout action ${pause.timeoutAction ?? 'ROLLBACK'}`;
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

/**
 * Warns before the deployment starts when the checks at a pause can outlast the shortest timeout
 * of a PAUSE hook the action answers: ECS would then take the timeout action during the check.
 */
export function warnIfPauseMayExpire(
  configuration: DeploymentConfiguration | undefined,
  answered: ReadonlySet<string>,
  worstCase: { ms: number; words: string },
): void {
  const hooks = (configuration?.lifecycleHooks ?? []).filter(
    (hook) => hook.targetType === 'PAUSE' && (hook.lifecycleStages ?? []).some((stage) => answered.has(stage)),
  );
  const minutesOf = (hook: (typeof hooks)[number]) => hook.timeoutConfiguration?.timeoutInMinutes ?? DEFAULT_HOOK_TIMEOUT_MINUTES;
  const shortest = hooks.sort((a, b) => minutesOf(a) - minutesOf(b))[0];
  if (!shortest || worstCase.ms <= minutesOf(shortest) * 60_000) return;
  const stages = (shortest.lifecycleStages ?? []).filter((stage) => answered.has(stage)).join(', ');
  const action = shortest.timeoutConfiguration?.action ?? 'ROLLBACK';
  const ecs = action === 'CONTINUE' ? 'continues the deployment' : 'rolls the deployment back';
  core.warning(
    `The checks at a pause can take up to ${duration(worstCase.ms)} (${worstCase.words}), longer than the ${minutesOf(shortest)}-minute timeout of the PAUSE hook at ${stages} (timeout action ${action}): if the hook expires during the check, ECS ${ecs} on its own; the action then acts on what ECS did. Raise the hook's timeoutInMinutes, or lower smoke-timeout-seconds, smoke-retries or smoke-tasks.`,
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
