// @ts-check
// BLUE_GREEN, LINEAR and CANARY deployments on the ECS deployment controller: lifecycle stages in
// order with scripted durations, green tasks from SCALE_UP while blue keeps serving, test and
// production traffic weights, linear and canary steps, bake time, alarms during bake time, and
// rollbacks that move traffic back to blue without a new deployment
// (reference: ecs-strategies-tasks-logs.md sections 1-4; [blue-green-deployment-how-it-works],
// [deployment-lifecycle-hooks], [pause-lifecycle-hooks], [stop-service-deployment], [service-deployment]).
import { guarded, runHooks } from './hooks.js';
import { launch, stopTask } from './task-lifecycle.js';
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./engine.js').Deployment} Deployment */

export const STAGED_STRATEGIES = ['BLUE_GREEN', 'LINEAR', 'CANARY'];
/** [blue-green-deployment-how-it-works] stage order. */
const STAGES = ['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP'];
/** Stages that are only a place for hooks run their hooks and move on. */
const HOOK_ONLY = new Set(['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT']);
/** Simulated seconds a stage takes when the scenario's strategyScript.stageSeconds does not say. */
const DEFAULT_STAGE_SECONDS = 1;

/** @param {any} configuration */
export function isStaged(configuration) {
  return STAGED_STRATEGIES.includes(configuration?.strategy);
}

/**
 * Production traffic on green after each step: BLUE_GREEN all at once; LINEAR stepPercent
 * (default 10) at a time; CANARY canaryPercent (default 5), then the rest (section 1).
 * @param {any} configuration
 */
export function productionSteps(configuration) {
  if (configuration.strategy === 'LINEAR') {
    const step = configuration.linearConfiguration?.stepPercent ?? 10;
    const steps = [];
    for (let weight = step; weight < 100; weight += step) steps.push(Math.round(weight * 10) / 10);
    return [...steps, 100];
  }
  if (configuration.strategy === 'CANARY') return [configuration.canaryConfiguration?.canaryPercent ?? 5, 100];
  return [100];
}

/** Simulated seconds to wait after a production step before the next one. @param {any} configuration */
function stepBakeSeconds(configuration) {
  if (configuration.strategy === 'LINEAR') return (configuration.linearConfiguration?.stepBakeTimeInMinutes ?? 6) * 60;
  if (configuration.strategy === 'CANARY') return (configuration.canaryConfiguration?.canaryBakeTimeInMinutes ?? 10) * 60;
  return 0;
}

/**
 * Takes over a new service deployment of a staged strategy: blue is the deployment that ran before.
 * @param {Engine} engine @param {any} service @param {Deployment} green @param {Deployment | undefined} blue @param {any} sd
 * @param {number} startSeconds
 */
export function startStaged(engine, service, green, blue, sd, startSeconds) {
  sd.staged = {
    generation: 0,
    greenId: green.id,
    blueId: blue?.id,
    script: service.strategyScript ?? {},
    hookDetails: [],
    /** For the state endpoint: every stage and traffic change with its wall time. */
    history: [],
    productionOnGreen: 0,
    testOnGreen: 0,
    scaling: false,
    awaiting: undefined,
  };
  service.staged = sd;
  engine.schedule(startSeconds, () => {
    if (sd.status !== 'PENDING') return;
    sd.startedAt = engine.epoch();
    engine.setStatus(sd, 'IN_PROGRESS');
    // The API reference, ServiceDeployment.lifecycleStage: RECONCILE_SERVICE "only happens when you
    // start a new service deployment with more than 1 service revision in an ACTIVE state".
    enterStage(engine, service, sd, sd.sourceRevisionArns.length > 1 ? 0 : 1);
  });
}

/** @param {any} sd @param {string} stage */
function stageSeconds(sd, stage) {
  return sd.staged.script.stageSeconds?.[stage] ?? DEFAULT_STAGE_SECONDS;
}

/** @param {Engine} engine @param {any} service @param {any} sd @param {number} index */
function enterStage(engine, service, sd, index) {
  const stage = STAGES[index];
  sd.lifecycleStage = stage;
  sd.updatedAt = engine.epoch();
  sd.staged.history.push({ stage, wallMs: Date.now() });
  const next = () => enterStage(engine, service, sd, index + 1);
  const fail = (/** @type {string} */ reason) => rollBackStaged(engine, service, sd, reason);
  const later = (/** @type {number} */ seconds, /** @type {() => void} */ step) => engine.schedule(engine.now + seconds, guarded(sd, step));
  if (HOOK_ONLY.has(stage)) return later(stageSeconds(sd, stage), () => runHooks(engine, sd, stage, next, fail));
  if (stage === 'SCALE_UP') {
    // Green tasks start at SCALE_UP; the stage ends once all of them are healthy (reconcileStaged).
    sd.staged.scaling = true;
    sd.staged.onScaledUp = () => later(stageSeconds(sd, stage), next);
    return;
  }
  if (stage === 'TEST_TRAFFIC_SHIFT') {
    return later(stageSeconds(sd, stage), () => {
      sd.staged.testOnGreen = 100;
      runHooks(engine, sd, 'TEST_TRAFFIC_SHIFT', next, fail);
    });
  }
  if (stage === 'PRODUCTION_TRAFFIC_SHIFT') return shiftProduction(engine, sd, 0, next, fail, later);
  if (stage === 'BAKE_TIME') return bake(engine, service, sd, next, later);
  later(stageSeconds(sd, stage), () => {
    stopAllBut(engine, service, sd.staged.greenId);
    later(stageSeconds(sd, stage), () => succeed(engine, service, sd));
  });
}

