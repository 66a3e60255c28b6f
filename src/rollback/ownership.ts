/**
 * Whether the service is still ours. Another run may deploy while ours is watched or checked;
 * rolling back then would undo its work. So before any write that rolls back (a redeploy,
 * StopServiceDeployment, ContinueServiceDeployment ROLLBACK) the action reads the service and
 * writes only if its current service deployment and revision are still ours; otherwise the
 * result is `superseded` and nothing is written.
 */
import * as core from '@actions/core';
import type { Service } from '@aws-sdk/client-ecs';
import { shortRevision } from '../aws/arn.js';
import { isRollbackStatus, primaryOf, replacedBy, type Snapshot } from '../watch/judge.js';
import type { DeploymentObserver } from '../watch/observer.js';
import type { WatchOutcome } from '../report/types.js';

/** What "ours" is on the service. */
export interface Ours {
  /** Our service deployment: service.currentServiceDeployment while ours is current. */
  serviceDeploymentArn?: string;
  /** Our entry in service.deployments[]: PRIMARY while ours is current (when the service deployment is not known). */
  deploymentId?: string;
  /** The revision the service is set to while ours is current. */
  taskDefinitionArn: string;
}

export function oursOf(observer: DeploymentObserver): Ours {
  return { serviceDeploymentArn: observer.serviceDeploymentArn, deploymentId: observer.deploymentId, taskDefinitionArn: observer.target.taskDefinitionArn };
}

/** Why another deployment replaced ours, or undefined while ours is still the current one (rolling back or not). */
export function replacement(snapshot: Snapshot, ours: Ours): string | undefined {
  const current = snapshot.service.currentServiceDeployment;
  const sd = snapshot.serviceDeployment;
  if (current && ours.serviceDeploymentArn && current !== ours.serviceDeploymentArn) {
    return `the service's current service deployment is ${current}, not ours (${ours.serviceDeploymentArn})`;
  }
  if (sd?.status === 'STOPPED') return `our service deployment is STOPPED${sd.statusReason ? `: ${sd.statusReason}` : ''}`;
  // Ours is current; when it rolls back, its source revision's deployment is PRIMARY again, which replaces nothing.
  if ((current && ours.serviceDeploymentArn) || isRollbackStatus(sd?.status)) return undefined;
  const by = replacedBy(snapshot, ours.deploymentId);
  return by && by !== 'unknown' ? `the service's PRIMARY deployment is ${by.id} (${shortRevision(by.taskDefinition)}), not ours (${ours.deploymentId})` : undefined;
}

/** Why a rollback write would not act on our deployment, or undefined when it would: the current deployment and the revision must be ours. */
export function notOurs(snapshot: Snapshot, ours: Ours): string | undefined {
  const replaced = replacement(snapshot, ours);
  if (replaced) return replaced;
  const primary = primaryOf(snapshot.service);
  if (!ours.serviceDeploymentArn && ours.deploymentId && primary && primary.id !== ours.deploymentId) {
    return `the service's PRIMARY deployment is ${primary.id}, not ours (${ours.deploymentId})`;
  }
  const set = snapshot.service.taskDefinition;
  return set === ours.taskDefinitionArn ? undefined : `the service is set to ${shortRevision(set)}, not ${shortRevision(ours.taskDefinitionArn)}`;
}

/**
 * "Superseded: <what happened to ours>, but another deployment (web:9, <arn>) replaced ours
 * meanwhile (<why>); the action wrote nothing, since a rollback now would undo it."
 */
export function supersededSentence(ours: string, why: string, service: Service): string {
  const other = service.currentServiceDeployment ?? primaryOf(service)?.id ?? 'its id not known';
  const set = shortRevision(service.taskDefinition);
  return `Superseded: ${ours}, but another deployment (${set}, ${other}) replaced ours meanwhile (${why}); the action wrote nothing, since a rollback now would undo it. The service is now set to ${set}.`;
}

/** Ends a watch as superseded, saying what happened to ours first. */
export function endSuperseded(observer: DeploymentObserver, ours: string, why: string, service: Service): WatchOutcome {
  const sentence = supersededSentence(ours, why, service);
  core.warning(sentence);
  return observer.finish('superseded', sentence);
}
