// @ts-check
import { behaviourOf, leadContainer } from './behaviours.js';
import { ApiError, clusterNotFound, invalidParameter, serviceNotActive, serviceNotFound } from './errors.js';
import { markAgent, markHealth, markPending, markRunning, markStopped, markStopping, newTaskApi } from './tasks.js';

/** Simulated seconds a stopping task takes to reach STOPPED. */
const STOP_SECONDS = 2;
/** Simulated seconds a new deployment stays PENDING before its first tasks launch. */
const DEPLOYMENT_START_SECONDS = 1;
const MAX_EVENTS = 100;
const CIRCUIT_BREAKER_REASON = 'ECS deployment circuit breaker: tasks failed to start.';
const IN_FLIGHT = ['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'STOP_REQUESTED'];

/**
 * @typedef {{
 *   id: string, status: string, taskDefinition: string, revisionArn: string,
 *   rolloutState?: string, rolloutStateReason?: string, failedTasks: number, consecutiveFailures: number,
 *   createdAt: number, updatedAt: number, nextLaunchAt: number, serviceDeploymentArn?: string,
 *   isRollback: boolean, halted: boolean, neverCompletes: boolean,
 * }} Deployment
 *
 * @typedef {{ status: string, simTime: number, wallMs: number }} StatusChange
 */

/** Circuit-breaker failure threshold, per the documented formula. @param {any} breaker @param {number} desired */
export function breakerThreshold(breaker, desired) {
  const { type = 'BOUNDED_PERCENT', value = 50 } = breaker?.thresholdConfiguration ?? {};
  if (type === 'COUNT') return value;
  const raw = Math.ceil((value / 100) * desired);
  return type === 'UNBOUNDED_PERCENT' ? Math.max(1, raw) : Math.min(200, Math.max(3, raw));
}

/**
 * Clusters, services, deployments, tasks, service deployments and revisions, moved forward on
 * the simulated clock. Scheduled changes sit in a time-ordered queue; `advance()` runs every
 * change due and lets the service scheduler react after each one.
 */
export class Engine {
  /**
   * @param {{
   *   scenario: any, clock: import('./clock.js').SimClock, ids: import('./random.js').IdFactory,
   *   taskDefinitions: import('./task-definitions.js').TaskDefinitionRegistry, ecr: import('./ecr.js').EcrStore,
   * }} options
   */
  constructor({ scenario, clock, ids, taskDefinitions, ecr }) {
    this.scenario = scenario;
    this.region = scenario.region;
    this.account = scenario.account;
    this.clock = clock;
    this.ids = ids;
    this.taskDefinitions = taskDefinitions;
    this.ecr = ecr;
    this.now = 0;
    /** @type {{at: number, seq: number, run: () => void}[]} */
    this.queue = [];
    this.seq = 0;
    /** @type {Map<string, {name: string, arn: string, kmsKeyId?: string}>} */
    this.clusters = new Map();
    /** @type {Map<string, any>} key `${cluster}/${service}` */
    this.services = new Map();
    /** @type {Map<string, import('./tasks.js').Task>} by task ARN */
    this.tasks = new Map();
    /** @type {Map<string, any>} by ARN */
    this.serviceDeployments = new Map();
    /** @type {Map<string, any>} by ARN */
    this.serviceRevisions = new Map();
    /** @type {Map<string, Deployment>} every deployment ever made, by id (drained ones leave `service.deployments`) */
    this.deploymentsById = new Map();
    /** @type {{at: number, message: string}[]} timeline events that could not run */
    this.timelineErrors = [];
  }

  /** Builds the start state from the scenario and schedules its timeline. */
  load() {
    for (const c of this.scenario.clusters ?? []) {
      this.clusters.set(c.name, { name: c.name, arn: this.arn(`cluster/${c.name}`), kmsKeyId: c.executeCommandKmsKeyId });
    }
    for (const s of this.scenario.services ?? []) this.createService(s);
    for (const event of this.scenario.timeline ?? []) this.schedule(event.at, () => this.runTimelineEvent(event));
  }

  /** @param {string} resource */
  arn(resource) {
    return `arn:aws:ecs:${this.region}:${this.account}:${resource}`;
  }

  /** @param {number} [sim] */
  epoch(sim = this.now) {
    return this.clock.epoch(sim);
  }

  /** @param {number} at simulated seconds @param {() => void} run */
  schedule(at, run) {
    const item = { at: Math.max(at, this.now), seq: this.seq++, run };
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1].at > item.at || (this.queue[i - 1].at === item.at && this.queue[i - 1].seq > item.seq))) i -= 1;
    this.queue.splice(i, 0, item);
  }

  /** Runs every scheduled change due by `to` (simulated seconds), in time order. */
  advance(to = this.clock.now()) {
    while (this.queue.length > 0 && this.queue[0].at <= to) {
      const item = /** @type {{at: number, run: () => void}} */ (this.queue.shift());
      this.now = Math.max(this.now, item.at);
      item.run();
      this.reconcileAll();
    }
    this.now = Math.max(this.now, to);
  }

  // ---- lookups ------------------------------------------------------------------------------

  /** @param {string | undefined} ref cluster name or ARN; ECS defaults to "default" */
  cluster(ref) {
    const name = (ref ?? 'default').split('/').pop() ?? '';
    const cluster = this.clusters.get(name);
    if (!cluster || (ref?.startsWith('arn:') && ref !== cluster.arn)) throw clusterNotFound();
    return cluster;
  }

  /** @param {string | undefined} clusterRef @param {string} ref service name or ARN */
  findService(clusterRef, ref) {
    const cluster = this.cluster(clusterRef);
    const name = String(ref ?? '').split('/').pop() ?? '';
    return this.services.get(`${cluster.name}/${name}`);
  }

  /** @param {string | undefined} clusterRef @param {string} ref */
  service(clusterRef, ref) {
    const service = this.findService(clusterRef, ref);
    if (!service) throw serviceNotFound();
    return service;
  }

  /** @param {any} service */
  liveTasks(service) {
    return [...this.tasks.values()].filter((t) => t.serviceKey === service.key && t.api.desiredStatus === 'RUNNING');
  }

  /** A task counts toward a healthy service once RUNNING and, with a health check, HEALTHY. @param {import('./tasks.js').Task} task */
  isReady(task) {
    if (task.api.desiredStatus !== 'RUNNING' || task.api.lastStatus !== 'RUNNING') return false;
    return !this.hasHealthCheck(task) || task.api.healthStatus === 'HEALTHY';
  }

  /** @param {import('./tasks.js').Task} task */
  hasHealthCheck(task) {
    const td = this.taskDefinitions.find(task.api.taskDefinitionArn)?.taskDefinition;
    const container = td?.containerDefinitions.find((/** @type {any} */ c) => c.name === task.leadContainer);
    return Boolean(task.behaviour.healthCheck || container?.healthCheck);
  }

  // ---- services and deployments -------------------------------------------------------------

  /** @param {any} spec a scenario service */
  createService(spec) {
    const cluster = this.cluster(spec.cluster);
    const td = this.taskDefinitions.describe(spec.taskDefinition).taskDefinition;
    const config = spec.deploymentConfiguration ?? {};
    const service = {
      key: `${cluster.name}/${spec.name}`,
      serviceArn: this.arn(`service/${cluster.name}/${spec.name}`),
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
      createdAt: this.epoch(),
      /** @type {Deployment[]} newest first */
      deployments: [],
      /** @type {{id: string, createdAt: number, message: string}[]} newest first */
      events: [],
      /** @type {Deployment | undefined} */
      lastCompleted: undefined,
      currentServiceDeployment: undefined,
    };
    this.services.set(service.key, service);
    const completed = (spec.initialDeployment ?? 'completed') === 'completed';
    const deployment = this.newDeployment(service, td.taskDefinitionArn, this.newRevision(service, td).serviceRevisionArn);
    if (this.rolling(service)) {
      deployment.rolloutState = completed ? 'COMPLETED' : 'IN_PROGRESS';
      deployment.rolloutStateReason = completed ? `ECS deployment ${deployment.id} completed.` : `ECS deployment ${deployment.id} in progress.`;
    }
    deployment.neverCompletes = !completed;
    service.deployments.unshift(deployment);
    for (let i = 0; i < service.desiredCount; i += 1) this.startTaskRunning(service, deployment);
    if (completed) {
      service.lastCompleted = deployment;
      if (this.rolling(service)) {
        const sd = this.newServiceDeployment(service, deployment, []);
        for (const status of ['IN_PROGRESS', 'SUCCESSFUL']) this.setStatus(sd, status);
        sd.startedAt = sd.createdAt;
        sd.finishedAt = sd.createdAt;
        sd.deploymentCircuitBreaker.status = sd.deploymentCircuitBreaker.status === 'DISABLED' ? 'DISABLED' : 'MONITORING_COMPLETE';
      }
    }
    return service;
  }

  /** @param {any} service */
  rolling(service) {
    return service.deploymentController.type === 'ECS';
  }

  /**
   * @param {any} service @param {string} taskDefinitionArn @param {string} revisionArn
   * @returns {Deployment}
   */
  newDeployment(service, taskDefinitionArn, revisionArn) {
    const id = this.ids.deploymentId();
    /** @type {Deployment} */
    const deployment = {
      id,
      status: 'PRIMARY',
      taskDefinition: taskDefinitionArn,
      revisionArn,
      ...(this.rolling(service) ? { rolloutState: 'IN_PROGRESS', rolloutStateReason: `ECS deployment ${id} in progress.` } : {}),
      failedTasks: 0,
      consecutiveFailures: 0,
      createdAt: this.now,
      updatedAt: this.now,
      nextLaunchAt: this.now,
      isRollback: false,
      halted: false,
      neverCompletes: false,
    };
    this.deploymentsById.set(id, deployment);
    return deployment;
  }

  /** @param {any} service @param {any} td */
  newRevision(service, td) {
    const revision = {
      serviceRevisionArn: this.arn(`service-revision/${service.cluster.name}/${service.serviceName}/${this.ids.revisionId()}`),
      serviceArn: service.serviceArn,
      clusterArn: service.cluster.arn,
      taskDefinition: td.taskDefinitionArn,
      launchType: service.launchType,
      ...(service.launchType === 'FARGATE' ? { platformVersion: '1.4.0', platformFamily: 'Linux' } : {}),
      containerImages: td.containerDefinitions.map((/** @type {any} */ c) => {
        const digest = this.ecr.resolve(c.image)?.image?.digest;
        return { containerName: c.name, image: c.image, ...(digest ? { imageDigest: digest } : {}) };
      }),
      guardDutyEnabled: false,
      createdAt: this.epoch(),
    };
    this.serviceRevisions.set(revision.serviceRevisionArn, revision);
    return revision;
  }

  /**
   * @param {any} service @param {Deployment} deployment @param {string[]} sourceRevisionArns
   */
  newServiceDeployment(service, deployment, sourceRevisionArns) {
    const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
    /** @type {any} timestamps, statusReason and rollback are added as the deployment moves on */
    const sd = {
      serviceDeploymentArn: this.arn(`service-deployment/${service.cluster.name}/${service.serviceName}/${this.ids.serviceDeploymentId()}`),
      serviceArn: service.serviceArn,
      clusterArn: service.cluster.arn,
      serviceKey: service.key,
      createdAt: this.epoch(),
      updatedAt: this.epoch(),
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
      /** @type {StatusChange[]} */
      statusHistory: [{ status: 'PENDING', simTime: this.now, wallMs: Date.now() }],
    };
    deployment.serviceDeploymentArn = sd.serviceDeploymentArn;
    service.currentServiceDeployment = sd.serviceDeploymentArn;
    this.serviceDeployments.set(sd.serviceDeploymentArn, sd);
    return sd;
  }

  /** @param {any} sd @param {string} status @param {string} [reason] */
  setStatus(sd, status, reason) {
    sd.status = status;
    if (reason !== undefined) sd.statusReason = reason;
    sd.updatedAt = this.epoch();
    sd.statusHistory.push({ status, simTime: this.now, wallMs: Date.now() });
  }

  /** @param {any} service @param {string} message */
  event(service, message) {
    service.events.unshift({ id: this.ids.uuid(), createdAt: this.epoch(), message: `(service ${service.serviceName}) ${message}` });
    service.events.length = Math.min(service.events.length, MAX_EVENTS);
  }

  /**
   * UpdateService, from the API or the timeline.
   * @param {any} input an UpdateService request
   */
  updateService(input) {
    const service = this.service(input.cluster, input.service);
    if (service.status !== 'ACTIVE') throw serviceNotActive();
    const td = input.taskDefinition !== undefined ? this.taskDefinitions.find(input.taskDefinition)?.taskDefinition : undefined;
    if (input.taskDefinition !== undefined && (!td || td.status !== 'ACTIVE')) {
      throw invalidParameter(td ? 'TaskDefinition is inactive' : 'Unable to describe task definition.');
    }
    const changesTaskDefinition = td !== undefined && td.taskDefinitionArn !== service.taskDefinition;
    if (!this.rolling(service) && (changesTaskDefinition || input.forceNewDeployment)) {
      const controller = service.deploymentController.type;
      const article = controller === 'EXTERNAL' ? 'an EXTERNAL' : 'a CODE_DEPLOY';
      throw invalidParameter(changesTaskDefinition
        ? `Unable to update task definition on services with ${article} deployment controller. ${controller === 'CODE_DEPLOY' ? 'Use AWS CodeDeploy to trigger a new deployment.' : 'Use a task set to deploy a new task definition.'}`
        : `Unable to force a new deployment on services with ${article} deployment controller. ${controller === 'CODE_DEPLOY' ? 'Use AWS CodeDeploy to trigger a new deployment.' : 'Use a task set to deploy a new task definition.'}`);
    }
    if (input.desiredCount !== undefined) {
      service.desiredCount = input.desiredCount;
      service.deployments[0].updatedAt = this.now;
    }
    if (input.enableExecuteCommand !== undefined) service.enableExecuteCommand = input.enableExecuteCommand;
    if (input.propagateTags !== undefined) service.propagateTags = input.propagateTags;
    if (input.enableECSManagedTags !== undefined) service.enableECSManagedTags = input.enableECSManagedTags;
    if (input.deploymentConfiguration !== undefined) {
      // Each member sent replaces the stored one whole; members left out keep their value.
      service.deploymentConfiguration = { ...service.deploymentConfiguration, ...input.deploymentConfiguration };
    }
    if (changesTaskDefinition || input.forceNewDeployment) this.startDeployment(service, td ?? this.taskDefinitions.describe(service.taskDefinition).taskDefinition);
    this.reconcile(service);
    return service;
  }

  /** @param {any} service @param {any} td */
  startDeployment(service, td) {
    const previous = service.deployments[0];
    const current = previous?.serviceDeploymentArn ? this.serviceDeployments.get(previous.serviceDeploymentArn) : undefined;
    const sourceRevisionArns = [...new Set(service.deployments.map((/** @type {Deployment} */ d) => d.revisionArn))];
    for (const d of service.deployments) d.status = 'ACTIVE';
    const deployment = this.newDeployment(service, td.taskDefinitionArn, this.newRevision(service, td).serviceRevisionArn);
    deployment.nextLaunchAt = this.now + DEPLOYMENT_START_SECONDS;
    service.deployments.unshift(deployment);
    service.taskDefinition = td.taskDefinitionArn;
    if (!this.rolling(service)) return;
    const sd = this.newServiceDeployment(service, deployment, sourceRevisionArns);
    if (current && IN_FLIGHT.includes(current.status)) {
      current.stoppedAt = this.epoch();
      current.finishedAt = this.epoch();
      this.setStatus(current, 'STOPPED', `Service deployment stopped because a new service deployment was started: ${sd.serviceDeploymentArn}.`);
    }
    this.schedule(deployment.nextLaunchAt, () => {
      if (sd.status !== 'PENDING') return;
      sd.startedAt = this.epoch();
      this.setStatus(sd, 'IN_PROGRESS');
    });
  }

  /**
   * StopServiceDeployment.
   * @param {string} arn @param {string} stopType ROLLBACK | STOP
   */
  stopServiceDeployment(arn, stopType) {
    const sd = this.serviceDeployments.get(arn);
    if (!sd) throw new ApiError(400, 'ServiceDeploymentNotFoundException', `The service deployment ${arn} does not exist.`);
    if (!['PENDING', 'IN_PROGRESS'].includes(sd.status)) {
      throw new ApiError(400, 'ConflictException', `The service deployment is in status ${sd.status} and cannot be stopped.`);
    }
    const service = this.services.get(sd.serviceKey);
    const deployment = service.deployments.find((/** @type {Deployment} */ d) => d.id === sd.deploymentId);
    if (stopType === 'STOP') {
      if (deployment) deployment.halted = true;
      sd.stoppedAt = this.epoch();
      sd.finishedAt = this.epoch();
      this.setStatus(sd, 'STOP_REQUESTED');
      this.setStatus(sd, 'STOPPED', 'Service deployment stopped by StopServiceDeployment.');
      return sd;
    }
    const sourceArn = sd.sourceRevisionArns[0];
    const source = sourceArn ? this.serviceRevisions.get(sourceArn) : undefined;
    if (!source) throw invalidParameter('The service deployment has no source service revision to roll back to.');
    this.setStatus(sd, 'ROLLBACK_REQUESTED');
    if (deployment) {
      deployment.rolloutState = 'FAILED';
      deployment.rolloutStateReason = 'Service deployment rolled back by StopServiceDeployment.';
      deployment.updatedAt = this.now;
    }
    this.rollBack(service, sd, { taskDefinition: source.taskDefinition, revisionArn: source.serviceRevisionArn }, 'Service deployment rolled back by StopServiceDeployment.');
    return sd;
  }

  /**
   * A new PRIMARY on an earlier revision, within the same service deployment.
   * @param {any} service @param {any} sd @param {{taskDefinition: string, revisionArn: string}} target @param {string} reason
   * @param {string} [rolloutReason]
   */
  rollBack(service, sd, target, reason, rolloutReason) {
    for (const d of service.deployments) d.status = 'ACTIVE';
    const deployment = this.newDeployment(service, target.taskDefinition, target.revisionArn);
    deployment.isRollback = true;
    deployment.serviceDeploymentArn = sd.serviceDeploymentArn;
    if (rolloutReason) deployment.rolloutStateReason = rolloutReason;
    service.deployments.unshift(deployment);
    service.taskDefinition = target.taskDefinition;
    sd.rollback = { reason, startedAt: this.epoch(), serviceRevisionArn: target.revisionArn };
    sd.deploymentId = deployment.id;
    this.setStatus(sd, 'ROLLBACK_IN_PROGRESS');
    // A rollback requested through the API must start without waiting for an unrelated event.
    this.schedule(this.now, () => {});
  }

  // ---- tasks --------------------------------------------------------------------------------

  /** @param {any} service @param {Deployment} deployment */
  newTask(service, deployment) {
    const td = this.taskDefinitions.find(deployment.taskDefinition)?.taskDefinition;
    const lead = leadContainer(this.scenario.behaviours ?? {}, td.containerDefinitions);
    const api = newTaskApi({
      ids: this.ids,
      region: this.region,
      account: this.account,
      cluster: service.cluster,
      taskDefinition: td,
      startedBy: deployment.id,
      group: `service:${service.serviceName}`,
      enableExecuteCommand: service.enableExecuteCommand,
      launchType: service.launchType,
      createdAt: this.epoch(),
      imageDigest: (image) => this.ecr.resolve(image)?.image?.digest,
    });
    /** @type {import('./tasks.js').Task} */
    const task = {
      api,
      serviceKey: service.key,
      deploymentId: deployment.id,
      behaviour: behaviourOf(this.scenario.behaviours ?? {}, lead.image),
      leadContainer: lead.name,
      failed: false,
    };
    this.tasks.set(api.taskArn, task);
    return task;
  }

  /** A task already RUNNING at start (the scenario's current revision). @param {any} service @param {Deployment} deployment */
  startTaskRunning(service, deployment) {
    const task = this.newTask(service, deployment);
    markPending(task.api, this.epoch());
    this.becomeRunning(task);
  }

  /** Launches a task and schedules its life per the image behaviour. @param {any} service @param {Deployment} deployment */
  launch(service, deployment) {
    const task = this.newTask(service, deployment);
    const b = task.behaviour;
    const t0 = this.now;
    const alive = () => task.api.desiredStatus === 'RUNNING';
    this.schedule(t0 + b.startSeconds * 0.3, () => alive() && markPending(task.api, this.epoch()));
    const startError = b.pullError ?? b.secretsError ?? this.missingImageError(task);
    this.schedule(t0 + b.startSeconds, () => {
      if (!alive()) return;
      if (startError) {
        task.failed = true;
        this.stopTask(task, { stopCode: 'TaskFailedToStart', stoppedReason: startError, containerReason: startError });
      } else {
        this.becomeRunning(task);
      }
    });
    return task;
  }

  /** @param {import('./tasks.js').Task} task */
  missingImageError(task) {
    const missing = task.api.containers.find((/** @type {any} */ c) => {
      const resolved = this.ecr.resolve(c.image);
      return resolved && !resolved.image;
    });
    if (!missing) return undefined;
    return `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${missing.image}: ${missing.image}: not found`;
  }

  /** @param {import('./tasks.js').Task} task */
  becomeRunning(task) {
    const b = task.behaviour;
    const t = this.now;
    const alive = () => task.api.desiredStatus === 'RUNNING';
    markRunning(task.api, this.epoch(), this.ids);
    if (task.api.enableExecuteCommand) {
      const agent = b.execAgent;
      if (agent.status === 'STOPPED') markAgent(task.api, 'STOPPED', this.epoch(), agent.reason);
      else if (agent.status === 'PENDING') markAgent(task.api, 'PENDING', this.epoch(), agent.reason);
      else this.schedule(t + agent.runningAfterSeconds, () => alive() && markAgent(task.api, 'RUNNING', this.epoch()));
    }
    const health = b.healthCheck;
    if (health?.unhealthyAfterSeconds !== undefined) {
      this.schedule(t + health.unhealthyAfterSeconds, () => {
        if (!alive()) return;
        markHealth(task.api, task.leadContainer, 'UNHEALTHY');
        task.failed = true;
        const service = this.services.get(task.serviceKey);
        this.event(service, `(task ${this.taskId(task)}) failed container health checks.`);
        this.stopTask(task, { stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed container health checks', exitCode: 137 });
      });
    } else if (health || this.hasHealthCheck(task)) {
      this.schedule(t + (health?.healthyAfterSeconds ?? 0), () => {
        if (!alive()) return;
        markHealth(task.api, task.leadContainer, 'HEALTHY');
        this.onHealthy(task);
      });
    }
    if (b.exit) {
      const exit = b.exit;
      this.schedule(t + exit.afterSeconds, () => {
        if (!alive()) return;
        task.failed = true;
        this.stopTask(task, {
          stopCode: 'EssentialContainerExited',
          stoppedReason: 'Essential container in task exited',
          exitCode: exit.code,
          containerReason: exit.reason,
        });
      });
    }
  }

  /** @param {import('./tasks.js').Task} task */
  taskId(task) {
    return task.api.taskArn.split('/').pop();
  }

  /**
   * @param {import('./tasks.js').Task} task
   * @param {{ stopCode: string, stoppedReason: string, exitCode?: number, containerReason?: string }} stop
   */
  stopTask(task, stop) {
    if (task.api.desiredStatus !== 'RUNNING') return;
    markStopping(task.api, { ...stop, at: this.epoch(), leadContainer: task.leadContainer });
    this.schedule(this.now + STOP_SECONDS, () => markStopped(task.api, this.epoch()));
    if (task.failed) this.onFailure(task);
  }

  /** @param {import('./tasks.js').Task} task */
  onHealthy(task) {
    const service = this.services.get(task.serviceKey);
    const deployment = service?.deployments[0];
    const breaker = service?.deploymentConfiguration.deploymentCircuitBreaker;
    if (!deployment || deployment.id !== task.deploymentId || breaker?.resetOnHealthyTask === false) return;
    deployment.consecutiveFailures = 0;
  }

  /** Counts a failed task against its deployment and trips the circuit breaker at the threshold. @param {import('./tasks.js').Task} task */
  onFailure(task) {
    const service = this.services.get(task.serviceKey);
    const deployment = service.deployments[0];
    if (deployment.id !== task.deploymentId || deployment.rolloutState === 'FAILED') return;
    deployment.failedTasks += 1;
    deployment.consecutiveFailures += 1;
    deployment.updatedAt = this.now;
    // Repeated start failures are retried with growing gaps, as ECS throttles task launches.
    deployment.nextLaunchAt = this.now + Math.min(300, 5 * 2 ** Math.min(deployment.failedTasks - 1, 6));
    this.schedule(deployment.nextLaunchAt, () => {});
    const sd = deployment.serviceDeploymentArn ? this.serviceDeployments.get(deployment.serviceDeploymentArn) : undefined;
    if (sd) sd.deploymentCircuitBreaker.failureCount = deployment.consecutiveFailures;
    const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
    if (!this.rolling(service) || !breaker?.enable || deployment.rolloutState !== 'IN_PROGRESS') return;
    if (deployment.consecutiveFailures >= breakerThreshold(breaker, service.desiredCount)) this.tripBreaker(service, deployment, sd, breaker);
  }

  /** @param {any} service @param {Deployment} deployment @param {any} sd @param {any} breaker */
  tripBreaker(service, deployment, sd, breaker) {
    deployment.rolloutState = 'FAILED';
    deployment.rolloutStateReason = CIRCUIT_BREAKER_REASON;
    deployment.updatedAt = this.now;
    this.event(service, `deployment ${deployment.id} deployment failed: tasks failed to start.`);
    if (sd) sd.deploymentCircuitBreaker.status = 'TRIGGERED';
    const target = service.lastCompleted;
    if (deployment.isRollback) {
      if (sd) {
        sd.finishedAt = this.epoch();
        this.setStatus(sd, 'ROLLBACK_FAILED', CIRCUIT_BREAKER_REASON);
      }
      return;
    }
    if (!breaker.rollback || !target || !sd) {
      if (sd) sd.statusReason = CIRCUIT_BREAKER_REASON;
      return;
    }
    const reason = `ECS deployment circuit breaker: rolling back to deploymentId ${target.id}.`;
    this.rollBack(service, sd, target, reason, reason);
    this.event(service, `rolling back to deployment ${target.id}.`);
    for (const task of this.liveTasks(service)) {
      if (task.deploymentId === deployment.id && !this.isReady(task)) {
        this.stopTask(task, { stopCode: 'ServiceSchedulerInitiated', stoppedReason: `Scaling activity initiated by (deployment ${service.deployments[0].id})` });
      }
    }
  }

  // ---- the service scheduler ----------------------------------------------------------------

  reconcileAll() {
    for (const service of this.services.values()) this.reconcile(service);
  }

  /**
   * Launches tasks for the PRIMARY deployment and drains older ones within
   * maximumPercent / minimumHealthyPercent, then settles finished deployments.
   * @param {any} service
   */
  reconcile(service) {
    if (service.status !== 'ACTIVE') return;
    const primary = service.deployments[0];
    const desired = service.desiredCount;
    const { maximumPercent, minimumHealthyPercent } = service.deploymentConfiguration;
    const maxTotal = Math.max(desired, Math.floor((desired * maximumPercent) / 100));
    const minHealthy = Math.ceil((desired * minimumHealthyPercent) / 100);
    const stalled = primary.rolloutState === 'FAILED' || primary.halted;
    const scaling = `Scaling activity initiated by (deployment ${primary.id})`;

    let live = this.liveTasks(service);
    const ofPrimary = live.filter((t) => t.deploymentId === primary.id);
    /** @type {import('./tasks.js').Task[]} */
    const started = [];
    if (!stalled && this.now >= primary.nextLaunchAt) {
      const room = Math.min(desired - ofPrimary.length, maxTotal - live.length);
      for (let i = 0; i < room; i += 1) started.push(this.launch(service, primary));
    }
    /** @type {import('./tasks.js').Task[]} */
    const stopped = [];
    if (ofPrimary.length > desired) {
      const extra = [...ofPrimary].sort((a, b) => Number(this.isReady(a)) - Number(this.isReady(b))).slice(0, ofPrimary.length - desired);
      stopped.push(...extra);
    }
    if (!stalled) {
      live = this.liveTasks(service);
      let ready = live.filter((t) => this.isReady(t)).length;
      const old = live.filter((t) => t.deploymentId !== primary.id)
        .sort((a, b) => Number(this.isReady(a)) - Number(this.isReady(b)) || a.api.createdAt - b.api.createdAt);
      for (const task of old) {
        if (this.isReady(task)) {
          if (ready - 1 < minHealthy) continue;
          ready -= 1;
        }
        stopped.push(task);
      }
    }
    for (const task of stopped) this.stopTask(task, { stopCode: 'ServiceSchedulerInitiated', stoppedReason: scaling });
    // Stopping tasks frees room under maximumPercent: look again now rather than at the next event.
    if (stopped.length > 0 && !stalled) this.schedule(this.now, () => {});
    if (started.length) this.event(service, `has started ${started.length} tasks: ${started.map((t) => `(task ${this.taskId(t)})`).join(' ')}.`);
    if (stopped.length) this.event(service, `has stopped ${stopped.length} running tasks: ${stopped.map((t) => `(task ${this.taskId(t)})`).join(' ')}.`);
    this.settle(service);
  }

  /**
   * Drops drained deployments (a FAILED one stays until the PRIMARY completes, so the failure
   * stays visible) and completes the PRIMARY once it alone runs the desired count.
   * @param {any} service
   */
  settle(service) {
    const primary = service.deployments[0];
    const unfinished = [...this.tasks.values()].filter((t) => t.serviceKey === service.key && t.api.lastStatus !== 'STOPPED');
    const draining = (/** @type {Deployment} */ d) => unfinished.some((t) => t.deploymentId === d.id);
    service.deployments = service.deployments.filter((/** @type {Deployment} */ d) => d === primary || draining(d) || d.rolloutState === 'FAILED');
    const ready = unfinished.filter((t) => t.deploymentId === primary.id && this.isReady(t)).length;
    const othersRunning = service.deployments.some((/** @type {Deployment} */ d) => d !== primary && draining(d));
    if (othersRunning || ready !== service.desiredCount || primary.neverCompletes || primary.halted) return;
    if (!this.rolling(service) || primary.rolloutState !== 'IN_PROGRESS') return;
    service.deployments = [primary];
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
    primary.updatedAt = this.now;
    service.lastCompleted = primary;
    this.event(service, `(deployment ${primary.id}) deployment completed.`);
    this.event(service, 'has reached a steady state.');
    const sd = primary.serviceDeploymentArn ? this.serviceDeployments.get(primary.serviceDeploymentArn) : undefined;
    if (!sd || !IN_FLIGHT.includes(sd.status)) return;
    if (sd.status === 'PENDING') {
      sd.startedAt = this.epoch();
      this.setStatus(sd, 'IN_PROGRESS');
    }
    sd.finishedAt = this.epoch();
    if (sd.deploymentCircuitBreaker.status === 'MONITORING') sd.deploymentCircuitBreaker.status = 'MONITORING_COMPLETE';
    this.setStatus(sd, primary.isRollback ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL');
  }

  // ---- scripted events ----------------------------------------------------------------------

  /** @param {any} event a scenario timeline entry */
  runTimelineEvent(event) {
    try {
      if (event.updateService) this.updateService(event.updateService);
      else if (event.deleteService) this.deleteService(event.deleteService);
      else if (event.stopTask) this.stopOldestTask(event.stopTask);
    } catch (error) {
      // A scripted event can legitimately hit a deleted service; it is then skipped, as the outside caller would fail.
      this.timelineErrors.push({ at: event.at, message: /** @type {Error} */ (error).message });
    }
  }

  /** @param {{cluster: string, service: string}} ref */
  deleteService(ref) {
    const service = this.service(ref.cluster, ref.service);
    service.status = 'DRAINING';
    service.desiredCount = 0;
    for (const task of this.liveTasks(service)) {
      this.stopTask(task, { stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Service deleted' });
    }
    const sd = service.currentServiceDeployment ? this.serviceDeployments.get(service.currentServiceDeployment) : undefined;
    if (sd && IN_FLIGHT.includes(sd.status)) {
      sd.stoppedAt = this.epoch();
      sd.finishedAt = this.epoch();
      this.setStatus(sd, 'STOPPED', 'Service deployment stopped because the service was deleted.');
    }
    this.schedule(this.now + STOP_SECONDS, () => {
      service.status = 'INACTIVE';
      for (const d of service.deployments) d.status = 'INACTIVE';
    });
  }

  /** @param {{cluster: string, service: string, reason?: string}} ref */
  stopOldestTask(ref) {
    const service = this.service(ref.cluster, ref.service);
    const task = this.liveTasks(service).sort((a, b) => a.api.createdAt - b.api.createdAt)[0];
    if (task) this.stopTask(task, { stopCode: 'UserInitiated', stoppedReason: ref.reason ?? 'Task stopped by user' });
  }
}