/**
 * One production step. The API reference, DeploymentLifecycleHook.lifecycleStages: for linear
 * and canary deployments PRE_PRODUCTION_TRAFFIC_SHIFT "is invoked before every traffic shift
 * step" and PRODUCTION_TRAFFIC_SHIFT "is invoked at every traffic shift step" (a new hookId each
 * time); BLUE_GREEN has one step.
 * @param {Engine} engine @param {any} sd @param {number} step @param {() => void} next @param {(reason: string) => void} fail
 * @param {(seconds: number, step: () => void) => void} later
 */
function shiftProduction(engine, sd, step, next, fail, later) {
  const steps = productionSteps(sd.deploymentConfiguration);
  const last = step === steps.length - 1;
  const afterStep = () => (last ? next() : later(stepBakeSeconds(sd.deploymentConfiguration), () => shiftProduction(engine, sd, step + 1, next, fail, later)));
  runHooks(engine, sd, 'PRE_PRODUCTION_TRAFFIC_SHIFT', () => later(stageSeconds(sd, 'PRODUCTION_TRAFFIC_SHIFT'), () => {
    sd.staged.productionOnGreen = steps[step];
    sd.updatedAt = engine.epoch();
    sd.staged.history.push({ productionOnGreen: steps[step], wallMs: Date.now() });
    runHooks(engine, sd, 'PRODUCTION_TRAFFIC_SHIFT', afterStep, fail);
  }), fail);
}

/**
 * BAKE_TIME: blue stays up for bakeTimeInMinutes; an alarm that fires meanwhile rolls the
 * deployment back when `alarms.rollback` is set ([blue-green-deployment-how-it-works]). Alarms
 * are scripted: strategyScript.alarm { alarmName, afterBakeSeconds }.
 * @param {Engine} engine @param {any} service @param {any} sd @param {() => void} next
 * @param {(seconds: number, step: () => void) => void} later
 */
function bake(engine, service, sd, next, later) {
  const seconds = (sd.deploymentConfiguration.bakeTimeInMinutes ?? 0) * 60;
  sd.staged.bakeEndsAt = engine.now + seconds;
  const alarm = sd.staged.script.alarm;
  const alarms = sd.deploymentConfiguration.alarms;
  if (alarm && alarms?.enable && (alarms.alarmNames ?? []).includes(alarm.alarmName) && alarm.afterBakeSeconds < seconds) {
    later(alarm.afterBakeSeconds, () => {
      sd.staged.triggeredAlarmNames = [alarm.alarmName];
      sd.updatedAt = engine.epoch();
      if (alarms.rollback) rollBackStaged(engine, service, sd, `CloudWatch alarm ${alarm.alarmName} went into ALARM during BAKE_TIME.`);
    });
  }
  later(seconds, next);
}

/** @param {Engine} engine @param {any} service @param {any} sd */
function succeed(engine, service, sd) {
  const green = engine.deploymentsById.get(sd.staged.greenId);
  service.staged = undefined;
  sd.finishedAt = engine.epoch();
  engine.setStatus(sd, 'SUCCESSFUL');
  if (!green) return;
  green.rolloutState = 'COMPLETED';
  green.rolloutStateReason = `ECS deployment ${green.id} completed.`;
  green.updatedAt = engine.now;
  service.deployments = [green];
  service.lastCompleted = green;
  engine.event(service, `(deployment ${green.id}) deployment completed.`);
  engine.event(service, 'has reached a steady state.');
}

/**
 * A rollback of a staged deployment: traffic goes back to blue, which never stopped, so no new
 * deployment is made; the TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT hooks run again
 * ([deployment-lifecycle-hooks]), then green's tasks are stopped.
 * @param {Engine} engine @param {any} service @param {any} sd @param {string} reason @param {boolean} [requested] by StopServiceDeployment
 */
