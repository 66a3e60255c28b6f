// @ts-check
// What the schema does not say about the timeline: each event runs at a time or on a state, not
// both, and does one thing; the services, task definitions, repositories and images it names are
// the scenario's.
/** @typedef {import('./validate.js').SchemaError} SchemaError */

/**
 * @typedef {{
 *   services: Set<string>, repositories: any[],
 *   registered: (taskDefinition: string) => boolean, have: () => string,
 * }} Known services as `cluster/name`; `have` lists the registered `family:revision`s
 */

/** What a timeline event can do (../ecs/timeline.js). */
const ACTIONS = ['updateService', 'deleteService', 'stopTask', 'moveTag', 'expirePauseHook', 'instanceFails', 'execAgent'];

/** The states of `on` that name a service (../ecs/states.js). */
const SERVICE_STATES = ['deploymentStarts', 'serviceDeploymentStatus', 'hookStatus'];

/**
 * @param {any[]} timeline @param {Known} known
 * @returns {SchemaError[]}
 */
export function timelineReferenceErrors(timeline, known) {
  return timeline.flatMap((event, i) => eventErrors(event, `$.timeline[${i}]`, known));
}

/** @param {any} event @param {string} at @param {Known} known @returns {SchemaError[]} */
function eventErrors(event, at, known) {
  /** @type {SchemaError[]} */
  const errors = [];
  if ((event.at === undefined) === (event.on === undefined)) {
    errors.push({ path: at, message: `give exactly one of "at" (a simulated time) or "on" (a state), got ${event.at === undefined ? 'neither' : 'both'}` });
  }
  const [state] = Object.keys(event.on ?? {});
  if (SERVICE_STATES.includes(state)) errors.push(...serviceErrors(event.on[state], `${at}.on.${state}`, known));
  const actions = Object.keys(event).filter((key) => key !== 'at' && key !== 'on');
  if (actions.length !== 1) {
    return [...errors, { path: at, message: `give exactly one action (${ACTIONS.join(', ')}), got ${actions.join(', ') || 'none'}` }];
  }
  const [kind] = actions;
  const ref = event[kind];
  if (kind === 'moveTag') return [...errors, ...tagMoveErrors(ref, `${at}.moveTag`, known.repositories)];
  errors.push(...serviceErrors(ref, `${at}.${kind}`, known));
  if (ref.taskDefinition !== undefined && !known.registered(ref.taskDefinition)) {
    errors.push({ path: `${at}.${kind}.taskDefinition`, message: `"${ref.taskDefinition}" is not registered by $.taskDefinitions (have: ${known.have()})` });
  }
  return errors;
}

/** @param {{ cluster: string, service: string }} ref @param {string} path @param {Known} known @returns {SchemaError[]} */
function serviceErrors(ref, path, known) {
  if (known.services.has(`${ref.cluster}/${ref.service}`)) return [];
  return [{ path, message: `service "${ref.service}" in cluster "${ref.cluster}" is not listed in $.services` }];
}

/**
 * A tag moves to an image of a repository of the scenario.
 * @param {{ repository: string, toDigest: string }} move @param {string} path @param {any[]} repositories
 * @returns {SchemaError[]}
 */
function tagMoveErrors({ repository, toDigest }, path, repositories) {
  const repo = repositories.find((r) => r.name === repository);
  if (!repo) return [{ path: `${path}.repository`, message: `repository "${repository}" is not listed in $.ecr.repositories` }];
  const digests = (repo.images ?? []).flatMap((/** @type {any} */ image) => [image.digest, ...(image.manifests ?? []).map((/** @type {any} */ m) => m.digest)]);
  if (digests.includes(toDigest)) return [];
  return [{ path: `${path}.toDigest`, message: `repository "${repository}" has no image ${toDigest} (give the image a "digest" in $.ecr.repositories)` }];
}
