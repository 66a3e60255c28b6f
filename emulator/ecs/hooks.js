// @ts-check
// Deployment lifecycle hooks of BLUE_GREEN, LINEAR and CANARY service deployments: Lambda hooks
// scripted to succeed, fail or stay in progress, PAUSE hooks that wait for
// ContinueServiceDeployment or time out with their action
// (reference: ecs-strategies-tasks-logs.md section 3; [deployment-lifecycle-hooks], [pause-lifecycle-hooks]).
import { ApiError, invalidParameter } from '../core/errors.js';
/** @typedef {import('./engine.js').Engine} Engine */

/** [deployment-lifecycle-hooks]: timeoutInMinutes defaults to 1440, the action to ROLLBACK. */
const DEFAULT_TIMEOUT_MINUTES = 1440;
/** A Lambda hook without a script answers SUCCEEDED after this many simulated seconds. */
const DEFAULT_LAMBDA_SECONDS = 1;
/** Stages only a Lambda hook may be declared at (pauseHookRefusal). */
const LAMBDA_ONLY_STAGES = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'];

/**
 * Guards a scheduled step of a staged deployment: it runs only while the deployment is still in
 * the phase (forward, or rolling back) that scheduled it.
 * @param {any} sd @param {() => void} step
 */
export function guarded(sd, step) {
  const { generation } = sd.staged;
  const status = sd.status;
  return () => {
    if (sd.staged.generation !== generation || sd.status !== status) return;
    step();
  };
}

/**
 * Runs the hooks declared for `hookStage` one after the other (their order in lifecycleHooks;
 * AWS does not say whether hooks of one stage run in parallel), then `next`. A FAILED Lambda hook,
 * a PAUSE answered ROLLBACK or a timeout with action ROLLBACK calls `fail` with the reason.
 * @param {Engine} engine @param {any} sd @param {string} hookStage
 * @param {() => void} next @param {(reason: string) => void} fail
 */
export function runHooks(engine, sd, hookStage, next, fail) {
  const hooks = (sd.deploymentConfiguration.lifecycleHooks ?? []).filter((/** @type {any} */ h) => (h.lifecycleStages ?? []).includes(hookStage));
  const runFrom = (/** @type {number} */ i) => {
    if (i >= hooks.length) return next();
    runHook(engine, sd, hooks[i], hookStage, () => runFrom(i + 1), fail);
  };
  runFrom(0);
}

/** @param {Engine} engine @param {any} sd @param {any} hook @param {string} hookStage @param {() => void} next @param {(reason: string) => void} fail */
function runHook(engine, sd, hook, hookStage, next, fail) {
  const pause = hook.targetType === 'PAUSE';
  const timeout = hook.timeoutConfiguration ?? {};
  const timeoutAction = timeout.action ?? 'ROLLBACK';
  const expiresAtSim = engine.now + (timeout.timeoutInMinutes ?? DEFAULT_TIMEOUT_MINUTES) * 60;
  const detail = {
    hookId: engine.ids.uuid(),
    targetType: pause ? 'PAUSE' : 'AWS_LAMBDA',
    ...(pause ? {} : { targetArn: hook.hookTargetArn }),
    status: pause ? 'AWAITING_ACTION' : 'IN_PROGRESS',
    expiresAt: engine.epoch(expiresAtSim),
    timeoutAction,
  };
  const name = pause ? `PAUSE hook ${detail.hookId}` : `Lambda hook ${hook.hookTargetArn}`;
  /** @param {string} status */
  const settle = (status) => {
    detail.status = status;
    sd.staged.history.push({ hookId: detail.hookId, status, wallMs: Date.now() });
    sd.updatedAt = engine.epoch();
    sd.staged.awaiting = undefined;
  };
  // [pause-lifecycle-hooks]: at expiresAt ECS takes the timeout action itself.
  const expire = () => {
    if (!['AWAITING_ACTION', 'IN_PROGRESS'].includes(detail.status)) return;
    settle('TIMED_OUT');
    if (timeoutAction === 'CONTINUE') next();
    else fail(`${name} at ${hookStage} timed out; its timeout action is ROLLBACK.`);
  };
  const record = {
    detail,
    hookStage,
    proceed: next,
    rollBack: () => fail(`${name} at ${hookStage}: ContinueServiceDeployment with action ROLLBACK.`),
    expireNow: () => {
      detail.expiresAt = engine.epoch();
      expire();
    },
  };
  sd.staged.hookDetails.push(detail);
  sd.staged.history.push({ hookId: detail.hookId, status: detail.status, wallMs: Date.now() });
  if (pause) {
    sd.staged.awaiting = record;
    engine.reached('pauseAwaiting');
  }
  engine.schedule(expiresAtSim, guarded(sd, expire));
  if (pause) return;
  const script = sd.staged.script.lambdaHooks?.[hook.hookTargetArn] ?? {};
  // [deployment-lifecycle-hooks]: SUCCEEDED continues, FAILED rolls back, IN_PROGRESS is asked again until the timeout.
  engine.schedule(engine.now + (script.afterSeconds ?? DEFAULT_LAMBDA_SECONDS), guarded(sd, () => {
    const answer = script.hookStatus ?? 'SUCCEEDED';
    if (answer === 'IN_PROGRESS') return;
    settle(answer);
    if (answer === 'SUCCEEDED') next();
    else fail(`${name} at ${hookStage} returned hookStatus FAILED.`);
  }));
}

