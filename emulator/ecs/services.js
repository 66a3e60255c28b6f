// @ts-check
// Services: created from the scenario, changed by UpdateService.
import { startDeployment } from './deployments.js';
import { pauseHookRefusal } from './hooks.js';
import { detected, outOfRange } from '../core/constraint-text.js';
import { invalidParameter, serviceNotActive } from '../core/errors.js';
import { newDeployment, newRevision, newServiceDeployment } from './records.js';
import { reconcile } from './scheduler.js';
import { startTaskRunning } from './task-lifecycle.js';
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./engine.js').Deployment} Deployment */

/** @param {Engine} engine @param {any} spec a scenario service */
export function createService(engine, spec) {
  const cluster = engine.cluster(spec.cluster);
  const td = engine.taskDefinitions.describe(spec.taskDefinition).taskDefinition;
  const config = spec.deploymentConfiguration ?? {};
  const service = {
    key: `${cluster.name}/${spec.name}`,
    serviceArn: engine.arn(`service/${cluster.name}/${spec.name}`),
    serviceName: spec.name,
    cluster,
    status: 'ACTIVE',
    desiredCount: spec.desiredCount ?? 1,
    launchType: spec.launchType ?? 'FARGATE',
    taskDefinition: td.taskDefinitionArn,
    deploymentConfiguration: {
      ...config,
      deploymentCircuitBreaker: config.deploymentCircuitBreaker ?? { enable: false, rollback: false },
      maximumPercent: config.maximumPercent ?? 200,
      minimumHealthyPercent: config.minimumHealthyPercent ?? 100,
    },
    deploymentController: { type: spec.deploymentController ?? 'ECS' },
    enableExecuteCommand: spec.enableExecuteCommand ?? false,
    propagateTags: spec.propagateTags ?? 'NONE',
    enableECSManagedTags: spec.enableECSManagedTags ?? false,
    loadBalancers: spec.loadBalancers ?? [],
    healthCheckGracePeriodSeconds: spec.healthCheckGracePeriodSeconds,
    createdAt: engine.epoch(),
    /** @type {Deployment[]} newest first */
    deployments: [],
    /** @type {{id: string, createdAt: number, message: string}[]} newest first */
    events: [],
    /** @type {Deployment | undefined} */
    lastCompleted: undefined,
    currentServiceDeployment: undefined,
    /** How BLUE_GREEN, LINEAR and CANARY deployments go (strategies.js, hooks.js). */
    strategyScript: spec.strategyScript,
    /** The staged service deployment in flight, if any. */
    staged: undefined,
  };
  engine.services.set(service.key, service);
  const completed = (spec.initialDeployment ?? 'completed') === 'completed';
  const deployment = newDeployment(engine, service, td.taskDefinitionArn, newRevision(engine, service, td).serviceRevisionArn);
  if (engine.rolling(service)) {
    deployment.rolloutState = completed ? 'COMPLETED' : 'IN_PROGRESS';
    deployment.rolloutStateReason = completed ? `ECS deployment ${deployment.id} completed.` : `ECS deployment ${deployment.id} in progress.`;
  }
  deployment.neverCompletes = !completed;
  service.deployments.unshift(deployment);
  for (let i = 0; i < service.desiredCount; i += 1) startTaskRunning(engine, service, deployment);
  if (completed) {
    service.lastCompleted = deployment;
    if (engine.rolling(service)) {
      const sd = newServiceDeployment(engine, service, deployment, []);
      for (const status of ['IN_PROGRESS', 'SUCCESSFUL']) engine.setStatus(sd, status);
      sd.startedAt = sd.createdAt;
      sd.finishedAt = sd.createdAt;
      sd.deploymentCircuitBreaker.status = sd.deploymentCircuitBreaker.status === 'DISABLED' ? 'DISABLED' : 'MONITORING_COMPLETE';
    }
  }
  return service;
}

/**
 * UpdateService, from the API or the timeline.
 * @param {any} input an UpdateService request
 * @param {Engine} engine
 */
