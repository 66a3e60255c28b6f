/**
 * The inputs of a release of several services: `services` (a YAML list), `run-task-service`,
 * `rollback-scope` and `max-parallel-updates`. The single-service inputs (`service`,
 * `task-definition`, `smoke-command`, ...) mean a one-item list, so every deploy runs one code path.
 * The list is parsed (with positions, by the `yaml` package, loaded only when the input is set)
 * after getInputs, before any file is read or any AWS call is made.
 */
import * as path from 'node:path';
import type * as Yaml from 'yaml';
import { InputError, quote } from '../errors.js';
import { number, oneOf, text } from '../input-values.js';

export type RollbackScope = 'all' | 'failed';

/** What this file needs of inputs.ts's SmokeInputs (which it cannot import: inputs.ts imports this file). */
interface SmokeShape {
  command: string;
  container?: string;
  expect?: RegExp;
}

/** The smoke-* inputs every smoke check of the step shares. */
type SmokeDefaults<Smoke extends SmokeShape> = Omit<Smoke, 'command' | 'container'>;

/** One service of the release. */
export interface ServiceSpec<Smoke extends SmokeShape = SmokeShape> {
  name: string;
  /**
   * A `services` item's 'task-definition' as written, and the path it resolved to. Undefined: the
   * service's current revision with 'container-images' applied (a `services` item), or the step's
   * own 'task-definition' / 'task-definition-arn' (the single-service inputs).
   */
  taskDefinitionInput?: string;
  taskDefinitionPath?: string;
  /** Undefined when the service has no smoke command. */
  smoke?: Smoke;
}

export interface ReleaseInputs<Smoke extends SmokeShape = SmokeShape> {
  /** True when the 'services' input lists the services; false for the single-service inputs. */
  listed: boolean;
  /** The services in their order; empty in mode 'deploy' without a service (register only) and in the other modes. */
  services: Array<ServiceSpec<Smoke>>;
  /** The service whose new revision and network the release task uses; undefined: the first. */
  runTaskService?: string;
  /** 'all': a failure rolls back every service of the release; 'failed': only the services that failed. */
  rollbackScope: RollbackScope;
  /** How many UpdateService calls may be in flight at once. */
  maxParallelUpdates: number;
  /** Set while 'services' is not parsed yet (parseServices does it). */
  pending?: Pending<Smoke>;
}

interface Pending<Smoke extends SmokeShape> {
  text: string;
  workspace: string;
  smoke: SmokeDefaults<Smoke>;
}

/** What releaseInputs needs from the rest of the inputs, already read and checked. */
interface Others<Smoke extends SmokeShape> {
  mode: string;
  service?: string;
  taskDefinitionInput?: string;
  taskDefinitionPath?: string;
  taskDefinitionArn?: string;
  smoke?: Smoke;
  runTask?: unknown;
}

type Read = (name: string) => string;

/** DescribeServiceDeployments takes at most 20 ARNs: one request watches the whole release. */
export const MAX_SERVICES = 20;
const MAX_PARALLEL_UPDATES = 20;
const DEFAULT_PARALLEL_UPDATES = 5;
const KEYS = ['service', 'task-definition', 'smoke-command', 'smoke-container', 'smoke-expect'] as const;
const SERVICE = /^(arn:aws[\w-]*:ecs:[a-z0-9-]+:\d{12}:service\/[A-Za-z0-9_-]+\/)?[A-Za-z0-9_-]{1,255}$/;

/** The inputs the list contradicts: each belongs to one service, and the list gives them per service. */
function refuseBeside<Smoke extends SmokeShape>(read: Read, others: Others<Smoke>): void {
  const perService: Array<[string, string | undefined, string]> = [
    ['service', others.service, "each service as a '- service: <name>' item of 'services'"],
    ['task-definition', others.taskDefinitionInput, "a 'task-definition' key on each item of 'services' that has its own file"],
    ['task-definition-arn', others.taskDefinitionArn, "a 'task-definition' file per item of 'services' (an item without one deploys its current revision with 'container-images' applied)"],
    ['smoke-command', others.smoke?.command, "a 'smoke-command' key on each item of 'services' that has a smoke check"],
    ['smoke-container', text(read, 'smoke-container'), "a 'smoke-container' key on the item of 'services' it belongs to"],
    ['desired-count', text(read, 'desired-count'), "each service's own desired count, set outside this step"],
  ];
  for (const [name, given, instead] of perService) {
    if (given !== undefined) throw new InputError(name, given, `to be empty when 'services' is set; give ${instead}`);
  }
}

