/**
 * Turns a task definition file (bare, or `aws ecs describe-task-definition` output, JSON or
 * YAML) into a RegisterTaskDefinition request, refusing anything ECS would refuse or silently
 * mangle before a single AWS call is made.
 */
import * as core from '@actions/core';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { RegisterTaskDefinitionRequest$, type RegisterTaskDefinitionCommandInput, type Tag } from '@aws-sdk/client-ecs';
import { ActionError, quotePath } from '../errors.js';
import { MAX_CONTAINERS, MAX_TAGS, MAX_TASK_DEFINITION_BYTES } from '../constants.js';
import type { ImageOverride, Inputs } from '../inputs.js';
import { checkShape } from './shape.js';
import { registrationProblems } from './rules.js';
import { parseText } from './syntax.js';

/** Fields `describe-task-definition` returns that RegisterTaskDefinition does not accept. */
export const OUTPUT_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const;

export interface PreparedTaskDefinition {
  request: RegisterTaskDefinitionCommandInput;
  /** Output-only fields that were present and dropped. */
  dropped: string[];
}

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function parseTaskDefinitionText(text: string, file: string): Promise<unknown> {
  return parseText(text.replace(/^\uFEFF/, ''), file);
}

async function describeReadError(code: string | undefined, resolved: string): Promise<string> {
  if (code === 'ENOENT') return missing(resolved);
  if (code === 'EISDIR') return directory(resolved);
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied); expected a file the runner can read';
  return `cannot be read (${code ?? 'unknown error'}); expected a readable JSON or YAML file`;
}

async function missing(resolved: string): Promise<string> {
  const folder = path.dirname(resolved);
  const folderExists = await fs.stat(folder).then((stat) => stat.isDirectory(), () => false);
  return folderExists
    ? 'does not exist; expected a JSON or YAML file, relative to the workspace'
    : `does not exist, nor does its folder '${folder}'; expected a JSON or YAML file, relative to the workspace`;
}

async function directory(resolved: string): Promise<string> {
  const files = await fs.readdir(resolved).then((names) => names.filter((name) => /\.(json|ya?ml)$/i.test(name)).sort(), () => []);
  const hint = files.length === 0 ? '' : ` (it holds ${files.slice(0, 5).map((name) => `'${name}'`).join(', ')}${files.length > 5 ? ', …' : ''})`;
  return `is a directory; expected a JSON or YAML file${hint}`;
}

/** Reads the file as UTF-8. `input` is what the user wrote, `file` the absolute path it resolved to. */
export async function readTaskDefinitionFile(input: string, file: string): Promise<{ text: string; shown: string }> {
  const shown = path.relative(process.env.GITHUB_WORKSPACE ?? process.cwd(), file) || file;
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const reason = await describeReadError((error as NodeJS.ErrnoException).code, file);
    throw new ActionError(`Invalid input 'task-definition': ${quotePath(input, file)} ${reason}.`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ActionError(`Invalid input 'task-definition': ${shown}:1:1: the file is UTF-16 encoded (expected UTF-8; save it as UTF-8).`);
  }
  return { text: bytes.toString('utf8'), shown };
}

/** Drops nulls, empty strings, lists and objects, as users expect; keeps `environment` entries' empty values. */
export function dropEmpty(value: unknown, keepEmptyString = false): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => dropEmpty(item)).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (isObject(value)) {
    const result: Json = {};
    for (const [key, child] of Object.entries(value)) {
      const cleaned = key === 'environment' && Array.isArray(child) ? cleanEnvironment(child) : dropEmpty(child, keepEmptyString);
      if (cleaned !== undefined) result[key] = cleaned;
    }
    return Object.keys(result).length === 0 ? undefined : result;
  }
  if (value === null || (value === '' && !keepEmptyString)) return undefined;
  return value;
}

function cleanEnvironment(entries: unknown[]): unknown[] | undefined {
  const kept = entries
    .map((entry) => (isObject(entry) ? dropEmpty(entry, true) : dropEmpty(entry)))
    .filter((entry) => entry !== undefined);
  return kept.length === 0 ? undefined : kept;
}

/** What a file that is not a task definition holds, in words that quote none of it (it may hold secrets). */
function whatItHolds(parsed: unknown, file: string): string {
  if (Array.isArray(parsed)) {
    const objects = parsed.filter(isObject);
    const all = (test: (item: Json) => boolean): boolean => objects.length > 0 && objects.length === parsed.length && objects.every(test);
    if (all((item) => 'containerDefinitions' in item || 'taskDefinition' in item)) return 'a list of task definitions (one file holds one; give each its own file)';
    if (all((item) => 'image' in item)) return "a list of container definitions (they belong under 'containerDefinitions' of a task definition)";
    return 'a list';
  }
  if (typeof parsed === 'string') {
    return /\.json$/i.test(file) ? 'a JSON string' : "one string (YAML reads a text without 'key: value' lines at its top as a single string)";
  }
  if (parsed === null) return 'null (YAML reads a file of only comments as null)';
  return typeof parsed === 'number' ? 'a number' : `the ${typeof parsed} ${String(parsed)}`;
}

