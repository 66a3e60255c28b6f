// @ts-check
// Scripted events that happen when the state reaches a point, not at a time (the scenario's
// `triggers`): they force an order between services that timing could only make likely. Like the
// timeline they stand for someone else's action, so they cite no AWS page; `execAgent` stands for
// an ECS Exec agent that connects late ("ExecuteCommandAgent" lastStatus PENDING, then RUNNING:
// ECS API reference, ManagedAgent).
import { markAgent } from './tasks.js';
/** @typedef {import('./engine.js').Engine} Engine */

/**
 * Whether `when` has been reached by a service deployment of the service started during the run
 * (never the scenario's initial one): a status it has had, or a lifecycle hook status it has shown.
 * @param {Engine} engine @param {any} when
 */
function reached(engine, when) {
  const service = engine.findService(when.cluster, when.service);
  if (!service) return false;
  const started = [...engine.serviceDeployments.values()].filter((sd) => sd.serviceKey === service.key && !engine.initialServiceDeployments.has(sd.serviceDeploymentArn));
  if (when.serviceDeploymentStatus) return started.some((sd) => sd.statusHistory.some((/** @type {any} */ change) => change.status === when.serviceDeploymentStatus));
  return started.some((sd) => (sd.staged?.history ?? []).some((/** @type {any} */ change) => change.status === when.hookStatus));
}

/**
 * From now on, the service's tasks report their exec agent in `status`: the running ones at once,
 * the ones that start later when they start.
 * @param {Engine} engine @param {{ cluster: string, service: string, status: string }} change
 */
function execAgent(engine, change) {
  const service = engine.service(change.cluster, change.service);
  service.execAgentStatus = change.status;
  for (const task of engine.liveTasks(service)) {
    if (task.api.enableExecuteCommand && task.api.lastStatus === 'RUNNING') markAgent(task.api, change.status, engine.epoch());
  }
}

/** Runs, once each, the triggers whose state has been reached. @param {Engine} engine */
export function fireTriggers(engine) {
  for (const trigger of [...engine.pendingTriggers]) {
    if (!reached(engine, trigger.when)) continue;
    engine.pendingTriggers.splice(engine.pendingTriggers.indexOf(trigger), 1);
    execAgent(engine, trigger.execAgent);
  }
}