/**
 * Reads the release's inputs. `smokeDefaults` reads the smoke-* inputs every service's check
 * shares (it validates them); it is called only when 'services' is set.
 */
export function releaseInputs<Smoke extends SmokeShape>(
  read: Read,
  others: Others<Smoke>,
  workspace: string,
  smokeDefaults: () => SmokeDefaults<Smoke>,
): ReleaseInputs<Smoke> {
  const listed = read('services').trim() === '' ? undefined : read('services');
  const rollbackScope = oneOf<RollbackScope>(read, 'rollback-scope', ['all', 'failed'], 'all');
  const maxParallelUpdates = number(read, 'max-parallel-updates', DEFAULT_PARALLEL_UPDATES, { integer: true, min: 1, max: MAX_PARALLEL_UPDATES });
  const runTaskService = text(read, 'run-task-service');
  const common = { rollbackScope, maxParallelUpdates, runTaskService };
  if (runTaskService !== undefined && !others.runTask) {
    throw new InputError('run-task-service', runTaskService, "to be empty unless 'run-task' is 'true' (it chooses where the release task runs)");
  }
  if (listed === undefined) {
    if (runTaskService !== undefined && runTaskService !== others.service) {
      throw new InputError('run-task-service', runTaskService, `the service the step deploys (${quote(others.service ?? '')}), or empty`);
    }
    const single = others.mode === 'deploy' && others.service !== undefined;
    const services = single
      ? [{ name: others.service!, taskDefinitionInput: others.taskDefinitionInput, taskDefinitionPath: others.taskDefinitionPath, smoke: others.smoke }]
      : [];
    return { listed: false, services, ...common };
  }
  if (others.mode !== 'deploy') throw new InputError('services', firstLine(listed), `to be empty in mode '${others.mode}' (a release of several services is a deploy)`);
  refuseBeside(read, others);
  return { listed: true, services: [], ...common, pending: { text: listed, workspace, smoke: smokeDefaults() } };
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '') ?? text;
  return line.trim();
}

/** A bad item: the input, what the user wrote there (quoted) and its line and column, and the form expected. */
class ItemError extends InputError {
  constructor(position: string, written: string, expected: string) {
    super('services', written, `${expected} (${position})`);
  }
}

interface Located {
  yaml: typeof Yaml;
  text: string;
  lines: Yaml.LineCounter;
}

function where(at: Located, node: Yaml.Node | Yaml.Pair | null | undefined): string {
  const offset = (node && 'range' in node ? node.range?.[0] : undefined) ?? (node && 'key' in node ? (node.key as Yaml.Node | null)?.range?.[0] : undefined) ?? 0;
  const { line, col } = at.lines.linePos(offset);
  return `line ${line}, column ${col}`;
}

/** The source text of a node, as the user wrote it (one line). */
function written(at: Located, node: Yaml.Node | null | undefined): string {
  const range = node?.range;
  if (!range) return '';
  return at.text.slice(range[0], range[1]).trim().split(/\r?\n/)[0];
}

function regex(at: Located, node: Yaml.Node, source: string): RegExp {
  try {
    return new RegExp(source, 'm');
  } catch (error) {
    throw new ItemError(where(at, node), source, `'smoke-expect' as a JavaScript regular expression (${(error as Error).message})`);
  }
}

/** The text value of an item's key, as written: `smoke-command: true` is the command `true`, not a boolean. */
function stringAt(at: Located, pair: Yaml.Pair): string {
  const node = pair.value as Yaml.Node | null;
  const key = String((pair.key as Yaml.Scalar).value);
  const value = at.yaml.isScalar(node) && node.value !== null ? (typeof node.value === 'string' ? node.value : written(at, node)).trim() : '';
  if (value === '') throw new ItemError(where(at, node ?? pair), written(at, node) || `${key}:`, `'${key}' to be a non-empty string`);
  return value;
}

