/** What a scheduled target names as its task definition, read the way RunTask reads it. */
import type { TargetPin } from './types.js';

/**
 * An ECS target's task definition: `family:revision` or the family alone, as an ARN or not. RunTask
 * "taskDefinition: The family and revision (family:revision) or full ARN of the task definition to
 * run. If a revision isn't specified, the latest ACTIVE revision is used."
 */
const TASK_DEFINITION = /^(?:arn:aws[\w-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/)?([A-Za-z0-9_-]{1,255})(?::(\d+))?$/;

export interface NamedRevision {
  family: string;
  revision?: number;
}

export function parseTaskDefinition(value: string | undefined): NamedRevision | undefined {
  const match = value === undefined ? null : TASK_DEFINITION.exec(value);
  if (!match) return undefined;
  return { family: match[1], ...(match[2] === undefined ? {} : { revision: Number(match[2]) }) };
}

/** `web:7`, or `web` for a target that names only the family. */
export function shortName(named: NamedRevision): string {
  return named.revision === undefined ? named.family : `${named.family}:${named.revision}`;
}

export function pinOf(named: NamedRevision): TargetPin {
  return named.revision === undefined ? 'family' : 'revision';
}

/** Scheduler's universal target for ECS RunTask: the task definition is inside the target's Input. */
export const UNIVERSAL_RUN_TASK = 'arn:aws:scheduler:::aws-sdk:ecs:runTask';

/**
 * The cluster and task definition in a universal target's Input (RunTask's parameters as JSON).
 * Both spellings are read: the Scheduler guide writes them in PascalCase, the ECS API in camelCase.
 */
export function universalRunTask(input: string | undefined): { cluster?: string; taskDefinition?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input ?? '');
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const fields = parsed as Record<string, unknown>;
  const text = (...names: string[]) => names.map((name) => fields[name]).find((value): value is string => typeof value === 'string');
  return { cluster: text('Cluster', 'cluster'), taskDefinition: text('TaskDefinition', 'taskDefinition') };
}

/**
 * The cluster's ARN, which ECS targets carry as their `Arn`: the input when it is one, else built
 * from a task definition ARN of the same account and region (no call needed).
 */
export function clusterArnFor(cluster: string, taskDefinitionArn: string): string {
  if (cluster.startsWith('arn:')) return cluster;
  const prefix = taskDefinitionArn.slice(0, taskDefinitionArn.indexOf(':task-definition/'));
  return `${prefix}:cluster/${cluster}`;
}

/** Whether a universal target's cluster (name or ARN; RunTask: "If you do not specify a cluster, the default cluster is assumed") is this cluster. */
export function sameCluster(named: string | undefined, clusterArn: string): boolean {
  const name = clusterArn.slice(clusterArn.lastIndexOf('/') + 1);
  return (named ?? 'default') === clusterArn || (named ?? 'default') === name;
}
