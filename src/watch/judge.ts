/**
 * The pure judgements made on what one poll saw: has our deployment succeeded, failed, been
 * rolled back or been replaced, and how is a rollback going.
 */
import type { Deployment, Service, ServiceDeployment } from '@aws-sdk/client-ecs';

/** What one poll saw. `serviceDeployment` is absent when the Service Deployments API cannot be used. */
export interface Snapshot {
  service: Service;
  serviceDeployment?: ServiceDeployment;
  /** Our service deployment is not identified yet but may be: deployments[] must not declare success meanwhile. */
  awaitingServiceDeployment?: boolean;
  /**
   * The part this poll did not read, carried over from an earlier poll to keep the request budget:
   * a judgement made on such a snapshot is made again once both parts are current.
   */
  stale?: 'service' | 'serviceDeployment';
  /** Fail-fast: why our stopped tasks show the release cannot succeed. */
  failFast?: FailFast;
}

export interface FailFast {
  /**
   * `deterministic`: a stop no retry fixes; `flapping`: tasks keep stopping for one reason without
   * tripping the breaker; `unverifiable`: our service deployment was never found, so its end cannot be seen.
   */
  kind: 'deterministic' | 'flapping' | 'unverifiable';
  reason: string;
}

const FAIL_FAST_WORDS: Record<FailFast['kind'], string> = {
  deterministic: 'it cannot succeed (fail-fast)',
  flapping: 'it flaps (fail-fast)',
  unverifiable: 'it cannot be verified',
};