function unwrap(parsed: unknown, file: string): { definition: Json; tags: unknown } {
  if (!isObject(parsed)) {
    throw new ActionError(
      `Invalid input 'task-definition': ${file} holds ${whatItHolds(parsed, file)}, not a task definition. Expected a JSON or YAML object with 'family' and 'containerDefinitions', or the output of 'aws ecs describe-task-definition'.`,
    );
  }
  const inner = parsed.taskDefinition;
  if (isObject(inner)) {
    const extra = Object.keys(parsed).filter((key) => key !== 'taskDefinition' && key !== 'tags');
    if (extra.length > 0) {
      throw new ActionError(
        `Invalid input 'task-definition': ${file} wraps its definition in 'taskDefinition' but also has ${extra.map((k) => `'${k}'`).join(', ')} beside it. Expected only 'taskDefinition' and 'tags' at the top (describe-task-definition output), or a bare task definition.`,
      );
    }
    return { definition: { ...inner }, tags: parsed.tags };
  }
  return { definition: { ...parsed }, tags: undefined };
}

function fail(file: string, problems: Array<{ path: string; message: string }>): never {
  const [first, ...rest] = problems;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more: ${rest.map((p) => p.path).join(', ')})`;
  const sentence = `${first.path}: ${first.message}${more}`;
  throw new ActionError(`Invalid input 'task-definition': ${file}: ${sentence}${/[.?!]$/.test(sentence) ? '' : '.'}`);
}

function mergeTags(fromWrapper: unknown, fromDefinition: unknown, extra: Tag[]): unknown {
  const lists = [fromWrapper, fromDefinition].filter((list) => list !== undefined);
  if (lists.some((list) => !Array.isArray(list))) return lists.find((list) => !Array.isArray(list));
  const byKey = new Map<string, unknown>();
  for (const tag of [...(lists.flat() as Tag[]), ...extra]) byKey.set(String((tag as Tag)?.key), tag);
  return byKey.size === 0 ? undefined : [...byKey.values()];
}

/**
 * Validates and normalizes a parsed file into a request. `images` are applied before the
 * registration rules run, so a placeholder image in the file is fine when an input replaces it.
 */
export function prepareTaskDefinition(
  parsed: unknown,
  file: string,
  images: ImageOverride[],
  extraTags: Tag[] = [],
): PreparedTaskDefinition {
  const { definition, tags } = unwrap(parsed, file);
  const dropped = OUTPUT_ONLY_FIELDS.filter((field) => field in definition);
  for (const field of dropped) delete definition[field];
  const merged = mergeTags(tags, definition.tags, extraTags);
  if (merged === undefined) delete definition.tags;
  else definition.tags = merged;

  const keyProblems = checkShape(definition, RegisterTaskDefinitionRequest$);
  if (keyProblems.length > 0) fail(file, keyProblems);
  const cleaned = dropEmpty(definition) ?? {};
  const missing = checkShape(cleaned, RegisterTaskDefinitionRequest$, true);
  if (missing.length > 0) fail(file, missing);

  const request = cleaned as RegisterTaskDefinitionCommandInput;
  applyImages(request, images);
  checkLimits(request, file);
  const problems = registrationProblems(request);
  if (problems.length > 0) fail(file, problems);
  return { request, dropped };
}

function applyImages(request: RegisterTaskDefinitionCommandInput, images: ImageOverride[]): void {
  const containers = request.containerDefinitions ?? [];
  for (const { container, image } of images) {
    const target = containers.find((definition) => definition.name === container);
    if (!target) {
      const names = containers.map((definition) => `'${definition.name}'`).join(', ') || 'none';
      throw new ActionError(
        `Invalid input 'container-images': no container named '${container}' in the task definition. Expected one of: ${names}.`,
      );
    }
    target.image = image;
  }
}

function checkLimits(request: RegisterTaskDefinitionCommandInput, file: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(request));
  if (bytes > MAX_TASK_DEFINITION_BYTES) {
    throw new ActionError(
      `Invalid input 'task-definition': ${file} is ${bytes} bytes as a request; ECS accepts at most ${MAX_TASK_DEFINITION_BYTES} bytes (64 KiB). Move large values (environment, command) to environmentFiles or secrets.`,
    );
  }
  const containers = request.containerDefinitions?.length ?? 0;
  if (containers > MAX_CONTAINERS) {
    throw new ActionError(
      `Invalid input 'task-definition': ${file} has ${containers} containers; ECS accepts at most ${MAX_CONTAINERS} per task definition.`,
    );
  }
  const tags = request.tags?.length ?? 0;
  if (tags > MAX_TAGS) {
    throw new ActionError(
      `Invalid input 'task-definition': ${file} and 'task-definition-tags' give ${tags} tags; ECS accepts at most ${MAX_TAGS}.`,
    );
  }
}

/** Reads, checks and normalizes the file; no AWS call happens before this has passed. */
export async function loadTaskDefinition(inputs: Inputs): Promise<PreparedTaskDefinition> {
  const { text, shown } = await readTaskDefinitionFile(inputs.taskDefinitionInput!, inputs.taskDefinitionPath!);
  const parsed = await parseTaskDefinitionText(text, shown);
  const tags = inputs.taskDefinitionTags.map(({ key, value }) => ({ key, value }));
  const prepared = prepareTaskDefinition(parsed, shown, inputs.containerImages, tags);
  if (prepared.dropped.length > 0) {
    core.notice(`Dropped fields that only describe-task-definition returns: ${prepared.dropped.join(', ')}.`);
  }
  const placeholders = (prepared.request.containerDefinitions ?? [])
    .filter((c) => /[<>]|\{\{|\$\{/.test(c.image ?? ''))
    .map((c) => `${c.name}=${c.image}`);
  if (placeholders.length > 0) {
    core.warning(`These images look like unfilled template placeholders: ${placeholders.join(', ')}. Set them with 'container-images'.`);
  }
  return prepared;
}