export function updateService(engine, input) {
  checkHookTimeouts(input.deploymentConfiguration?.lifecycleHooks ?? []);
  const service = engine.service(input.cluster, input.service);
  if (service.status !== 'ACTIVE') throw serviceNotActive();
  const td = input.taskDefinition !== undefined ? engine.taskDefinitions.find(input.taskDefinition)?.taskDefinition : undefined;
  if (input.taskDefinition !== undefined && (!td || td.status !== 'ACTIVE')) {
    throw invalidParameter(td ? 'TaskDefinition is inactive' : 'Unable to describe task definition.');
  }
  const changesTaskDefinition = td !== undefined && td.taskDefinitionArn !== service.taskDefinition;
  if (!engine.rolling(service) && (changesTaskDefinition || input.forceNewDeployment)) {
    const controller = service.deploymentController.type;
    const article = controller === 'EXTERNAL' ? 'an EXTERNAL' : 'a CODE_DEPLOY';
    throw invalidParameter(changesTaskDefinition
      ? `Unable to update task definition on services with ${article} deployment controller. ${controller === 'CODE_DEPLOY' ? 'Use AWS CodeDeploy to trigger a new deployment.' : 'Use a task set to deploy a new task definition.'}`
      : `Unable to force a new deployment on services with ${article} deployment controller. ${controller === 'CODE_DEPLOY' ? 'Use AWS CodeDeploy to trigger a new deployment.' : 'Use a task set to deploy a new task definition.'}`);
  }
  // UpdateService documents no range for desiredCount (ECS API reference, UpdateService); a negative
  // count is a parameter that "isn't valid" (InvalidParameterException, same page, Errors). The
  // wording is the emulator's.
  if (input.desiredCount !== undefined && input.desiredCount < 0) throw invalidParameter(`Invalid desiredCount ${input.desiredCount}: it must be 0 or greater.`);
  const refusal = pauseHookRefusal(input.deploymentConfiguration?.lifecycleHooks);
  if (refusal) throw invalidParameter(refusal);
  if (input.desiredCount !== undefined) {
    service.desiredCount = input.desiredCount;
    service.deployments[0].updatedAt = engine.now;
  }
  if (input.enableExecuteCommand !== undefined) service.enableExecuteCommand = input.enableExecuteCommand;
  if (input.propagateTags !== undefined) service.propagateTags = input.propagateTags;
  if (input.enableECSManagedTags !== undefined) service.enableECSManagedTags = input.enableECSManagedTags;
  // UpdateService healthCheckGracePeriodSeconds: "This parameter doesn't trigger a new service deployment."
  if (input.healthCheckGracePeriodSeconds !== undefined) service.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
  if (input.deploymentConfiguration !== undefined) {
    // Each member sent replaces the stored one whole; members left out keep their value.
    service.deploymentConfiguration = { ...service.deploymentConfiguration, ...input.deploymentConfiguration };
  }
  if (changesTaskDefinition || input.forceNewDeployment) startDeployment(engine, service, td ?? engine.taskDefinitions.describe(service.taskDefinition).taskDefinition);
  reconcile(engine, service);
  return service;
}

/**
 * A lifecycle hook's `timeoutInMinutes` has "Valid Range: Minimum value of 1. Maximum value of
 * 20160" (ECS API reference, DeploymentLifecycleHookTimeoutConfiguration). Refused before
 * anything else, as the request's validation refuses it, with UpdateService's exception for a
 * parameter that isn't valid.
 * @param {any[]} hooks
 */
function checkHookTimeouts(hooks) {
  const broken = hooks.flatMap((hook, i) => outOfRange(hook.timeoutConfiguration?.timeoutInMinutes,
    `deploymentConfiguration.lifecycleHooks.${i + 1}.member.timeoutConfiguration.timeoutInMinutes`, { min: 1, max: 20160 }));
  if (broken.length > 0) throw invalidParameter(detected(broken));
}
