// @ts-check
import { clientError } from '../core/errors.js';

/** Fargate task sizes: CPU units -> allowed memory (MiB). */
const FARGATE_SIZES = new Map([
  [256, [512, 1024, 2048]],
  [512, range(1024, 4096, 1024)],
  [1024, range(2048, 8192, 1024)],
  [2048, range(4096, 16384, 1024)],
  [4096, range(8192, 30720, 1024)],
  [8192, range(16384, 61440, 4096)],
  [16384, range(32768, 122880, 8192)],
]);

/** @param {number} from @param {number} to @param {number} step */
function range(from, to, step) {
  const out = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/**
 * "0.25 vCPU" -> "256", "1 GB" -> "1024", "512" -> "512", as ECS stores them.
 * @param {string | undefined} value @param {'cpu' | 'memory'} kind
 */
function normalizeSize(value, kind) {
  if (value === undefined) return undefined;
  const match = /^\s*([0-9]*\.?[0-9]+)\s*(vcpu|gb|mib|mb)?\s*$/i.exec(String(value));
  if (!match) throw clientError(`Invalid '${kind}' setting for task. The value '${value}' is not a valid number of ${kind === 'cpu' ? 'CPU units or vCPUs' : 'MiB or GB'}.`);
  const amount = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  const scaled = unit === 'vcpu' || unit === 'gb' ? amount * 1024 : amount;
  return String(Math.round(scaled));
}

/**
 * Checks a RegisterTaskDefinition request the way ECS does; throws ClientException.
 * @param {any} input
 */
function check(input) {
  if (typeof input.family !== 'string' || input.family === '') throw clientError('Family must be specified.');
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(input.family)) {
    throw clientError('Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.');
  }
  const containers = input.containerDefinitions;
  if (!Array.isArray(containers) || containers.length === 0) throw clientError('Container list cannot be empty.');
  if (containers.length > 10) throw clientError('Too many containers. A task definition can have at most 10 containers.');
  const names = new Set();
  for (const c of containers) {
    if (typeof c.name !== 'string' || c.name === '') throw clientError('Container.name should not be null or empty.');
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(c.name)) throw clientError(`Invalid container name '${c.name}'. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.`);
    if (names.has(c.name)) throw clientError(`Duplicate container name '${c.name}'. Container names must be unique within a task definition.`);
    names.add(c.name);
    if (typeof c.image !== 'string' || c.image === '') throw clientError('Container.image should not be null or empty.');
  }
  if (!containers.some((c) => c.essential !== false)) throw clientError('Task definition must have at least one essential container.');
  if ((input.tags ?? []).length > 50) throw clientError('Too many tags. A resource can have at most 50 tags.');
  if (Buffer.byteLength(JSON.stringify(input)) > 65536) throw clientError('Task definition size exceeds the maximum of 64 KiB.');
  if (!(input.requiresCompatibilities ?? []).includes('FARGATE') && input.memory === undefined) {
    const missing = containers.find((c) => c.memory === undefined && c.memoryReservation === undefined);
    if (missing) throw clientError(`Invalid setting for container '${missing.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`);
  }
}

