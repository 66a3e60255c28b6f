// @ts-check
/**
 * RunTask and StopTask: one-off tasks outside any service (ECS API reference, "RunTask" and
 * "StopTask"). A task runs what its lead container's behaviour scripts for the command it was
 * given (`behaviours.<image>.runTask[]`), else the behaviour of the image's own command.
 */
import { clientError, invalidParameter } from '../core/errors.js';
import { behaviourOf, leadContainer } from './behaviours.js';
import { startContainerLogs } from './container-logs.js';
import { taskImageDigest } from './image-digests.js';
import { findTask } from './lookups.js';
import { missingImageError, stopTask } from './task-lifecycle.js';
import { markPending, markRunning, newTaskApi } from './tasks.js';
import { SUBNET_ID } from './views.js';
/** @typedef {import('./engine.js').Engine} Engine */

/** @param {Engine} engine @param {any} input */
export function runTask(engine, input) {
  const cluster = engine.cluster(input.cluster);
  // clientToken: "An identifier that you provide to ensure the idempotency of the request" (RunTask).
  if (input.clientToken && engine.runTaskTokens.has(input.clientToken)) return engine.runTaskTokens.get(input.clientToken);
  const entry = engine.taskDefinitions.find(input.taskDefinition);
  if (!entry || entry.taskDefinition.status !== 'ACTIVE') throw clientError('TaskDefinition not found.');
  const td = entry.taskDefinition;
  const count = input.count ?? 1;
  // count: "You can specify up to 10 tasks for each call" (ECS API reference, RunTask).
  if (count < 1 || count > 10) throw invalidParameter('count must be between 1 and 10.');
  if (input.launchType && input.capacityProviderStrategy?.length) {
    throw invalidParameter('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
  }
  const vpc = input.networkConfiguration?.awsvpcConfiguration;
  if (td.networkMode === 'awsvpc' && !vpc?.subnets?.length) {
    throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  const names = td.containerDefinitions.map((/** @type {any} */ c) => c.name);
  for (const override of input.overrides?.containerOverrides ?? []) {
    if (!names.includes(override.name)) throw invalidParameter(`Override for container named ${override.name} is not a container in the TaskDefinition.`);
  }
  const provider = input.capacityProviderStrategy?.[0]?.capacityProvider;
  // Without either, RunTask uses the cluster's default capacity provider strategy; the emulator's clusters have none, so EC2.
  const launchType = input.launchType ?? (provider?.startsWith('FARGATE') ? 'FARGATE' : 'EC2');
  const tasks = [];
  for (let i = 0; i < count; i++) tasks.push(launchStandalone(engine, { cluster, td, input, launchType, subnetId: vpc?.subnets?.[0] ?? SUBNET_ID }).api);
  const answer = { tasks, failures: [] };
  if (input.clientToken) engine.runTaskTokens.set(input.clientToken, answer);
  return answer;
}

/**
 * @param {Engine} engine
 * @param {{ cluster: {name: string, arn: string}, td: any, input: any, launchType: string, subnetId: string }} options
 */
function launchStandalone(engine, { cluster, td, input, launchType, subnetId }) {
  const overrides = input.overrides?.containerOverrides ?? [];
  const commanded = overrides.find((/** @type {any} */ o) => o.command);
  const lead = commanded ? td.containerDefinitions.find((/** @type {any} */ c) => c.name === commanded.name) : leadContainer(engine.scenario.behaviours ?? {}, td.containerDefinitions);
  const api = /** @type {any} */ (newTaskApi({
    ids: engine.ids,
    region: engine.region,
    account: engine.account,
    cluster,
    taskDefinition: td,
    startedBy: input.startedBy ?? '',
    group: input.group ?? `family:${td.family}`,
    enableExecuteCommand: Boolean(input.enableExecuteCommand),
    launchType,
    createdAt: engine.epoch(),
    imageDigest: (container) => taskImageDigest(engine, td, container),
    subnetId,
  }));
  if (!input.startedBy) delete api.startedBy;
  if (input.platformVersion && api.platformVersion) api.platformVersion = input.platformVersion === 'LATEST' ? '1.4.0' : input.platformVersion;
  if (input.capacityProviderStrategy?.length) api.capacityProviderName = input.capacityProviderStrategy[0].capacityProvider;
  api.overrides.containerOverrides = api.overrides.containerOverrides.map((/** @type {any} */ c) => ({ ...c, ...overrides.find((/** @type {any} */ o) => o.name === c.name) }));
  const behaviour = behaviourOf(engine.scenario.behaviours ?? {}, lead.image);
  const command = commanded?.command;
  const plan = (behaviour.runTask ?? []).find((p) => (p.command ? JSON.stringify(p.command) === JSON.stringify(command) : command === undefined)) ?? { exit: behaviour.exit, logs: behaviour.logs };
  /** @type {import('./tasks.js').Task} */
  const task = { api, serviceKey: '', deploymentId: '', behaviour, leadContainer: lead.name, essential: [], failed: false };
  engine.tasks.set(api.taskArn, task);
  const t0 = engine.now;
  const alive = () => api.desiredStatus === 'RUNNING';
  engine.schedule(t0 + behaviour.startSeconds * 0.3, () => alive() && markPending(api, engine.epoch()));
  const startError = behaviour.pullError ?? behaviour.secretsError ?? missingImageError(engine, task);
  engine.schedule(t0 + behaviour.startSeconds, () => {
    if (!alive()) return;
    if (startError) return stopTask(engine, task, { stopCode: 'TaskFailedToStart', stoppedReason: startError, containerReason: startError });
    markRunning(api, engine.epoch(), engine.ids);
    startContainerLogs(engine, task, lead.name, plan.logs ?? []);
    const stop = plan.stop;
    if (stop) {
      engine.schedule(engine.now + stop.afterSeconds, () => {
        if (!alive()) return;
        stopTask(engine, task, { stopCode: stop.stopCode, stoppedReason: stop.stoppedReason, exitCode: stop.exitCode ?? 143 });
        for (const c of api.containers) c.exitCode = stop.exitCode ?? 143;
      });
    }
    const exit = plan.exit;
    if (!exit) return undefined;
    return engine.schedule(engine.now + exit.afterSeconds, () => {
      if (!alive()) return;
      stopTask(engine, task, { stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', exitCode: exit.code, containerReason: exit.reason });
      // The other containers are stopped with the task; their exit codes are their own (a sidecar killed on SIGTERM may exit non-zero).
      if (plan.otherContainersExitCode !== undefined) {
        for (const c of api.containers) if (c.name !== lead.name) c.exitCode = plan.otherContainersExitCode;
      }
    });
  });
  return task;
}

/** StopTask: the task heads for STOPPED with stopCode UserInitiated and the given reason as stoppedReason. @param {Engine} engine @param {any} input */
export function stopTaskApi(engine, input) {
  const cluster = engine.cluster(input.cluster);
  const task = findTask(engine, cluster, input.task ?? '');
  if (!task) throw invalidParameter('The referenced task was not found.');
  stopTask(engine, task, { stopCode: 'UserInitiated', stoppedReason: input.reason ?? 'Task stopped by user' });
  return { task: task.api };
}
