/**
 * The critical path of one deployment: the chain of phases that determined when it ended, found
 * by walking back from the end through what each event waited for. A task's own timestamps
 * (createdAt, pullStartedAt, pullStoppedAt, startedAt, stoppingAt, stoppedAt) follow each other;
 * an old task's stop waited for the newest task ECS had seen start (its health released the old
 * one); a new task's launch waited for the latest stop or start that made room. Pure: times are
 * epoch milliseconds on AWS's clock (the tasks' own timestamps; never the runner's), and
 * consecutive phases meet by construction.
 */
import type { PhaseName } from './types.js';

export interface TaskEvents {
  id: string;
  role: 'new' | 'old';
  createdAt?: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  /** Registered with a load balancer's target group: its stop includes draining. */
  loadBalanced: boolean;
  /** The task's ECR image sizes, when read. */
  imageBytes?: number;
}

export interface Segment {
  phase: PhaseName;
  from: number;
  to: number;
  task?: TaskEvents;
  batch?: number;
  stage?: string;
}

type Kind = 'created' | 'pullStarted' | 'pullStopped' | 'started' | 'stopping' | 'stopped';
const KINDS: Kind[] = ['created', 'pullStarted', 'pullStopped', 'started', 'stopping', 'stopped'];
const FIELD: Record<Kind, keyof TaskEvents> = {
  created: 'createdAt',
  pullStarted: 'pullStartedAt',
  pullStopped: 'pullStoppedAt',
  started: 'startedAt',
  stopping: 'stoppingAt',
  stopped: 'stoppedAt',
};
/** What a segment is called by the event it starts from, within one task. */
const WITHIN: Record<Kind, PhaseName> = {
  created: 'placement',
  pullStarted: 'pull',
  pullStopped: 'start',
  started: 'ran',
  stopping: 'stopping',
  stopped: 'completion',
};

interface Event {
  task: TaskEvents;
  kind: Kind;
  at: number;
}

function eventsOf(task: TaskEvents): Event[] {
  return KINDS.flatMap((kind) => {
    const at = task[FIELD[kind]] as number | undefined;
    return at === undefined ? [] : [{ task, kind, at }];
  });
}

/** The latest of `events` at or before `at`; ties go to the event later in a task's life. */
function latest(events: Event[], at: number): Event | undefined {
  return events
    .filter((event) => event.at <= at)
    .sort((a, b) => b.at - a.at || KINDS.indexOf(b.kind) - KINDS.indexOf(a.kind))[0];
}

export class CriticalPath {
  private readonly events: Event[];
  private readonly batches = new Map<TaskEvents, number>();

  constructor(
    readonly tasks: TaskEvents[],
    /** Events before it (the old tasks' starts) explain nothing of this deployment. */
    private readonly floor: number,
  ) {
    this.events = tasks.flatMap(eventsOf).filter((event) => event.at >= floor);
  }

  /**
   * What an event (or the end) waited for, among the events not yet visited (`open`), at or before
   * `at`; undefined when nothing in the deployment explains it. Never later than `at`, never an
   * event visited before: a walk through causes ends within as many steps as there are events,
   * whatever the timestamps say (equal ones included: a task can launch in the millisecond another
   * one starts, so a step may stay at the same time, but only to an event not yet visited).
   */
  private cause(event: Event | 'end', at: number, open: ReadonlySet<Event>): Event | undefined {
    const candidates = [...open].filter((candidate) => candidate !== event);
    if (event === 'end') return latest(candidates, at);
    const stopOfOld = event.task.role === 'old' && event.kind === 'stopping';
    const earlier = candidates.filter((e) => e.task === event.task && KINDS.indexOf(e.kind) < KINDS.indexOf(event.kind));
    if (earlier.length > 0 && !stopOfOld) return latest(earlier, at);
    const others = candidates.filter((e) => e.task !== event.task);
    if (stopOfOld) return latest(others.filter((e) => e.task.role === 'new' && e.kind === 'started'), at);
    if (event.kind === 'created') return latest(others.filter((e) => e.kind === 'started' || e.kind === 'stopping' || e.kind === 'stopped'), at);
    return undefined;
  }

  /**
   * Which launch of new tasks a task belongs to: 1 for the tasks ECS launched first; one more when
   * its launch had to wait for an earlier new task to start and become healthy (a batch).
   */
  batchOf(task: TaskEvents, visiting = new Set<TaskEvents>()): number {
    const known = this.batches.get(task);
    if (known !== undefined) return known;
    visiting.add(task);
    const created = this.events.find((e) => e.task === task && e.kind === 'created');
    const open = new Set(this.events.filter((e) => e !== created));
    let cause = created && this.cause(created, created.at, open);
    // An old task's event waited in turn for something: follow it back to a new task's event.
    while (cause && cause.task.role === 'old') {
      open.delete(cause);
      cause = this.cause(cause, cause.at, open);
    }
    let batch = 1;
    if (cause && !visiting.has(cause.task)) batch = this.batchOf(cause.task, visiting) + (cause.kind === 'started' ? 1 : 0);
    this.batches.set(task, batch);
    return batch;
  }

  /** The chain of segments from the deployment's start to `end`, oldest first; each starts where the one before ended. */
  walk(end: number): Segment[] {
    const segments: Segment[] = [];
    const open = new Set(this.events);
    let cursor: Event | 'end' = 'end';
    let at = end;
    for (;;) {
      const cause = this.cause(cursor, at, open);
      if (!cause) {
        // Nothing earlier explains it: ECS starting the deployment, or launching the first tasks.
        if (at > this.floor) segments.push(this.segment('scheduler', this.floor, at, cursor === 'end' ? undefined : cursor.task));
        break;
      }
      open.delete(cause);
      const own = cursor !== 'end' && (cursor.task === cause.task || cursor.kind === 'created');
      segments.push(this.segment(nameOf(cause, cursor), cause.at, at, own ? (cursor as Event).task : cause.task));
      cursor = cause;
      at = cause.at;
    }
    return segments.reverse().filter((segment) => segment.to > segment.from);
  }

  private segment(phase: PhaseName, from: number, to: number, task: TaskEvents | undefined): Segment {
    return { phase, from, to, ...(task ? { task } : {}), ...(task?.role === 'new' ? { batch: this.batchOf(task) } : {}) };
  }
}

function nameOf(cause: Event, next: Event | 'end'): PhaseName {
  // A task still stopping when the chain ends is stopping until then.
  if (next === 'end' ? cause.kind === 'stopping' : next.task === cause.task) {
    if (cause.kind === 'stopping') return cause.task.loadBalanced ? 'draining' : 'stopping';
    return WITHIN[cause.kind];
  }
  if (next !== 'end' && next.kind === 'created') return 'scheduler';
  if (cause.kind === 'started' && cause.task.role === 'new') return 'health';
  return next === 'end' ? 'completion' : 'scheduler';
}
