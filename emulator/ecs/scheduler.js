// @ts-check
// The service scheduler: launches and drains tasks within maximumPercent / minimumHealthyPercent
// and settles finished deployments.
import { launch, stopTask } from './task-lifecycle.js';
import { IN_FLIGHT } from './records.js';
import { reconcileStaged } from './strategies.js';
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./engine.js').Deployment} Deployment */

/**
 * Launches tasks for the PRIMARY deployment and drains older ones within
 * maximumPercent / minimumHealthyPercent, then settles finished deployments.
 * @param {any} service
 * @param {Engine} engine
 */
export function reconcile(engine, service) {
  if (service.status !== 'ACTIVE' || reconcileStaged(engine, service)) return;
  const primary = service.deployments[0];
  const desired = service.desiredCount;
  const { maximumPercent, minimumHealthyPercent } = service.deploymentConfiguration;
  const maxTotal = Math.max(desired, Math.floor((desired * maximumPercent) / 100));
  const minHealthy = Math.ceil((desired * minimumHealthyPercent) / 100);
  const stalled = primary.rolloutState === 'FAILED' || primary.halted;
  const scaling = `Scaling activity initiated by (deployment ${primary.id})`;

  let live = engine.liveTasks(service);
  const ofPrimary = live.filter((t) => t.deploymentId === primary.id);
  /** @type {import('./tasks.js').Task[]} */
  const started = [];
  if (!stalled && engine.now >= primary.nextLaunchAt) {
    const room = Math.min(desired - ofPrimary.length, maxTotal - live.length - drainingTowardMaximum(engine, service));
    for (let i = 0; i < room; i += 1) started.push(launch(engine, service, primary));
  }
  /** @type {import('./tasks.js').Task[]} */
  const stopped = [];
  if (ofPrimary.length > desired) {
    const extra = [...ofPrimary].sort((a, b) => Number(engine.isReady(a)) - Number(engine.isReady(b))).slice(0, ofPrimary.length - desired);
    stopped.push(...extra);
  }
  if (!stalled) {
    live = engine.liveTasks(service);
    let ready = live.filter((t) => engine.isReady(t)).length;
    const old = live.filter((t) => t.deploymentId !== primary.id)
      .sort((a, b) => Number(engine.isReady(a)) - Number(engine.isReady(b)) || a.api.createdAt - b.api.createdAt);
    for (const task of old) {
      if (engine.isReady(task)) {
        if (ready - 1 < minHealthy) continue;
        ready -= 1;
      }
      stopped.push(task);
    }
  }
  for (const task of stopped) stopTask(engine, task, { stopCode: 'ServiceSchedulerInitiated', stoppedReason: scaling });
  // Stopping tasks frees room under maximumPercent: look again now rather than at the next event.
  if (stopped.length > 0 && !stalled) engine.schedule(engine.now, () => {});
  if (started.length) engine.event(service, `has started ${started.length} tasks: ${started.map((t) => `(task ${engine.taskId(t)})`).join(' ')}.`);
  if (stopped.length) engine.event(service, `has stopped ${stopped.length} running tasks: ${stopped.map((t) => `(task ${engine.taskId(t)})`).join(' ')}.`);
  settle(engine, service);
}

/**
 * Tasks whose target still drains after they were told to stop. maximumPercent bounds the tasks
 * "in the RUNNING or PENDING state" (ECS API reference, DeploymentConfiguration); a draining task
 * is DEACTIVATING, so it counts only where the scenario says so
 * (`undocumented.drainingTasksCountTowardMaximumPercent`, default false): AWS does not say.
 * @param {Engine} engine @param {any} service
 */
function drainingTowardMaximum(engine, service) {
  if (!engine.scenario.undocumented?.drainingTasksCountTowardMaximumPercent) return 0;
  return [...engine.tasks.values()].filter((t) => t.serviceKey === service.key && t.api.desiredStatus === 'STOPPED' && (t.drainingUntil ?? -1) > engine.now).length;
}

/**
 * Drops drained deployments (a FAILED one stays until the PRIMARY completes, so the failure
 * stays visible) and completes the PRIMARY once it alone runs the desired count.
 * @param {any} service
 * @param {Engine} engine
 */
export function settle(engine, service) {
  const primary = service.deployments[0];
  const unfinished = [...engine.tasks.values()].filter((t) => t.serviceKey === service.key && t.api.lastStatus !== 'STOPPED');
  const draining = (/** @type {Deployment} */ d) => unfinished.some((t) => t.deploymentId === d.id);
  service.deployments = service.deployments.filter((/** @type {Deployment} */ d) => d === primary || draining(d) || d.rolloutState === 'FAILED');
  const ready = unfinished.filter((t) => t.deploymentId === primary.id && engine.isReady(t)).length;
  const othersRunning = service.deployments.some((/** @type {Deployment} */ d) => d !== primary && draining(d));
  if (othersRunning || ready !== service.desiredCount || primary.neverCompletes || primary.halted) return;
  if (!engine.rolling(service) || primary.rolloutState !== 'IN_PROGRESS') return;
  service.deployments = [primary];
  primary.rolloutState = 'COMPLETED';
  primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
  primary.updatedAt = engine.now;
  service.lastCompleted = primary;
  engine.event(service, `(deployment ${primary.id}) deployment completed.`);
  engine.event(service, 'has reached a steady state.');
  const sd = primary.serviceDeploymentArn ? engine.serviceDeployments.get(primary.serviceDeploymentArn) : undefined;
  if (!sd || !IN_FLIGHT.includes(sd.status)) return;
  if (sd.status === 'PENDING') {
    sd.startedAt = engine.epoch();
    engine.setStatus(sd, 'IN_PROGRESS');
  }
  sd.finishedAt = engine.epoch();
  if (sd.deploymentCircuitBreaker.status === 'MONITORING') sd.deploymentCircuitBreaker.status = 'MONITORING_COMPLETE';
  engine.setStatus(sd, primary.isRollback ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL');
}
