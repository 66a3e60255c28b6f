/**
 * Advice on the settings that made this deploy slow, one rule per setting. A rule speaks only
 * when this deploy's critical path shows the time its setting accounts for (at least a quarter
 * of the wall time, the image pull two fifths) and the setting, as read from AWS, could have
 * been set to save it. Savings scale with the measured time (a proportion, never a guess in
 * absolute seconds), so they hold whatever the clock. Pure.
 */
import { megabytes } from './breakdown.js';
import type { Advice, PhaseName, TimedPhase } from './types.js';

/** A rule speaks when its phases take at least this share of the deploy's wall time. */
export const COST_SHARE = 0.25;
/** The image pull must dominate: at least this share, and the largest kind of phase. */
export const PULL_SHARE = 0.4;
/** Savings below this are noise. */
export const MIN_SAVE_SECONDS = 1;
/** "Optimize load balancer connection draining parameters for Amazon ECS": 5 s for services answering within a second. */
export const SUGGESTED_DELAY_SECONDS = 5;
/** "Optimize load balancer health check parameters for Amazon ECS": interval 5, healthy threshold 2. */
export const SUGGESTED_INTERVAL_SECONDS = 5;
export const SUGGESTED_HEALTHY_THRESHOLD = 2;
/** A grace period shorter than this costs little; longer ones are what slows a failing deploy. */
export const GRACE_WORTH_SECONDS = 30;

export const DOCS = {
  deregistration: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html',
  healthCheck: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-healthcheck.html',
  grace: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-healthCheckGracePeriodSeconds',
  rolling: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html',
  pullFargate: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-pull-behavior.html',
  pullEc2: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/pull-behavior.html',
};

export interface TargetGroupSettings {
  arn: string;
  name: string;
  intervalSeconds?: number;
  healthyThresholdCount?: number;
  unhealthyThresholdCount?: number;
  deregistrationDelaySeconds?: number;
}

export interface AdviceInput {
  phases: TimedPhase[];
  wallSeconds: number;
  strategy: string;
  launchType?: string;
  desiredCount: number;
  maximumPercent: number;
  minimumHealthyPercent: number;
  healthCheckGracePeriodSeconds?: number;
  loadBalanced: boolean;
  /** Why each task stopped, by task id. */
  stoppedReasons: Record<string, string | undefined>;
  /** The settings of the service's target groups, as far as they were read. */
  targetGroups: TargetGroupSettings[];
  /** The new revision's ECR images with their sizes, as far as they were read. */
  images: { image: string; bytes?: number }[];
}

/** Which reads a rule needs before it can word its advice. */
export type Read = 'targetGroups' | 'attributes' | 'images';

interface Rule {
  /** The critical path's seconds the rule's setting accounts for. */
  cost(input: AdviceInput): number;
  share: number;
  reads: Read[];
  advise(input: AdviceInput, cost: number): Advice | undefined;
}

const round = (value: number): number => Math.round(value * 10) / 10;
const sum = (phases: TimedPhase[]): number => phases.reduce((total, phase) => total + phase.seconds, 0);
const of = (input: AdviceInput, ...names: PhaseName[]): TimedPhase[] => input.phases.filter((phase) => names.includes(phase.phase));
const FAILED_HEALTH = /failed (ELB|container) health checks/i;

const deregistration: Rule = {
  cost: (input) => (input.loadBalanced ? sum(of(input, 'draining')) : 0),
  share: COST_SHARE,
  reads: ['attributes'],
  advise(input, cost) {
    const group = [...input.targetGroups].filter((g) => g.deregistrationDelaySeconds !== undefined).sort((a, b) => b.deregistrationDelaySeconds! - a.deregistrationDelaySeconds!)[0];
    const delay = group?.deregistrationDelaySeconds;
    if (!group || delay === undefined || delay <= SUGGESTED_DELAY_SECONDS) return undefined;
    const save = cost * (1 - SUGGESTED_DELAY_SECONDS / delay);
    return {
      setting: 'deregistration_delay.timeout_seconds',
      resource: group.arn,
      current: delay,
      suggested: SUGGESTED_DELAY_SECONDS,
      costSeconds: round(cost),
      saveSeconds: round(save),
      text: `Replaced tasks drained from the load balancer for ${round(cost)} s of the critical path: target group ${group.name} has deregistration_delay.timeout_seconds ${delay}, and ECS waits that long before it stops a task. If the service answers within a second, set it to ${SUGGESTED_DELAY_SECONDS} (or a little above your longest request): this deploy would have taken about ${round(save)} s less.`,
      documentation: DOCS.deregistration,
    };
  },
};

