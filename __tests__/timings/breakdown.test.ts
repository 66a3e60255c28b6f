/**
 * The critical path of a deployment from task timestamps: which chain of phases determined the
 * end, that the phases meet and add up to the wall time, batches, stages, and failures.
 */
import { describe, expect, it } from '@jest/globals';
import { breakdown, taskTimings, timedPhases, totals, type BreakdownInput } from '../../src/timings/breakdown.js';
import { CriticalPath, type Segment, type TaskEvents } from '../../src/timings/path.js';

/** Seconds after a fixed start, as epoch milliseconds. */
const T0 = Date.parse('2026-12-01T12:00:00Z');
const at = (seconds: number): number => T0 + seconds * 1000;

function task(id: string, role: TaskEvents['role'], times: Partial<Record<'created' | 'pullStarted' | 'pullStopped' | 'started' | 'stopping' | 'stopped', number>>, extra: Partial<TaskEvents> = {}): TaskEvents {
  const field = (seconds?: number): number | undefined => (seconds === undefined ? undefined : at(seconds));
  return {
    id,
    role,
    createdAt: field(times.created),
    pullStartedAt: field(times.pullStarted),
    pullStoppedAt: field(times.pullStopped),
    startedAt: field(times.started),
    stoppingAt: field(times.stopping),
    stoppedAt: field(times.stopped),
    loadBalanced: false,
    ...extra,
  };
}

/** Each segment as [phase, task id, from, to] in seconds. */
const shape = (segments: Segment[]): [string, string | undefined, number, number][] =>
  segments.map((segment) => [segment.phase, segment.task?.id, (segment.from - T0) / 1000, (segment.to - T0) / 1000]);

function expectContiguous(segments: Segment[], from: number, to: number): void {
  expect(segments[0].from).toBe(at(from));
  expect(segments.at(-1)!.to).toBe(at(to));
  segments.slice(1).forEach((segment, i) => expect(segment.from).toBe(segments[i].to));
  const total = segments.reduce((sum, segment) => sum + segment.to - segment.from, 0);
  expect(total).toBe((to - from) * 1000);
}

/** The runner's clock and AWS's agree here (UpdateService at 1 s, ECS creating the deployment at once); the tests of skew move one of them. */
const base = (over: Partial<BreakdownInput>): BreakdownInput => ({ runStartedAt: at(0), updatedAt: at(1), deploymentStartedAt: at(1), endedAt: at(356), tasks: [], stages: [], ...over });
const segmentsOf = (input: BreakdownInput): Segment[] => breakdown(input).segments;

