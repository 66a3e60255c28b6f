/**
 * Checks a request body against the ECS API model the SDK ships, at every depth.
 * The SDK silently drops keys it does not know, so without this a typo such as
 * `enviroment` would vanish and the container would start without its variables.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticStructureSchema } from '@smithy/types';

export interface ShapeProblem {
  /** JSON path such as `containerDefinitions[0].environment[2].valueFrom`. */
  path: string;
  message: string;
}

/** Paths whose values are never quoted back: task definition environment values are secrets in practice. */
const HIDDEN_VALUES = /(^|\.)environment\[\d+\]/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

function kindOf(schema: NormalizedSchema): string {
  if (schema.isStructSchema()) return 'an object';
  if (schema.isListSchema()) return 'a list';
  if (schema.isMapSchema()) return 'an object of strings';
  if (schema.isNumericSchema()) return 'a number';
  if (schema.isBooleanSchema()) return 'true or false';
  return 'a string';
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Levenshtein distance, case-insensitive: used only to suggest the intended key. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[y.length];
}

export function nearest(key: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** Extra advice for mistakes seen in real task definitions. */
function adviceFor(path: string, key: string): string | undefined {
  if (key === 'valueFrom' && /environment\[\d+\]$/.test(path)) {
    return "a variable read from Secrets Manager or SSM belongs under 'secrets' as { \"name\", \"valueFrom\" }";
  }
  return undefined;
}

/**
 * The list form of a list written as an object, as users of Docker Compose or Kubernetes often
 * write it. Only the first key is shown: keys are variable names, the values may be secrets.
 */
function listForm(path: string, value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const first = Object.keys(value)[0];
  const name = first === undefined ? 'NAME' : first;
  if (/(^|\.)environment$/.test(path)) return ` (write environment as a list of names and values: [{ "name": ${JSON.stringify(name)}, "value": "…" }, …])`;
  if (/(^|\.)secrets$/.test(path)) return ` (write secrets as a list: [{ "name": ${JSON.stringify(name)}, "valueFrom": "<Secrets Manager or SSM parameter ARN>" }, …])`;
  if (path.endsWith('tags')) return ' (write tags as a list: [{ "key": "team", "value": "web" }])';
  return '';
}

function requiredCount(schema: NormalizedSchema): number {
  // The SDK's static structure schemas list required members first and store their count at index 6.
  const count = (schema.getSchema() as StaticStructureSchema)[6];
  return typeof count === 'number' ? count : 0;
}

interface Walk {
  problems: ShapeProblem[];
  /** false: only unknown keys and wrong types; true: only missing required members. */
  required: boolean;
}

function checkStruct(value: object, schema: NormalizedSchema, path: string, walk: Walk): void {
  const { problems } = walk;
  const members = schema.getMemberSchemas();
  const names = Object.keys(members);
  for (const [key, child] of Object.entries(value)) {
    const member = members[key];
    const childPath = join(path, key);
    if (member === undefined) {
      if (walk.required) continue;
      const advice = adviceFor(path, key);
      const suggestion = nearest(key, names);
      const hint = advice ?? (suggestion ? `did you mean '${suggestion}'?` : `valid keys here: ${names.join(', ')}`);
      problems.push({ path: childPath, message: `unknown key '${key}': ${hint}` });
      continue;
    }
    checkValue(child, member, childPath, walk);
  }
  if (!walk.required) return;
  for (const name of names.slice(0, requiredCount(schema))) {
    const present = (value as Record<string, unknown>)[name];
    if (present === undefined || present === null) {
      problems.push({ path: join(path, name), message: `'${name}' is required` });
    }
  }
}

function checkValue(value: unknown, schema: NormalizedSchema, path: string, walk: Walk): void {
  if (value === null || value === undefined) return;
  const { problems } = walk;
  const hidden = HIDDEN_VALUES.test(path) && typeof value !== 'object';
  const wrongType = (extra = ''): void => {
    const shown = hidden ? `a ${typeof value}` : describe(value);
    if (!walk.required) problems.push({ path, message: `expected ${kindOf(schema)}, found ${shown}${hidden ? '' : extra}` });
  };
  if (schema.isStructSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) return wrongType();
    return checkStruct(value, schema, path, walk);
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return wrongType(listForm(path, value));
    const member = schema.getValueSchema();
    value.forEach((item, index) => checkValue(item, member, `${path}[${index}]`, walk));
    return;
  }
  if (schema.isMapSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) return wrongType();
    const member = schema.getValueSchema();
    for (const [key, item] of Object.entries(value)) checkValue(item, member, join(path, key), walk);
    return;
  }
  if (schema.isNumericSchema()) {
    if (typeof value === 'number') return;
    const numeric = typeof value === 'string' && /^\d+$/.test(value.trim());
    return wrongType(numeric ? ` (write ${value.trim()} without quotes)` : '');
  }
  if (schema.isBooleanSchema()) {
    if (typeof value !== 'boolean') wrongType();
    return;
  }
  if (schema.isStringSchema() && typeof value !== 'string') {
    wrongType(typeof value === 'number' ? ` (write "${value}" in quotes)` : '');
  }
}

/**
 * Problems in `value` measured against the SDK schema `shape` (e.g. RegisterTaskDefinitionRequest$):
 * unknown keys and wrong types, or with `required` only the required members that are missing.
 * Keys are checked before empty values are dropped (so `"enviroment": []` is still a typo),
 * required members after (so `"family": ""` is missing).
 */
export function checkShape(value: unknown, shape: unknown, required = false): ShapeProblem[] {
  const walk: Walk = { problems: [], required };
  checkValue(value, NormalizedSchema.of(shape as StaticStructureSchema), '', walk);
  return walk.problems;
}
