/**
 * The timings on two clocks that disagree (the runner's and AWS's, minutes apart either way) and
 * on timestamps no deployment should produce (equal, out of order, contradicting): the same
 * phases on AWS's clock, adding up to the runner's wall time, never negative, and every walk
 * through the tasks' events ends.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { breakdown, taskTimings, type Breakdown, type BreakdownInput } from '../../src/timings/breakdown.js';
import { CriticalPath, type TaskEvents } from '../../src/timings/path.js';

type Kind = 'created' | 'pullStarted' | 'pullStopped' | 'started' | 'stopping' | 'stopped';

/** The runner's clock: seconds after the run started. */
const R0 = Date.parse('2026-12-01T12:00:00Z');
const runner = (seconds: number): number => R0 + seconds * 1000;
const TEN_MINUTES = 600;

function task(id: string, role: TaskEvents['role'], times: Partial<Record<Kind, number>>, clock: (seconds: number) => number, loadBalanced = false): TaskEvents {
  const field = (seconds?: number): number | undefined => (seconds === undefined ? undefined : clock(seconds));
  return {
    id,
    role,
    createdAt: field(times.created),
    pullStartedAt: field(times.pullStarted),
    pullStoppedAt: field(times.pullStopped),
    startedAt: field(times.started),
    stoppingAt: field(times.stopping),
    stoppedAt: field(times.stopped),
    loadBalanced,
  };
}

/** The chart's invariants: phases of positive length that meet, from its start to its end, `wallMs` long. */
function expectChart({ segments, startedAt, endedAt }: Breakdown, wallMs: number): void {
  for (const segment of segments) expect(segment.to).toBeGreaterThan(segment.from);
  segments.slice(1).forEach((segment, i) => expect(segment.from).toBe(segments[i].to));
  if (segments.length > 0) {
    expect(segments[0].from).toBe(startedAt);
    expect(segments.at(-1)!.to).toBe(endedAt);
  }
  expect(endedAt - startedAt).toBe(wallMs);
}

/** Each phase as [phase, stage, task, from, to], in seconds after ECS created the deployment. */
const relative = ({ segments }: Breakdown, created: number): [string, string | undefined, string | undefined, number, number][] =>
  segments.map((segment) => [segment.phase, segment.stage, segment.task?.id, (segment.from - created) / 1000, (segment.to - created) / 1000]);

