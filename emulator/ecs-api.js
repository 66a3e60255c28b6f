// @ts-check
import { behaviourOf } from './behaviours.js';
import { ApiError, invalidParameter, serviceNotFound } from './errors.js';

const EXEC_NOT_ENABLED = 'The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again.';

/**
 * One page of a list, with the opaque nextToken ECS list operations use.
 * @template T
 * @param {T[]} items @param {number | undefined} maxResults @param {string | undefined} nextToken @param {number} limit
 */
function paginate(items, maxResults, nextToken, limit) {
  const size = maxResults ?? limit;
  if (size < 1 || size > limit) throw invalidParameter(`maxResults must be between 1 and ${limit}.`);
  const start = nextToken ? Number(Buffer.from(nextToken, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid nextToken.');
  const end = start + size;
  return { page: items.slice(start, end), nextToken: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined };
}

/** ECS operations over the engine, shaped as the ECS API answers them. */
export class EcsApi {
  /**
   * @param {{
   *   engine: import('./engine.js').Engine,
   *   taskDefinitions: import('./task-definitions.js').TaskDefinitionRegistry,
   *   identityArn: string,
   *   exec: () => Promise<any>,
   *   baseUrl: () => string,
   * }} options exec: resolves to the ExecChannel (or undefined when it is unavailable)
   */
  constructor({ engine, taskDefinitions, identityArn, exec, baseUrl }) {
    this.engine = engine;
    this.taskDefinitions = taskDefinitions;
    this.identityArn = identityArn;
    this.exec = exec;
    this.baseUrl = baseUrl;
  }

  /** @param {string} operation @returns {((input: any) => any) | undefined} */
  handler(operation) {
    const table = /** @type {Record<string, (input: any) => any>} */ ({
      RegisterTaskDefinition: (i) => this.registerTaskDefinition(i),
      DescribeTaskDefinition: (i) => this.describeTaskDefinition(i),
      ListTaskDefinitions: (i) => this.listTaskDefinitions(i),
      DeregisterTaskDefinition: (i) => ({ taskDefinition: this.taskDefinitions.deregister(i.taskDefinition).taskDefinition }),
      DescribeServices: (i) => this.describeServices(i),
      ListServices: (i) => this.listServices(i),
      UpdateService: (i) => ({ service: this.serviceView(this.engine.updateService(i)) }),
      ListServiceDeployments: (i) => this.listServiceDeployments(i),
      DescribeServiceDeployments: (i) => this.describeServiceDeployments(i),
      StopServiceDeployment: (i) => ({ serviceDeploymentArn: this.engine.stopServiceDeployment(i.serviceDeploymentArn, i.stopType ?? 'ROLLBACK').serviceDeploymentArn }),
      DescribeServiceRevisions: (i) => this.describeServiceRevisions(i),
      ListTasks: (i) => this.listTasks(i),
      DescribeTasks: (i) => this.describeTasks(i),
      DescribeClusters: (i) => this.describeClusters(i),
      ExecuteCommand: (i) => this.executeCommand(i),
    });
    return table[operation];
  }

  // ---- task definitions ---------------------------------------------------------------------

  /** @param {any} input */
  registerTaskDefinition(input) {
    const { taskDefinition, tags } = this.taskDefinitions.register(input);
    return { taskDefinition, tags };
  }

  /** @param {any} input */
  describeTaskDefinition(input) {
    const { taskDefinition, tags } = this.taskDefinitions.describe(input.taskDefinition);
    return { taskDefinition, ...((input.include ?? []).includes('TAGS') ? { tags } : {}) };
  }

  /** @param {any} input */
  listTaskDefinitions(input) {
    const arns = this.taskDefinitions.list(input);
    const { page, nextToken } = paginate(arns, input.maxResults, input.nextToken, 100);
    return { taskDefinitionArns: page, ...(nextToken ? { nextToken } : {}) };
  }

  // ---- services -----------------------------------------------------------------------------

  /** @param {any} input */
  describeServices(input) {
    const refs = input.services ?? [];
    if (refs.length === 0 || refs.length > 10) throw invalidParameter('Services cannot be empty and can contain at most 10 services.');
    const cluster = this.engine.cluster(input.cluster);
    const services = [];
    const failures = [];
    for (const ref of refs) {
      const service = this.engine.findService(cluster.name, ref);
      if (service) services.push(this.serviceView(service, (input.include ?? []).includes('TAGS')));
      else failures.push({ arn: ref.startsWith('arn:') ? ref : this.engine.arn(`service/${cluster.name}/${ref}`), reason: 'MISSING' });
    }
    return { services, failures };
  }

  /** @param {any} input */
  listServices(input) {
    const cluster = this.engine.cluster(input.cluster);
    const arns = [...this.engine.services.values()]
      .filter((s) => s.cluster === cluster && s.status !== 'INACTIVE')
      .map((s) => s.serviceArn);
    const { page, nextToken } = paginate(arns, input.maxResults, input.nextToken, 100);
    return { serviceArns: page, ...(nextToken ? { nextToken } : {}) };
  }

  /** @param {any} service @param {boolean} [withTags] */
  serviceView(service, withTags = false) {
    const live = this.engine.liveTasks(service);
    const fargate = service.launchType === 'FARGATE';
    const revisions = new Map();
    for (const d of service.deployments) {
      if (!revisions.has(d.revisionArn)) revisions.set(d.revisionArn, this.revisionCounts(service, d.revisionArn));
    }
    return {
      serviceArn: service.serviceArn,
      serviceName: service.serviceName,
      clusterArn: service.cluster.arn,
      loadBalancers: [],
      serviceRegistries: [],
      status: service.status,
      desiredCount: service.desiredCount,
      runningCount: live.filter((t) => t.api.lastStatus === 'RUNNING').length,
      pendingCount: live.filter((t) => t.api.lastStatus !== 'RUNNING').length,
      launchType: service.launchType,
      ...(fargate ? { platformVersion: 'LATEST', platformFamily: 'Linux' } : {}),
      taskDefinition: service.taskDefinition,
      deploymentConfiguration: service.deploymentConfiguration,
      deployments: service.deployments.map((/** @type {any} */ d) => this.deploymentView(service, d)),
      events: service.events,
      createdAt: service.createdAt,
      ...(service.currentServiceDeployment ? { currentServiceDeployment: service.currentServiceDeployment } : {}),
      currentServiceRevisions: [...revisions.values()],
      placementConstraints: [],
      placementStrategy: [],
      ...(fargate ? { networkConfiguration: this.networkConfiguration() } : {}),
      schedulingStrategy: 'REPLICA',
      deploymentController: service.deploymentController,
      ...(withTags ? { tags: [] } : {}),
      createdBy: this.identityArn,
      enableECSManagedTags: service.enableECSManagedTags,
      propagateTags: service.propagateTags,
      enableExecuteCommand: service.enableExecuteCommand,
      availabilityZoneRebalancing: 'ENABLED',
    };
  }

  networkConfiguration() {
    return { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0123456789abcdef0'], assignPublicIp: 'DISABLED' } };
  }

  /** @param {any} service @param {import('./engine.js').Deployment} d */
  deploymentView(service, d) {
    const mine = this.engine.liveTasks(service).filter((t) => t.deploymentId === d.id);
    const fargate = service.launchType === 'FARGATE';
    return {
      id: d.id,
      status: d.status,
      taskDefinition: d.taskDefinition,
      desiredCount: d.status === 'PRIMARY' ? service.desiredCount : mine.length,
      pendingCount: mine.filter((t) => t.api.lastStatus !== 'RUNNING').length,
      runningCount: mine.filter((t) => t.api.lastStatus === 'RUNNING').length,
      failedTasks: d.failedTasks,
      createdAt: this.engine.epoch(d.createdAt),
      updatedAt: this.engine.epoch(d.updatedAt),
      launchType: service.launchType,
      ...(fargate ? { platformVersion: '1.4.0', platformFamily: 'Linux', networkConfiguration: this.networkConfiguration() } : {}),
      ...(d.rolloutState ? { rolloutState: d.rolloutState, rolloutStateReason: d.rolloutStateReason } : {}),
    };
  }

  /** Task counts of one service revision. @param {any} service @param {string} arn */
  revisionCounts(service, arn) {
    const mine = this.engine.liveTasks(service).filter((t) => this.engine.deploymentsById.get(t.deploymentId)?.revisionArn === arn);
    const primary = service.deployments[0];
    return {
      arn,
      requestedTaskCount: primary?.revisionArn === arn && service.status === 'ACTIVE' ? service.desiredCount : 0,
      runningTaskCount: mine.filter((t) => t.api.lastStatus === 'RUNNING').length,
      pendingTaskCount: mine.filter((t) => t.api.lastStatus !== 'RUNNING').length,
    };
  }

  // ---- service deployments and revisions ----------------------------------------------------

  /** @param {any} input */
  listServiceDeployments(input) {
    const service = this.engine.service(input.cluster, input.service);
    const after = input.createdAt?.after;
    const before = input.createdAt?.before;
    const found = [...this.engine.serviceDeployments.values()]
      .filter((sd) => sd.serviceKey === service.key)
      .filter((sd) => !input.status?.length || input.status.includes(sd.status))
      .filter((sd) => (after === undefined || sd.createdAt >= toEpoch(after)) && (before === undefined || sd.createdAt <= toEpoch(before)))
      .reverse();
    const { page, nextToken } = paginate(found, input.maxResults, input.nextToken, 100);
    return {
      serviceDeployments: page.map((sd) => ({
        serviceDeploymentArn: sd.serviceDeploymentArn,
        serviceArn: sd.serviceArn,
        clusterArn: sd.clusterArn,
        ...(sd.startedAt ? { startedAt: sd.startedAt } : {}),
        createdAt: sd.createdAt,
        ...(sd.finishedAt ? { finishedAt: sd.finishedAt } : {}),
        targetServiceRevisionArn: sd.targetRevisionArn,
        status: sd.status,
        ...(sd.statusReason ? { statusReason: sd.statusReason } : {}),
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  /** @param {any} input */
  describeServiceDeployments(input) {
    const arns = input.serviceDeploymentArns ?? [];
    if (arns.length === 0 || arns.length > 20) throw invalidParameter('serviceDeploymentArns must contain between 1 and 20 ARNs.');
    const serviceDeployments = [];
    const failures = [];
    for (const arn of arns) {
      const sd = this.engine.serviceDeployments.get(arn);
      if (sd) serviceDeployments.push(this.serviceDeploymentView(sd));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { serviceDeployments, failures };
  }

  /** @param {any} sd */
  serviceDeploymentView(sd) {
    const service = this.engine.services.get(sd.serviceKey);
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
      sourceServiceRevisions: sd.sourceRevisionArns.map((/** @type {string} */ arn) => this.revisionCounts(service, arn)),
      targetServiceRevision: this.revisionCounts(service, sd.targetRevisionArn),
      status: sd.status,
      ...(sd.statusReason ? { statusReason: sd.statusReason } : {}),
      deploymentConfiguration: config,
      ...(sd.rollback ? { rollback: sd.rollback } : {}),
      deploymentCircuitBreaker: sd.deploymentCircuitBreaker,
      ...(config.alarms ? { alarms: { status: config.alarms.enable ? 'MONITORING' : 'DISABLED', alarmNames: config.alarms.alarmNames ?? [], triggeredAlarmNames: [] } } : {}),
    };
  }

  /** @param {any} input */
  describeServiceRevisions(input) {
    const arns = input.serviceRevisionArns ?? [];
    if (arns.length === 0 || arns.length > 20) throw invalidParameter('serviceRevisionArns must contain between 1 and 20 ARNs.');
    const serviceRevisions = [];
    const failures = [];
    for (const arn of arns) {
      const revision = this.engine.serviceRevisions.get(arn);
      if (revision) serviceRevisions.push(revision);
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { serviceRevisions, failures };
  }

  // ---- tasks and clusters -------------------------------------------------------------------

  /** @param {any} input */
  listTasks(input) {
    const cluster = this.engine.cluster(input.cluster);
    if (input.serviceName !== undefined && !this.engine.findService(cluster.name, input.serviceName)) throw serviceNotFound();
    const desiredStatus = input.desiredStatus ?? 'RUNNING';
    const group = input.serviceName !== undefined ? `service:${String(input.serviceName).split('/').pop()}` : undefined;
    const arns = [...this.engine.tasks.values()]
      .map((t) => t.api)
      .filter((t) => t.clusterArn === cluster.arn && t.desiredStatus === desiredStatus)
      .filter((t) => group === undefined || t.group === group)
      .filter((t) => input.family === undefined || t.taskDefinitionArn.split('/').pop().split(':')[0] === input.family)
      .filter((t) => input.startedBy === undefined || t.startedBy === input.startedBy)
      .filter((t) => input.launchType === undefined || t.launchType === input.launchType)
      .map((t) => t.taskArn);
    const { page, nextToken } = paginate(arns, input.maxResults, input.nextToken, 100);
    return { taskArns: page, ...(nextToken ? { nextToken } : {}) };
  }

  /** @param {any} input */
  describeTasks(input) {
    const cluster = this.engine.cluster(input.cluster);
    const refs = input.tasks ?? [];
    if (refs.length === 0 || refs.length > 100) throw invalidParameter('Tasks cannot be empty and can contain at most 100 tasks.');
    const tasks = [];
    const failures = [];
    for (const ref of refs) {
      const task = this.findTask(cluster, ref);
      if (task) tasks.push(task.api);
      else failures.push({ arn: ref.startsWith('arn:') ? ref : this.engine.arn(`task/${cluster.name}/${ref}`), reason: 'MISSING' });
    }
    return { tasks, failures };
  }

  /** @param {{name: string, arn: string}} cluster @param {string} ref task id or ARN */
  findTask(cluster, ref) {
    const id = String(ref).split('/').pop();
    return this.engine.tasks.get(this.engine.arn(`task/${cluster.name}/${id}`));
  }

  /** @param {any} input */
  describeClusters(input) {
    const clusters = [];
    const failures = [];
    for (const ref of input.clusters?.length ? input.clusters : ['default']) {
      const name = String(ref).split('/').pop() ?? '';
      const cluster = this.engine.clusters.get(name);
      if (!cluster) {
        failures.push({ arn: ref.startsWith('arn:') ? ref : this.engine.arn(`cluster/${ref}`), reason: 'MISSING' });
        continue;
      }
      const tasks = [...this.engine.tasks.values()].map((t) => t.api).filter((t) => t.clusterArn === cluster.arn && t.desiredStatus === 'RUNNING');
      clusters.push({
        clusterArn: cluster.arn,
        clusterName: cluster.name,
        ...(cluster.kmsKeyId ? { configuration: { executeCommandConfiguration: { kmsKeyId: cluster.kmsKeyId, logging: 'DEFAULT' } } } : {}),
        status: 'ACTIVE',
        registeredContainerInstancesCount: 0,
        runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
        pendingTasksCount: tasks.filter((t) => t.lastStatus !== 'RUNNING').length,
        activeServicesCount: [...this.engine.services.values()].filter((s) => s.cluster === cluster && s.status === 'ACTIVE').length,
        statistics: [],
        tags: [],
        settings: [{ name: 'containerInsights', value: 'disabled' }],
        capacityProviders: [],
        defaultCapacityProviderStrategy: [],
      });
    }
    return { clusters, failures };
  }

  // ---- ECS Exec -----------------------------------------------------------------------------

  /** @param {any} input */
  async executeCommand(input) {
    const cluster = this.engine.cluster(input.cluster);
    if (input.interactive !== true) throw invalidParameter('Interactive is the only mode supported currently.');
    if (typeof input.command !== 'string' || input.command === '') throw invalidParameter('Command cannot be empty.');
    const task = this.findTask(cluster, input.task ?? '');
    if (!task) throw invalidParameter('The specified task was not found.');
    const api = task.api;
    if (api.lastStatus !== 'RUNNING' || api.desiredStatus !== 'RUNNING') {
      throw invalidParameter('The execute command failed because the task is not in RUNNING state.');
    }
    if (!api.enableExecuteCommand) throw invalidParameter(EXEC_NOT_ENABLED);
    const containers = api.containers;
    if (input.container === undefined && containers.length > 1) {
      throw invalidParameter('The container name must be specified because the task has more than one container.');
    }
    const container = input.container === undefined ? containers[0] : containers.find((/** @type {any} */ c) => c.name === input.container);
    if (!container) throw invalidParameter(`The container ${input.container} does not exist in the task.`);
    const agent = container.managedAgents?.find((/** @type {any} */ a) => a.name === 'ExecuteCommandAgent');
    if (agent?.lastStatus === 'STOPPED') throw new ApiError(400, 'TargetNotConnectedException', 'The execute command failed due to an internal error. Try again later.');
    if (agent?.lastStatus !== 'RUNNING') throw invalidParameter(EXEC_NOT_ENABLED);
    const exec = await this.exec();
    if (!exec) throw new ApiError(400, 'TargetNotConnectedException', 'The execute command failed due to an internal error. Try again later.');
    const session = await exec.createSession({
      baseUrl: this.baseUrl(),
      clusterArn: cluster.arn,
      taskArn: api.taskArn,
      taskId: api.taskArn.split('/').pop(),
      containerName: container.name,
      // The client builds the KMS encryption context's target from the runtimeId DescribeTasks shows.
      runtimeId: container.runtimeId,
      command: input.command,
      behaviour: behaviourOf(this.engine.scenario.behaviours ?? {}, container.image),
      kmsKeyId: cluster.kmsKeyId,
      region: this.engine.region,
      account: this.engine.account,
    });
    return {
      clusterArn: cluster.arn,
      containerArn: container.containerArn,
      containerName: container.name,
      interactive: true,
      session,
      taskArn: api.taskArn,
    };
  }
}

/** The SDK sends timestamps as epoch seconds; accept ISO strings too. @param {number | string} value */
function toEpoch(value) {
  return typeof value === 'number' ? value : Date.parse(value) / 1000;
}
