/**
 * Decides whether a prepared request equals a registered revision. ECS stores defaults the
 * user never wrote (container cpu 0, empty lists, tcp, hostPort in awsvpc) and keeps lists in
 * its own order, so both sides are normalized before they are compared.
 */
import type { RegisterTaskDefinitionCommandInput, Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import { OUTPUT_ONLY_FIELDS, dropEmpty, isObject } from './load.js';

type Json = Record<string, unknown>;

const CONTAINER_DEFAULTS: Json = { cpu: 0, essential: true };
const TASK_DEFAULTS: Json = { enableFaultInjection: false };

function withoutDefaults(value: Json, defaults: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([key, child]) => defaults[key] !== child));
}

function byKey<T>(key: (item: T) => string) {
  return (a: T, b: T): number => key(a).localeCompare(key(b));
}

function normalizeContainer(container: Json, awsvpc: boolean): Json {
  const result = withoutDefaults(container, CONTAINER_DEFAULTS);
  for (const list of ['environment', 'secrets'] as const) {
    if (Array.isArray(result[list])) result[list] = [...(result[list] as Json[])].sort(byKey<Json>((item) => String(item.name)));
  }
  if (Array.isArray(result.portMappings)) {
    result.portMappings = (result.portMappings as Json[])
      .map((mapping) => {
        const normalized: Json = { protocol: 'tcp', ...mapping };
        if (awsvpc && normalized.hostPort === undefined) normalized.hostPort = normalized.containerPort;
        return normalized;
      })
      .sort(byKey<Json>((m) => `${String(m.containerPort).padStart(6, '0')}/${m.protocol}/${m.name ?? ''}`));
  }
  return result;
}

/** A comparable form of a task definition (request or describe output) and its tags. */
export function canonical(definition: Json, tags: Tag[] | undefined): unknown {
  // Both sides get the cleaning the file gets, so a value ECS stores empty compares as absent.
  const pruned = (dropEmpty(definition) ?? {}) as Json;
  for (const field of [...OUTPUT_ONLY_FIELDS, 'tags']) delete pruned[field];
  const task = withoutDefaults(pruned, TASK_DEFAULTS);
  const awsvpc = task.networkMode === 'awsvpc';
  if (Array.isArray(task.containerDefinitions)) {
    task.containerDefinitions = (task.containerDefinitions as Json[]).map((c) => normalizeContainer(c, awsvpc));
  }
  const sortedTags = [...(tags ?? [])].sort(byKey<Tag>((tag) => String(tag.key)));
  return sortKeys({ task, tags: sortedTags });
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
  }
  return value;
}

export function sameTaskDefinition(request: RegisterTaskDefinitionCommandInput, registered: TaskDefinition, tags: Tag[]): boolean {
  const wanted = canonical(request as unknown as Json, request.tags);
  const existing = canonical(registered as unknown as Json, tags);
  return JSON.stringify(wanted) === JSON.stringify(existing);
}