describe("a runner clock minutes off AWS's", () => {
  // AWS's clock minus the runner's; ECS creates the deployment 0.2 s after the runner sent UpdateService.
  const offsets: [string, number][] = [
    ['ten minutes ahead of AWS', -TEN_MINUTES],
    ['in step with AWS', 0],
    ['ten minutes behind AWS', TEN_MINUTES],
  ];

  it.each(offsets)('%s, rolling: the same critical path on AWS\'s clock, adding up to the runner\'s wall time', (_name, offset) => {
    const created = runner(1.2 + offset);
    const aws = (seconds: number): number => created + seconds * 1000;
    const tasks = [
      task('new-a', 'new', { created: 1, pullStarted: 4, pullStopped: 19, started: 21 }, aws, true),
      task('new-b', 'new', { created: 1, pullStarted: 4, pullStopped: 18, started: 20 }, aws, true),
      task('old-x', 'old', { created: -900, started: -890, stopping: 51, stopped: 353 }, aws, true),
      task('old-y', 'old', { created: -900, started: -890, stopping: 51, stopped: 352 }, aws, true),
    ];
    const input: BreakdownInput = {
      runStartedAt: runner(0),
      updatedAt: runner(1),
      endedAt: runner(356),
      smoke: { startedAt: runner(356.5), endedAt: runner(360) },
      stages: [],
      deploymentStartedAt: created,
      ecsEndedAt: aws(354),
      tasks,
    };
    const result = breakdown(input);
    expect(relative(result, created)).toEqual([
      ['update', undefined, undefined, -1, 0],
      ['scheduler', undefined, 'new-a', 0, 1],
      ['placement', undefined, 'new-a', 1, 4],
      ['pull', undefined, 'new-a', 4, 19],
      ['start', undefined, 'new-a', 19, 21],
      ['health', undefined, 'new-a', 21, 51],
      ['draining', undefined, 'old-x', 51, 353],
      ['completion', undefined, 'old-x', 353, 354],
      // 355 s after UpdateService on the runner's clock; the 0.2 s ECS took to create the deployment is in it.
      ['verdict', undefined, undefined, 354, 355],
      ['smoke', undefined, undefined, 355, 359],
    ]);
    expectChart(result, 360_000);
    const path = new CriticalPath(tasks, created);
    expect(taskTimings(tasks, (t) => (t.role === 'new' ? path.batchOf(t) : undefined)).map((t) => [t.task, t.batch, t.pullSeconds, t.stopSeconds])).toEqual([
      ['new-a', 1, 15, undefined],
      ['new-b', 1, 14, undefined],
      ['old-x', undefined, undefined, 302],
      ['old-y', undefined, undefined, 301],
    ]);
  });

  it.each(offsets)('%s, blue/green: the stages the watch saw are placed by their time since UpdateService, with the green tasks inside SCALE_UP', (_name, offset) => {
    const created = runner(1 + offset);
    const aws = (seconds: number): number => created + seconds * 1000;
    const stages = ['PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'BAKE_TIME', 'CLEAN_UP'].map((stage, i) => ({ stage, at: runner(1 + [3, 10, 40, 60, 120][i]) }));
    const result = breakdown({
      runStartedAt: runner(0),
      updatedAt: runner(1),
      endedAt: runner(132),
      stages,
      deploymentStartedAt: created,
      ecsEndedAt: aws(130),
      tasks: [
        task('green', 'new', { created: 9, pullStarted: 11, pullStopped: 20, started: 25 }, aws),
        task('blue', 'old', { created: -900, started: -890, stopping: 125, stopped: 127 }, aws),
      ],
    });
    expect(relative(result, created)).toEqual([
      ['update', undefined, undefined, -1, 0],
      ['scheduler', undefined, undefined, 0, 3],
      ['stage', 'PRE_SCALE_UP', undefined, 3, 10],
      ['placement', 'SCALE_UP', 'green', 10, 11],
      ['pull', 'SCALE_UP', 'green', 11, 20],
      ['start', 'SCALE_UP', 'green', 20, 25],
      ['health', 'SCALE_UP', 'green', 25, 40],
      ['stage', 'POST_SCALE_UP', undefined, 40, 60],
      ['stage', 'BAKE_TIME', undefined, 60, 120],
      ['scheduler', 'CLEAN_UP', 'blue', 120, 125],
      ['stopping', 'CLEAN_UP', 'blue', 125, 127],
      ['completion', 'CLEAN_UP', 'blue', 127, 130],
      ['verdict', undefined, undefined, 130, 131],
    ]);
    expectChart(result, 132_000);
  });

  it.each(offsets)('%s, a stage first seen by the poll that saw the end: placed at ECS\'s finishedAt, not a poll after it', (_name, offset) => {
    const created = runner(1 + offset);
    const stages = [
      { stage: 'BAKE_TIME', at: runner(5) },
      { stage: 'CLEAN_UP', at: runner(31) },
    ];
    const result = breakdown({ runStartedAt: runner(0), updatedAt: runner(1), endedAt: runner(31), stages, deploymentStartedAt: created, ecsEndedAt: created + 29_700, tasks: [] });
    expect(relative(result, created)).toEqual([
      ['update', undefined, undefined, -1, 0],
      ['scheduler', undefined, undefined, 0, 4],
      ['stage', 'BAKE_TIME', undefined, 4, 29.7],
      ['verdict', undefined, undefined, 29.7, 30],
    ]);
    expectChart(result, 31_000);
  });

  it('ECS started no deployment for the update: nothing of AWS is placed, and the watch is one phase on the runner\'s clock', () => {
    const result = breakdown({
      runStartedAt: runner(0),
      updatedAt: runner(2),
      endedAt: runner(3),
      stages: [{ stage: 'SCALE_UP', at: runner(2.5) }],
      ecsEndedAt: runner(-86_400 + TEN_MINUTES),
      tasks: [task('other', 'new', { created: -86_400, started: -86_390 }, (s) => runner(s + TEN_MINUTES))],
    });
    expect(relative(result, runner(2))).toEqual([
      ['update', undefined, undefined, -2, 0],
      ['verdict', undefined, undefined, 0, 1],
    ]);
    expectChart(result, 3000);
  });
});

describe('timestamps no deployment should have', () => {
  const created = runner(1);
  const aws = (seconds: number): number => created + seconds * 1000;
  const input = (tasks: TaskEvents[], over: Partial<BreakdownInput> = {}): BreakdownInput => ({
    runStartedAt: runner(0),
    updatedAt: runner(1),
    endedAt: runner(60),
    stages: [],
    deploymentStartedAt: created,
    tasks,
    ...over,
  });

  it('old tasks created and started in one millisecond after the deployment began (a clock misread as the bug did): batches and the path end', () => {
    const tasks = [
      task('old-x', 'old', { created: 5, started: 5, stopping: 30, stopped: 32 }, aws),
      task('old-y', 'old', { created: 5, started: 5, stopping: 30, stopped: 32 }, aws),
      task('new-a', 'new', { created: 5, pullStarted: 5, pullStopped: 5, started: 5 }, aws),
      task('new-b', 'new', { created: 32, pullStarted: 33, pullStopped: 40, started: 42 }, aws),
    ];
    const result = breakdown(input(tasks, { ecsEndedAt: aws(50) }));
    expectChart(result, 60_000);
    expect(relative(result, created)).toEqual([
      ['update', undefined, undefined, -1, 0],
      ['scheduler', undefined, 'old-y', 0, 5],
      ['health', undefined, 'new-a', 5, 30],
      ['stopping', undefined, 'old-x', 30, 32],
      ['placement', undefined, 'new-b', 32, 33],
      ['pull', undefined, 'new-b', 33, 40],
      ['start', undefined, 'new-b', 40, 42],
      ['health', undefined, 'new-b', 42, 50],
      ['verdict', undefined, undefined, 50, 59],
    ]);
    const path = new CriticalPath(tasks, created);
    expect(tasks.map((t) => path.batchOf(t))).toEqual([1, 1, 1, 2]);
  });

  it('every timestamp of every task in the same millisecond', () => {
    const all = { created: 7, pullStarted: 7, pullStopped: 7, started: 7, stopping: 7, stopped: 7 };
    const tasks = ['a', 'b', 'c', 'd'].map((id, i) => task(id, i % 2 === 0 ? 'new' : 'old', all, aws, i < 2));
    const result = breakdown(input(tasks, { ecsEndedAt: aws(7) }));
    expect(relative(result, created)).toEqual([
      ['update', undefined, undefined, -1, 0],
      ['scheduler', undefined, expect.any(String), 0, 7],
      ['verdict', undefined, undefined, 7, 59],
    ]);
    const path = new CriticalPath(tasks, created);
    for (const t of tasks) expect(path.batchOf(t)).toBe(1);
  });

  it('events out of their lifecycle order, ECS ending before it began, a runner clock stepped back and a smoke check ending before it started', () => {
    const tasks = [
      task('new-a', 'new', { created: 20, pullStarted: 10, pullStopped: 30, started: 25, stopping: 40, stopped: 35 }, aws, true),
      task('old-x', 'old', { created: 50, started: 45, stopping: 12, stopped: 8 }, aws),
    ];
    const stages = [{ stage: 'CLEAN_UP', at: runner(50) }, { stage: 'SCALE_UP', at: runner(-5) }];
    const cases: [Partial<BreakdownInput>, number][] = [
      [{ ecsEndedAt: aws(-30) }, 60_000],
      [{ ecsEndedAt: aws(9_999) }, 60_000],
      [{ stages }, 60_000],
      // The verdict before UpdateService, the smoke check ending before the verdict: the update's second only.
      [{ endedAt: runner(0.5), smoke: { startedAt: runner(0.7), endedAt: runner(0.2) } }, 1000],
    ];
    for (const [over, wall] of cases) expectChart(breakdown(input(tasks, over)), wall);
    const path = new CriticalPath(tasks, created);
    const timings = taskTimings(tasks, (t) => (t.role === 'new' ? path.batchOf(t) : undefined));
    // Spans that run backwards are left out, never negative.
    expect(timings).toEqual([
      { task: 'new-a', role: 'new', batch: 1, pullSeconds: 20 },
      { task: 'old-x', role: 'old' },
    ]);
  });

  it('any timestamps at all, with the clocks any distance apart: the chart ends, meets, and adds up to the runner\'s wall time', () => {
    // Few distinct values, so ties are common.
    const moment = fc.option(fc.integer({ min: -3, max: 12 }).map((tens) => tens * 10), { nil: undefined });
    const times = fc.record({ created: moment, pullStarted: moment, pullStopped: moment, started: moment, stopping: moment, stopped: moment });
    const tasks = fc.array(fc.tuple(fc.constantFrom<TaskEvents['role']>('new', 'old'), times, fc.boolean()), { maxLength: 8 });
    const stage = fc.record({ stage: fc.constantFrom('SCALE_UP', 'CLEAN_UP', 'BAKE_TIME', 'PRE_SCALE_UP'), at: fc.integer({ min: -20, max: 150 }) });
    fc.assert(
      fc.property(
        tasks,
        fc.array(stage, { maxLength: 4 }),
        fc.integer({ min: -900, max: 900 }),
        fc.integer({ min: -10, max: 150 }),
        moment,
        fc.option(fc.integer({ min: -10, max: 30 }), { nil: undefined }),
        (drawn, stages, offset, ended, ecsEnd, smoke) => {
          const awsAt = (seconds: number): number => runner(1 + offset + seconds);
          const events = drawn.map(([role, at, lb], i) => task(`t${i}`, role, at, awsAt, lb));
          const result = breakdown({
            runStartedAt: runner(0),
            updatedAt: runner(1),
            endedAt: runner(ended),
            smoke: smoke === undefined ? undefined : { startedAt: runner(ended), endedAt: runner(ended + smoke) },
            stages: stages.map(({ stage: name, at }) => ({ stage: name, at: runner(at) })),
            deploymentStartedAt: awsAt(0),
            ecsEndedAt: ecsEnd === undefined ? undefined : awsAt(ecsEnd),
            tasks: events,
          });
          const wall = 1000 + Math.max(0, ended - 1) * 1000 + Math.max(0, smoke ?? 0) * 1000;
          expectChart(result, wall);
          const path = new CriticalPath(events, awsAt(0));
          for (const t of events) expect(path.batchOf(t)).toBeGreaterThanOrEqual(1);
          for (const timing of taskTimings(events, () => undefined)) {
            for (const value of [timing.placementSeconds, timing.pullSeconds, timing.startSeconds, timing.stopSeconds]) expect(value ?? 0).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