/**
 * ContinueServiceDeployment: the hook must be AWAITING_ACTION and the deployment IN_PROGRESS
 * ([pause-lifecycle-hooks]). Which error ECS answers otherwise is not documented: this answers
 * ClientException, one of the operation's modelled errors.
 * @param {Engine} engine @param {any} input
 */
export function continueServiceDeployment(engine, input) {
  const sd = engine.serviceDeployments.get(input.serviceDeploymentArn);
  if (!sd) throw new ApiError(400, 'ServiceDeploymentNotFoundException', `The service deployment ${input.serviceDeploymentArn} does not exist.`);
  if (!input.hookId) throw invalidParameter('hookId must be specified.');
  const awaiting = sd.staged?.awaiting;
  const known = sd.staged?.hookDetails.find((/** @type {any} */ d) => d.hookId === input.hookId);
  if (!known) throw invalidParameter(`The lifecycle hook ${input.hookId} does not belong to service deployment ${sd.serviceDeploymentArn}.`);
  if (sd.status !== 'IN_PROGRESS' || awaiting?.detail !== known) {
    throw new ApiError(400, 'ClientException', `The lifecycle hook ${input.hookId} is ${known.status} and the service deployment is ${sd.status}: only a hook AWAITING_ACTION of a deployment IN_PROGRESS can be continued.`);
  }
  const action = input.action ?? 'CONTINUE';
  if (!['CONTINUE', 'ROLLBACK'].includes(action)) throw invalidParameter(`Invalid action '${action}'. Valid values: CONTINUE, ROLLBACK.`);
  // The hook's status after ROLLBACK is not documented: FAILED here, as a Lambda hook that asks for one.
  known.status = action === 'CONTINUE' ? 'SUCCEEDED' : 'FAILED';
  sd.staged.history.push({ hookId: known.hookId, status: known.status, wallMs: Date.now() });
  sd.staged.awaiting = undefined;
  sd.updatedAt = engine.epoch();
  if (action === 'CONTINUE') awaiting.proceed();
  else awaiting.rollBack();
  // The scheduler reacts after a queued change: a stage entered from the API (SCALE_UP after a
  // PRE_SCALE_UP pause) must start its tasks without waiting for an unrelated event.
  engine.schedule(engine.now, () => {});
  return { serviceDeploymentArn: sd.serviceDeploymentArn };
}

/**
 * Which hook details a service deployment lists. AWS does not say whether finished hooks stay
 * listed: `undocumented.lifecycleHookDetails` "all" (default) or "current" (only the last hook).
 * @param {Engine} engine @param {any} sd
 */
export function hookDetailsView(engine, sd) {
  const all = sd.staged?.hookDetails ?? [];
  return engine.scenario.undocumented?.lifecycleHookDetails === 'current' ? all.slice(-1) : all;
}

/**
 * The API reference, DeploymentLifecycleHook.lifecycleStages: "PAUSE hooks cannot be configured at
 * TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT stages. These stages are only valid for
 * AWS_LAMBDA hooks." The message is that note's wording; the exception ECS answers with is not
 * documented: InvalidParameterException, as for other refused configuration.
 * @param {any[] | undefined} lifecycleHooks
 * @returns {string | undefined}
 */
export function pauseHookRefusal(lifecycleHooks) {
  const refused = (lifecycleHooks ?? []).some(
    (hook) => hook.targetType === 'PAUSE' && (hook.lifecycleStages ?? []).some((/** @type {string} */ stage) => LAMBDA_ONLY_STAGES.includes(stage)),
  );
  return refused ? 'PAUSE hooks cannot be configured at TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT stages. These stages are only valid for AWS_LAMBDA hooks.' : undefined;
}

/**
 * A deployment that stopped or is rolling back waits for no hook any more: a hook still
 * AWAITING_ACTION or IN_PROGRESS ends. Which status it then shows is not documented:
 * `undocumented.hookStatusWhenDeploymentEnds` (FAILED by default).
 * @param {Engine} engine @param {any} sd
 */
export function endHooks(engine, sd) {
  const status = engine.scenario.undocumented?.hookStatusWhenDeploymentEnds ?? 'FAILED';
  for (const detail of sd.staged?.hookDetails ?? []) {
    if (!['AWAITING_ACTION', 'IN_PROGRESS'].includes(detail.status)) continue;
    detail.status = status;
    sd.staged.history.push({ hookId: detail.hookId, status, wallMs: Date.now() });
  }
  if (sd.staged) sd.staged.awaiting = undefined;
}

/**
 * The timeline's expirePauseHook: the PAUSE hook the service's deployment waits at reaches its
 * timeout now, and ECS takes its timeout action ([pause-lifecycle-hooks]).
 * @param {Engine} engine @param {{ cluster: string, service: string }} ref
 */
export function expirePauseHook(engine, ref) {
  const awaiting = engine.service(ref.cluster, ref.service).staged?.staged.awaiting;
  if (!awaiting) throw new Error(`no PAUSE hook of ${ref.cluster}/${ref.service} is AWAITING_ACTION`);
  awaiting.expireNow();
}
