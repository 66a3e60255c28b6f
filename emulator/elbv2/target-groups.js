// @ts-check
/**
 * Target groups and their targets, as Elastic Load Balancing v2 keeps them: health checks at the
 * group's interval, a target's state (initial, healthy, unhealthy, draining) and the
 * deregistration delay a deregistered target drains for. Only the groups a scenario declares in
 * `elbv2.targetGroups` are simulated; ECS (ecs/load-balancers.js) registers its tasks here.
 */

/**
 * Defaults of CreateTargetGroup for an HTTP target group (Elastic Load Balancing API reference,
 * "CreateTargetGroup": HealthCheckIntervalSeconds 30 for ip targets, HealthCheckTimeoutSeconds 5,
 * HealthyThresholdCount 5, UnhealthyThresholdCount 2, HealthCheckPath "/", Matcher "200") and of
 * the attribute deregistration_delay.timeout_seconds (Application Load Balancers User Guide,
 * "Edit target group attributes": 300 seconds, 0-3600).
 */
const DEFAULTS = {
  protocol: 'HTTP',
  port: 80,
  targetType: 'ip',
  healthCheck: { protocol: 'HTTP', port: 'traffic-port', path: '/', intervalSeconds: 30, timeoutSeconds: 5, healthyThresholdCount: 5, unhealthyThresholdCount: 2, matcher: '200' },
  deregistrationDelaySeconds: 300,
};

/** TargetHealth reason codes and descriptions (API reference, "TargetHealth"). */
const INITIAL = { reason: 'Elb.InitialHealthChecking', description: 'Initial health checks in progress' };
const DRAINING = { reason: 'Target.DeregistrationInProgress', description: 'Target deregistration is in progress' };
export const NOT_REGISTERED = { reason: 'Target.NotRegistered', description: 'Target is not registered to the target group' };
const DEFAULT_FAILURE = 'Health checks failed';

/**
 * @typedef {{ healthy: () => void, unhealthy: (reason: string) => void }} TargetListener
 * @typedef {{ healthyAfterSeconds?: number, unhealthyAfterSeconds?: number, reason?: string }} AppAnswers
 *   when, after RUNNING, the app passes the health checks (from healthyAfterSeconds until unhealthyAfterSeconds)
 * @typedef {{
 *   id: string, port: number, taskArn: string, state: string, reason?: string, description?: string,
 *   passes: number, fails: number, registeredAt: number, app: AppAnswers, listener: TargetListener,
 * }} Target
 * @typedef {{
 *   arn: string, name: string, protocol: string, port: number, vpcId: string, targetType: string,
 *   loadBalancerArns: string[], healthCheck: typeof DEFAULTS.healthCheck, deregistrationDelaySeconds: number,
 *   targets: Map<string, Target>,
 * }} TargetGroup
 */

export class TargetGroups {
  /**
   * @param {any[]} declared scenario.elbv2.targetGroups
   * @param {{ now: () => number, schedule: (at: number, run: () => void) => void, firstHealthCheck?: string }} clock
   *   firstHealthCheck: `afterInterval` (default) or `atRegistration`, where AWS does not say when the first check comes
   */
  constructor(declared, clock) {
    this.clock = clock;
    /** @type {Map<string, TargetGroup>} */
    this.groups = new Map();
    for (const spec of declared ?? []) {
      this.groups.set(spec.targetGroupArn, {
        arn: spec.targetGroupArn,
        name: spec.targetGroupArn.split('/')[1],
        protocol: spec.protocol ?? DEFAULTS.protocol,
        port: spec.port ?? DEFAULTS.port,
        vpcId: 'vpc-0a1b2c3d4e5f60718',
        targetType: spec.targetType ?? DEFAULTS.targetType,
        loadBalancerArns: spec.loadBalancerArns ?? [],
        healthCheck: { ...DEFAULTS.healthCheck, ...spec.healthCheck },
        deregistrationDelaySeconds: spec.deregistrationDelaySeconds ?? DEFAULTS.deregistrationDelaySeconds,
        targets: new Map(),
      });
    }
  }

  /** @param {string} arn */
  find(arn) {
    return this.groups.get(arn);
  }

