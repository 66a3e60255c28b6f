// @ts-check
// EC2 container instances: where tasks of the EC2 launch type run, and what happens to those
// tasks when their instance dies.
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {typeof import('./task-lifecycle.js').stopTask} StopTask */

/**
 * @typedef {{ arn: string, ec2InstanceId: string, alive: boolean }} Instance
 * @typedef {{ instances: Instance[], next: number }} Fleet
 */

/** The container instances of each cluster, per engine. @type {WeakMap<Engine, Map<string, Fleet>>} */
const fleets = new WeakMap();

/** @param {Engine} engine @param {{ name: string }} cluster @returns {Fleet} */
function fleetOf(engine, cluster) {
  const byCluster = fleets.get(engine) ?? new Map();
  fleets.set(engine, byCluster);
  let fleet = byCluster.get(cluster.name);
  if (!fleet) {
    const count = engine.scenario.clusters?.find((/** @type {any} */ c) => c.name === cluster.name)?.containerInstances ?? 1;
    fleet = { instances: [], next: 0 };
    for (let i = 0; i < count; i += 1) fleet.instances.push(register(engine, cluster));
    byCluster.set(cluster.name, fleet);
  }
  return fleet;
}

/** @param {Engine} engine @param {{ name: string }} cluster @returns {Instance} */
function register(engine, cluster) {
  const hex = engine.ids.uuid().replace(/-/g, '');
  return { arn: engine.arn(`container-instance/${cluster.name}/${hex}`), ec2InstanceId: `i-${hex.slice(0, 17)}`, alive: true };
}

/**
 * A task of the EC2 launch type runs on a container instance (Task.containerInstanceArn, "The
 * ARN of the container instances that host the task", ECS API reference): the cluster's live
 * instances in turn.
 * @param {Engine} engine @param {{ name: string }} cluster
 */
export function containerInstanceFor(engine, cluster) {
  const fleet = fleetOf(engine, cluster);
  const live = fleet.instances.filter((instance) => instance.alive);
  const chosen = live[fleet.next % live.length];
  fleet.next += 1;
  return chosen.arn;
}

/**
 * A container instance dies: "When you stop or terminate a container instance, the tasks that are
 * running on it are transitioned to the STOPPED status" (ECS Developer Guide, task state change
 * events), all at once. The instance that hosts the most running tasks of the service dies; its Auto Scaling
 * group registers a new one, where the service scheduler places replacements. The stop's wording
 * is not documented: by default stopCode TerminationNotice and "Host EC2 (instance <id>)
 * terminated." as field reports quote it; `stopCode`, `stoppedReason` and `exitCode` change it.
 * A TerminationNotice is no failure of the task; a stop ECS reports as an essential container's
 * exit counts toward failedTasks and the circuit breaker as any such exit does (the scheduler
 * sees the same stop). With `whenRunning`, the event waits (checked every scenario second) until the
 * service runs that many tasks of the task definition.
 * @param {Engine} engine
 * @param {{ cluster: string, service: string, whenRunning?: { taskDefinition: string, count: number }, stopCode?: string, stoppedReason?: string, exitCode?: number }} event
 * @param {StopTask} stopTask task-lifecycle's, handed in so that module can place tasks here without a cycle
 */
export function instanceFails(engine, event, stopTask) {
  const service = engine.service(event.cluster, event.service);
  const running = [...engine.tasks.values()].filter((task) => task.api.lastStatus === 'RUNNING' && task.api.desiredStatus === 'RUNNING' && task.api.containerInstanceArn);
  const ofService = running.filter((task) => task.serviceKey === service.key);
  const wanted = event.whenRunning && engine.taskDefinitions.find(event.whenRunning.taskDefinition)?.taskDefinition.taskDefinitionArn;
  if (event.whenRunning && ofService.filter((task) => task.api.taskDefinitionArn === wanted).length < event.whenRunning.count) {
    engine.schedule(engine.now + 1, () => instanceFails(engine, event, stopTask));
    return;
  }
  const fleet = fleetOf(engine, service.cluster);
  const on = (/** @type {Instance} */ instance, /** @type {typeof running} */ tasks) => tasks.filter((task) => task.api.containerInstanceArn === instance.arn);
  const dead = fleet.instances.filter((instance) => instance.alive).sort((a, b) => on(b, ofService).length - on(a, ofService).length)[0];
  if (!dead) return;
  dead.alive = false;
  fleet.instances.push(register(engine, service.cluster));
  const stoppedReason = event.stoppedReason ?? `Host EC2 (instance ${dead.ec2InstanceId}) terminated.`;
  const stopCode = event.stopCode ?? 'TerminationNotice';
  for (const task of on(dead, running)) {
    task.failed = stopCode === 'EssentialContainerExited';
    stopTask(engine, task, { stopCode, stoppedReason, exitCode: event.exitCode });
  }
}
