/** How the watch words durations, ECS's sentences and the state a service was last seen in. */
import type { Deployment } from '@aws-sdk/client-ecs';
import { shortRevision } from '../aws/arn.js';
import { primaryOf, progressLine, type Snapshot } from './judge.js';

/** Ends a sentence once, whether or not ECS's own text already ended with a period. */
export function period(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function duration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} seconds`;
  const minutes = Number((ms / 60_000).toFixed(1));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
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