const ROLLBACK_STATUSES = new Set(['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);
const IN_PROGRESS_STATUSES = new Set(['PENDING', 'IN_PROGRESS']);
/** The rolloutStateReason of the PRIMARY deployment ECS creates when the circuit breaker rolls back. */
const ECS_ROLLBACK_REASON = /rolling back/i;

export function isRollbackStatus(status: string | undefined): boolean {
  return status !== undefined && ROLLBACK_STATUSES.has(status);
}

export function isInProgress(serviceDeployment: ServiceDeployment | undefined): boolean {
  return serviceDeployment?.status !== undefined && IN_PROGRESS_STATUSES.has(serviceDeployment.status);
}

export function primaryOf(service: Service): Deployment | undefined {
  return service.deployments?.find((deployment) => deployment.status === 'PRIMARY');
}

export function progressLine(deployment: Deployment): string {
  return `running ${deployment.runningCount ?? 0}/${deployment.desiredCount ?? 0}, pending ${deployment.pendingCount ?? 0}, failed tasks ${deployment.failedTasks ?? 0}`;
}

function isEcsRollbackDeployment(deployment: Deployment | undefined): boolean {
  return ECS_ROLLBACK_REASON.test(deployment?.rolloutStateReason ?? '');
}

function finishedRunning(deployment: Deployment): boolean {
  return deployment.rolloutState === 'COMPLETED' && deployment.runningCount === deployment.desiredCount;
}

/** Without a rolloutState (other deployment controllers), the waiter's notion of "stable" is the best there is. */
function stableWithoutRolloutState(service: Service, deployment: Deployment): boolean {
  return (
    deployment.rolloutState === undefined &&
    deployment.status === 'PRIMARY' &&
    service.deployments?.length === 1 &&
    deployment.runningCount === deployment.desiredCount
  );
}

/** Whether the service's current deployment has completed: its revision is then known to work. */
export function deploymentCompleted(service: Service): boolean | undefined {
  const primary = primaryOf(service);
  if (!primary) return undefined;
  return finishedRunning(primary) || stableWithoutRolloutState(service, primary);
}

/** Why our deployment has failed, in ECS's words, or undefined while it has not. */
export function failureReason(snapshot: Snapshot, ours: Deployment | undefined): string | undefined {
  const sd = snapshot.serviceDeployment;
  const breaker = sd?.deploymentCircuitBreaker;
  if (breaker?.status === 'TRIGGERED') {
    const counted = breaker.failureCount === undefined ? '' : ` after ${breaker.failureCount} failed tasks (threshold ${breaker.threshold ?? '?'})`;
    return `the deployment circuit breaker triggered${counted}${sd?.statusReason ? `: ${sd.statusReason}` : ''}`;
  }
  if (sd?.alarms?.status === 'TRIGGERED') {
    const names = sd.alarms.triggeredAlarmNames?.join(', ') || 'a deployment alarm';
    return `CloudWatch alarm ${names} went into ALARM`;
  }
  if (isRollbackStatus(sd?.status)) {
    return `ECS is rolling the deployment back (${sd?.status}${sd?.statusReason ? `: ${sd.statusReason}` : ''})`;
  }
  if (ours?.rolloutState === 'FAILED') {
    return `the rollout failed${ours.rolloutStateReason ? `: ${ours.rolloutStateReason}` : ''}`;
  }
  const primary = primaryOf(snapshot.service);
  if (!ours && primary && isEcsRollbackDeployment(primary)) {
    return `ECS rolled the deployment back: ${primary.rolloutStateReason}`;
  }
  // Last: when ECS has already failed the deployment, its account of it comes first.
  const fast = snapshot.failFast;
  if (fast && snapshot.serviceDeployment?.status !== 'SUCCESSFUL') return `${FAIL_FAST_WORDS[fast.kind]}: ${fast.reason}`;
  return undefined;
}

/**
 * With the Service Deployments API, only our service deployment's status says it is over: bake
 * time and lifecycle hooks keep it IN_PROGRESS while deployments[] already reads COMPLETED, and a
 * status this code does not know means "not ended".
 */
export function hasSucceeded(snapshot: Snapshot, ours: Deployment | undefined): boolean {
  if (snapshot.serviceDeployment) return snapshot.serviceDeployment.status === 'SUCCESSFUL';
  if (snapshot.awaitingServiceDeployment || !ours) return false;
  return finishedRunning(ours) || stableWithoutRolloutState(snapshot.service, ours);
}

/**
 * The deployment that replaced ours, if another one did. A PRIMARY that ECS created to roll ours
 * back is not a replacement: failures are judged before this is asked.
 */
export function replacedBy(snapshot: Snapshot, oursId: string | undefined): Deployment | 'unknown' | undefined {
  const primary = primaryOf(snapshot.service);
  const newerPrimary = primary && oursId && primary.id !== oursId && !isEcsRollbackDeployment(primary);
  if (newerPrimary) return primary;
  if (snapshot.serviceDeployment?.status === 'STOPPED') return primary ?? 'unknown';
  return undefined;
}

/** Whether ECS (or a StopServiceDeployment we sent) is already rolling our deployment back. */
export function rollbackUnderWay(snapshot: Snapshot, oursId: string | undefined): boolean {
  const sd = snapshot.serviceDeployment;
  if (isRollbackStatus(sd?.status) || sd?.rollback?.startedAt) return true;
  const primary = primaryOf(snapshot.service);
  return primary !== undefined && primary.id !== oursId && isEcsRollbackDeployment(primary);
}

export type RollbackState = { state: 'succeeded'; to?: string } | { state: 'failed'; reason: string } | { state: 'running' };

/** How a rollback (ECS's, or one we requested with StopServiceDeployment) is going. */
export function rollbackState(snapshot: Snapshot, oursId: string | undefined): RollbackState {
  const sd = snapshot.serviceDeployment;
  const primary = primaryOf(snapshot.service);
  const rollbackPrimary = primary && primary.id !== oursId ? primary : undefined;
  if (sd?.status === 'ROLLBACK_FAILED') return { state: 'failed', reason: sd.statusReason ?? 'ROLLBACK_FAILED' };
  if (rollbackPrimary?.rolloutState === 'FAILED') {
    return { state: 'failed', reason: rollbackPrimary.rolloutStateReason ?? 'the rollback deployment FAILED' };
  }
  if (sd?.status === 'ROLLBACK_SUCCESSFUL') return { state: 'succeeded', to: snapshot.service.taskDefinition };
  if (rollbackPrimary && finishedRunning(rollbackPrimary)) return { state: 'succeeded', to: rollbackPrimary.taskDefinition };
  return { state: 'running' };
}

/**
 * ECS rolls back only to the last COMPLETED deployment. One still in deployments[] makes the
 * rollback certain; without one it is unlikely (a first deployment stalls) but not impossible,
 * since a completed deployment leaves the list once its tasks are drained.
 */
export function completedDeploymentVisible(service: Service): boolean {
  return (service.deployments ?? []).some((deployment) => deployment.rolloutState === 'COMPLETED');
}

/** What ECS was told to do when a deployment fails: roll back by itself, or leave it. */
export function ecsWillRollBack(service: Service, sd: ServiceDeployment | undefined): boolean {
  const configuration = sd?.deploymentConfiguration ?? service.deploymentConfiguration;
  const breaker = configuration?.deploymentCircuitBreaker;
  const alarms = configuration?.alarms;
  if (sd?.alarms?.status === 'TRIGGERED') return alarms?.enable === true && alarms.rollback === true;
  return breaker?.enable === true && breaker.rollback === true;
}
