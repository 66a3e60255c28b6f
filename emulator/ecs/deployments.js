// @ts-check
// Deployments over time: a new one on UpdateService, StopServiceDeployment, the circuit breaker
// and rollbacks (reference: ecs-deployments.md, ecs-strategies-tasks-logs.md section 4).
import { ApiError, invalidParameter } from '../core/errors.js';
import { CIRCUIT_BREAKER_REASON, IN_FLIGHT, breakerThreshold, newDeployment, newRevision, newServiceDeployment } from './records.js';
import { stopTask } from './task-lifecycle.js';
import { isStaged, rollBackStaged, startStaged } from './strategies.js';
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./engine.js').Deployment} Deployment */

/** Simulated seconds a new deployment stays PENDING before its first tasks launch. */
const DEPLOYMENT_START_SECONDS = 1;

/** @param {Engine} engine @param {any} service @param {any} td */
export function startDeployment(engine, service, td) {
  // ECS resolves the images next (newRevision): an event waiting for this state (a tag pushed) runs first.
  engine.reached('deploymentStarts', service.key);
  engine.runWaiting();
  const previous = service.deployments[0];
  const current = previous?.serviceDeploymentArn ? engine.serviceDeployments.get(previous.serviceDeploymentArn) : undefined;
  const sourceRevisionArns = [...new Set(service.deployments.map((/** @type {Deployment} */ d) => d.revisionArn))];
  for (const d of service.deployments) d.status = 'ACTIVE';
  const deployment = newDeployment(engine, service, td.taskDefinitionArn, newRevision(engine, service, td).serviceRevisionArn);
  deployment.nextLaunchAt = engine.now + DEPLOYMENT_START_SECONDS;
  service.deployments.unshift(deployment);
  service.taskDefinition = td.taskDefinitionArn;
  if (!engine.rolling(service)) return;
  const sd = newServiceDeployment(engine, service, deployment, sourceRevisionArns);
  if (current && IN_FLIGHT.includes(current.status)) {
    current.stoppedAt = engine.epoch();
    current.finishedAt = engine.epoch();
    engine.setStatus(current, 'STOPPED', `Service deployment stopped because a new service deployment was started: ${sd.serviceDeploymentArn}.`);
  }
  service.staged = undefined;
  if (isStaged(sd.deploymentConfiguration)) {
    startStaged(engine, service, deployment, previous, sd, deployment.nextLaunchAt);
    return;
  }
  engine.schedule(deployment.nextLaunchAt, () => {
    if (sd.status !== 'PENDING') return;
    sd.startedAt = engine.epoch();
    engine.setStatus(sd, 'IN_PROGRESS');
  });
}

/**
 * StopServiceDeployment (ECS API reference, "StopServiceDeployment": stopType `ABORT | ROLLBACK`,
 * the request validator refuses any other value). ROLLBACK is documented; ABORT is only listed,
 * so what it does is the scenario's `undocumented.stopServiceDeploymentAbort`: `stop` (default)
 * moves it through STOP_REQUESTED to STOPPED where it is (the Developer Guide's "Stopping Amazon
 * ECS service deployments" names STOP_REQUESTED: "The service deployment continues to stop"),
 * `refuse` answers InvalidParameterException ("The valid values are ROLLBACK").
 * @param {string} arn @param {string} stopType ABORT or ROLLBACK
 * @param {Engine} engine
 */
export function stopServiceDeployment(engine, arn, stopType) {
  if (stopType === 'ABORT' && engine.scenario.undocumented?.stopServiceDeploymentAbort === 'refuse') {
    throw invalidParameter('The stop type ABORT is not supported. The valid value is ROLLBACK.');
  }
  const sd = engine.serviceDeployments.get(arn);
  if (!sd) throw new ApiError(400, 'ServiceDeploymentNotFoundException', `The service deployment ${arn} does not exist.`);
  if (!['PENDING', 'IN_PROGRESS'].includes(sd.status)) {
    throw new ApiError(400, 'ConflictException', `The service deployment is in status ${sd.status} and cannot be stopped.`);
  }
  const service = engine.services.get(sd.serviceKey);
  const deployment = service.deployments.find((/** @type {Deployment} */ d) => d.id === sd.deploymentId);
  // [stop-service-deployment]: a staged deployment rolls back by moving traffic back to blue.
  if (stopType === 'ROLLBACK' && sd.staged && sd.status === 'IN_PROGRESS') {
    rollBackStaged(engine, service, sd, 'Service deployment rolled back by StopServiceDeployment.', true);
    return sd;
  }
  if (stopType === 'ABORT') {
    if (deployment) deployment.halted = true;
    sd.stoppedAt = engine.epoch();
    sd.finishedAt = engine.epoch();
    engine.setStatus(sd, 'STOP_REQUESTED');
    engine.setStatus(sd, 'STOPPED', 'Service deployment stopped by StopServiceDeployment.');
    return sd;
  }
  const sourceArn = sd.sourceRevisionArns[0];
  const source = sourceArn ? engine.serviceRevisions.get(sourceArn) : undefined;
  if (!source) throw invalidParameter('The service deployment has no source service revision to roll back to.');
  engine.setStatus(sd, 'ROLLBACK_REQUESTED');
  if (deployment) {
    deployment.rolloutState = 'FAILED';
    deployment.rolloutStateReason = 'Service deployment rolled back by StopServiceDeployment.';
    deployment.updatedAt = engine.now;
  }
  rollBack(engine, service, sd, { taskDefinition: source.taskDefinition, revisionArn: source.serviceRevisionArn }, 'Service deployment rolled back by StopServiceDeployment.');
  return sd;
}