describe('the critical path of a rolling deployment', () => {
  it('behind a load balancer: the last new task to start, its health check, then an old task draining, decide the end', () => {
    const lb = { loadBalanced: true };
    const tasks = [
      task('new-a', 'new', { created: 2, pullStarted: 5, pullStopped: 20, started: 22 }, lb),
      task('new-b', 'new', { created: 2, pullStarted: 5, pullStopped: 19, started: 21 }, lb),
      task('old-x', 'old', { created: -900, started: -890, stopping: 52, stopped: 354 }, lb),
      task('old-y', 'old', { created: -900, started: -890, stopping: 52, stopped: 353 }, lb),
    ];
    const segments = segmentsOf(base({ tasks, ecsEndedAt: at(355), smoke: { startedAt: at(356.5), endedAt: at(360) } }));
    expect(shape(segments)).toEqual([
      ['update', undefined, 0, 1],
      ['scheduler', 'new-a', 1, 2],
      ['placement', 'new-a', 2, 5],
      ['pull', 'new-a', 5, 20],
      ['start', 'new-a', 20, 22],
      ['health', 'new-a', 22, 52],
      ['draining', 'old-x', 52, 354],
      ['completion', 'old-x', 354, 355],
      ['verdict', undefined, 355, 356],
      ['smoke', undefined, 356, 360],
    ]);
    expectContiguous(segments, 0, 360);
    const phases = timedPhases(segments, 'deployed');
    expect(phases.find((phase) => phase.phase === 'draining')).toMatchObject({ seconds: 302, label: 'old task old-x draining from the load balancer, then stopping', startedAt: '2026-12-01T12:00:52.000Z' });
    expect(totals(phases)).toEqual({ update: 1, scheduler: 1, placement: 3, pull: 15, start: 2, health: 30, draining: 302, completion: 1, verdict: 1, smoke: 4 });
  });

  it('maximumPercent 100 / minimumHealthyPercent 50: the second batch waits for the first to start, and is numbered 2', () => {
    const tasks = [
      task('old-x', 'old', { created: -900, started: -890, stopping: 2, stopped: 4 }),
      task('new-a', 'new', { created: 2, pullStarted: 3, pullStopped: 10, started: 12 }),
      task('old-y', 'old', { created: -900, started: -890, stopping: 12, stopped: 14 }),
      task('new-b', 'new', { created: 12, pullStarted: 13, pullStopped: 20, started: 22 }),
    ];
    const segments = segmentsOf(base({ tasks, ecsEndedAt: at(22), endedAt: at(23) }));
    expect(shape(segments)).toEqual([
      ['update', undefined, 0, 1],
      ['scheduler', 'old-x', 1, 2],
      ['placement', 'new-a', 2, 3],
      ['pull', 'new-a', 3, 10],
      ['start', 'new-a', 10, 12],
      ['placement', 'new-b', 12, 13],
      ['pull', 'new-b', 13, 20],
      ['start', 'new-b', 20, 22],
      ['verdict', undefined, 22, 23],
    ]);
    expect(segments.filter((segment) => segment.task?.id === 'new-b').map((segment) => segment.batch)).toEqual([2, 2, 2]);
    expect(segments.filter((segment) => segment.task?.id === 'new-a').map((segment) => segment.batch)).toEqual([1, 1, 1]);
    const path = new CriticalPath(tasks, at(1));
    expect(taskTimings(tasks, (t) => (t.role === 'new' ? path.batchOf(t) : undefined))).toEqual([
      { task: 'old-x', role: 'old', stopSeconds: 2 },
      { task: 'new-a', role: 'new', batch: 1, placementSeconds: 1, pullSeconds: 7, startSeconds: 2 },
      { task: 'old-y', role: 'old', stopSeconds: 2 },
      { task: 'new-b', role: 'new', batch: 2, placementSeconds: 1, pullSeconds: 7, startSeconds: 2 },
    ]);
  });

  it('a replacement of a failed task stays in its batch; the failed task ran until ECS stopped it', () => {
    const reason = 'Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/1)';
    const tasks = [
      task('new-a', 'new', { created: 2, pullStarted: 3, pullStopped: 8, started: 10, stopping: 70, stopped: 72 }, { stoppedReason: reason, loadBalanced: true }),
      task('new-c', 'new', { created: 75, pullStarted: 76, pullStopped: 81, started: 83 }, { loadBalanced: true }),
    ];
    const segments = segmentsOf(base({ tasks, endedAt: at(90) }));
    expect(shape(segments)).toEqual([
      ['update', undefined, 0, 1],
      ['scheduler', 'new-a', 1, 2],
      ['placement', 'new-a', 2, 3],
      ['pull', 'new-a', 3, 8],
      ['start', 'new-a', 8, 10],
      ['ran', 'new-a', 10, 70],
      ['draining', 'new-a', 70, 72],
      ['scheduler', 'new-c', 72, 75],
      ['placement', 'new-c', 75, 76],
      ['pull', 'new-c', 76, 81],
      ['start', 'new-c', 81, 83],
      ['verdict', undefined, 83, 90],
    ]);
    expect(new Set(segments.flatMap((segment) => (segment.batch === undefined ? [] : [segment.batch])))).toEqual(new Set([1]));
    expect(timedPhases(segments, 'rolled-back').find((phase) => phase.phase === 'ran')?.label).toBe(`task new-a running until it stopped (${reason})`);
    expect(timedPhases(segments, 'rolled-back').at(-1)?.label).toBe('until the verdict (rolled-back; a rollback included)');
  });

  it("without task timestamps ECS's part is the scheduler's until its end, then the watch's", () => {
    const segments = segmentsOf(base({ ecsEndedAt: at(20), endedAt: at(30) }));
    expect(shape(segments)).toEqual([
      ['update', undefined, 0, 1],
      ['scheduler', undefined, 1, 20],
      ['verdict', undefined, 20, 30],
    ]);
    expectContiguous(segments, 0, 30);
  });
});

