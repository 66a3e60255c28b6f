/**
 * Where a deployment's time went, from the built dist/index.js against the emulator: the
 * critical path in the log, the job summary and the deploy-timings output, advice only where the
 * deploy's own numbers support it, and the requests it took to measure.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { deployInputs, runCase } from './run-case.js';

const TARGET_GROUP = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/6d0ecf831eec9f09';
const POLL_SECONDS = 0.3;
/** A loaded machine may answer late; the watch itself looks once a poll. */
const SLACK_SECONDS = 2;

const timingsOf = (run) => JSON.parse(run.outputs['deploy-timings']);
/** Requests made after the watch's last look at the service deployment: the timings' reads. */
const afterVerdict = (state) => {
  const last = state.requests.findLastIndex((request) => request.operation === 'DescribeServiceDeployments');
  return state.requests.slice(last + 1).filter((request) => request.operation !== 'DescribeServices').map((request) => `${request.service}:${request.operation}`);
};
/** The image digest check and the scheduled-task report read after the verdict too: off, so every read counted is the timings'. */
const ONLY_TIMINGS = { 'verify-digests': 'false', 'scheduled-tasks': 'none' };
const ours = (state, run) => state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === run.outputs['service-deployment-arn']);

function expectMeeting(timings) {
  timings.phases.slice(1).forEach((phase, i) => expect(phase.startedAt).toBe(timings.phases[i].endedAt));
  expect(timings.phases[0].startedAt).toBe(timings.startedAt);
  expect(timings.phases.at(-1).endedAt).toBe(timings.endedAt);
  const sum = timings.phases.reduce((total, phase) => total + phase.seconds, 0);
  expect(Math.abs(sum - timings.wallSeconds)).toBeLessThan(0.01);
}