/** @param {any} input */
function checkFargate(input) {
  if ((input.networkMode ?? 'awsvpc') !== 'awsvpc') throw clientError("Fargate only supports network mode 'awsvpc'.");
  if (input.cpu === undefined) throw clientError("Fargate requires that 'cpu' be defined at the task level.");
  if (input.memory === undefined) throw clientError("Fargate requires that 'memory' be defined at the task level.");
  const cpu = Number(input.cpu);
  const memory = Number(input.memory);
  if (!FARGATE_SIZES.get(cpu)?.includes(memory)) {
    throw clientError(`No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. See the Amazon ECS documentation for the valid values.`);
  }
  const ecrImage = input.containerDefinitions.find((/** @type {any} */ c) => /\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\//.test(c.image));
  if (ecrImage && !input.executionRoleArn) throw clientError('Fargate requires task definition to have execution role ARN to support ECR images.');
}

/**
 * The container definition as ECS stores it, with the defaults it adds.
 * @param {any} c @param {string | undefined} networkMode
 */
function withContainerDefaults(c, networkMode) {
  return {
    ...c,
    cpu: c.cpu ?? 0,
    portMappings: (c.portMappings ?? []).map((/** @type {any} */ p) => ({
      ...p,
      ...(networkMode === 'awsvpc' && p.hostPort === undefined ? { hostPort: p.containerPort } : {}),
      protocol: p.protocol ?? 'tcp',
    })),
    essential: c.essential ?? true,
    environment: c.environment ?? [],
    mountPoints: c.mountPoints ?? [],
    volumesFrom: c.volumesFrom ?? [],
    systemControls: c.systemControls ?? [],
  };
}

/** @param {any} td */
function requiredAttributes(td) {
  const names = ['com.amazonaws.ecs.capability.docker-remote-api.1.18'];
  const containers = td.containerDefinitions;
  if (containers.some((/** @type {any} */ c) => /\.dkr\.ecr\./.test(c.image))) names.push('com.amazonaws.ecs.capability.ecr-auth');
  if (td.executionRoleArn && containers.some((/** @type {any} */ c) => /\.dkr\.ecr\./.test(c.image))) names.push('ecs.capability.execution-role-ecr-pull');
  if (td.taskRoleArn) names.push('com.amazonaws.ecs.capability.task-iam-role');
  if (td.networkMode === 'awsvpc') names.push('ecs.capability.task-eni');
  if (containers.some((/** @type {any} */ c) => c.logConfiguration?.logDriver === 'awslogs')) {
    names.push('com.amazonaws.ecs.capability.logging-driver.awslogs', 'ecs.capability.execution-role-awslogs');
  }
  if (containers.some((/** @type {any} */ c) => c.healthCheck)) names.push('ecs.capability.container-health-check');
  if (containers.some((/** @type {any} */ c) => c.secrets?.length)) names.push('ecs.capability.secrets.asm.environment-variables');
  return names.map((name) => ({ name }));
}

/** Registered task definitions: revisions per family, as ECS keeps them. */
export class TaskDefinitionRegistry {
  /**
   * @param {{ region: string, account: string, identityArn: string, epoch: () => number }} options
   *   epoch: the current simulated time as epoch seconds
   */
  constructor({ region, account, identityArn, epoch }) {
    this.region = region;
    this.account = account;
    this.identityArn = identityArn;
    this.epoch = epoch;
    /** @type {Map<string, {taskDefinition: any, tags: any[]}[]>} family -> revisions (index = revision - 1) */
    this.families = new Map();
  }

  /**
   * @param {any} input a RegisterTaskDefinition request
   * @returns {{taskDefinition: any, tags: any[]}}
   */
  register(input) {
    check(input);
    const { tags = [], ...request } = structuredClone(input);
    const cpu = normalizeSize(request.cpu, 'cpu');
    const memory = normalizeSize(request.memory, 'memory');
    if ((request.requiresCompatibilities ?? []).includes('FARGATE')) checkFargate({ ...request, cpu, memory });
    const revisions = this.families.get(request.family) ?? [];
    this.families.set(request.family, revisions);
    const revision = revisions.length + 1;
    const fargateReady = request.networkMode === 'awsvpc' && cpu !== undefined && memory !== undefined;
    const taskDefinition = {
      taskDefinitionArn: `arn:aws:ecs:${this.region}:${this.account}:task-definition/${request.family}:${revision}`,
      ...request,
      containerDefinitions: request.containerDefinitions.map((/** @type {any} */ c) => withContainerDefaults(c, request.networkMode)),
      revision,
      volumes: request.volumes ?? [],
      status: 'ACTIVE',
      requiresAttributes: [],
      placementConstraints: request.placementConstraints ?? [],
      compatibilities: fargateReady ? ['EC2', 'FARGATE'] : ['EC2'],
      ...(cpu !== undefined ? { cpu } : {}),
      ...(memory !== undefined ? { memory } : {}),
      registeredAt: this.epoch(),
      registeredBy: this.identityArn,
    };
    taskDefinition.requiresAttributes = requiredAttributes(taskDefinition);
    const entry = { taskDefinition, tags };
    revisions.push(entry);
    return entry;
  }

  /**
   * Finds "family", "family:revision" or a task definition ARN. "family" alone means the
   * latest ACTIVE revision.
   * @param {string} ref
   */
  find(ref) {
    const match = /^(?:arn:aws[a-z-]*:ecs:[^:]+:\d+:task-definition\/)?([A-Za-z0-9_-]+)(?::(\d+))?$/.exec(ref ?? '');
    if (!match) return undefined;
    const revisions = this.families.get(match[1]) ?? [];
    if (match[2] !== undefined) return revisions[Number(match[2]) - 1];
    return [...revisions].reverse().find((r) => r.taskDefinition.status === 'ACTIVE');
  }

  /** @param {string} ref */
  describe(ref) {
    const entry = this.find(ref);
    if (!entry || entry.taskDefinition.status === 'DELETE_IN_PROGRESS') throw clientError('Unable to describe task definition.');
    return entry;
  }

  /** @param {string} ref */
  deregister(ref) {
    if (!/:\d+$/.test(ref ?? '')) throw clientError('Invalid revision number. Number: ' + (String(ref).split(':')[1] ?? 'null'));
    const entry = this.find(ref);
    if (!entry) throw clientError('The specified task definition does not exist.');
    if (entry.taskDefinition.status === 'ACTIVE') {
      entry.taskDefinition.status = 'INACTIVE';
      entry.taskDefinition.deregisteredAt = this.epoch();
    }
    return entry;
  }

  /**
   * ARNs in ListTaskDefinitions order.
   * @param {{ familyPrefix?: string, status?: string, sort?: string }} filter
   */
  list({ familyPrefix, status = 'ACTIVE', sort = 'ASC' }) {
    const families = [...this.families.keys()].filter((f) => familyPrefix === undefined || f === familyPrefix).sort();
    const arns = families.flatMap((f) => (this.families.get(f) ?? [])
      .map((r) => r.taskDefinition)
      .filter((td) => td.status === status)
      .map((td) => td.taskDefinitionArn));
    return sort === 'DESC' ? arns.reverse() : arns;
  }

  all() {
    return [...this.families.values()].flat();
  }
}
