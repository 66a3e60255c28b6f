// @ts-check
// Scripted outside events from the scenario's timeline: what someone else does (a second runner,
// a person pushing a tag, an Exec agent that connects late), at a simulated time (`at`) or once a
// state is reached (`on`, states.js).
import { expirePauseHook } from './hooks.js';
import { updateService } from './services.js';
import { STOP_SECONDS, stopTask } from './task-lifecycle.js';
import { instanceFails } from './instances.js';
import { IN_FLIGHT } from './records.js';
import { markAgent } from './tasks.js';
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./engine.js').Deployment} Deployment */

/** @param {Engine} engine @param {any} event a scenario timeline entry */
export function runTimelineEvent(engine, event) {
  try {
    if (event.updateService) updateService(engine, event.updateService);
    else if (event.deleteService) deleteService(engine, event.deleteService);
    else if (event.stopTask) stopOldestTask(engine, event.stopTask);
    else if (event.moveTag) engine.ecr.moveTag(event.moveTag);
    else if (event.expirePauseHook) expirePauseHook(engine, event.expirePauseHook);
    else if (event.instanceFails) instanceFails(engine, event.instanceFails, stopTask);
    else if (event.execAgent) execAgent(engine, event.execAgent);
  } catch (error) {
    // A scripted event can legitimately hit a deleted service; it is then skipped, as the outside caller would fail.
    engine.timelineErrors.push({ at: engine.now, ...(event.on ? { on: event.on } : {}), message: /** @type {Error} */ (error).message });
  }
}

/**
 * From now on, the service's tasks report their ECS Exec agent in `status`: the running ones at
 * once, the ones that start later when they start (task-lifecycle.js), whatever their image's
 * `execAgent` behaviour says. It stands for an agent that connects late ("ExecuteCommandAgent"
 * lastStatus PENDING, then RUNNING: ECS API reference, ManagedAgent).
 * @param {Engine} engine @param {{ cluster: string, service: string, status: string }} change
 */
function execAgent(engine, change) {
  const service = engine.service(change.cluster, change.service);
  service.execAgentStatus = change.status;
  for (const task of engine.liveTasks(service)) {
    if (task.api.enableExecuteCommand && task.api.lastStatus === 'RUNNING') markAgent(task.api, change.status, engine.epoch());
  }
}

/** @param {Engine} engine @param {{cluster: string, service: string}} ref */
export function deleteService(engine, ref) {
  const service = engine.service(ref.cluster, ref.service);
  service.status = 'DRAINING';
  service.desiredCount = 0;
  for (const task of engine.liveTasks(service)) {
    stopTask(engine, task, { stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Service deleted' });
  }
  const sd = service.currentServiceDeployment ? engine.serviceDeployments.get(service.currentServiceDeployment) : undefined;
  if (sd && IN_FLIGHT.includes(sd.status)) {
    sd.stoppedAt = engine.epoch();
    sd.finishedAt = engine.epoch();
    engine.setStatus(sd, 'STOPPED', 'Service deployment stopped because the service was deleted.');
  }
  engine.schedule(engine.now + STOP_SECONDS, () => {
    service.status = 'INACTIVE';
    for (const d of service.deployments) d.status = 'INACTIVE';
  });
}

/** @param {Engine} engine @param {{cluster: string, service: string, reason?: string}} ref */
export function stopOldestTask(engine, ref) {
  const service = engine.service(ref.cluster, ref.service);
  const task = engine.liveTasks(service).sort((a, b) => a.api.createdAt - b.api.createdAt)[0];
  if (task) stopTask(engine, task, { stopCode: 'UserInitiated', stoppedReason: ref.reason ?? 'Task stopped by user' });
}