type Item = Partial<Record<(typeof KEYS)[number], string>> & { node: Yaml.Node };

function readItem(at: Located, node: Yaml.Node): Item {
  if (at.yaml.isScalar(node) && typeof node.value === 'string') return { service: node.value.trim(), node };
  if (!at.yaml.isMap(node)) {
    throw new ItemError(where(at, node), written(at, node), "each item a service name ('- web') or a map with 'service' ('- service: web')");
  }
  const item: Item = { node };
  for (const pair of node.items) {
    const key = at.yaml.isScalar(pair.key) ? String(pair.key.value) : written(at, pair.key as Yaml.Node);
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new ItemError(where(at, pair.key as Yaml.Node), key, `one of the keys ${KEYS.map((k) => `'${k}'`).join(', ')}`);
    }
    item[key as (typeof KEYS)[number]] = stringAt(at, pair);
  }
  return item;
}

function spec<Smoke extends SmokeShape>(at: Located, item: Item, pending: Pending<Smoke>): ServiceSpec<Smoke> {
  const { node } = item;
  const name = item.service;
  if (name === undefined) throw new ItemError(where(at, node), written(at, node), "a 'service' key naming the ECS service");
  if (!SERVICE.test(name)) throw new ItemError(where(at, node), name, 'a service name (letters, digits, - and _) or a service ARN');
  for (const key of ['smoke-container', 'smoke-expect'] as const) {
    if (item[key] !== undefined && item['smoke-command'] === undefined) {
      throw new ItemError(where(at, node), item[key]!, `'${key}' only on an item with a 'smoke-command' (service '${name}' has none)`);
    }
  }
  const command = item['smoke-command'];
  const expect = item['smoke-expect'];
  const file = item['task-definition'];
  return {
    name,
    ...(file !== undefined && { taskDefinitionInput: file, taskDefinitionPath: path.resolve(pending.workspace, file) }),
    smoke:
      command === undefined
        ? undefined
        : ({ ...pending.smoke, command, container: item['smoke-container'], ...(expect !== undefined && { expect: regex(at, node, expect) }) } as Smoke),
  };
}

/** Words the first syntax error from its code and position; the parser's own message would quote the input. */
function syntaxError(at: Located, error: Yaml.YAMLError): InputError {
  const { line, col } = at.lines.linePos(error.pos[0]);
  const lineText = at.text.split(/\r?\n/)[line - 1]?.trim() ?? '';
  return new ItemError(`line ${line}, column ${col}: YAML ${error.code}`, lineText, "a YAML list such as '- service: web' (indent the keys of one item alike)");
}

/** The listed services, checked: a list of 1 to 20 items, known keys, each service once. */
export async function parseServices<Smoke extends SmokeShape>(pending: Pending<Smoke>): Promise<Array<ServiceSpec<Smoke>>> {
  const yaml = await import('yaml');
  const lines = new yaml.LineCounter();
  const document = yaml.parseDocument(pending.text, { lineCounter: lines, uniqueKeys: true });
  const at: Located = { yaml, text: pending.text, lines };
  if (document.errors.length > 0) throw syntaxError(at, document.errors[0]);
  const root = document.contents;
  if (!yaml.isSeq(root) || root.items.length === 0) {
    throw new InputError('services', firstLine(pending.text), "a YAML list of services, one item per service: '- service: web' (with optional 'task-definition', 'smoke-command', 'smoke-container', 'smoke-expect') or '- web'");
  }
  if (root.items.length > MAX_SERVICES) {
    throw new InputError('services', `${root.items.length} services`, `at most ${MAX_SERVICES} services (one DescribeServiceDeployments request watches them all)`);
  }
  const specs = root.items.map((node) => spec(at, readItem(at, node as Yaml.Node), pending));
  const seen = new Set<string>();
  for (const [index, one] of specs.entries()) {
    const short = one.name.split('/').pop()!;
    if (seen.has(short)) throw new ItemError(where(at, root.items[index] as Yaml.Node), one.name, 'each service listed once');
    seen.add(short);
  }
  return specs;
}
