// @ts-check
/**
 * @typedef {{
 *   startSeconds: number,
 *   pullSeconds?: number,
 *   pullBytesPerSecond?: number,
 *   pullError?: string,
 *   secretsError?: string,
 *   errorClearsAfterSeconds?: number,
 *   exit?: { afterSeconds: number, code: number, reason?: string },
 *   healthCheck?: { healthyAfterSeconds?: number, unhealthyAfterSeconds?: number },
 *   elbHealthCheck?: { healthyAfterSeconds?: number, unhealthyAfterSeconds?: number, reason?: string },
 *   execAgent: { status: 'PENDING' | 'RUNNING' | 'STOPPED', runningAfterSeconds: number, reason?: string },
 *   shell: boolean,
 *   execPath?: string[],
 *   execIdleCloseSeconds: number,
 *   logs?: { afterSeconds: number, message: string }[],
 *   runTask?: RunTaskPlan[],
 * }} Behaviour
 *
 * @typedef {{
 *   command?: string[],
 *   exit?: { afterSeconds: number, code: number, reason?: string },
 *   logs?: { afterSeconds: number, message: string }[],
 *   otherContainersExitCode?: number,
 *   stop?: { afterSeconds: number, stopCode: string, stoppedReason: string, exitCode?: number },
 * }} RunTaskPlan
 */

const BUILT_IN = {
  startSeconds: 5,
  execAgent: { status: 'RUNNING', runningAfterSeconds: 0 },
  shell: true,
  execIdleCloseSeconds: 1200,
};

/**
 * The behaviour of one image: its own entry over "default" over the built-in defaults.
 * @param {Record<string, any>} behaviours scenario.behaviours
 * @param {string} image
 * @returns {Behaviour}
 */
export function behaviourOf(behaviours, image) {
  const own = behaviours[image] ?? {};
  const fallback = behaviours.default ?? {};
  return /** @type {Behaviour} */ ({
    ...BUILT_IN,
    ...fallback,
    ...own,
    execAgent: { ...BUILT_IN.execAgent, ...fallback.execAgent, ...own.execAgent },
  });
}

/**
 * The container whose behaviour drives the task's lifecycle: the first essential container
 * with its own behaviour entry, else the first essential container.
 * @param {Record<string, any>} behaviours
 * @param {any[]} containerDefinitions
 */
export function leadContainer(behaviours, containerDefinitions) {
  const essential = containerDefinitions.filter((c) => c.essential !== false);
  return essential.find((c) => behaviours[c.image]) ?? essential[0] ?? containerDefinitions[0];
}

/** Scenario time of the first task of each image that hit its scripted start error, per engine. */
const firstErrors = new WeakMap();

/**
 * The pullError or secretsError a task of `image` starting at `at` (scenario seconds) stops
 * with. Both stand for a missing permission of the execution role, and IAM is eventually
 * consistent ("Changes that I make are not always immediately visible", IAM User Guide,
 * Troubleshoot IAM): with `errorClearsAfterSeconds`, the grant becomes visible that long after
 * the first task was denied, and tasks starting from then on start normally.
 * @param {object} engine @param {Behaviour} behaviour @param {string} image @param {number} at
 */
export function scriptedStartError(engine, behaviour, image, at) {
  const error = behaviour.pullError ?? behaviour.secretsError;
  if (!error || behaviour.errorClearsAfterSeconds === undefined) return error;
  const seen = firstErrors.get(engine) ?? new Map();
  firstErrors.set(engine, seen);
  if (!seen.has(image)) seen.set(image, at);
  return at < seen.get(image) + behaviour.errorClearsAfterSeconds ? error : undefined;
}
