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
 *   essential: string[],
 *   failed: boolean,
 *   targetHealthy?: boolean,
 *   drainingUntil?: number,
 * }} Task
 */

/**
 * A new task in PROVISIONING.
 * @param {{
 *   ids: import('../core/random.js').IdFactory, region: string, account: string, cluster: {name: string, arn: string},
 *   taskDefinition: any, startedBy: string, group: string, enableExecuteCommand: boolean, launchType: string,
 *   createdAt: number, imageDigest: (container: any) => string | undefined, subnetId: string,
 * }} options
 */
export function newTaskApi({ ids, region, account, cluster, taskDefinition, startedBy, group, enableExecuteCommand, launchType, createdAt, imageDigest, subnetId }) {
  const taskId = ids.taskId();
  const taskArn = `arn:aws:ecs:${region}:${account}:task/${cluster.name}/${taskId}`;
  const eni = taskDefinition.networkMode === 'awsvpc' ? eniAttachment(ids, region, subnetId) : undefined;
  const containers = taskDefinition.containerDefinitions.map((/** @type {any} */ c) => {
    const digest = imageDigest(c);
    return {
      containerArn: `arn:aws:ecs:${region}:${account}:container/${cluster.name}/${taskId}/${ids.uuid()}`,
      taskArn,
      name: c.name,
      image: c.image,
      ...(digest ? { imageDigest: digest } : {}),
      lastStatus: 'PENDING',
      networkInterfaces: eni ? [{ attachmentId: eni.id, privateIpv4Address: eni.ip }] : [],
      healthStatus: 'UNKNOWN',
      ...(enableExecuteCommand ? { managedAgents: [{ name: 'ExecuteCommandAgent', lastStatus: 'PENDING' }] } : {}),
      cpu: String(c.cpu ?? 0),
      ...(c.memory !== undefined ? { memory: String(c.memory) } : {}),
    };
  });
  return {
    attachments: eni ? [eni.attachment] : [],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: `${region}a`,
    clusterArn: cluster.arn,
    // Connectivity is CONNECTED or DISCONNECTED (ECS API reference, Task data type): a task still provisioning has none yet.
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

/**
 * The elastic network interface an awsvpc task gets ("Amazon ECS task networking options for
 * Fargate"; the `attachments` and `details` names follow the DescribeTasks example in the AWS
 * CLI reference, the statuses the ECS API reference's Attachment data type).
 * @param {import('../core/random.js').IdFactory} ids @param {string} region @param {string} subnetId
 */
function eniAttachment(ids, region, subnetId) {
  const id = ids.uuid();
  const hex = ids.chars('0123456789abcdef', 17);
  const ip = `10.0.${Number.parseInt(hex.slice(0, 2), 16)}.${Number.parseInt(hex.slice(2, 4), 16) % 254 + 1}`;
  const mac = `0a:${hex.slice(4, 14).match(/../g)?.join(':')}`;
  const details = [
    { name: 'subnetId', value: subnetId },
    { name: 'networkInterfaceId', value: `eni-${hex}` },
    { name: 'macAddress', value: mac },
    { name: 'privateDnsName', value: `ip-${ip.replaceAll('.', '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}` },
    { name: 'privateIPv4Address', value: ip },
  ];
  return { id, ip, attachment: { id, type: 'ElasticNetworkInterface', status: 'PRECREATED', details } };
}

/** @param {any} api @param {string} status */
function setEniStatus(api, status) {
  for (const a of api.attachments) if (a.type === 'ElasticNetworkInterface') a.status = status;
}

/** @param {any} api @param {number} at epoch seconds */
export function markPending(api, at) {
  setEniStatus(api, 'ATTACHED');
  api.lastStatus = 'PENDING';
  api.connectivity = 'CONNECTED';
  api.connectivityAt = at;
  api.pullStartedAt = at;
  api.version += 1;
}

/** The image pull finished; the containers start next. @param {any} api @param {number} at epoch seconds */
export function markPulled(api, at) {
  api.pullStoppedAt = at;
  api.version += 1;
}

/** @param {any} api @param {number} at epoch seconds @param {import('../core/random.js').IdFactory} ids */
export function markRunning(api, at, ids) {
  const taskId = api.taskArn.split('/').pop();
  api.lastStatus = 'RUNNING';
  api.pullStoppedAt ??= at;
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

/** @param {any} api @param {string} containerName @param {'HEALTHY' | 'UNHEALTHY'} status @param {string[]} essentialNames */
export function markHealth(api, containerName, status, essentialNames) {
  const container = api.containers.find((/** @type {any} */ c) => c.name === containerName);
  if (container) container.healthStatus = status;
  // Task.healthStatus: HEALTHY when every essential container is; UNHEALTHY or UNKNOWN when
  // any essential container is (ECS API reference, Task data type).
  const essential = api.containers.filter((/** @type {any} */ c) => essentialNames.includes(c.name));
  const states = essential.map((/** @type {any} */ c) => c.healthStatus);
  api.healthStatus = states.includes('UNHEALTHY') ? 'UNHEALTHY' : states.every((/** @type {string} */ h) => h === 'HEALTHY') ? 'HEALTHY' : 'UNKNOWN';
  api.version += 1;
}

/**
 * Desired STOPPED: the task heads for STOPPED with its stop code and reason.
 * @param {any} api
 * @param {{ at: number, stopCode: string, stoppedReason: string, exitCode?: number, leadContainer?: string, containerReason?: string }} stop
 */
export function markStopping(api, { at, stopCode, stoppedReason, exitCode, leadContainer, containerReason }) {
  const wasRunning = api.lastStatus === 'RUNNING';
  setEniStatus(api, 'DETACHING');
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
  setEniStatus(api, 'DELETED');
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