const healthCheck: Rule = {
  cost: (input) => (input.loadBalanced ? sum(of(input, 'health')) : 0),
  share: COST_SHARE,
  reads: ['targetGroups'],
  advise(input, cost) {
    const group = [...input.targetGroups].filter((g) => g.intervalSeconds !== undefined).sort((a, b) => b.intervalSeconds! - a.intervalSeconds!)[0];
    const interval = group?.intervalSeconds;
    if (!group || interval === undefined || interval <= SUGGESTED_INTERVAL_SECONDS) return undefined;
    const save = cost * (1 - SUGGESTED_INTERVAL_SECONDS / interval);
    const threshold = group.healthyThresholdCount ?? 0;
    const andThreshold = threshold > SUGGESTED_HEALTHY_THRESHOLD
      ? ` If targets go unhealthy while the app starts, also lower HealthyThresholdCount from ${threshold} to ${SUGGESTED_HEALTHY_THRESHOLD}: an unhealthy target needs that many passing checks to recover.`
      : '';
    return {
      setting: 'HealthCheckIntervalSeconds',
      resource: group.arn,
      current: interval,
      suggested: SUGGESTED_INTERVAL_SECONDS,
      costSeconds: round(cost),
      saveSeconds: round(save),
      text: `New tasks waited ${round(cost)} s of the critical path from RUNNING to healthy: ECS waits for the load balancer, and target group ${group.name} checks every ${interval} s (a new target is healthy after its first passing check). If the app is ready within seconds, set HealthCheckIntervalSeconds to ${SUGGESTED_INTERVAL_SECONDS}: this deploy would have taken about ${round(save)} s less.${andThreshold}`,
      documentation: DOCS.healthCheck,
    };
  },
};

const grace: Rule = {
  cost: (input) => sum(of(input, 'ran').filter((phase) => FAILED_HEALTH.test(input.stoppedReasons[phase.task ?? ''] ?? ''))),
  share: COST_SHARE,
  reads: ['targetGroups'],
  advise(input, cost) {
    const period = input.healthCheckGracePeriodSeconds ?? 0;
    if (period < GRACE_WORTH_SECONDS) return undefined;
    const ran = of(input, 'ran').filter((phase) => FAILED_HEALTH.test(input.stoppedReasons[phase.task ?? ''] ?? ''));
    // ECS ignores failed health checks during the grace period: tasks that failed them and ran about that long were stopped late because of it.
    const group = input.targetGroups.find((g) => g.intervalSeconds !== undefined);
    const detect = group ? (group.intervalSeconds ?? 0) * (group.unhealthyThresholdCount ?? 0) : 0;
    const held = ran.filter((phase) => phase.seconds >= period * 0.9 && phase.seconds <= period + Math.max(60, 3 * (group?.intervalSeconds ?? 0)));
    if (held.length === 0) return undefined;
    // Without the grace period ECS would have stopped each as soon as it was found unhealthy.
    const save = held.reduce((total, phase) => total + Math.max(0, phase.seconds - detect), 0);
    return {
      setting: 'healthCheckGracePeriodSeconds',
      resource: 'service',
      current: period,
      costSeconds: round(cost),
      saveSeconds: round(save),
      text: `${held.length} new task(s) failed their health checks and ran about ${period} s each before ECS stopped them: the service's healthCheckGracePeriodSeconds is ${period}, and ECS ignores failed health checks that long after a task starts. Set it to the time your app needs to pass its first check: this failing deploy would have ended up to ${round(save)} s sooner.`,
      documentation: DOCS.grace,
    };
  },
};

