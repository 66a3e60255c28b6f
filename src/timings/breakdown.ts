/**
 * A deployment's wall time as consecutive phases: the action's own part (registration and
 * update), the critical path ECS's timestamps show (for BLUE_GREEN, LINEAR and CANARY: the
 * lifecycle stages as the watch saw them, with the tasks' chain inside SCALE_UP and CLEAN_UP),
 * the wait for the verdict, and the smoke check. Pure: times are epoch milliseconds.
 *
 * Two clocks, never compared: ECS stamps its timestamps with AWS's clock, the action measures its
 * own part with the runner's, and the two can be minutes apart. ECS's part is charted on AWS's
 * clock from its own timestamps; the action's part is a duration on the runner's clock, joined at
 * the one moment both saw: our UpdateService, which the runner sent just before ECS created the
 * deployment. The chart's times are AWS's, and its phases add up to the runner's wall time.
 */
import { CriticalPath, type Segment, type TaskEvents } from './path.js';
import type { DeployTimings, PhaseName, TaskTiming, TimedPhase } from './types.js';

export interface BreakdownInput {
  /** The runner's clock: when the revision step began. */
  runStartedAt: number;
  /** The runner's clock: just before UpdateService. */
  updatedAt: number;
  /** The runner's clock: when the watch reached its verdict. */
  endedAt: number;
  /** The runner's clock. */
  smoke?: { startedAt: number; endedAt: number };
  /** The runner's clock: lifecycle stages when the watch saw them start, in that order. */
  stages: { stage: string; at: number }[];
  /** AWS's clock: when ECS created our deployment; unknown when ECS started none for our update. */
  deploymentStartedAt?: number;
  /** AWS's clock: when ECS finished it (the service deployment's finishedAt), if it did. */
  ecsEndedAt?: number;
  /** AWS's clock. */
  tasks: TaskEvents[];
}

export interface Breakdown {
  segments: Segment[];
  /** Where the chart starts and ends: on AWS's clock, or the runner's when ECS gave no time for our deployment. */
  startedAt: number;
  endedAt: number;
}

/**
 * Stages whose tasks' chain is shown inside them: the new tasks scale up; CLEAN_UP stops the tasks
 * that stopped since the stage before (blue after a success, green in a rollback).
 */
const TASK_STAGES: Record<string, (task: TaskEvents, since: number) => boolean> = {
  SCALE_UP: (task) => task.role === 'new',
  CLEAN_UP: (task, since) => task.stoppingAt !== undefined && task.stoppingAt >= since,
};

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);
const elapsed = (from: number, to: number): number => Math.max(0, to - from);

/** Where ECS's part of the chart lies, on AWS's clock. */
interface Span {
  /** ECS created our deployment. */
  start: number;
  /** The watch's verdict, placed by its duration after our UpdateService: ECS's part cannot end later. */
  verdict: number;
}

export function breakdown(input: BreakdownInput): Breakdown {
  const update = elapsed(input.runStartedAt, input.updatedAt);
  const start = input.deploymentStartedAt ?? input.updatedAt;
  const span: Span = { start, verdict: start + elapsed(input.updatedAt, input.endedAt) };
  const segments: Segment[] = [{ phase: 'update', from: start - update, to: start }];
  // Without ECS's time for our deployment nothing of AWS's can be placed: the watch is one phase.
  let ecsEnd = start;
  if (input.deploymentStartedAt !== undefined) ecsEnd = input.stages.length > 0 ? staged(input, span, segments) : rolling(input, span, segments);
  segments.push({ phase: 'verdict', from: ecsEnd, to: span.verdict });
  const endedAt = span.verdict + (input.smoke ? elapsed(input.endedAt, input.smoke.endedAt) : 0);
  if (input.smoke) segments.push({ phase: 'smoke', from: span.verdict, to: endedAt });
  return { segments: segments.filter((segment) => segment.to > segment.from), startedAt: start - update, endedAt };
}

/** ECS's end of a rolling deployment: its finishedAt, else its last task event before the verdict. */
function rolling(input: BreakdownInput, span: Span, segments: Segment[]): number {
  const path = new CriticalPath(input.tasks, span.start);
  const before = input.tasks.flatMap(eventTimes).filter((at) => at <= span.verdict);
  const lastEvent = before.reduce((last, at) => Math.max(last, at), span.start);
  const ecsEnd = input.ecsEndedAt === undefined ? lastEvent : clamp(input.ecsEndedAt, span.start, span.verdict);
  segments.push(...path.walk(ecsEnd));
  return ecsEnd;
}

