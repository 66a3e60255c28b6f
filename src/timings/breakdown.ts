/**
 * A deployment's wall time as consecutive phases: the action's own part (registration and
 * update), the critical path ECS's timestamps show (for BLUE_GREEN, LINEAR and CANARY: the
 * lifecycle stages as the watch saw them, with the tasks' chain inside SCALE_UP and CLEAN_UP),
 * the wait for the verdict, and the smoke check. Pure: times are epoch milliseconds.
 */
import { CriticalPath, type Segment, type TaskEvents } from './path.js';
import type { DeployTimings, PhaseName, TaskTiming, TimedPhase } from './types.js';

export interface BreakdownInput {
  /** When the revision step began. */
  runStartedAt: number;
  /** When ECS created our deployment (or, not known, when the action sent UpdateService). */
  deploymentStartedAt: number;
  /** When ECS finished it (the service deployment's finishedAt), if it did. */
  ecsEndedAt?: number;
  /** When the watch reached its verdict. */
  endedAt: number;
  smoke?: { startedAt: number; endedAt: number };
  tasks: TaskEvents[];
  /** Lifecycle stages in the order the watch saw them. */
  stages: { stage: string; at: number }[];
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

export function breakdown(input: BreakdownInput): Segment[] {
  const { runStartedAt, endedAt } = input;
  const start = clamp(input.deploymentStartedAt, runStartedAt, endedAt);
  const segments: Segment[] = [{ phase: 'update', from: runStartedAt, to: start }];
  const ecsEnd = input.stages.length > 0 ? staged(input, start, segments) : rolling(input, start, segments);
  segments.push({ phase: 'verdict', from: ecsEnd, to: endedAt });
  if (input.smoke) segments.push({ phase: 'smoke', from: endedAt, to: Math.max(endedAt, input.smoke.endedAt) });
  return segments.filter((segment) => segment.to > segment.from);
}

/** ECS's end of a rolling deployment: its finishedAt, else its last task event before the verdict. */
function rolling(input: BreakdownInput, start: number, segments: Segment[]): number {
  const path = new CriticalPath(input.tasks, start);
  const lastEvent = Math.max(start, ...input.tasks.flatMap(eventTimes).filter((at) => at <= input.endedAt));
  const ecsEnd = input.ecsEndedAt === undefined ? lastEvent : clamp(input.ecsEndedAt, start, input.endedAt);
  segments.push(...path.walk(ecsEnd));
  return ecsEnd;
}

function staged(input: BreakdownInput, start: number, segments: Segment[]): number {
  let at = clamp(input.stages[0].at, start, input.endedAt);
  segments.push({ phase: 'scheduler', from: start, to: at });
  input.stages.forEach(({ stage }, index) => {
    const next = input.stages[index + 1]?.at ?? Math.min(input.ecsEndedAt ?? input.endedAt, input.endedAt);
    const to = clamp(next, at, input.endedAt);
    const inStage = TASK_STAGES[stage];
    if (inStage) {
      // The watch sees a stage start up to a poll late: the tasks' chain is walked from the
      // deployment's start and cut to the stage as seen.
      const since = input.stages[index - 1]?.at ?? start;
      const chain = new CriticalPath(input.tasks.filter((task) => inStage(task, since)), start).walk(to);
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
  const span = (from?: number, to?: number): number | undefined => (from !== undefined && to !== undefined ? seconds(to - from) : undefined);
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
