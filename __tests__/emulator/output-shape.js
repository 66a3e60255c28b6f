// Checks an emulator answer against the output schema the AWS SDK ships (the way
// src/request-shape.ts checks requests): unknown members, wrong types, missing required
// members, and enum values outside the SDK's enum objects.
import * as ecs from '@aws-sdk/client-ecs';
import * as ecr from '@aws-sdk/client-ecr';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import { NormalizedSchema } from '@smithy/core/schema';

/** Member name -> the SDK enum object its values must come from (ECS). */
const ECS_ENUMS = {
  rolloutState: ecs.DeploymentRolloutState,
  launchType: ecs.LaunchType,
  healthStatus: ecs.HealthStatus,
  connectivity: ecs.Connectivity,
  stopCode: ecs.TaskStopCode,
  schedulingStrategy: ecs.SchedulingStrategy,
  propagateTags: ecs.PropagateTags,
  availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing,
  assignPublicIp: ecs.AssignPublicIp,
};
/** Enums that depend on the containing structure. */
const ECS_ENUMS_IN = {
  'ServiceDeployment.status': ecs.ServiceDeploymentStatus,
  'ServiceDeploymentBrief.status': ecs.ServiceDeploymentStatus,
  'ServiceDeploymentCircuitBreaker.status': ecs.ServiceDeploymentRollbackMonitorsStatus,
  'DeploymentController.type': ecs.DeploymentControllerType,
};

/** @param {unknown} value */
const kind = (value) => (Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value);

/**
 * @param {unknown} value @param {NormalizedSchema} schema @param {string} path @param {string[]} problems @param {string} owner
 */
function check(value, schema, path, problems, owner) {
  if (value === undefined) return;
  if (schema.isStructSchema()) {
    if (kind(value) !== 'object') return void problems.push(`${path}: expected an object, got ${kind(value)}`);
    const members = schema.getMemberSchemas();
    const names = Object.keys(members);
    const required = /** @type {any} */ (schema.getSchema())[6];
    for (const name of names.slice(0, typeof required === 'number' ? required : 0)) {
      if (/** @type {any} */ (value)[name] === undefined) problems.push(`${path}.${name}: required member missing`);
    }
    for (const [key, child] of Object.entries(/** @type {object} */ (value))) {
      if (!(key in members)) problems.push(`${path}.${key}: not a member of ${schema.getName()}`);
      else check(child, members[key], `${path}.${key}`, problems, schema.getName() ?? '');
    }
    return;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return void problems.push(`${path}: expected a list, got ${kind(value)}`);
    value.forEach((item, i) => check(item, schema.getValueSchema(), `${path}[${i}]`, problems, owner));
    return;
  }
  if (schema.isMapSchema()) {
    if (kind(value) !== 'object') return void problems.push(`${path}: expected a map, got ${kind(value)}`);
    for (const [k, v] of Object.entries(/** @type {object} */ (value))) check(v, schema.getValueSchema(), `${path}.${k}`, problems, owner);
    return;
  }
  if (schema.isTimestampSchema()) {
    if (typeof value !== 'number') problems.push(`${path}: expected a timestamp (epoch seconds), got ${kind(value)}`);
    return;
  }
  if (schema.isNumericSchema()) {
    if (typeof value !== 'number') problems.push(`${path}: expected a number, got ${kind(value)}`);
    return;
  }
  if (schema.isBooleanSchema()) {
    if (typeof value !== 'boolean') problems.push(`${path}: expected a boolean, got ${kind(value)}`);
    return;
  }
  if (schema.isStringSchema()) {
    if (typeof value !== 'string') return void problems.push(`${path}: expected a string, got ${kind(value)}`);
    const member = path.split('.').pop()?.replace(/\[\d+\]$/, '') ?? '';
    const allowed = /** @type {Record<string, Record<string, string>>} */ (ECS_ENUMS_IN)[`${owner}.${member}`] ?? /** @type {Record<string, Record<string, string>>} */ (ECS_ENUMS)[member];
    if (allowed && !Object.values(allowed).includes(value)) problems.push(`${path}: "${value}" is not one of ${Object.values(allowed).join(', ')}`);
  }
}

/**
 * Problems of one answer body against the SDK's output schema of its operation.
 * @param {'ecs' | 'ecr' | 'kms' | 'logs'} service @param {string} operation @param {unknown} output
 * @returns {string[] | undefined} undefined when the SDK exports no schema for it
 */
export function outputProblems(service, operation, output) {
  const sdk = /** @type {Record<string, unknown>} */ (service === 'ecs' ? ecs : service === 'ecr' ? ecr : service === 'logs' ? logs : {});
  const shape = sdk[`${operation}Response$`];
  if (!shape) return undefined;
  /** @type {string[]} */
  const problems = [];
  check(output, NormalizedSchema.of(/** @type {any} */ (shape)), operation, problems, '');
  return problems;
}
