// @ts-check
/**
 * A service's load balancers as ECS reports on them: the target group a task failed in, the
 * service event and stoppedReason of that failure, and the health check grace period. The target
 * groups themselves (listeners, intervals, thresholds) are not simulated: a behaviour's
 * `elbHealthCheck` says when the target group finds the target healthy or unhealthy.
 */

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
