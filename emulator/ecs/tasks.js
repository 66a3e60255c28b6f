// @ts-check
/**
 * Tasks as DescribeTasks shows them, and their state changes. The engine decides when a
 * change happens; this module knows what each change looks like.
 */

/**
 * @typedef {{
 *   api: any,
 *   serviceKey: string,
 *   deploymentId: string,
 *   behaviour: import('./behaviours.js').Behaviour,
 *   leadContainer: string,
 *   failed: boolean,
 * }} Task
 */

/**
 * A new task in PROVISIONING.
 * @param {{
 *   ids: import('../core/random.js').IdFactory, region: string, account: string, cluster: {name: string, arn: string},
 *   taskDefinition: any, startedBy: string, group: string, enableExecuteCommand: boolean, launchType: string,
 *   createdAt: number, imageDigest: (image: string) => string | undefined,
 * }} options
 */
export function newTaskApi({ ids, region, account, cluster, taskDefinition, startedBy, group, enableExecuteCommand, launchType, createdAt, imageDigest }) {
  const taskId = ids.taskId();
  const taskArn = `arn:aws:ecs:${region}:${account}:task/${cluster.name}/${taskId}`;
  const containers = taskDefinition.containerDefinitions.map((/** @type {any} */ c) => {
    const digest = imageDigest(c.image);
    return {
      containerArn: `arn:aws:ecs:${region}:${account}:container/${cluster.name}/${taskId}/${ids.uuid()}`,
      taskArn,
      name: c.name,
      image: c.image,
      ...(digest ? { imageDigest: digest } : {}),
      lastStatus: 'PENDING',
      networkInterfaces: [],
      healthStatus: 'UNKNOWN',
      ...(enableExecuteCommand ? { managedAgents: [{ name: 'ExecuteCommandAgent', lastStatus: 'PENDING' }] } : {}),
      cpu: String(c.cpu ?? 0),
      ...(c.memory !== undefined ? { memory: String(c.memory) } : {}),
    };
  });
  return {
    attachments: [],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: `${region}a`,
    clusterArn: cluster.arn,
    connectivity: 'CONNECTING',
    containers,
    cpu: taskDefinition.cpu,
    createdAt,
    desiredStatus: 'RUNNING',
    enableExecuteCommand,
    group,
    healthStatus: 'UNKNOWN',
    lastStatus: 'PROVISIONING',
    launchType,
    memory: taskDefinition.memory,
    overrides: { containerOverrides: containers.map((/** @type {any} */ c) => ({ name: c.name })), inferenceAcceleratorOverrides: [] },
    ...(launchType === 'FARGATE' ? { platformVersion: '1.4.0', platformFamily: 'Linux', ephemeralStorage: { sizeInGiB: 20 } } : {}),
    startedBy,
    tags: [],
    taskArn,
    taskDefinitionArn: taskDefinition.taskDefinitionArn,
    version: 1,
  };
}

/** @param {any} api @param {number} at epoch seconds */
export function markPending(api, at) {
  api.lastStatus = 'PENDING';
  api.connectivity = 'CONNECTED';
  api.connectivityAt = at;
  api.pullStartedAt = at;
  api.version += 1;
}

/** @param {any} api @param {number} at epoch seconds @param {import('../core/random.js').IdFactory} ids */
export function markRunning(api, at, ids) {
  const taskId = api.taskArn.split('/').pop();
  api.lastStatus = 'RUNNING';
  api.pullStoppedAt = at;
  api.startedAt = at;
  for (const c of api.containers) {
    c.lastStatus = 'RUNNING';
    c.runtimeId = ids.runtimeId(taskId);
  }
  api.version += 1;
}

/**
 * Sets the ExecuteCommandAgent state of every container.
 * @param {any} api @param {string} status @param {number} at @param {string} [reason]
 */
export function markAgent(api, status, at, reason) {
  for (const c of api.containers) {
    for (const agent of c.managedAgents ?? []) {
      agent.lastStatus = status;
      if (status === 'RUNNING') agent.lastStartedAt = at;
      if (reason) agent.reason = reason;
      else delete agent.reason;
    }
  }
  api.version += 1;
}

/** @param {any} api @param {string} containerName @param {'HEALTHY' | 'UNHEALTHY'} status */
export function markHealth(api, containerName, status) {
  const container = api.containers.find((/** @type {any} */ c) => c.name === containerName);
  if (container) container.healthStatus = status;
  api.healthStatus = status;
  api.version += 1;
}

/**
 * Desired STOPPED: the task heads for STOPPED with its stop code and reason.
 * @param {any} api
 * @param {{ at: number, stopCode: string, stoppedReason: string, exitCode?: number, leadContainer?: string, containerReason?: string }} stop
 */
export function markStopping(api, { at, stopCode, stoppedReason, exitCode, leadContainer, containerReason }) {
  const wasRunning = api.lastStatus === 'RUNNING';
  api.desiredStatus = 'STOPPED';
  api.lastStatus = wasRunning ? 'DEACTIVATING' : 'DEPROVISIONING';
  api.stopCode = stopCode;
  api.stoppedReason = stoppedReason;
  api.stoppingAt = at;
  for (const c of api.containers) {
    if (wasRunning) c.exitCode = c.name === leadContainer && exitCode !== undefined ? exitCode : 0;
    if (c.name === leadContainer && containerReason) c.reason = containerReason;
    if (!wasRunning && containerReason) c.reason = containerReason;
  }
  api.version += 1;
}

/** @param {any} api @param {number} at */
export function markStopped(api, at) {
  api.lastStatus = 'STOPPED';
  api.connectivity = 'DISCONNECTED';
  api.executionStoppedAt = at;
  api.stoppedAt = at;
  if (api.pullStartedAt && !api.pullStoppedAt) api.pullStoppedAt = at;
  for (const c of api.containers) {
    c.lastStatus = 'STOPPED';
    for (const agent of c.managedAgents ?? []) agent.lastStatus = 'STOPPED';
  }
  api.version += 1;
}
