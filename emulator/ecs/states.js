// @ts-check
// The states a timeline event can wait for (`on`) instead of a time, and the one place that runs
// the events whose state has been reached, each once. A test about order (a tag pushed between
// the action's image check and ECS's resolution, a second runner during the smoke check, one
// service's exec agent waiting for another's deployment) then never depends on how fast the client
// is. They stand for things outside ECS's API, so they follow no AWS page.
import { runTimelineEvent } from './timeline.js';
/** @typedef {import('./engine.js').Engine} Engine */

/**
 * @typedef {{ cluster: string, service: string }} ServiceRef
 * @typedef {{
 *   pauseAwaiting?: number, executeCommand?: number, registerTaskDefinition?: string,
 *   deploymentStarts?: ServiceRef, serviceDeploymentStatus?: ServiceRef & { status: string },
 *   hookStatus?: ServiceRef & { status: string },
 * }} State exactly one member (the scenario schema's `$defs/state`)
 */

/**
 * Occurrences the engine counts as they happen (`Engine.reached`); a state that is a count is
 * reached once the count is at least n.
 * @typedef {'pauseAwaiting' | 'executeCommand' | 'registerTaskDefinition' | 'deploymentStarts'} Occurrence
 */

/**
 * Service deployments of the service started during the run: never the scenario's initial one.
 * @param {Engine} engine @param {ServiceRef} ref
 */
function startedDeployments(engine, ref) {
  const service = engine.findService(ref.cluster, ref.service);
  if (!service) return [];
  return [...engine.serviceDeployments.values()].filter((sd) => sd.serviceKey === service.key && !engine.initialServiceDeployments.has(sd.serviceDeploymentArn));
}

/** @param {Engine} engine @param {ServiceRef} ref */
function serviceKey(engine, ref) {
  return engine.findService(ref.cluster, ref.service)?.key ?? '';
}

/**
 * Whether the state has been reached. Every state, once reached, stays reached: counts only
 * grow and status histories are only appended to.
 * @param {Engine} engine @param {State} on
 */
export function isReached(engine, on) {
  if (on.pauseAwaiting !== undefined) return engine.occurrences('pauseAwaiting') >= on.pauseAwaiting;
  if (on.executeCommand !== undefined) return engine.occurrences('executeCommand') >= on.executeCommand;
  if (on.registerTaskDefinition !== undefined) return engine.occurrences('registerTaskDefinition', on.registerTaskDefinition) > 0;
  if (on.deploymentStarts) return engine.occurrences('deploymentStarts', serviceKey(engine, on.deploymentStarts)) > 0;
  if (on.serviceDeploymentStatus) {
    const { status } = on.serviceDeploymentStatus;
    return startedDeployments(engine, on.serviceDeploymentStatus).some((sd) => sd.statusHistory.some((/** @type {any} */ change) => change.status === status));
  }
  const hook = /** @type {ServiceRef & { status: string }} */ (on.hookStatus);
  return startedDeployments(engine, hook).some((sd) => (sd.staged?.history ?? []).some((/** @type {any} */ change) => change.hookId && change.status === hook.status));
}

/**
 * Runs, once each, the waiting timeline events whose state has been reached. An event is taken
 * off the waiting list before it runs, so an event that reaches another state (an updateService
 * that starts a deployment) may run the events waiting for that one without running itself twice.
 * @param {Engine} engine
 * @returns {boolean} whether any event ran
 */
export function runWaiting(engine) {
  let ran = false;
  for (const event of [...engine.waiting]) {
    if (!engine.waiting.includes(event) || !isReached(engine, event.on)) continue;
    engine.waiting.splice(engine.waiting.indexOf(event), 1);
    runTimelineEvent(engine, event);
    ran = true;
  }
  return ran;
}
