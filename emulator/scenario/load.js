// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileValidator } from './validate.js';
import { TaskDefinitionRegistry } from '../ecs/task-definitions.js';
import { eventsReferenceErrors } from '../events/references.js';
import { schedulerReferenceErrors } from '../schedules/references.js';
import { pauseHookRefusal } from '../ecs/hooks.js';
import { timelineReferenceErrors } from './timeline-references.js';

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('./scenario.schema.json', import.meta.url)), 'utf8'));
const validate = compileValidator(schema);

/**
 * Reads and checks a scenario file; throws an Error naming the file, each bad JSON path and
 * what was expected.
 * @param {string} file
 * @returns {any} the scenario with defaults applied and `baseDir` set to the file's directory
 */
export function loadScenario(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read scenario file ${file}: ${/** @type {Error} */ (error).message}`);
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`Invalid scenario file ${file}: not valid JSON: ${/** @type {Error} */ (error).message}`);
  }
  return checkScenario(parsed, file, path.dirname(path.resolve(file)));
}

/**
 * Checks a scenario object against scenario.schema.json and its cross-references.
 * @param {unknown} scenario
 * @param {string} label what to call it in errors (the file name)
 * @param {string} baseDir directory that relative paths in the scenario are resolved from
 */
export function checkScenario(scenario, label, baseDir) {
  const errors = validate(scenario);
  if (errors.length === 0) errors.push(...referenceErrors(/** @type {any} */ (scenario)));
  if (errors.length > 0) {
    throw new Error(`Invalid scenario ${label}:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
  }
  return withDefaults(/** @type {any} */ (scenario), baseDir);
}

/** @param {any} scenario @param {string} baseDir */
function withDefaults(scenario, baseDir) {
  const account = scenario.account ?? '123456789012';
  return {
    ...scenario,
    account,
    region: scenario.region ?? 'us-east-1',
    timeScale: scenario.timeScale ?? 1,
    seed: scenario.seed ?? 1,
    identityArn: scenario.identityArn ?? `arn:aws:sts::${account}:assumed-role/deploy/gha`,
    clusters: scenario.clusters ?? [],
    taskDefinitions: scenario.taskDefinitions ?? [],
    services: scenario.services ?? [],
    behaviours: scenario.behaviours ?? {},
    faults: scenario.faults ?? {},
    timeline: scenario.timeline ?? [],
    baseDir,
  };
}

/**
 * Cross-references the schema cannot express: names that must exist or be unique, and task
 * definitions that RegisterTaskDefinition would refuse.
 * @param {any} scenario
 * @returns {import('./validate.js').SchemaError[]}
 */
function referenceErrors(scenario) {
  /** @type {import('./validate.js').SchemaError[]} */
  const errors = [];
  const clusters = new Set();
  (scenario.clusters ?? []).forEach((/** @type {any} */ c, /** @type {number} */ i) => {
    if (clusters.has(c.name)) errors.push({ path: `$.clusters[${i}].name`, message: `duplicate cluster name "${c.name}"` });
    clusters.add(c.name);
  });
  const registry = new TaskDefinitionRegistry({ region: 'us-east-1', account: '123456789012', identityArn: '', epoch: () => 0 });
  (scenario.taskDefinitions ?? []).forEach((/** @type {any} */ td, /** @type {number} */ i) => {
    try {
      registry.register(td);
    } catch (error) {
      errors.push({ path: `$.taskDefinitions[${i}]`, message: `RegisterTaskDefinition would refuse it: ${/** @type {Error} */ (error).message}` });
    }
  });
  const have = () => registry.all().map((r) => `${r.taskDefinition.family}:${r.taskDefinition.revision}`).join(', ') || 'none';
  const targetGroups = new Set();
  (scenario.elbv2?.targetGroups ?? []).forEach((/** @type {any} */ g, /** @type {number} */ i) => {
    if (targetGroups.has(g.targetGroupArn)) errors.push({ path: `$.elbv2.targetGroups[${i}].targetGroupArn`, message: `duplicate target group "${g.targetGroupArn}"` });
    targetGroups.add(g.targetGroupArn);
  });
  const services = new Set();
  (scenario.services ?? []).forEach((/** @type {any} */ s, /** @type {number} */ i) => {
    const at = `$.services[${i}]`;
    if (!clusters.has(s.cluster)) errors.push({ path: `${at}.cluster`, message: `cluster "${s.cluster}" is not listed in $.clusters (have: ${[...clusters].join(', ') || 'none'})` });
    if (!registry.find(s.taskDefinition)) errors.push({ path: `${at}.taskDefinition`, message: `"${s.taskDefinition}" is not registered by $.taskDefinitions (have: ${have()})` });
    const td = registry.find(s.taskDefinition)?.taskDefinition;
    if (td) errors.push(...loadBalancerErrors(s.loadBalancers ?? [], td, at, targetGroups));
    const refusal = pauseHookRefusal(s.deploymentConfiguration?.lifecycleHooks);
    if (refusal) errors.push({ path: `${at}.deploymentConfiguration.lifecycleHooks`, message: `CreateService would refuse it: ${refusal}` });
    const key = `${s.cluster}/${s.name}`;
    if (services.has(key)) errors.push({ path: `${at}.name`, message: `duplicate service "${s.name}" in cluster "${s.cluster}"` });
    services.add(key);
  });
  const known = { services, repositories: scenario.ecr?.repositories ?? [], registered: (/** @type {string} */ ref) => Boolean(registry.find(ref)), have };
  errors.push(...timelineReferenceErrors(scenario.timeline ?? [], known));
  errors.push(...eventsReferenceErrors(scenario.events), ...schedulerReferenceErrors(scenario.scheduler));
  return errors;
}

/**
 * CreateService registers a load balancer's container and port only when the task definition
 * has them; the emulator's own wording.
 * ECS registers an awsvpc task in a target group by its IP address and other tasks by their
 * container instance (ECS Developer Guide, "Use an Application Load Balancer for Amazon ECS": the
 * `ip` target type for awsvpc tasks); declared target groups are simulated with ip targets only.
 * @param {any[]} loadBalancers @param {any} td @param {string} at @param {Set<string>} declared target groups in $.elbv2
 * @returns {import('./validate.js').SchemaError[]}
 */
function loadBalancerErrors(loadBalancers, td, at, declared) {
  return loadBalancers.flatMap((lb, i) => {
    const path = `${at}.loadBalancers[${i}]`;
    if (declared.has(lb.targetGroupArn) && td.networkMode !== 'awsvpc') {
      return [{ path: `${path}.targetGroupArn`, message: `target group "${lb.targetGroupArn}" has ip targets, which need networkMode awsvpc (${td.family}:${td.revision} has ${td.networkMode ?? 'none'})` }];
    }
    const container = td.containerDefinitions.find((/** @type {any} */ c) => c.name === lb.containerName);
    if (!container) {
      return [{ path: `${path}.containerName`, message: `container "${lb.containerName}" is not in ${td.family}:${td.revision} (have: ${td.containerDefinitions.map((/** @type {any} */ c) => c.name).join(', ')})` }];
    }
    const ports = (container.portMappings ?? []).map((/** @type {any} */ p) => p.containerPort);
    if (ports.includes(lb.containerPort)) return [];
    return [{ path: `${path}.containerPort`, message: `container "${lb.containerName}" has no portMappings containerPort ${lb.containerPort} (have: ${ports.join(', ') || 'none'})` }];
  });
}
