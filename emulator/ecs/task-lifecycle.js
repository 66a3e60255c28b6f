// @ts-check
// One task's life on the simulated clock: launch, start or fail to start, health, exit, stop.
import { behaviourOf, leadContainer, scriptedStartError } from './behaviours.js';
import { containerInstanceFor } from './instances.js';
import { startContainerLogs } from './container-logs.js';
import { DEFAULT_UNHEALTHY_REASON, elbStoppedReason, graceEndsAt, reportedLoadBalancer, unhealthyTargetEvent } from './load-balancers.js';
import { SUBNET_ID } from './views.js';
import { markAgent, markHealth, markPending, markRunning, markStopped, markStopping, newTaskApi } from './tasks.js';
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
    imageDigest: (image) => engine.ecr.resolve(image)?.image?.digest,
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
  becomeRunning(engine, task);
}

/** @param {Engine} engine Launches a task and schedules its life per the image behaviour. @param {any} service @param {Deployment} deployment */
export function launch(engine, service, deployment) {
  const task = newTask(engine, service, deployment);
  const b = task.behaviour;
  const t0 = engine.now;
  const alive = () => task.api.desiredStatus === 'RUNNING';
  engine.schedule(t0 + b.startSeconds * 0.3, () => alive() && markPending(task.api, engine.epoch()));
  engine.schedule(t0 + b.startSeconds, () => {
    if (!alive()) return;
    const startError = scriptedStartError(engine, b, task.api.containers.find((/** @type {any} */ c) => c.name === task.leadContainer)?.image, engine.now) ?? missingImageError(engine, task);
    if (startError) {
      task.failed = true;
      stopTask(engine, task, { stopCode: 'TaskFailedToStart', stoppedReason: startError, containerReason: startError });
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

/** @param {Engine} engine @param {import('./tasks.js').Task} task */
export function becomeRunning(engine, task) {
  const b = task.behaviour;
  const t = engine.now;
  const alive = () => task.api.desiredStatus === 'RUNNING';
  markRunning(task.api, engine.epoch(), engine.ids);
  startContainerLogs(engine, task, task.leadContainer, b.logs ?? []);
  if (task.api.enableExecuteCommand) {
    const agent = b.execAgent;
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
  if (lb) watchTargetHealth(engine, task, service, lb, t);
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
 * The target group's view of a task of a service with a load balancer: healthy (the task then
 * counts as healthy for the deployment, engine.isReady) or unhealthy, when ECS stops it as the
 * scheduler does for a failed ELB health check, once the grace period is over. The failure counts
 * toward the circuit breaker (reference ecs-deployments.md, "Circuit breaker settings": a task
 * "that fails ELB / Cloud Map / container health checks after RUNNING").
 * @param {Engine} engine @param {import('./tasks.js').Task} task @param {any} service
 * @param {{ targetGroupArn: string, containerName: string, containerPort: number }} lb @param {number} t RUNNING, simulated seconds
 */
function watchTargetHealth(engine, task, service, lb, t) {
  const elb = task.behaviour.elbHealthCheck ?? {};
  const alive = () => task.api.desiredStatus === 'RUNNING';
  if (elb.unhealthyAfterSeconds !== undefined) {
    engine.schedule(Math.max(t + elb.unhealthyAfterSeconds, graceEndsAt(service, t)), () => {
      if (!alive()) return;
      task.failed = true;
      engine.event(service, unhealthyTargetEvent(engine.taskId(task) ?? '', lb, elb.reason ?? DEFAULT_UNHEALTHY_REASON));
      stopTask(engine, task, { stopCode: 'ServiceSchedulerInitiated', stoppedReason: elbStoppedReason(lb) });
    });
    return;
  }
  const healthy = () => {
    if (!alive()) return;
    task.targetHealthy = true;
    engine.onHealthy(task);
  };
  // At once when the behaviour says nothing, so that a task already RUNNING at start is healthy from the start.
  if (!elb.healthyAfterSeconds) healthy();
  else engine.schedule(t + elb.healthyAfterSeconds, healthy);
}

/**
 * @param {import('./tasks.js').Task} task
 * @param {{ stopCode: string, stoppedReason: string, exitCode?: number, containerReason?: string }} stop
 * @param {Engine} engine
 */
export function stopTask(engine, task, stop) {
  if (task.api.desiredStatus !== 'RUNNING') return;
  markStopping(task.api, { ...stop, at: engine.epoch(), leadContainer: task.leadContainer });
  engine.schedule(engine.now + STOP_SECONDS, () => markStopped(task.api, engine.epoch()));
  if (task.failed) engine.onFailure(task);
}
