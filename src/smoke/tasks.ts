/**
 * The tasks a smoke check runs in: listed and described through transient faults, newest first,
 * and replaced by another RUNNING task of the revision when one stops (Fargate Spot reclaim,
 * scale-in) before its check is done. After a deployment they are the tasks our service
 * deployment started, not any task of the revision: a reused revision's old (blue) tasks run the
 * same task definition.
 */
import { DescribeTasksCommand, type ECSClient, ListTasksCommand, type Task } from '@aws-sdk/client-ecs';
import { ActionError } from '../errors.js';
import { awsFailure } from '../aws/errors.js';
import { lastSegment } from '../aws/arn.js';
import { type RetryBudget, retryTransient } from '../aws/retry.js';
import { plural } from '../watch/wording.js';

const DESCRIBE_TASKS_BATCH = 100;

/** The task stopped or is stopping: nothing more can run in it, another task may stand in. */
export class TaskGoneError extends ActionError {
  constructor(
    readonly taskArn: string,
    readonly why: string,
    /** ExecuteCommand had succeeded in it: the command may have run, in part or to its end. */
    readonly commandStarted = false,
  ) {
    super(`Task ${lastSegment(taskArn)} ${why}, so nothing more can run in it.`);
    this.name = 'TaskGoneError';
  }
}

/** Why nothing can run in the task any more; undefined while it runs and is meant to. */
export function goneReason(task: Task | undefined): string | undefined {
  if (!task) return 'is gone (DescribeTasks no longer finds it)';
  if (task.lastStatus === 'RUNNING' && task.desiredStatus !== 'STOPPED') return undefined;
  const stop = [task.stopCode, task.stoppedReason].filter(Boolean).join(': ');
  const state = task.lastStatus === 'RUNNING' ? 'stopping' : `${task.lastStatus}`;
  return `is ${state}${stop ? ` (${stop})` : ''}`;
}

export async function listRunningTaskArns(ecs: ECSClient, cluster: string, service: string, budget: RetryBudget): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  const what = `list the running tasks of service '${service}'`;
  try {
    do {
      const request = { cluster, serviceName: service, desiredStatus: 'RUNNING' as const, nextToken };
      const page = await retryTransient(`ListTasks (${what})`, () => ecs.send(new ListTasksCommand(request)), budget);
      arns.push(...(page.taskArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    throw awsFailure(what, error);
  }
  return arns;
}

export async function describeTasks(ecs: ECSClient, cluster: string, taskArns: string[], budget: RetryBudget): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let at = 0; at < taskArns.length; at += DESCRIBE_TASKS_BATCH) {
    const batch = taskArns.slice(at, at + DESCRIBE_TASKS_BATCH);
    const what = `describe tasks ${batch.map(lastSegment).join(', ')}`;
    try {
      const answer = await retryTransient(`DescribeTasks (${what})`, () => ecs.send(new DescribeTasksCommand({ cluster, tasks: batch })), budget);
      tasks.push(...(answer.tasks ?? []));
    } catch (error) {
      throw awsFailure(what, error);
    }
  }
  return tasks;
}

export interface TaskChoice {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  /**
   * The id of the deployment (service.deployments[].id) whose tasks to check: ECS sets a service
   * task's startedBy to "the deployment ID of the service that starts it" (API reference, Task).
   * Undefined: any task of the revision (mode smoke checks what the service runs).
   */
  startedBy?: string;
  wanted: number | 'all';
}

/** The RUNNING tasks of the revision (started by the deployment, when one is named), newest first. */
async function runningTasksOf(ecs: ECSClient, choice: TaskChoice, budget: RetryBudget): Promise<{ ours: Task[]; listed: number }> {
  const arns = await listRunningTaskArns(ecs, choice.cluster, choice.service, budget);
  const ours = (await describeTasks(ecs, choice.cluster, arns, budget))
    .filter((t) => t.taskDefinitionArn === choice.taskDefinitionArn && (choice.startedBy === undefined || t.startedBy === choice.startedBy))
    .filter((t) => goneReason(t) === undefined)
    .sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0));
  return { ours, listed: arns.length };
}

/**
 * The tasks to check (`count` of them, newest first) and the ones that may stand in for a task
 * that stops: the rest of the first listing, then whatever a fresh listing finds.
 */
export class TaskPool {
  private readonly tried = new Set<string>();

  private constructor(
    private readonly ecs: ECSClient,
    private readonly choice: TaskChoice,
    private readonly spares: Task[],
    readonly count: number,
  ) {}

  /** Exactly `wanted` RUNNING tasks of the revision, or a clear error. */
  static async open(ecs: ECSClient, choice: TaskChoice, budget: RetryBudget): Promise<TaskPool> {
    const { service, taskDefinitionArn, startedBy, wanted } = choice;
    const { ours, listed } = await runningTasksOf(ecs, choice, budget);
    const count = wanted === 'all' ? Math.max(ours.length, 1) : wanted;
    if (ours.length < count) {
      const others = listed - ours.length;
      const whose = startedBy === undefined ? '' : ` started by our deployment ${startedBy}`;
      const rest = startedBy === undefined ? 'of other revisions or not yet RUNNING' : 'of other deployments or not yet RUNNING';
      throw new ActionError(
        `smoke-tasks asks for ${wanted === 'all' ? 'all tasks' : count} but service '${service}' has ${plural(ours.length, 'RUNNING task')} of ${taskDefinitionArn}${whose}` +
          `${others > 0 ? ` (and ${others} ${rest})` : ''}. Lower smoke-tasks, or check why the tasks are not running.`,
      );
    }
    return new TaskPool(ecs, choice, ours, count);
  }

  /** The next task not tried yet, or undefined when no RUNNING task of the revision is left. */
  async take(budget: RetryBudget): Promise<Task | undefined> {
    let next = this.spares.shift();
    if (!next) next = (await runningTasksOf(this.ecs, this.choice, budget)).ours.find((t) => !this.tried.has(t.taskArn!));
    if (next) this.tried.add(next.taskArn!);
    return next;
  }
}
