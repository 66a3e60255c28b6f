/**
 * What a stopped task's group gains in an explanation: the fix-it hint for its error family and
 * the last lines of the failed container's own log. Best effort: a log that cannot be read
 * becomes one line saying why and how to get it.
 */
import { DescribeTaskDefinitionCommand, type Container, type ECSClient, type TaskDefinition, type Task } from '@aws-sdk/client-ecs';
import { lastSegment } from '../aws/arn.js';
import { awsFailure } from '../aws/errors.js';
import { retryTransient, type RetryBudget } from '../aws/retry.js';
import { logSourceOf } from '../logs/source.js';
import { LOGS_UNAVAILABLE_PREFIX, fixLine, logExcerpt } from '../report/diagnosis.js';
import { hintFor } from './hints.js';

/** How reader.unreadable words a denial. */
const DENIED_MARK = 'the action may not read them';

export interface LogOptions {
  /** log-lines: how many of the last lines to show; 0 shows none. */
  lines: number;
  /** Total attempts per request for the CloudWatch Logs client. */
  maxAttempts: number;
  /** The region logs are in unless awslogs-region says otherwise. */
  region: string;
}

/** The container whose log tells why: a named one, else one that exited non-zero, else one with a reason, else the first essential one. */
export function failedContainerOf(task: Task, taskDefinition: TaskDefinition | undefined, named?: string): Container | undefined {
  const containers = task.containers ?? [];
  if (named) return containers.find((c) => c.name === named);
  const essential = new Set((taskDefinition?.containerDefinitions ?? []).filter((c) => c.essential !== false).map((c) => c.name));
  return (
    containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0 && (essential.size === 0 || essential.has(c.name))) ??
    containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0) ??
    containers.find((c) => c.reason) ??
    containers.find((c) => essential.has(c.name)) ??
    containers[0]
  );
}

export function fixFor(task: Task, taskDefinition: TaskDefinition | undefined, container: Container | undefined): string[] {
  const definition = taskDefinition?.containerDefinitions?.find((c) => c.name === container?.name);
  const hint = hintFor({
    stoppedReason: task.stoppedReason,
    stopCode: task.stopCode,
    containers: (task.containers ?? []).map((c) => ({ name: c.name, exitCode: c.exitCode, reason: c.reason })),
    executionRoleArn: taskDefinition?.executionRoleArn,
    logGroup: definition?.logConfiguration?.options?.['awslogs-group'],
  });
  return hint ? [fixLine(hint.line)] : [];
}

/** The excerpt of the container's last log lines, or why there is none; nothing for a task that never started. */
export async function logLinesFor(
  task: Task,
  taskDefinition: TaskDefinition | undefined,
  container: Container | undefined,
  options: LogOptions,
  budget: RetryBudget,
): Promise<string[]> {
  if (options.lines <= 0 || !container || task.stopCode === 'TaskFailedToStart') return [];
  const definition = taskDefinition?.containerDefinitions?.find((c) => c.name === container.name);
  const source = logSourceOf(definition ?? { name: container.name }, task.taskArn ?? '', options.region);
  if ('missing' in source) return [`${LOGS_UNAVAILABLE_PREFIX}${source.missing}`];
  const { lastLines, logsClient, unreadable } = await import('../logs/reader.js');
  try {
    const logs = logsClient(source.found.region, options.maxAttempts);
    const lines = await retryTransient('Reading the log lines', () => lastLines(logs, source.found, options.lines, budget.signal), budget);
    if (lines.length === 0) return [`${LOGS_UNAVAILABLE_PREFIX}container '${container.name}' wrote no log lines to ${source.found.group}/${source.found.stream}.`];
    return logExcerpt(`'${container.name}' in task ${lastSegment(task.taskArn ?? '')} (${source.found.group} ${source.found.stream})`, lines);
  } catch (error) {
    return [`${LOGS_UNAVAILABLE_PREFIX}${unreadable(source.found, error)}`];
  }
}

/**
 * For the first task of each group: its fix and its log excerpt. The task definition is read
 * once (DescribeTaskDefinition), for the log configuration and the execution role.
 */
export async function forensicsFor(
  ecs: ECSClient,
  examples: Task[],
  taskDefinitionArn: string,
  options: LogOptions | undefined,
  budget: RetryBudget,
): Promise<Map<Task, { fix: string[]; logs: string[] }>> {
  const found = new Map<Task, { fix: string[]; logs: string[] }>();
  let taskDefinition: TaskDefinition | undefined;
  let problem: string | undefined;
  if (!options || options.lines <= 0 || examples.length === 0) {
    for (const task of examples) found.set(task, { fix: fixFor(task, undefined, failedContainerOf(task, undefined)), logs: [] });
    return found;
  }
  try {
    const answer = await retryTransient('Reading the task definition', () => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn }), { abortSignal: budget.signal }), budget);
    taskDefinition = answer.taskDefinition;
  } catch (error) {
    problem = `${LOGS_UNAVAILABLE_PREFIX}${awsFailure(`read ${taskDefinitionArn} to find its log configuration`, error).message}`;
  }
  let denied = false;
  for (const task of examples) {
    const container = failedContainerOf(task, taskDefinition);
    // A task stopped by the scheduler or a user with clean exits tells nothing about the failure.
    const failed = container !== undefined && ((container.exitCode !== undefined && container.exitCode !== 0) || container.reason !== undefined);
    let logs: string[] = [];
    if (failed && !denied) logs = problem ? (task.stopCode === 'TaskFailedToStart' ? [] : [problem]) : await logLinesFor(task, taskDefinition, container, options, budget);
    // One line says the logs cannot be read; the next groups would only repeat it.
    denied = denied || problem !== undefined || logs.some((line) => line.startsWith(LOGS_UNAVAILABLE_PREFIX) && line.includes(DENIED_MARK));
    found.set(task, { fix: fixFor(task, taskDefinition, container), logs });
  }
  return found;
}
