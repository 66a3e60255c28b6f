/**
 * Why a deployment failed, told from the tasks it started and stopped: grouped by ECS's
 * stoppedReason, with each container's exit code and reason, plus the telling service events.
 */
import { DescribeTasksCommand, ListTasksCommand, type Container, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import { awsFailure } from '../aws/errors.js';
import { retryTransient, type RetryBudget } from '../aws/retry.js';
import { lastSegment, shortRevision } from '../aws/arn.js';
import type { ServiceEventLine } from '../report/types.js';
import { formatTime } from './events.js';
import { forensicsFor, type LogOptions } from './forensics.js';
import { plural } from './wording.js';

export interface ExplainScope {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  /** `ecs-svc/...`: ECS sets a service task's startedBy to the deployment that started it. */
  deploymentId?: string;
  /** Tasks created before this belong to earlier deployments of the same revision. */
  since: Date;
  /** Set: each group gains the failed container's last log lines (and the task definition is read for them). */
  logs?: LogOptions;
}

/** What a group's first task adds under its headline: the fix first, the log excerpt after the container lines. */
export type GroupForensics = Map<Task, { fix: string[]; logs: string[] }>;

/** ListTasks pages (100 tasks each) to read at most; stopped tasks are kept about an hour. */
const MAX_PAGES = 3;
const EXAMPLE_TASKS = 3;
const TASK_CREATED_SKEW_MS = 5_000;

export async function stoppedTasks(ecs: ECSClient, scope: ExplainScope, signal?: AbortSignal): Promise<Task[]> {
  const found: Task[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const listed = await ecs.send(
      new ListTasksCommand({ cluster: scope.cluster, serviceName: scope.service, desiredStatus: 'STOPPED', nextToken }),
      { abortSignal: signal },
    );
    const arns = listed.taskArns ?? [];
    if (arns.length > 0) {
      const described = await ecs.send(new DescribeTasksCommand({ cluster: scope.cluster, tasks: arns }), { abortSignal: signal });
      found.push(...(described.tasks ?? []).filter((task) => belongsToScope(task, scope)));
    }
    nextToken = listed.nextToken;
    if (!nextToken) break;
  }
  return found;
}

function belongsToScope(task: Task, scope: ExplainScope): boolean {
  if (task.taskDefinitionArn !== scope.taskDefinitionArn) return false;
  if (scope.deploymentId && task.startedBy?.startsWith('ecs-svc/') && task.startedBy !== scope.deploymentId) return false;
  return !task.createdAt || task.createdAt.getTime() >= scope.since.getTime() - TASK_CREATED_SKEW_MS;
}

function exitMeaning(code: number): string {
  if (code === 137) return ' (killed with SIGKILL, possibly out of memory)';
  if (code === 143) return ' (stopped with SIGTERM)';
  return '';
}

function containerLine(container: Container): string | undefined {
  if (container.exitCode === undefined && !container.reason) return undefined;
  const exit = container.exitCode === undefined ? 'no exit code' : `exit code ${container.exitCode}${exitMeaning(container.exitCode)}`;
  return `container '${container.name ?? '?'}': ${exit}${container.reason ? `, reason: ${container.reason}` : ''}`;
}

export function groupStoppedTasks(tasks: Task[]): Map<string, Task[]> {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    const key = `${task.stoppedReason ?? 'no reason given'}\u0000${task.stopCode ?? 'unknown'}`;
    groups.set(key, [...(groups.get(key) ?? []), task]);
  }
  return groups;
}

/** Groups by stoppedReason and stopCode, then lists the distinct container outcomes in each group. */
export function describeStoppedTasks(tasks: Task[], taskDefinitionArn: string, forensics?: GroupForensics): string[] {
  const groups = groupStoppedTasks(tasks);
  const lines: string[] = [];
  for (const [key, members] of groups) {
    const [reason, stopCode] = key.split('\u0000');
    const examples = members.slice(0, EXAMPLE_TASKS).map((task) => lastSegment(task.taskArn ?? '')).join(', ');
    lines.push(`${plural(members.length, 'task')} of ${shortRevision(taskDefinitionArn)} stopped (${stopCode}): ${reason} [${examples}]`);
    const found = forensics?.get(members[0]);
    lines.push(...(found?.fix ?? []));
    const containers = new Map<string, number>();
    for (const line of members.flatMap((task) => (task.containers ?? []).map(containerLine))) {
      if (line) containers.set(line, (containers.get(line) ?? 0) + 1);
    }
    for (const [line, count] of containers) lines.push(`  ${line}${members.length > 1 ? ` (${plural(count, 'task')})` : ''}`);
    lines.push(...(found?.logs ?? []));
  }
  return lines;
}

/**
 * The full explanation: the headline in ECS's words, the stopped tasks, the telling events.
 * Best effort: a failure to read the tasks becomes a line of the explanation, never the verdict.
 */
export async function explainFailure(
  ecs: ECSClient,
  scope: ExplainScope,
  headline: string,
  events: ServiceEventLine[],
  budget: RetryBudget,
): Promise<string[]> {
  const lines = [headline];
  try {
    const tasks = await retryTransient('Reading the stopped tasks', () => stoppedTasks(ecs, scope, budget.signal), budget);
    const examples = [...groupStoppedTasks(tasks).values()].map((members) => members[0]);
    const forensics = await forensicsFor(ecs, examples, scope.taskDefinitionArn, scope.logs, budget);
    lines.push(
      ...(tasks.length > 0
        ? describeStoppedTasks(tasks, scope.taskDefinitionArn, forensics)
        : [`No stopped tasks of ${shortRevision(scope.taskDefinitionArn)} were found (ECS keeps them about an hour); the events below tell the rest.`]),
    );
  } catch (error) {
    lines.push(awsFailure(`list the stopped tasks of ${shortRevision(scope.taskDefinitionArn)}`, error).message);
  }
  lines.push(...events.map((event) => `event ${formatTime(event.at)}: ${event.message}`));
  return lines;
}