describe('a deploy slowed by a 300 s deregistration delay (scripted at timeScale 100)', () => {
  let result;
  beforeAll(async () => {
    result = await runCase('timings-deregistration', deployInputs('v2', ONLY_TIMINGS));
  });

  it('gets the deregistration-delay advice with the seconds the draining cost', () => {
    const { run, state } = result;
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    const timings = timingsOf(run);
    const replaced = state.tasks.filter((task) => task.deploymentId !== ours(state, run).deploymentId && task.stoppingAt);
    expect(replaced).toHaveLength(2);
    const drains = replaced.map((task) => task.stoppedAt - task.stoppingAt);
    // 300 scripted seconds are 3 real ones; ECS's timestamps are the wall clock.
    for (const drain of drains) expect(drain).toBeGreaterThanOrEqual(3);
    const draining = timings.phases.filter((phase) => phase.phase === 'draining');
    expect(draining).toHaveLength(1);
    expect(drains.some((drain) => Math.abs(drain - draining[0].seconds) < 0.002)).toBe(true);
    expect(timings.advice).toEqual([
      expect.objectContaining({ setting: 'deregistration_delay.timeout_seconds', resource: TARGET_GROUP, current: 300, suggested: 5 }),
    ]);
    const [advice] = timings.advice;
    expect(Math.abs(advice.costSeconds - draining[0].seconds)).toBeLessThanOrEqual(0.05);
    // What 5 s instead of 300 would have saved, in proportion (both figures rounded to 0.1 s).
    expect(Math.abs(advice.saveSeconds - draining[0].seconds * (1 - 5 / 300))).toBeLessThanOrEqual(0.1);
    expect(run.stdout).toContain('::group::Where the time went');
    expect(run.stdout).toMatch(/Advice, from this deploy's own numbers:\n {2}- Replaced tasks drained from the load balancer for [\d.]+ s of the critical path: target group web-tg has deregistration_delay.timeout_seconds 300/);
    expect(run.summary).toContain('### Where the time went');
    expect(run.summary).toContain('target group web-tg has deregistration\\_delay.timeout\\_seconds 300');
    expect(run.summary).toContain('(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html)');
  });

  it('measures it with the tasks and one target group attribute read, nothing else', () => {
    const { run, state } = result;
    expect(afterVerdict(state).sort()).toEqual(['ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:ListTasks', 'elasticloadbalancing:DescribeTargetGroupAttributes']);
    expect(timingsOf(run).requests).toBe(4);
  });

  it("the breakdown's phases meet, add up to the wall time, and ECS's part ends when ECS finished", () => {
    const { run, state } = result;
    const timings = timingsOf(run);
    expectMeeting(timings);
    expect(timings.phases.map((phase) => phase.phase)).toEqual(['update', 'scheduler', 'placement', 'pull', 'start', 'health', 'draining', 'verdict']);
    const sd = ours(state, run);
    const verdict = timings.phases.at(-1);
    expect(Math.abs(Date.parse(verdict.startedAt) / 1000 - sd.finishedAt)).toBeLessThan(0.002);
    // The rest is the watch seeing it: within a poll, and the machine's load.
    expect(verdict.seconds).toBeLessThan(POLL_SECONDS + SLACK_SECONDS);
    // The wall time as the emulator saw it: from the action's first request to the end of the deployment.
    const firstRequest = state.requests[0].wallMs;
    const successful = sd.statusHistory.find((entry) => entry.status === 'SUCCESSFUL').wallMs;
    const measured = (successful - firstRequest) / 1000;
    expect(timings.wallSeconds).toBeGreaterThanOrEqual(measured);
    expect(timings.wallSeconds - measured).toBeLessThan(POLL_SECONDS + SLACK_SECONDS);
  });
});

describe('deploy timings', () => {
  it('a fast deploy gets the breakdown and no advice, from three reads', async () => {
    const { run, state, requests } = await runCase('deployed', deployInputs('v2', ONLY_TIMINGS));
    expect(run.code).toBe(0);
    const timings = timingsOf(run);
    expect(timings).toMatchObject({ version: 1, outcome: 'deployed', strategy: 'ROLLING', advice: [], notes: [], requests: 3 });
    expectMeeting(timings);
    expect(timings.tasks.filter((task) => task.role === 'new')).toHaveLength(2);
    expect(run.stdout).toContain('No setting stands out');
    expect(run.summary).toContain('### Where the time went');
    expect(run.summary).not.toContain('**Advice**');
    expect(afterVerdict(state).sort()).toEqual(['ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:ListTasks']);
    expect(requests('DescribeTargetGroupAttributes')).toHaveLength(0);
  });

  it('blue/green: the lifecycle stages appear in the breakdown, with the green tasks inside SCALE_UP', async () => {
    const { run } = await runCase('bg-blue-green', deployInputs('v2'));
    expect(run.code).toBe(0);
    const timings = timingsOf(run);
    expect(timings.strategy).toBe('BLUE_GREEN');
    expectMeeting(timings);
    const stages = new Set(timings.phases.flatMap((phase) => (phase.stage ? [phase.stage] : [])));
    expect([...stages]).toEqual(['PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP']);
    expect(timings.phases.filter((phase) => phase.stage === 'SCALE_UP').map((phase) => phase.phase)).toContain('health');
    expect(timings.phases.find((phase) => phase.stage === 'BAKE_TIME')).toMatchObject({ phase: 'stage', label: 'stage BAKE_TIME' });
    expect(run.summary).toContain('| stage BAKE\\_TIME |');
  });

  it('maximumPercent 100: the second batch is on the critical path, and the advice says what it cost', async () => {
    const { run, requests } = await runCase('timings-batches', deployInputs('v2'));
    expect(run.code).toBe(0);
    const timings = timingsOf(run);
    expectMeeting(timings);
    expect(timings.tasks.filter((task) => task.role === 'new').map((task) => task.batch).sort()).toEqual([1, 2]);
    const second = timings.phases.filter((phase) => phase.batch === 2);
    expect(second.map((phase) => phase.phase)).toEqual(expect.arrayContaining(['placement', 'pull', 'start']));
    const cost = second.reduce((total, phase) => total + phase.seconds, 0);
    const batches = timings.advice.find((advice) => advice.setting === 'maximumPercent');
    expect(batches).toMatchObject({ current: 100, suggested: 200 });
    expect(Math.abs(batches.costSeconds - cost)).toBeLessThanOrEqual(0.05);
    expect(batches.text).toContain('ECS replaced the 2 tasks in 2 batches: with maximumPercent 100 and minimumHealthyPercent 50 it starts at most 1 new task(s) at a time');
    // Both pulls are on the critical path and the largest part of it: the image advice names its ECR size, read once.
    expect(timings.advice.find((advice) => advice.setting === 'image').text).toContain('(31.5 MB in ECR)');
    expect(requests('DescribeImages').filter((request) => request.wallMs > Date.parse(timings.phases.at(-1).startedAt))).toHaveLength(1);
  });

  it('a red deployment is measured too: the failed tasks ran until ECS stopped them for their target group', async () => {
    const { run } = await runCase('explain-elb', deployInputs('v2'));
    expect(run.code).toBe(1);
    const timings = timingsOf(run);
    expect(timings.outcome).toBe('rolled-back');
    expectMeeting(timings);
    expect(timings.phases.at(-1)).toMatchObject({ phase: 'verdict', label: 'until the verdict (rolled-back; a rollback included)' });
    expect(timings.tasks.filter((task) => task.role === 'new').map((task) => task.stoppedReason)).toContain(
      `Task failed ELB health checks in (target-group ${TARGET_GROUP})`,
    );
  });

  it('a target group the job may not read: the verdict stands, and the timings say what they could not read', async () => {
    const { run } = await runCase('timings-deregistration-denied', deployInputs('v2'));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    const timings = timingsOf(run);
    expect(timings.advice).toEqual([]);
    expect(timings.notes).toEqual([
      expect.stringMatching(/^Could not read the deregistration delay of target group .*web-tg.* \(elasticloadbalancing:DescribeTargetGroupAttributes\) \(AccessDenied: User: .* is not authorized to perform: elasticloadbalancing:DescribeTargetGroupAttributes/),
    ]);
    expect(run.stdout).toContain('Could not read the deregistration delay of target group');
  });
});
