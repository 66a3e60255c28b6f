/** How the watch words durations, ECS's sentences and the state a service was last seen in. */
import type { Deployment, Service } from '@aws-sdk/client-ecs';
import { shortRevision } from '../aws/arn.js';
import { primaryOf, progressLine, type Snapshot } from './judge.js';

/** Ends a sentence once, whether or not ECS's own text already ended with a period. */
export function period(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** "1 task", "2 tasks", "0 seconds": the one place a count and its noun are worded. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

export function duration(ms: number): string {
  if (ms < 60_000) return plural(Math.round(ms / 1000), 'second');
  return plural(Number((ms / 60_000).toFixed(1)), 'minute');
}

/** "web:7 (running 2/2, pending 0, failed tasks 0)": the service's revision and its PRIMARY's counts. */
export function serviceState(snapshot: Snapshot | undefined): string {
  if (!snapshot) return 'an unknown revision';
  const primary = primaryOf(snapshot.service);
  return `${shortRevision(snapshot.service.taskDefinition)}${primary ? ` (${progressLine(primary)})` : ''}`;
}

/** The service deployment's status, our deployment's progress and the revision the service is set to. */
export function stateOf(snapshot: Snapshot, ours: Deployment | undefined): string {
  const parts: string[] = [];
  const status = snapshot.serviceDeployment?.status;
  if (status) parts.push(`service deployment ${status}`);
  if (ours) parts.push(`${shortRevision(ours.taskDefinition)} ${ours.rolloutState ?? ours.status ?? ''}: ${progressLine(ours)}`.replace(' :', ':'));
  parts.push(`the service is set to ${shortRevision(snapshot.service.taskDefinition)}`);
  return parts.join('; ');
}

/**
 * What the service is doing when the run is cancelled, for the last error of a cancelled step:
 * the revision it runs or is moving to, whether a rollback is in flight with nobody watching it,
 * and what ECS will do on its own.
 */
export function cancelledState(snapshot: Snapshot | undefined, rollbackInFlight: boolean): string {
  if (!snapshot) return 'The service was not seen after the cancel, so its state is unknown: check it in the ECS console.';
  const { service, serviceDeployment } = snapshot;
  const primary = primaryOf(service);
  const moving = primary?.rolloutState === 'IN_PROGRESS' || (serviceDeployment !== undefined && isUnfinished(serviceDeployment.status));
  const parts = [
    moving
      ? `The service is moving to ${shortRevision(primary?.taskDefinition ?? service.taskDefinition)} (${[
          serviceDeployment?.status && `service deployment ${serviceDeployment.status}`,
          primary && progressLine(primary),
        ]
          .filter(Boolean)
          .join('; ')}).`
      : `The service runs ${shortRevision(service.taskDefinition)}${primary ? ` (${progressLine(primary)})` : ''}.`,
  ];
  if (rollbackInFlight) parts.push('A rollback is in flight and nobody is watching it now.');
  if (moving) parts.push(ecsOnItsOwn(service));
  return parts.join(' ');
}

function isUnfinished(status: string | undefined): boolean {
  return status !== undefined && !['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'].includes(status);
}

function ecsOnItsOwn(service: Service): string {
  const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
  if (breaker?.enable && breaker.rollback) {
    return "If its tasks keep failing, ECS's circuit breaker rolls it back to the last completed deployment on its own.";
  }
  if (breaker?.enable) return "If its tasks keep failing, ECS's circuit breaker marks it FAILED but does not roll back.";
  return 'ECS keeps trying to reach the desired count, with no deadline and no rollback.';
}
