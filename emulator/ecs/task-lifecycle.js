// @ts-check
// One task's life on the simulated clock: launch, start or fail to start, health, exit, stop.
import { behaviourOf, leadContainer, scriptedStartError } from './behaviours.js';
import { containerInstanceFor } from './instances.js';
import { startContainerLogs } from './container-logs.js';
import { taskImageDigest } from './image-digests.js';
import { graceEndsAt, reportedLoadBalancer, watchTargetHealth } from './load-balancers.js';
import { SUBNET_ID } from './views.js';
import { markAgent, markHealth, markPending, markPulled, markRunning, markStopped, markStopping, newTaskApi } from './tasks.js';
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./engine.js').Deployment} Deployment */

/** Simulated seconds a stopping task takes to reach STOPPED. */
export const STOP_SECONDS = 2;

/** @param {Engine} engine @param {any} service @param {Deployment} deployment */
export function newTask(engine, service, deployment) {
  const td = engine.taskDefinitions.find(deployment.taskDefinition)?.taskDefinition;
  const lead = leadContainer(engine.scenario.behaviours ?? {}, td.containerDefinitions);
  const api = newTaskApi({
    ids: engine.ids,
    region: engine.region,
    account: engine.account,
    cluster: service.cluster,
    taskDefinition: td,
    startedBy: deployment.id,
    group: `service:${service.serviceName}`,
    enableExecuteCommand: service.enableExecuteCommand,
    launchType: service.launchType,
    createdAt: engine.epoch(),
    imageDigest: (container) => taskImageDigest(engine, td, container, deployment.revisionArn),
    subnetId: SUBNET_ID,
  });
  if (service.launchType === 'EC2') Object.assign(api, { containerInstanceArn: containerInstanceFor(engine, service.cluster) });
  /** @type {import('./tasks.js').Task} */
  const task = {
    api,
    serviceKey: service.key,
    deploymentId: deployment.id,
    behaviour: behaviourOf(engine.scenario.behaviours ?? {}, lead.image),
    leadContainer: lead.name,
    essential: td.containerDefinitions.filter((/** @type {any} */ c) => c.essential !== false).map((/** @type {any} */ c) => c.name),
    failed: false,
  };
  engine.tasks.set(api.taskArn, task);
  return task;
}

/** @param {Engine} engine A task already RUNNING at start (the scenario's current revision). @param {any} service @param {Deployment} deployment */
export function startTaskRunning(engine, service, deployment) {
  const task = newTask(engine, service, deployment);
  markPending(task.api, engine.epoch());
  becomeRunning(engine, task, true);
}

/**
 * When a launched task reaches each state, in simulated seconds after launch: PENDING (the
 * network interface attached, the image pull starting) after 30 % of `startSeconds`, the pull
 * taking 50 % of it, the containers starting in the last 20 %. A scripted pull replaces its
 * share: `pullSeconds`, or the task's ECR image sizes at `pullBytesPerSecond`. (Task data type,
 * ECS API reference: createdAt, connectivityAt, pullStartedAt, pullStoppedAt, startedAt.)
 * @param {Engine} engine @param {import('./tasks.js').Task} task
 */
export function startTimes(engine, task) {
  const b = task.behaviour;
  const pending = b.startSeconds * 0.3;
  const bytes = task.api.containers.reduce((/** @type {number | undefined} */ sum, /** @type {any} */ c) => {
    const size = engine.ecr.resolve(c.image)?.image?.sizeInBytes;
    return sum === undefined || size === undefined ? undefined : sum + size;
  }, 0);
  const pull = b.pullSeconds ?? (b.pullBytesPerSecond && bytes !== undefined ? bytes / b.pullBytesPerSecond : b.startSeconds * 0.5);
  return { pending, pulled: pending + pull, running: pending + pull + b.startSeconds * 0.2 };
}

/** @param {Engine} engine Launches a task and schedules its life per the image behaviour. @param {any} service @param {Deployment} deployment */
export function launch(engine, service, deployment) {
  const task = newTask(engine, service, deployment);
  const b = task.behaviour;
  const t0 = engine.now;
  const alive = () => task.api.desiredStatus === 'RUNNING';
  const times = startTimes(engine, task);
  // A scripted start error may clear with time (IAM settling: behaviours.js scriptedStartError), so it is judged when it would show.
  const image = task.api.containers.find((/** @type {any} */ c) => c.name === task.leadContainer)?.image;
  const startError = () => scriptedStartError(engine, b, image, engine.now) ?? missingImageError(engine, task);
  engine.schedule(t0 + times.pending, () => alive() && markPending(task.api, engine.epoch()));
  engine.schedule(t0 + times.pulled, () => alive() && !startError() && markPulled(task.api, engine.epoch()));
  engine.schedule(t0 + times.running, () => {
    if (!alive()) return;
    const error = startError();
    if (error) {
      task.failed = true;
      stopTask(engine, task, { stopCode: 'TaskFailedToStart', stoppedReason: error, containerReason: error });
    } else {
      becomeRunning(engine, task);
    }
  });
  return task;
}