function staged(input: BreakdownInput, span: Span, segments: Segment[]): number {
  const ecsEnd = clamp(input.ecsEndedAt ?? span.verdict, span.start, span.verdict);
  // A stage the watch saw is placed by its time since our UpdateService on the runner's clock; seen
  // up to a poll late, it is never placed after ECS finished.
  const placed = input.stages.map(({ stage, at }) => ({ stage, at: clamp(span.start + (at - input.updatedAt), span.start, ecsEnd) }));
  let at = placed[0].at;
  segments.push({ phase: 'scheduler', from: span.start, to: at });
  placed.forEach(({ stage }, index) => {
    const to = clamp(placed[index + 1]?.at ?? ecsEnd, at, ecsEnd);
    const inStage = TASK_STAGES[stage];
    if (inStage) {
      // The tasks' chain is walked from the deployment's start and cut to the stage as seen.
      const since = placed[index - 1]?.at ?? span.start;
      const chain = new CriticalPath(input.tasks.filter((task) => inStage(task, since)), span.start).walk(to);
      segments.push(...chain.map((segment) => ({ ...segment, from: Math.max(segment.from, at), stage })).filter((segment) => segment.to > segment.from));
    } else {
      segments.push({ phase: 'stage', from: at, to, stage });
    }
    at = to;
  });
  return at;
}

function eventTimes(task: TaskEvents): number[] {
  return [task.createdAt, task.pullStartedAt, task.pullStoppedAt, task.startedAt, task.stoppingAt, task.stoppedAt].filter((at): at is number => at !== undefined);
}

const seconds = (ms: number): number => Math.round(ms) / 1000;
const shortId = (id: string): string => id.slice(0, 8);

export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function label(segment: Segment, outcome: string, releaseTask: boolean): string {
  const task = segment.task;
  const id = task ? shortId(task.id) : '';
  const batch = segment.batch !== undefined && segment.batch > 1 ? ` (batch ${segment.batch})` : '';
  const labels: Record<PhaseName, () => string> = {
    update: () => (releaseTask ? 'registering the revision, the release task and updating the service' : 'registering the revision and updating the service'),
    scheduler: () => {
      if (!task) return segment.stage ? 'waiting for ECS' : 'ECS starting the deployment';
      return task.role === 'new' ? `ECS launching task ${id}${batch}` : `ECS stopping old task ${id}`;
    },
    placement: () => `task ${id}${batch} waiting for placement`,
    pull: () => `task ${id}${batch} pulling its image${task?.imageBytes ? ` (${megabytes(task.imageBytes)})` : ''}`,
    start: () => `task ${id}${batch} starting, to RUNNING`,
    health: () => `task ${id}${batch} RUNNING until healthy${segment.stage ? `, and ${segment.stage} ending` : ''}`,
    ran: () => `task ${id}${batch} running until it stopped${task?.stoppedReason ? ` (${task.stoppedReason})` : ''}`,
    draining: () => `${task?.role === 'old' ? 'old ' : ''}task ${id} draining from the load balancer, then stopping`,
    stopping: () => `${task?.role === 'old' ? 'old ' : ''}task ${id} stopping`,
    stage: () => `stage ${segment.stage}`,
    completion: () => 'ECS completing the deployment',
    verdict: () => (outcome === 'deployed' ? 'the watch seeing the verdict (its next poll)' : `until the verdict (${outcome}; a rollback included)`),
    smoke: () => (outcome.startsWith('smoke-failed') ? 'the smoke check, and what followed its failure' : 'the smoke check'),
  };
  const words = labels[segment.phase]();
  return segment.stage && segment.phase !== 'stage' ? `${segment.stage}: ${words}` : words;
}

export function timedPhases(segments: Segment[], outcome: string, releaseTask = false): TimedPhase[] {
  return segments.map((segment) => ({
    phase: segment.phase,
    label: label(segment, outcome, releaseTask),
    startedAt: new Date(segment.from).toISOString(),
    endedAt: new Date(segment.to).toISOString(),
    seconds: seconds(segment.to - segment.from),
    ...(segment.task ? { task: segment.task.id } : {}),
    ...(segment.batch !== undefined ? { batch: segment.batch } : {}),
    ...(segment.stage ? { stage: segment.stage } : {}),
  }));
}

export function totals(phases: TimedPhase[]): DeployTimings['totals'] {
  const sums: DeployTimings['totals'] = {};
  for (const phase of phases) sums[phase.phase] = Math.round(((sums[phase.phase] ?? 0) + phase.seconds) * 1000) / 1000;
  return sums;
}

export function taskTimings(tasks: TaskEvents[], batchOf: (task: TaskEvents) => number | undefined): TaskTiming[] {
  // Timestamps out of their lifecycle's order measure nothing: left out rather than negative.
  const span = (from?: number, to?: number): number | undefined => (from !== undefined && to !== undefined && to >= from ? seconds(to - from) : undefined);
  return tasks.map((task) => {
    const timing: TaskTiming = {
      task: task.id,
      role: task.role,
      batch: batchOf(task),
      placementSeconds: task.role === 'new' ? span(task.createdAt, task.pullStartedAt) : undefined,
      pullSeconds: task.role === 'new' ? span(task.pullStartedAt, task.pullStoppedAt) : undefined,
      startSeconds: task.role === 'new' ? span(task.pullStoppedAt, task.startedAt) : undefined,
      stopSeconds: span(task.stoppingAt, task.stoppedAt),
      stoppedReason: task.stoppedReason,
    };
    return Object.fromEntries(Object.entries(timing).filter(([, value]) => value !== undefined)) as unknown as TaskTiming;
  });
}