describe('BLUE_GREEN, LINEAR and CANARY', () => {
  it('the stages as the watch saw them, with the green tasks inside SCALE_UP and the blue ones inside CLEAN_UP', () => {
    const stages = ['PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP'].map((stage, i) => ({ stage, at: at([3, 10, 40, 50, 60, 120][i]) }));
    const tasks = [
      // Launched before the watch saw SCALE_UP (it looks once a poll).
      task('green', 'new', { created: 9, pullStarted: 11, pullStopped: 20, started: 25 }),
      task('blue', 'old', { created: -900, started: -890, stopping: 125, stopped: 127 }),
    ];
    const segments = segmentsOf(base({ tasks, stages, ecsEndedAt: at(130), endedAt: at(131) }));
    expect(shape(segments).map(([phase, id, from, to], i) => [phase, segments[i].stage, id, from, to])).toEqual([
      ['update', undefined, undefined, 0, 1],
      ['scheduler', undefined, undefined, 1, 3],
      ['stage', 'PRE_SCALE_UP', undefined, 3, 10],
      ['placement', 'SCALE_UP', 'green', 10, 11],
      ['pull', 'SCALE_UP', 'green', 11, 20],
      ['start', 'SCALE_UP', 'green', 20, 25],
      ['health', 'SCALE_UP', 'green', 25, 40],
      ['stage', 'POST_SCALE_UP', undefined, 40, 50],
      ['stage', 'TEST_TRAFFIC_SHIFT', undefined, 50, 60],
      ['stage', 'BAKE_TIME', undefined, 60, 120],
      ['scheduler', 'CLEAN_UP', 'blue', 120, 125],
      ['stopping', 'CLEAN_UP', 'blue', 125, 127],
      ['completion', 'CLEAN_UP', 'blue', 127, 130],
      ['verdict', undefined, undefined, 130, 131],
    ]);
    expectContiguous(segments, 0, 131);
    expect(timedPhases(segments, 'deployed').filter((phase) => phase.stage === 'SCALE_UP').map((phase) => phase.label)).toEqual([
      'SCALE_UP: task green waiting for placement',
      'SCALE_UP: task green pulling its image',
      'SCALE_UP: task green starting, to RUNNING',
      'SCALE_UP: task green RUNNING until healthy, and SCALE_UP ending',
    ]);
  });

  it('a rollback: CLEAN_UP stops the green tasks, which ran until then', () => {
    const stages = ['SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT', 'CLEAN_UP'].map((stage, i) => ({ stage, at: at([3, 30, 80][i]) }));
    const tasks = [
      task('green', 'new', { created: 4, pullStarted: 5, pullStopped: 9, started: 10, stopping: 82, stopped: 84 }),
      task('blue', 'old', { created: -900, started: -890 }),
    ];
    const segments = segmentsOf(base({ tasks, stages, ecsEndedAt: at(86), endedAt: at(87) }));
    expect(shape(segments).slice(-4).map(([phase, id, from, to], i, all) => [phase, segments[segments.length - all.length + i].stage, id, from, to])).toEqual([
      ['ran', 'CLEAN_UP', 'green', 80, 82],
      ['stopping', 'CLEAN_UP', 'green', 82, 84],
      ['completion', 'CLEAN_UP', 'green', 84, 86],
      ['verdict', undefined, undefined, 86, 87],
    ]);
    expectContiguous(segments, 0, 87);
    expect(timedPhases(segments, 'rolled-back').find((phase) => phase.stage === 'POST_TEST_TRAFFIC_SHIFT')?.label).toBe('stage POST_TEST_TRAFFIC_SHIFT');
  });
});
