// @ts-check
// The ECS state and its simulated clock: clusters, services, tasks, deployment records, and a
// time-ordered queue of scheduled changes. What happens to them lives in the sibling modules.
import { clusterNotFound, serviceNotFound } from '../core/errors.js';
import { TargetGroups } from '../elbv2/target-groups.js';
import { LogStore } from '../logs/store.js';
import { onFailure, onHealthy, stopServiceDeployment } from './deployments.js';
import { continueServiceDeployment, endHooks } from './hooks.js';
import { reconcile } from './scheduler.js';
import { createService, updateService } from './services.js';
import { runWaiting } from './states.js';
import { runTimelineEvent } from './timeline.js';

const MAX_EVENTS = 100;

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

/**
 * Clusters, services, deployments, tasks, service deployments and revisions, moved forward on
 * the simulated clock. Scheduled changes sit in a time-ordered queue; `advance()` runs every
 * change due and lets the service scheduler react after each one.
 */
export class Engine {
  /**
   * @param {{
   *   scenario: any, clock: import('../core/clock.js').SimClock, ids: import('../core/random.js').IdFactory,
   *   taskDefinitions: import('./task-definitions.js').TaskDefinitionRegistry, ecr: import('../ecr/store.js').EcrStore,
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
    /** @type {{at: number, on?: any, message: string}[]} timeline events that could not run */
    this.timelineErrors = [];
    /** CloudWatch Logs: what containers write through the awslogs driver. */
    this.logs = new LogStore(scenario.undocumented);
    /** @type {Map<string, any>} RunTask answers by clientToken (idempotency) */
    this.runTaskTokens = new Map();
    /** The target groups the scenario declares (elbv2/): ECS registers service tasks in them. */
    this.targetGroups = new TargetGroups(scenario.elbv2?.targetGroups, {
      now: () => this.now,
      schedule: (at, run) => this.schedule(at, run),
      firstHealthCheck: scenario.undocumented?.firstHealthCheck,
    });
    /** @type {any[]} the timeline events with `on` whose state has not been reached yet (states.js) */
    this.waiting = (scenario.timeline ?? []).filter((/** @type {any} */ event) => event.on !== undefined);
    /** @type {Set<string>} service deployments the scenario starts with: states wait for later ones */
    this.initialServiceDeployments = new Set();
    /** @type {Map<string, number>} occurrences a state can wait for, by `kind` or `kind:subject` */
    this.counts = new Map();
  }

  /** Builds the start state from the scenario and schedules its timeline. */
  load() {
    for (const c of this.scenario.clusters ?? []) {
      this.clusters.set(c.name, { name: c.name, arn: this.arn(`cluster/${c.name}`), kmsKeyId: c.executeCommandKmsKeyId });
    }
    for (const s of this.scenario.services ?? []) createService(this, s);
    this.initialServiceDeployments = new Set(this.serviceDeployments.keys());
    // Events with `on` instead of a time wait in `waiting` (states.js).
    for (const event of this.scenario.timeline ?? []) {
      if (event.at !== undefined) this.schedule(event.at, () => runTimelineEvent(this, event));
    }
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
      // The scheduler reacts to what the events did, as it does after a scheduled change.
      if (this.runWaiting()) this.reconcileAll();
    }
    this.now = Math.max(this.now, to);
    // A state reached while a request was handled: its events run before the next request is.
    if (this.runWaiting()) this.reconcileAll();
  }

  /** Runs the timeline events whose state has been reached (states.js). @returns {boolean} whether any ran */
  runWaiting() {
    return runWaiting(this);
  }

  /**
   * Counts an occurrence a timeline event can wait for; the events run at the engine's next
   * check, after the change being made (`advance`), unless the caller runs them at once.
   * @param {import('./states.js').Occurrence} kind @param {string} [subject] a family, a service key
   */
  reached(kind, subject) {
    const key = subject === undefined ? kind : `${kind}:${subject}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** @param {import('./states.js').Occurrence} kind @param {string} [subject] */
  occurrences(kind, subject) {
    return this.counts.get(subject === undefined ? kind : `${kind}:${subject}`) ?? 0;
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

  /**
   * A task counts toward a healthy service once RUNNING, HEALTHY when its lead container has a
   * health check, and healthy in its target group when its service has a load balancer (ECS
   * Developer Guide, "Optimize load balancer health check parameters for Amazon ECS": the agent
   * "waits for the load balancer to report on the container health" before it considers it healthy).
   * @param {import('./tasks.js').Task} task
   */
  isReady(task) {
    if (task.api.desiredStatus !== 'RUNNING' || task.api.lastStatus !== 'RUNNING') return false;
    if (this.services.get(task.serviceKey)?.loadBalancers.length > 0 && !task.targetHealthy) return false;
    return !this.hasHealthCheck(task) || task.api.healthStatus === 'HEALTHY';
  }

  /** @param {import('./tasks.js').Task} task */
  hasHealthCheck(task) {
    const td = this.taskDefinitions.find(task.api.taskDefinitionArn)?.taskDefinition;
    const container = td?.containerDefinitions.find((/** @type {any} */ c) => c.name === task.leadContainer);
    return Boolean(container?.healthCheck);
  }

  // ---- records and events -------------------------------------------------------------------

  /** @param {any} service */
  rolling(service) {
    return service.deploymentController.type === 'ECS';
  }

  /** @param {any} sd @param {string} status @param {string} [reason] */
  setStatus(sd, status, reason) {
    sd.status = status;
    if (reason !== undefined) sd.statusReason = reason;
    sd.updatedAt = this.epoch();
    sd.statusHistory.push({ status, simTime: this.now, wallMs: Date.now() });
    if (!['PENDING', 'IN_PROGRESS'].includes(status)) endHooks(this, sd);
  }

  /** @param {any} service @param {string} message */
  event(service, message) {
    service.events.unshift({ id: this.ids.uuid(), createdAt: this.epoch(), message: `(service ${service.serviceName}) ${message}` });
    service.events.length = Math.min(service.events.length, MAX_EVENTS);
  }

  /** @param {import('./tasks.js').Task} task */
  taskId(task) {
    return task.api.taskArn.split('/').pop();
  }

  // ---- entry points for the API and for task outcomes (they keep the modules free of cycles) ---

  /** @param {any} input an UpdateService request */
  updateService(input) {
    return updateService(this, input);
  }

  /** @param {string} arn @param {string} stopType */
  stopServiceDeployment(arn, stopType) {
    return stopServiceDeployment(this, arn, stopType);
  }

  /** @param {any} input a ContinueServiceDeployment request */
  continueServiceDeployment(input) {
    return continueServiceDeployment(this, input);
  }

  /** @param {import('./tasks.js').Task} task */
  onFailure(task) {
    onFailure(this, task);
  }

  /** @param {import('./tasks.js').Task} task */
  onHealthy(task) {
    onHealthy(this, task);
  }

  reconcileAll() {
    for (const service of this.services.values()) reconcile(this, service);
  }
}