/**
 * A new PRIMARY on an earlier revision, within the same service deployment.
 * @param {any} service @param {any} sd @param {{taskDefinition: string, revisionArn: string}} target @param {string} reason
 * @param {string} [rolloutReason]
 * @param {Engine} engine
 */
export function rollBack(engine, service, sd, target, reason, rolloutReason) {
  for (const d of service.deployments) d.status = 'ACTIVE';
  const deployment = newDeployment(engine, service, target.taskDefinition, target.revisionArn);
  deployment.isRollback = true;
  deployment.serviceDeploymentArn = sd.serviceDeploymentArn;
  if (rolloutReason) deployment.rolloutStateReason = rolloutReason;
  service.deployments.unshift(deployment);
  service.taskDefinition = target.taskDefinition;
  sd.rollback = { reason, startedAt: engine.epoch(), serviceRevisionArn: target.revisionArn };
  sd.deploymentId = deployment.id;
  engine.setStatus(sd, 'ROLLBACK_IN_PROGRESS');
  // A rollback requested through the API must start without waiting for an unrelated event.
  engine.schedule(engine.now, () => {});
}

/**
 * A task passed a health check: it resets the consecutive failures once it passes all of them
 * (a task of a service with a load balancer also needs its target group's approval, engine.isReady).
 * @param {Engine} engine @param {import('./tasks.js').Task} task
 */
export function onHealthy(engine, task) {
  if (!engine.isReady(task)) return;
  const service = engine.services.get(task.serviceKey);
  const deployment = service?.deployments[0];
  const breaker = service?.deploymentConfiguration.deploymentCircuitBreaker;
  if (!deployment || deployment.id !== task.deploymentId || breaker?.resetOnHealthyTask === false) return;
  deployment.consecutiveFailures = 0;
}

/** @param {Engine} engine Counts a failed task against its deployment and trips the circuit breaker at the threshold. @param {import('./tasks.js').Task} task */
export function onFailure(engine, task) {
  const service = engine.services.get(task.serviceKey);
  const deployment = service.deployments[0];
  if (deployment.id !== task.deploymentId || deployment.rolloutState === 'FAILED') return;
  deployment.failedTasks += 1;
  deployment.consecutiveFailures += 1;
  deployment.updatedAt = engine.now;
  // Repeated start failures are retried with growing gaps, as ECS throttles task launches.
  deployment.nextLaunchAt = engine.now + Math.min(300, 5 * 2 ** Math.min(deployment.failedTasks - 1, 6));
  engine.schedule(deployment.nextLaunchAt, () => {});
  const sd = deployment.serviceDeploymentArn ? engine.serviceDeployments.get(deployment.serviceDeploymentArn) : undefined;
  if (sd) sd.deploymentCircuitBreaker.failureCount = deployment.consecutiveFailures;
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  // The circuit breaker applies to ROLLING deployments only (ecs-strategies-tasks-logs.md section 1).
  if (!engine.rolling(service) || sd?.staged || !breaker?.enable || deployment.rolloutState !== 'IN_PROGRESS') return;
  if (deployment.consecutiveFailures >= breakerThreshold(breaker, service.desiredCount)) tripBreaker(engine, service, deployment, sd, breaker);
}

/** @param {Engine} engine @param {any} service @param {Deployment} deployment @param {any} sd @param {any} breaker */
export function tripBreaker(engine, service, deployment, sd, breaker) {
  deployment.rolloutState = 'FAILED';
  deployment.rolloutStateReason = CIRCUIT_BREAKER_REASON;
  deployment.updatedAt = engine.now;
  const parenthesized = engine.scenario.undocumented?.circuitBreakerEventWording === 'deploymentInParentheses';
  engine.event(service, parenthesized ? `(deployment ${deployment.id}) deployment failed: tasks failed to start.` : `deployment ${deployment.id} deployment failed: tasks failed to start.`);
  if (sd) sd.deploymentCircuitBreaker.status = 'TRIGGERED';
  const target = service.lastCompleted;
  if (deployment.isRollback) {
    if (sd) {
      sd.finishedAt = engine.epoch();
      engine.setStatus(sd, 'ROLLBACK_FAILED', CIRCUIT_BREAKER_REASON);
    }
    return;
  }
  if (!breaker.rollback || !target || !sd) {
    if (sd) sd.statusReason = CIRCUIT_BREAKER_REASON;
    return;
  }
  const reason = `ECS deployment circuit breaker: rolling back to deploymentId ${target.id}.`;
  rollBack(engine, service, sd, target, reason, reason);
  // The events' wording is not documented: a scenario choice (undocumented.circuitBreakerEventWording).
  engine.event(service, parenthesized ? `(deployment ${deployment.id}) rolling back to deployment ${target.id}.` : `rolling back to deployment ${target.id}.`);
  for (const task of engine.liveTasks(service)) {
    if (task.deploymentId === deployment.id && !engine.isReady(task)) {
      stopTask(engine, task, { stopCode: 'ServiceSchedulerInitiated', stoppedReason: `Scaling activity initiated by (deployment ${service.deployments[0].id})` });
    }
  }
}
