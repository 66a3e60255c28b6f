// @ts-check
// The records a deployment leaves: the deployment in `service.deployments`, the service revision
// and the service deployment (Service Deployments API). Their shapes follow the ECS API
// reference pages of Deployment, ServiceRevision and ServiceDeployment.
import { revisionContainerImages } from './image-digests.js';
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./engine.js').Deployment} Deployment */

export const CIRCUIT_BREAKER_REASON = 'ECS deployment circuit breaker: tasks failed to start.';
/** Service deployment statuses that are not an end (ECS API reference, ServiceDeployment.status). */
export const IN_FLIGHT = ['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'STOP_REQUESTED'];

/** Circuit-breaker failure threshold, per the documented formula. @param {any} breaker @param {number} desired */
export function breakerThreshold(breaker, desired) {
  const { type = 'BOUNDED_PERCENT', value = 50 } = breaker?.thresholdConfiguration ?? {};
  if (type === 'COUNT') return value;
  const raw = Math.ceil((value / 100) * desired);
  return type === 'UNBOUNDED_PERCENT' ? Math.max(1, raw) : Math.min(200, Math.max(3, raw));
}

/**
 * @param {any} service @param {string} taskDefinitionArn @param {string} revisionArn
 * @returns {Deployment}
 * @param {Engine} engine
 */
export function newDeployment(engine, service, taskDefinitionArn, revisionArn) {
  const id = engine.ids.deploymentId();
  /** @type {Deployment} */
  const deployment = {
    id,
    status: 'PRIMARY',
    taskDefinition: taskDefinitionArn,
    revisionArn,
    ...(engine.rolling(service) ? { rolloutState: 'IN_PROGRESS', rolloutStateReason: `ECS deployment ${id} in progress.` } : {}),
    failedTasks: 0,
    consecutiveFailures: 0,
    createdAt: engine.now,
    updatedAt: engine.now,
    nextLaunchAt: engine.now,
    isRollback: false,
    halted: false,
    neverCompletes: false,
  };
  engine.deploymentsById.set(id, deployment);
  return deployment;
}

/** @param {Engine} engine @param {any} service @param {any} td */
export function newRevision(engine, service, td) {
  const revision = {
    serviceRevisionArn: engine.arn(`service-revision/${service.cluster.name}/${service.serviceName}/${engine.ids.revisionId()}`),
    serviceArn: service.serviceArn,
    clusterArn: service.cluster.arn,
    taskDefinition: td.taskDefinitionArn,
    launchType: service.launchType,
    ...(service.launchType === 'FARGATE' ? { platformVersion: '1.4.0', platformFamily: 'Linux' } : {}),
    containerImages: revisionContainerImages(engine, td),
    // ServiceRevision.loadBalancers (ECS API reference, ServiceRevision data type).
    ...(service.loadBalancers.length > 0 ? { loadBalancers: service.loadBalancers } : {}),
    guardDutyEnabled: false,
    createdAt: engine.epoch(),
  };
  engine.serviceRevisions.set(revision.serviceRevisionArn, revision);
  return revision;
}

/**
 * @param {any} service @param {Deployment} deployment @param {string[]} sourceRevisionArns
 * @param {Engine} engine
 */
export function newServiceDeployment(engine, service, deployment, sourceRevisionArns) {
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  /** @type {any} timestamps, statusReason and rollback are added as the deployment moves on */
  const sd = {
    serviceDeploymentArn: engine.arn(`service-deployment/${service.cluster.name}/${service.serviceName}/${engine.ids.serviceDeploymentId()}`),
    serviceArn: service.serviceArn,
    clusterArn: service.cluster.arn,
    serviceKey: service.key,
    createdAt: engine.epoch(),
    updatedAt: engine.epoch(),
    sourceRevisionArns,
    targetRevisionArn: deployment.revisionArn,
    deploymentId: deployment.id,
    status: 'PENDING',
    deploymentConfiguration: structuredClone(service.deploymentConfiguration),
    deploymentCircuitBreaker: {
      status: breaker?.enable ? 'MONITORING' : 'DISABLED',
      failureCount: 0,
      threshold: breakerThreshold(breaker, service.desiredCount),
    },
    /** @type {import('./engine.js').StatusChange[]} */
    statusHistory: [{ status: 'PENDING', simTime: engine.now, wallMs: Date.now() }],
  };
  deployment.serviceDeploymentArn = sd.serviceDeploymentArn;
  service.currentServiceDeployment = sd.serviceDeploymentArn;
  engine.serviceDeployments.set(sd.serviceDeploymentArn, sd);
  return sd;
}
