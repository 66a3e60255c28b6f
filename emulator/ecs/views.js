// @ts-check
// How services, deployments and service deployments look in ECS answers (DescribeServices,
// UpdateService, DescribeServiceDeployments): the members of the ECS API reference's Service,
// Deployment and ServiceDeployment data types.
import { hookDetailsView } from './hooks.js';
import { trafficWeights } from './traffic.js';
/** @typedef {import('./engine.js').Engine} Engine */

/** The subnet of every service's (and so every task's) awsvpc configuration. */
export const SUBNET_ID = 'subnet-0a1b2c3d4e5f60718';

/** @param {Engine} engine @param {any} service @param {boolean} [withTags] */
export function serviceView(engine, service, withTags = false) {
  const live = engine.liveTasks(service);
  const fargate = service.launchType === 'FARGATE';
  const revisions = new Map();
  for (const d of service.deployments) {
    if (!revisions.has(d.revisionArn)) revisions.set(d.revisionArn, revisionCounts(engine, service, d.revisionArn));
  }
  return {
    serviceArn: service.serviceArn,
    serviceName: service.serviceName,
    clusterArn: service.cluster.arn,
    loadBalancers: service.loadBalancers,
    serviceRegistries: [],
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: live.filter((t) => t.api.lastStatus === 'RUNNING').length,
    pendingCount: live.filter((t) => t.api.lastStatus !== 'RUNNING').length,
    launchType: service.launchType,
    ...(fargate ? { platformVersion: 'LATEST', platformFamily: 'Linux' } : {}),
    taskDefinition: service.taskDefinition,
    deploymentConfiguration: service.deploymentConfiguration,
    deployments: service.deployments.map((/** @type {any} */ d) => deploymentView(engine, service, d)),
    events: service.events,
    createdAt: service.createdAt,
    // ECS uses 0 when none is given (CreateService healthCheckGracePeriodSeconds); it means something only with a load balancer.
    ...(service.healthCheckGracePeriodSeconds !== undefined || service.loadBalancers.length > 0 ? { healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds ?? 0 } : {}),
    ...(service.currentServiceDeployment ? { currentServiceDeployment: service.currentServiceDeployment } : {}),
    currentServiceRevisions: [...revisions.values()],
    placementConstraints: [],
    placementStrategy: [],
    ...(fargate ? { networkConfiguration: networkConfiguration(engine) } : {}),
    schedulingStrategy: 'REPLICA',
    deploymentController: service.deploymentController,
    ...(withTags ? { tags: [] } : {}),
    createdBy: engine.scenario.identityArn,
    enableECSManagedTags: service.enableECSManagedTags,
    propagateTags: service.propagateTags,
    enableExecuteCommand: service.enableExecuteCommand,
    availabilityZoneRebalancing: 'ENABLED',
  };
}

/** @param {Engine} _engine */
export function networkConfiguration(_engine) {
  return { awsvpcConfiguration: { subnets: [SUBNET_ID], securityGroups: ['sg-0123456789abcdef0'], assignPublicIp: 'DISABLED' } };
}

/** @param {Engine} engine @param {any} service @param {import('./engine.js').Deployment} d */
export function deploymentView(engine, service, d) {
  const mine = engine.liveTasks(service).filter((t) => t.deploymentId === d.id);
  const fargate = service.launchType === 'FARGATE';
  return {
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinition,
    desiredCount: d.status === 'PRIMARY' ? service.desiredCount : mine.length,
    pendingCount: mine.filter((t) => t.api.lastStatus !== 'RUNNING').length,
    runningCount: mine.filter((t) => t.api.lastStatus === 'RUNNING').length,
    failedTasks: d.failedTasks,
    createdAt: engine.epoch(d.createdAt),
    updatedAt: engine.epoch(d.updatedAt),
    launchType: service.launchType,
    ...(fargate ? { platformVersion: '1.4.0', platformFamily: 'Linux', networkConfiguration: networkConfiguration(engine) } : {}),
    ...(d.rolloutState ? { rolloutState: d.rolloutState, rolloutStateReason: d.rolloutStateReason } : {}),
  };
}

/** Task counts of one service revision. @param {Engine} engine @param {any} service @param {string} arn */
export function revisionCounts(engine, service, arn) {
  const mine = engine.liveTasks(service).filter((t) => engine.deploymentsById.get(t.deploymentId)?.revisionArn === arn);
  const primary = service.deployments[0];
  return {
    arn,
    requestedTaskCount: primary?.revisionArn === arn && service.status === 'ACTIVE' ? service.desiredCount : 0,
    runningTaskCount: mine.filter((t) => t.api.lastStatus === 'RUNNING').length,
    pendingTaskCount: mine.filter((t) => t.api.lastStatus !== 'RUNNING').length,
  };
}

/** @param {Engine} engine @param {any} sd */
export function serviceDeploymentView(engine, sd) {
  const service = engine.services.get(sd.serviceKey);
  const config = sd.deploymentConfiguration;
  return {
    serviceDeploymentArn: sd.serviceDeploymentArn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    createdAt: sd.createdAt,
    ...(sd.startedAt ? { startedAt: sd.startedAt } : {}),
    ...(sd.finishedAt ? { finishedAt: sd.finishedAt } : {}),
    ...(sd.stoppedAt ? { stoppedAt: sd.stoppedAt } : {}),
    updatedAt: sd.updatedAt,
    sourceServiceRevisions: sd.sourceRevisionArns.map((/** @type {string} */ arn) => ({ ...revisionCounts(engine, service, arn), ...trafficWeights(sd, arn) })),
    targetServiceRevision: { ...revisionCounts(engine, service, sd.targetRevisionArn), ...trafficWeights(sd, sd.targetRevisionArn) },
    status: sd.status,
    ...(sd.statusReason ? { statusReason: sd.statusReason } : {}),
    ...(sd.lifecycleStage ? { lifecycleStage: sd.lifecycleStage, lifecycleHookDetails: hookDetailsView(engine, sd) } : {}),
    deploymentConfiguration: config,
    ...(sd.rollback ? { rollback: sd.rollback } : {}),
    deploymentCircuitBreaker: sd.deploymentCircuitBreaker,
    ...(config.alarms ? { alarms: alarmsView(sd) } : {}),
  };
}


/** @param {any} sd */
function alarmsView(sd) {
  const { alarms } = sd.deploymentConfiguration;
  const triggered = sd.staged?.triggeredAlarmNames ?? [];
  const status = triggered.length ? 'TRIGGERED' : alarms.enable ? 'MONITORING' : 'DISABLED';
  return { status, alarmNames: alarms.alarmNames ?? [], triggeredAlarmNames: triggered };
}