export function rollBackStaged(engine, service, sd, reason, requested = false) {
  sd.staged.generation += 1;
  sd.staged.awaiting = undefined;
  sd.staged.scaling = false;
  const blue = sd.staged.blueId ? engine.deploymentsById.get(sd.staged.blueId) : undefined;
  const green = engine.deploymentsById.get(sd.staged.greenId);
  if (requested) engine.setStatus(sd, 'ROLLBACK_REQUESTED');
  sd.rollback = { reason, startedAt: engine.epoch(), serviceRevisionArn: blue?.revisionArn ?? sd.sourceRevisionArns[0] };
  engine.setStatus(sd, 'ROLLBACK_IN_PROGRESS', reason);
  if (green) {
    green.status = 'ACTIVE';
    green.rolloutState = 'FAILED';
    green.rolloutStateReason = reason;
    green.updatedAt = engine.now;
  }
  if (blue) {
    blue.status = 'PRIMARY';
    service.deployments = [blue, ...service.deployments.filter((/** @type {Deployment} */ d) => d !== blue)];
    service.taskDefinition = blue.taskDefinition;
  }
  engine.event(service, `rolling back service deployment to ${blue ? `deployment ${blue.id}` : 'its source revision'}: ${reason}`);
  const later = (/** @type {number} */ seconds, /** @type {() => void} */ step) => engine.schedule(engine.now + seconds, guarded(sd, step));
  const failed = (/** @type {string} */ why) => {
    service.staged = undefined;
    sd.finishedAt = engine.epoch();
    engine.setStatus(sd, 'ROLLBACK_FAILED', why);
  };
  const cleanUp = () => {
    sd.lifecycleStage = 'CLEAN_UP';
    sd.staged.history.push({ stage: 'CLEAN_UP', wallMs: Date.now() });
    stopOf(engine, service, sd.staged.greenId);
    later(stageSeconds(sd, 'CLEAN_UP'), () => {
      service.staged = undefined;
      if (blue) service.deployments = [blue];
      sd.finishedAt = engine.epoch();
      engine.setStatus(sd, 'ROLLBACK_SUCCESSFUL');
    });
  };
  later(stageSeconds(sd, 'PRODUCTION_TRAFFIC_SHIFT'), () => {
    sd.staged.productionOnGreen = 0;
    sd.staged.testOnGreen = 0;
    sd.updatedAt = engine.epoch();
    sd.staged.history.push({ productionOnGreen: 0, wallMs: Date.now() });
    runHooks(engine, sd, 'TEST_TRAFFIC_SHIFT', () => runHooks(engine, sd, 'PRODUCTION_TRAFFIC_SHIFT', cleanUp, failed), failed);
  });
}

/** @param {Engine} engine @param {any} service @param {(task: any) => boolean} which */
function stopTasks(engine, service, which) {
  const tasks = engine.liveTasks(service).filter(which);
  for (const task of tasks) stopTask(engine, task, { stopCode: 'ServiceSchedulerInitiated', stoppedReason: `Scaling activity initiated by (deployment ${service.deployments[0].id})` });
  if (tasks.length) engine.event(service, `has stopped ${tasks.length} running tasks: ${tasks.map((t) => `(task ${engine.taskId(t)})`).join(' ')}.`);
}

/** @param {Engine} engine @param {any} service @param {string | undefined} deploymentId */
function stopOf(engine, service, deploymentId) {
  stopTasks(engine, service, (t) => t.deploymentId === deploymentId);
}

/** CLEAN_UP leaves only the target revision running: blue, and any older revision still ACTIVE. @param {Engine} engine @param {any} service @param {string} greenId */
function stopAllBut(engine, service, greenId) {
  stopTasks(engine, service, (t) => t.deploymentId !== greenId);
}

/**
 * The scheduler's part while a staged deployment is in flight: green gets the desired count from
 * SCALE_UP on (beside blue, whatever maximumPercent says), blue is left alone until CLEAN_UP.
 * Returns false when the service has no staged deployment in flight.
 * @param {Engine} engine @param {any} service
 */
export function reconcileStaged(engine, service) {
  const sd = service.staged;
  if (!sd) return false;
  const { staged } = sd;
  const green = engine.deploymentsById.get(staged.greenId);
  if (!staged.scaling || !green || sd.status !== 'IN_PROGRESS') return true;
  const live = engine.liveTasks(service).filter((t) => t.deploymentId === green.id);
  if (engine.now >= green.nextLaunchAt && live.length < service.desiredCount) {
    const started = [];
    for (let i = live.length; i < service.desiredCount; i += 1) started.push(launch(engine, service, green));
    engine.event(service, `has started ${started.length} tasks: ${started.map((t) => `(task ${engine.taskId(t)})`).join(' ')}.`);
  }
  const ready = live.filter((t) => engine.isReady(t)).length;
  if (ready >= service.desiredCount && staged.onScaledUp) {
    const done = staged.onScaledUp;
    staged.onScaledUp = undefined;
    done();
  }
  return true;
}
