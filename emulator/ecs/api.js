// @ts-check
import { createHash } from 'node:crypto';
import { invalidParameter, serviceNotFound } from '../core/errors.js';
import { executeCommand } from './execute-command.js';
import { findTask, paginate, toEpoch } from './lookups.js';
import { runTask, stopTaskApi } from './run-task.js';
import { serviceDeploymentView, serviceView } from './views.js';


/** ECS operations over the engine, shaped as the ECS API answers them. */
export class EcsApi {
  /**
   * @param {{
   *   engine: import('./engine.js').Engine,
   *   taskDefinitions: import('./task-definitions.js').TaskDefinitionRegistry,
   *   identityArn: string,
   *   exec: import('../exec/index.js').ExecChannel,
   *   baseUrl: () => string,
   * }} options
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
      UpdateService: (i) => ({ service: this.updatedServiceView(this.engine.updateService(i)) }),
      ListServiceDeployments: (i) => this.listServiceDeployments(i),
      DescribeServiceDeployments: (i) => this.describeServiceDeployments(i),
      // Without a stopType the emulator rolls back, the one documented stop type (API reference, StopServiceDeployment).
      StopServiceDeployment: (i) => ({ serviceDeploymentArn: this.engine.stopServiceDeployment(i.serviceDeploymentArn, i.stopType ?? 'ROLLBACK').serviceDeploymentArn }),
      ContinueServiceDeployment: (i) => this.engine.continueServiceDeployment(i),
      DescribeServiceRevisions: (i) => this.describeServiceRevisions(i),
      ListTasks: (i) => this.listTasks(i),
      DescribeTasks: (i) => this.describeTasks(i),
      DescribeClusters: (i) => this.describeClusters(i),
      ExecuteCommand: (i) => {
        this.engine.reached('executeCommand');
        return executeCommand(this, i);
      },
      RunTask: (i) => runTask(this.engine, i),
      StopTask: (i) => stopTaskApi(this.engine, i),
    });
    return table[operation];
  }

  // ---- task definitions ---------------------------------------------------------------------

  /** @param {any} input */
  registerTaskDefinition(input) {
    const { taskDefinition, tags } = this.taskDefinitions.register(input);
    this.engine.reached('registerTaskDefinition', taskDefinition.family);
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
    // ECS API reference, DescribeServices: "You may specify up to 10 services to describe in a single operation."
    const refs = input.services ?? [];
    if (refs.length === 0 || refs.length > 10) throw invalidParameter('Services cannot be empty and can contain at most 10 services.');
    const cluster = this.engine.cluster(input.cluster);
    const services = [];
    const failures = [];
    for (const ref of refs) {
      const service = this.engine.findService(cluster.name, ref);
      if (service) services.push(serviceView(this.engine, service, (input.include ?? []).includes('TAGS')));
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

  // ---- service deployments and revisions ----------------------------------------------------

  /**
   * Whether the UpdateService answer already names the new service deployment is unverified
   * (reference ecs-deployments.md): a scenario choice.
   * @param {any} service
   */
  updatedServiceView(service) {
    const view = serviceView(this.engine, service);
    if (this.engine.scenario.undocumented?.updateServiceCurrentServiceDeployment === false) delete view.currentServiceDeployment;
    return view;
  }

  /** @param {any} input */
  listServiceDeployments(input) {
    const service = this.engine.service(input.cluster, input.service);
    const after = input.createdAt?.after;
    const before = input.createdAt?.before;
    const found = [...this.engine.serviceDeployments.values()]
      .filter((sd) => sd.serviceKey === service.key)
      .filter((sd) => !input.status?.length || input.status.includes(sd.status))
      .filter((sd) => (after === undefined || sd.createdAt >= toEpoch(after)) && (before === undefined || sd.createdAt <= toEpoch(before)));
    const choices = this.engine.scenario.undocumented ?? {};
    // "The Amazon ECS API follows an eventual consistency model" (API reference, RunTask): a new
    // service deployment may be listed only some time after UpdateService created it.
    const lag = choices.listServiceDeploymentsLagSeconds ?? 0;
    const visible = found.filter((sd) => sd.statusHistory[0].simTime + lag <= this.engine.now);
    const ordered = inOrder(visible, choices.listServiceDeploymentsOrder ?? 'newestFirst', this.engine.scenario.seed);
    // API reference, ListServiceDeployments maxResults: 1-100, up to 20 results without it, and a
    // page may hold fewer than maxResults.
    const { page, nextToken } = paginate(ordered, input.maxResults, input.nextToken, 100, { defaultSize: 20, cap: choices.listServiceDeploymentsPageLimit ?? 100 });
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
    // ECS API reference, DescribeServiceDeployments: "You can specify a maximum of 20 ARNs."
    const arns = input.serviceDeploymentArns ?? [];
    if (arns.length === 0 || arns.length > 20) throw invalidParameter('serviceDeploymentArns must contain between 1 and 20 ARNs.');
    const serviceDeployments = [];
    const failures = [];
    for (const arn of arns) {
      const sd = this.engine.serviceDeployments.get(arn);
      if (sd) serviceDeployments.push(serviceDeploymentView(this.engine, sd));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { serviceDeployments, failures };
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
      const task = findTask(this.engine, cluster, ref);
      if (task) tasks.push(task.api);
      else failures.push({ arn: ref.startsWith('arn:') ? ref : this.engine.arn(`task/${cluster.name}/${ref}`), reason: 'MISSING' });
    }
    return { tasks, failures };
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

}

/**
 * Service deployments in the scenario's chosen order; "shuffled" is a seeded order that stays
 * the same across the pages of one listing.
 * @param {any[]} items oldest first @param {string} order @param {number} seed
 */
function inOrder(items, order, seed) {
  if (order === 'oldestFirst') return items;
  if (order === 'newestFirst') return [...items].reverse();
  const key = (/** @type {any} */ sd) => createHash('sha256').update(`${seed}:${sd.serviceDeploymentArn}`).digest('hex');
  return [...items].sort((a, b) => key(a).localeCompare(key(b)));
}
