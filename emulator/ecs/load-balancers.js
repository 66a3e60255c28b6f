// @ts-check
/**
 * A service's load balancers as ECS uses them: it registers a RUNNING task in the target group,
 * counts it healthy once the group does, stops it when the group finds it unhealthy after the
 * grace period, and reports that in a service event and the stoppedReason. A target group the
 * scenario declares (`elbv2.targetGroups`) is simulated with its health checks and deregistration
 * delay (elbv2/target-groups.js); for one it does not declare, the behaviour's `elbHealthCheck`
 * is what the group finds, at once and without draining.
 */
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./tasks.js').Task} Task */

/** The reason an unhealthy target gets when the behaviour names none (ELB TargetHealth reason code Target.FailedHealthChecks). */
export const DEFAULT_UNHEALTHY_REASON = 'Health checks failed';

/**
 * The load balancer ECS reports on: the first one the service lists (a service with several
 * target groups is not modelled further).
 * @param {any} service
 * @returns {{ targetGroupArn: string, containerName: string, containerPort: number } | undefined}
 */
export function reportedLoadBalancer(service) {
  return service?.loadBalancers?.[0];
}

/**
 * The stoppedReason of a task ECS stopped for its target group (reference
 * ecs-deployments.md "Stopped tasks"; AWS Knowledge Center, "Why is my Amazon ECS task stopped?",
 * section "Task failed ELB health checks").
 * @param {{ targetGroupArn: string }} lb
 */
export function elbStoppedReason(lb) {
  return `Task failed ELB health checks in (target-group ${lb.targetGroupArn})`;
}

/**
 * The service event, without the "(service name) " prefix, in the Fargate form of the ECS
 * Developer Guide, "Amazon ECS service unhealthy event messages": "(service service-name) (task
 * task-id) (port port-number) is unhealthy in (target-group target-group-name) due to (reason
 * failure-reason)". The EC2 form adds "(instance instance-id)"; the emulator has no container
 * instances, so every task uses the Fargate form. The page's placeholder says the target group's
 * name; the Knowledge Center's example ("How do I troubleshoot health check failures for Amazon
 * ECS tasks on Fargate?") shows its ARN, which this follows.
 * @param {string} taskId @param {{ targetGroupArn: string, containerPort: number }} lb @param {string} reason
 */
export function unhealthyTargetEvent(taskId, lb, reason) {
  return `(task ${taskId}) (port ${lb.containerPort}) is unhealthy in (target-group ${lb.targetGroupArn}) due to (reason ${reason}).`;
}

/**
 * When ECS may act on a failed health check of a task that started at `runningAt`:
 * healthCheckGracePeriodSeconds is "the period of time, in seconds, that the Amazon ECS service
 * scheduler ignores unhealthy Elastic Load Balancing, VPC Lattice, and container health checks
 * after a task has first started" (ECS API reference, CreateService / Service; default 0). The
 * emulator counts it from RUNNING.
 * @param {any} service @param {number} runningAt simulated seconds
 */
export function graceEndsAt(service, runningAt) {
  return runningAt + (service?.healthCheckGracePeriodSeconds ?? 0);
}

/**
 * The private IPv4 address of an awsvpc task's network interface: the Id of an `ip` target
 * ("Register targets with your target group", ALB User Guide: ECS registers a Fargate task by IP).
 * @param {any} api
 */
function taskIp(api) {
  const eni = api.attachments?.find((/** @type {any} */ a) => a.type === 'ElasticNetworkInterface');
  return eni?.details?.find((/** @type {any} */ d) => d.name === 'privateIPv4Address')?.value ?? '';
}

/**
 * The target group's view of a RUNNING task of a service with a load balancer: healthy (the task
 * then counts as healthy for the deployment, engine.isReady) or unhealthy, when ECS stops it as
 * the scheduler does for a failed ELB health check, once the grace period is over and if the
 * target is still unhealthy then. The failure counts toward the circuit breaker (reference
 * ecs-deployments.md, "Circuit breaker settings": a task "that fails ELB / Cloud Map / container
 * health checks after RUNNING").
 * @param {Engine} engine @param {Task} task @param {any} service
 * @param {{ targetGroupArn: string, containerName: string, containerPort: number }} lb
 * @param {{ runningAt: number, settled: boolean, stop: (stop: { stopCode: string, stoppedReason: string }) => void }} options
 *   settled: the task was RUNNING and healthy when the scenario starts; stop: stops the task (task-lifecycle.js)
 */
export function watchTargetHealth(engine, task, service, lb, { runningAt, settled, stop }) {
  const elb = task.behaviour.elbHealthCheck ?? {};
  const alive = () => task.api.desiredStatus === 'RUNNING';
  const group = engine.targetGroups.find(lb.targetGroupArn);
  const stillUnhealthy = () => (group ? engine.targetGroups.stateOf(group, task.api.taskArn) === 'unhealthy' : true);
  const healthy = () => {
    if (!alive()) return;
    task.targetHealthy = true;
    engine.onHealthy(task);
  };
  const unhealthy = (/** @type {string} */ reason) => {
    if (!alive()) return;
    task.targetHealthy = false;
    // The scheduler ignores a failed health check during the grace period (graceEndsAt).
    engine.schedule(Math.max(engine.now, graceEndsAt(service, runningAt)), () => {
      if (!alive() || !stillUnhealthy()) return;
      task.failed = true;
      engine.event(service, unhealthyTargetEvent(engine.taskId(task) ?? '', lb, reason));
      stop({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: elbStoppedReason(lb) });
    });
  };
  if (group) {
    engine.targetGroups.register(group, { id: taskIp(task.api), port: lb.containerPort, taskArn: task.api.taskArn }, elb, { healthy, unhealthy }, settled);
    return;
  }
  if (elb.unhealthyAfterSeconds !== undefined) {
    const reason = elb.reason ?? DEFAULT_UNHEALTHY_REASON;
    engine.schedule(runningAt + elb.unhealthyAfterSeconds, () => unhealthy(reason));
    return;
  }
  // At once when the behaviour says nothing, so that a task already RUNNING at start is healthy from the start.
  if (!elb.healthyAfterSeconds) healthy();
  else engine.schedule(runningAt + elb.healthyAfterSeconds, healthy);
}