/** @param {Engine} engine @param {import('./tasks.js').Task} task */
export function missingImageError(engine, task) {
  const missing = task.api.containers.find((/** @type {any} */ c) => {
    const resolved = engine.ecr.resolve(c.image);
    return resolved && !resolved.image;
  });
  if (!missing) return undefined;
  return `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${missing.image}: ${missing.image}: not found`;
}

/**
 * @param {Engine} engine @param {import('./tasks.js').Task} task
 * @param {boolean} [settled] the task was already RUNNING and healthy when the scenario starts
 */
export function becomeRunning(engine, task, settled = false) {
  const b = task.behaviour;
  const t = engine.now;
  const alive = () => task.api.desiredStatus === 'RUNNING';
  markRunning(task.api, engine.epoch(), engine.ids);
  startContainerLogs(engine, task, task.leadContainer, b.logs ?? []);
  if (task.api.enableExecuteCommand) {
    // A timeline execAgent event (timeline.js) overrides the image's behaviour for the service's tasks from then on.
    const override = engine.services.get(task.serviceKey)?.execAgentStatus;
    const agent = override ? { status: override, runningAfterSeconds: 0, reason: undefined } : b.execAgent;
    if (agent.status === 'STOPPED') markAgent(task.api, 'STOPPED', engine.epoch(), agent.reason);
    else if (agent.status === 'PENDING') markAgent(task.api, 'PENDING', engine.epoch(), agent.reason);
    else engine.schedule(t + agent.runningAfterSeconds, () => alive() && markAgent(task.api, 'RUNNING', engine.epoch()));
  }
  // Container.healthStatus is UNKNOWN when the task definition gives the container no
  // healthCheck (ECS API reference, Container and HealthCheck data types), so the behaviour's
  // health timing applies only to a container that has one.
  const service = engine.services.get(task.serviceKey);
  const health = engine.hasHealthCheck(task) ? b.healthCheck ?? {} : undefined;
  if (health?.unhealthyAfterSeconds !== undefined) {
    const unhealthyAt = t + health.unhealthyAfterSeconds;
    const failHealthCheck = () => {
      if (!alive()) return;
      task.failed = true;
      engine.event(service, `(task ${engine.taskId(task)}) failed container health checks.`);
      stopTask(engine, task, { stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed container health checks', exitCode: 137 });
    };
    const markUnhealthy = () => alive() && markHealth(task.api, task.leadContainer, 'UNHEALTHY', task.essential);
    // The scheduler ignores a failed health check during the grace period (graceEndsAt).
    const actAt = Math.max(unhealthyAt, graceEndsAt(service, t));
    if (actAt > unhealthyAt) engine.schedule(unhealthyAt, markUnhealthy);
    engine.schedule(actAt, () => {
      markUnhealthy();
      failHealthCheck();
    });
  } else if (health) {
    engine.schedule(t + (health.healthyAfterSeconds ?? 0), () => {
      if (!alive()) return;
      markHealth(task.api, task.leadContainer, 'HEALTHY', task.essential);
      engine.onHealthy(task);
    });
  }
  const lb = reportedLoadBalancer(service);
  if (lb) watchTargetHealth(engine, task, service, lb, { runningAt: t, settled, stop: (stop) => stopTask(engine, task, stop) });
  if (b.exit) {
    const exit = b.exit;
    engine.schedule(t + exit.afterSeconds, () => {
      if (!alive()) return;
      task.failed = true;
      stopTask(engine, task, {
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        exitCode: exit.code,
        containerReason: exit.reason,
      });
    });
  }
}

/**
 * @param {import('./tasks.js').Task} task
 * @param {{ stopCode: string, stoppedReason: string, exitCode?: number, containerReason?: string }} stop
 * @param {Engine} engine
 */
export function stopTask(engine, task, stop) {
  if (task.api.desiredStatus !== 'RUNNING') return;
  markStopping(task.api, { ...stop, at: engine.epoch(), leadContainer: task.leadContainer });
  task.targetHealthy = false;
  // A task behind a load balancer stays DEACTIVATING while its target drains (ECS Developer
  // Guide, "Amazon ECS task lifecycle": "the target group deregistration occurs during this state").
  const drainSeconds = engine.targetGroups.deregister(task.api.taskArn);
  if (drainSeconds > 0) task.drainingUntil = engine.now + drainSeconds;
  engine.schedule(engine.now + drainSeconds + STOP_SECONDS, () => markStopped(task.api, engine.epoch()));
  if (task.failed) engine.onFailure(task);
}
