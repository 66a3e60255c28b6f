/**
 * The advice rules, table-driven: each appears only when its measured cost on the critical path
 * passes its threshold and the setting, as read, could have saved it; the saving scales with
 * the measured time.
 */
import { describe, expect, it } from '@jest/globals';
import { advise, candidates, COST_SHARE, DOCS, PULL_SHARE, type AdviceInput } from '../../src/timings/advice.js';
import type { PhaseName, TimedPhase } from '../../src/timings/types.js';

const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/6d0ecf831eec9f09';

function phase(name: PhaseName, seconds: number, extra: Partial<TimedPhase> = {}): TimedPhase {
  return { phase: name, label: name, startedAt: '', endedAt: '', seconds, ...extra };
}

/** A deploy of `wall` seconds: the given phases, the rest of the time spent in placement. */
function input(wall: number, phases: TimedPhase[], over: Partial<AdviceInput> = {}): AdviceInput {
  const rest = wall - phases.reduce((sum, p) => sum + p.seconds, 0);
  return {
    phases: [phase('update', 0), ...phases, phase('placement', rest)],
    wallSeconds: wall,
    strategy: 'ROLLING',
    launchType: 'FARGATE',
    desiredCount: 2,
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    loadBalanced: true,
    stoppedReasons: {},
    targetGroups: [{ arn: TG, name: 'web-tg', intervalSeconds: 30, healthyThresholdCount: 5, unhealthyThresholdCount: 2, deregistrationDelaySeconds: 300 }],
    images: [{ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2', bytes: 600_000_000 }],
    ...over,
  };
}

const settingsOf = (i: AdviceInput): [string, number, number][] => advise(i).map((a) => [a.setting, a.costSeconds, a.saveSeconds]);
const ELB_FAILURE = `Task failed ELB health checks in (target-group ${TG})`;

describe('advice', () => {
  it.each<[string, AdviceInput, [string, number, number][]]>([
    ['old tasks draining 302 s of 400: the 300 s deregistration delay', input(400, [phase('draining', 302)]), [['deregistration_delay.timeout_seconds', 302, 297]]],
    ['the same in an emulator scaled 100 times: the same advice, in its seconds', input(4, [phase('draining', 3.02)]), [['deregistration_delay.timeout_seconds', 3, 3]]],
    ['draining just under a quarter of the deploy: nothing', input(400, [phase('draining', 400 * COST_SHARE - 1)]), []],
    ['draining, but the delay is already 5 s', input(40, [phase('draining', 30)], { targetGroups: [{ arn: TG, name: 'web-tg', deregistrationDelaySeconds: 5 }] }), []],
    ['draining, but the attribute could not be read', input(400, [phase('draining', 302)], { targetGroups: [{ arn: TG, name: 'web-tg' }] }), []],
    ['draining without a load balancer is no target group\'s doing', input(400, [phase('draining', 302)], { loadBalanced: false }), []],
    ['RUNNING to healthy 90 s of 200 behind a 30 s interval', input(200, [phase('health', 90)]), [['HealthCheckIntervalSeconds', 90, 75]]],
    ['RUNNING to healthy, but the interval is already 5', input(200, [phase('health', 90)], { targetGroups: [{ arn: TG, name: 'web-tg', intervalSeconds: 5 }] }), []],
    ['RUNNING to healthy without a load balancer: a container health check, no target group setting', input(200, [phase('health', 90)], { loadBalanced: false }), []],
    ['batches after the first took 150 s of 300 with maximumPercent 100', input(300, [phase('start', 20, { batch: 1 }), phase('start', 150, { batch: 2 })], { maximumPercent: 100, minimumHealthyPercent: 50 }), [['maximumPercent', 150, 150]]],
    ['batches, but maximumPercent 200 allowed them all at once (the batch came from a failure)', input(300, [phase('start', 150, { batch: 2 })]), []],
    ['a second batch costing less than a quarter', input(300, [phase('start', 70, { batch: 2 })], { maximumPercent: 100, minimumHealthyPercent: 50 }), []],
    ['batches in a blue/green deployment are not rolling batches', input(300, [phase('start', 150, { batch: 2 })], { strategy: 'BLUE_GREEN', maximumPercent: 100, minimumHealthyPercent: 50 }), []],
    ['an image pull of 200 s of 300, the largest phase', input(300, [phase('pull', 200)], { loadBalanced: false }), [['image', 200, 100]]],
    ['an image pull under two fifths of the deploy', input(300, [phase('pull', 300 * PULL_SHARE - 1)], { loadBalanced: false }), []],
    ['an image pull that is not the largest kind of phase', input(300, [phase('pull', 125), phase('health', 140)], { loadBalanced: false }), []],
    [
      'two tasks failing ELB checks ran 120 s each with a 120 s grace period (checks every 30 s, 2 failures)',
      input(300, [phase('ran', 120, { task: 'a' }), phase('ran', 120, { task: 'b' })], { healthCheckGracePeriodSeconds: 120, stoppedReasons: { a: ELB_FAILURE, b: ELB_FAILURE } }),
      [['healthCheckGracePeriodSeconds', 240, 120]],
    ],
    ['tasks that exited on their own are no grace period\'s doing', input(300, [phase('ran', 240, { task: 'a' })], { healthCheckGracePeriodSeconds: 120, stoppedReasons: { a: 'Essential container in task exited' } }), []],
    ['a 10 s grace period', input(300, [phase('ran', 240, { task: 'a' })], { healthCheckGracePeriodSeconds: 10, stoppedReasons: { a: ELB_FAILURE } }), []],
    ['a task that ran far longer than the grace period failed later for its own reasons', input(3000, [phase('ran', 2400, { task: 'a' })], { healthCheckGracePeriodSeconds: 120, stoppedReasons: { a: ELB_FAILURE } }), []],
    ['a fast deploy: nothing', input(60, [phase('pull', 10), phase('health', 12), phase('draining', 8)]), []],
  ])('%s', (_case, given, expected) => {
    expect(settingsOf(given)).toEqual(expected);
  });

  it('says what to change, what it saves and where AWS documents it', () => {
    const [drain] = advise(input(400, [phase('draining', 302)]));
    expect(drain).toMatchObject({ resource: TG, current: 300, suggested: 5, documentation: DOCS.deregistration });
    expect(drain.text).toBe(
      'Replaced tasks drained from the load balancer for 302 s of the critical path: target group web-tg has deregistration_delay.timeout_seconds 300, and ECS waits that long before it stops a task. If the service answers within a second, set it to 5 (or a little above your longest request): this deploy would have taken about 297 s less.',
    );
    const [health] = advise(input(200, [phase('health', 90)]));
    expect(health.text).toContain('also lower HealthyThresholdCount from 5 to 2');
    expect(health.documentation).toBe(DOCS.healthCheck);
    const [pull] = advise(input(300, [phase('pull', 200)], { loadBalanced: false }));
    expect(pull.text).toContain('(600.0 MB in ECR)');
    expect(pull.text).toContain('SOCI');
    expect(advise(input(300, [phase('pull', 200)], { loadBalanced: false, launchType: 'EC2' }))[0]).toMatchObject({ documentation: DOCS.pullEc2 });
    expect(advise(input(300, [phase('pull', 200)], { maximumPercent: 100, minimumHealthyPercent: 50 }))).toHaveLength(1);
  });

  it('lists the most saving first, and names the reads each candidate needs', () => {
    const both = input(500, [phase('draining', 200), phase('health', 150)]);
    expect(advise(both).map((a) => a.setting)).toEqual(['deregistration_delay.timeout_seconds', 'HealthCheckIntervalSeconds']);
    expect(candidates({ ...both, targetGroups: [] }).map((c) => [c.name, c.reads])).toEqual([
      ['deregistration', ['attributes']],
      ['healthCheck', ['targetGroups']],
    ]);
    expect(candidates(input(60, [phase('pull', 10)]))).toEqual([]);
  });
});