  /**
   * Registers a target in `initial` ("Elb.InitialHealthChecking") and starts health checks. A
   * newly registered target is healthy after one passing check; the healthy threshold applies
   * only when an unhealthy target recovers (ECS Developer Guide, "Optimize load balancer health
   * check parameters for Amazon ECS"; ALB User Guide, "Health checks for Application Load Balancer
   * target groups": "After your target is registered, it must pass one health check to be
   * considered healthy"). `unhealthyThresholdCount` failures in a row make it unhealthy.
   * `settled`: a target that was already healthy when the scenario starts.
   * @param {TargetGroup} group @param {{ id: string, port: number, taskArn: string }} where
   * @param {AppAnswers} app @param {TargetListener} listener @param {boolean} settled
   */
  register(group, where, app, listener, settled) {
    const now = this.clock.now();
    /** @type {Target} */
    const target = { ...where, state: 'initial', ...INITIAL, passes: 0, fails: 0, registeredAt: now, app, listener };
    group.targets.set(key(where), target);
    if (settled) {
      setState(target, 'healthy');
      listener.healthy();
      return;
    }
    const first = this.clock.firstHealthCheck === 'atRegistration' ? 0 : group.healthCheck.intervalSeconds;
    this.clock.schedule(now + first, () => this.check(group, target));
  }

  /** One health check of a target, and the next one while its state can still change. @param {TargetGroup} group @param {Target} target */
  check(group, target) {
    if (target.state === 'draining' || group.targets.get(key(target)) !== target) return;
    const now = this.clock.now();
    const passed = passes(target, now);
    target.passes = passed ? target.passes + 1 : 0;
    target.fails = passed ? 0 : target.fails + 1;
    const { healthyThresholdCount, unhealthyThresholdCount, intervalSeconds } = group.healthCheck;
    const before = target.state;
    if (passed && (before === 'initial' || (before === 'unhealthy' && target.passes >= healthyThresholdCount))) {
      setState(target, 'healthy');
      target.listener.healthy();
    } else if (!passed && before !== 'unhealthy' && target.fails >= unhealthyThresholdCount) {
      const description = target.app.reason ?? DEFAULT_FAILURE;
      setState(target, 'unhealthy', { reason: 'Target.FailedHealthChecks', description });
      target.listener.unhealthy(description);
    }
    if (!settledAt(target, now)) this.clock.schedule(now + intervalSeconds, () => this.check(group, target));
  }

  /**
   * Deregisters the task's targets: each drains for the group's deregistration delay, then
   * leaves the group. Answers how long the longest drain takes (0 when the task is no target).
   * ECS waits for it before the task stops (ECS Developer Guide, "Optimize load balancer
   * connection draining parameters for Amazon ECS": ECS "waits for the load balancer to report
   * that the keep alive connection is closed (the target is in an UNUSED state)"). Targets always
   * have connections here, so ELB's early end for idle targets never applies.
   * @param {string} taskArn
   */
  deregister(taskArn) {
    let longest = 0;
    for (const group of this.groups.values()) {
      for (const target of group.targets.values()) {
        if (target.taskArn !== taskArn || target.state === 'draining') continue;
        setState(target, 'draining', DRAINING);
        const delay = group.deregistrationDelaySeconds;
        longest = Math.max(longest, delay);
        this.clock.schedule(this.clock.now() + delay, () => {
          if (group.targets.get(key(target)) === target) group.targets.delete(key(target));
        });
      }
    }
    return longest;
  }

  /** @param {TargetGroup} group @param {string} taskArn */
  stateOf(group, taskArn) {
    return [...group.targets.values()].find((target) => target.taskArn === taskArn)?.state;
  }

  state() {
    return [...this.groups.values()].map(({ targets, ...group }) => ({
      ...group,
      targets: [...targets.values()].map(({ id, port, taskArn, state, reason, description }) => ({ id, port, taskArn, state, reason, description })),
    }));
  }
}

/** @param {{ id: string, port: number }} target */
function key(target) {
  return `${target.id}:${target.port}`;
}

/** @param {Target} target @param {string} state @param {{ reason?: string, description?: string }} [why] */
function setState(target, state, why = {}) {
  target.state = state;
  target.reason = why.reason;
  target.description = why.description;
}

/** Whether the app answers a health check at `now` (simulated seconds). @param {Target} target @param {number} now */
function passes(target, now) {
  const since = now - target.registeredAt;
  return since >= (target.app.healthyAfterSeconds ?? 0) && since < (target.app.unhealthyAfterSeconds ?? Infinity);
}

/** Whether further checks can no longer change the target's state: its app answers the same from now on, and the state agrees. @param {Target} target @param {number} now */
function settledAt(target, now) {
  const since = now - target.registeredAt;
  const changes = [target.app.healthyAfterSeconds ?? 0, target.app.unhealthyAfterSeconds ?? 0];
  if (changes.some((at) => at > since)) return false;
  return passes(target, now) ? target.state === 'healthy' : target.state === 'unhealthy';
}