const batches: Rule = {
  cost: (input) => (input.strategy === 'ROLLING' ? sum(input.phases.filter((phase) => (phase.batch ?? 1) > 1)) : 0),
  share: COST_SHARE,
  reads: [],
  advise(input, cost) {
    const { desiredCount: desired, maximumPercent: max, minimumHealthyPercent: min } = input;
    const count = Math.max(...input.phases.map((phase) => phase.batch ?? 1));
    const atOnce = Math.floor((desired * max) / 100) - desired + (desired - Math.ceil((desired * min) / 100));
    if (count < 2 || atOnce >= desired || max >= 200) return undefined;
    return {
      setting: 'maximumPercent',
      resource: 'service',
      current: max,
      suggested: 200,
      costSeconds: round(cost),
      saveSeconds: round(cost),
      text: `ECS replaced the ${desired} tasks in ${count} batches: with maximumPercent ${max} and minimumHealthyPercent ${min} it starts at most ${Math.max(atOnce, 1)} new task(s) at a time, and the batches after the first took ${round(cost)} s of the critical path. With maximumPercent 200 it starts all ${desired} at once (the cluster needs room for twice the tasks meanwhile): this deploy would have taken about ${round(cost)} s less.`,
      documentation: DOCS.rolling,
    };
  },
};

const imagePull: Rule = {
  cost: (input) => sum(of(input, 'pull')),
  share: PULL_SHARE,
  reads: ['images'],
  advise(input, cost) {
    const byPhase = new Map<PhaseName, number>();
    for (const phase of input.phases) byPhase.set(phase.phase, (byPhase.get(phase.phase) ?? 0) + phase.seconds);
    if (Math.max(...byPhase.values()) > cost) return undefined;
    const largest = [...input.images].sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0))[0];
    const size = largest?.bytes ? ` (${megabytes(largest.bytes)} in ECR)` : '';
    const fargate = input.launchType !== 'EC2' && input.launchType !== 'EXTERNAL';
    const how = fargate
      ? 'a smaller image (a slimmer base image, a multi-stage build) pulls faster; on Fargate, an image over 250 MB can be lazy-loaded with a SOCI index'
      : 'a smaller image pulls faster, and ECS_IMAGE_PULL_BEHAVIOR once or prefer-cached reuses the image a container instance already has';
    return {
      setting: 'image',
      resource: largest?.image ?? 'image',
      ...(largest?.bytes ? { current: largest.bytes } : {}),
      costSeconds: round(cost),
      saveSeconds: round(cost / 2),
      text: `Pulling the image${size} took ${round(cost)} s of the critical path, the largest part of this deploy: ${how}. Half the size would have saved about ${round(cost / 2)} s.`,
      documentation: fargate ? DOCS.pullFargate : DOCS.pullEc2,
    };
  },
};

export const RULES = { deregistration, healthCheck, grace, batches, imagePull };

/** The rules whose measured cost passes their threshold, with that cost. */
export function candidates(input: AdviceInput): { name: keyof typeof RULES; cost: number; reads: Read[] }[] {
  return (Object.keys(RULES) as (keyof typeof RULES)[]).flatMap((name) => {
    const rule = RULES[name];
    const cost = rule.cost(input);
    return cost >= MIN_SAVE_SECONDS && cost >= rule.share * input.wallSeconds ? [{ name, cost, reads: rule.reads }] : [];
  });
}

/** The advice this deploy supports, largest saving first. */
export function advise(input: AdviceInput): Advice[] {
  return candidates(input)
    .flatMap(({ name, cost }) => RULES[name].advise(input, cost) ?? [])
    .filter((advice) => advice.saveSeconds >= MIN_SAVE_SECONDS)
    .sort((a, b) => b.saveSeconds - a.saveSeconds);
}
