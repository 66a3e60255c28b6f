// @ts-check
// Scripted outside events from the scenario's timeline: at a simulated time (`at`), or when the
// state reaches a point (`on`), so a test about order never depends on how fast the client is.
import { expirePauseHook } from './hooks.js';
import { updateService } from './services.js';
import { STOP_SECONDS, stopTask } from './task-lifecycle.js';
import { instanceFails } from './instances.js';
import { IN_FLIGHT } from './records.js';
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
  } catch (error) {
    // A scripted event can legitimately hit a deleted service; it is then skipped, as the outside caller would fail.
    engine.timelineErrors.push({ at: event.at, message: /** @type {Error} */ (error).message });
  }
}

/**
 * Counts one occurrence of a state the timeline can wait for (`pauseAwaiting`: a PAUSE hook
 * became AWAITING_ACTION; `executeCommand`: an ExecuteCommand request reached ECS) and runs the
 * events waiting for that count, right after the change that counted (before any later request).
 * @param {Engine} engine @param {'pauseAwaiting' | 'executeCommand'} kind
 */
export function fireTriggers(engine, kind) {
  const count = (engine.triggerCounts.get(kind) ?? 0) + 1;
  engine.triggerCounts.set(kind, count);
  for (const event of engine.scenario.timeline ?? []) {
    if (event.on?.[kind] === count) engine.schedule(engine.now, () => runTimelineEvent(engine, event));
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
