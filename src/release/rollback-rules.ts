/**
 * How the release puts back a service that did not fail itself, by the state it finds it in
 * (reference releases-schedules-digests-timing.md, section 4). A pure decision: the service is
 * read first, and nothing is written to a service that no longer runs our deployment.
 *
 * | state found                                    | way back                                            |
 * |------------------------------------------------|-----------------------------------------------------|
 * | never updated                                  | nothing to undo                                     |
 * | another deployment replaced ours               | nothing written (superseded)                        |
 * | ours PENDING / IN_PROGRESS, paused at a hook   | ContinueServiceDeployment ROLLBACK, then follow it  |
 * | ours PENDING / IN_PROGRESS                     | StopServiceDeployment ROLLBACK, then follow it      |
 * | ours ROLLBACK_REQUESTED / ROLLBACK_IN_PROGRESS | follow the rollback under way                       |
 * | ours ROLLBACK_SUCCESSFUL / ROLLBACK_FAILED     | already ended: say so                               |
 * | ours SUCCESSFUL                                | UpdateService to the revision it ran before         |
 */
import type { Deployment, Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { shortRevision } from '../aws/arn.js';
import { awaitingPause } from '../watch/stages.js';

export interface MemberFacts {
  /** UpdateService was sent to the service. */
  updateSent: boolean;
  /** The revision the release deployed to it. */
  revision: string;
  /** What it ran before the release, and whether that deployment had completed (a known good revision). */
  previous?: string;
  previousCompleted?: boolean;
  /** Its current service deployment before the release's update. */
  previousServiceDeploymentArn?: string;
  /** Our service deployment, when the watch identified it. */
  ours?: string;
  /** As read just now. */
  service: Service;
  /** Our service deployment as read just now (undefined without the Service Deployments API). */
  serviceDeployment?: ServiceDeployment;
}

export type RollbackPlan =
  | { action: 'none'; ended: 'kept' | 'superseded' | 'rolled-back' | 'failed'; why: string }
  | { action: 'continue'; serviceDeploymentArn: string; hookId: string; stage: string }
  | { action: 'stop'; serviceDeploymentArn: string }
  | { action: 'follow'; serviceDeploymentArn: string }
  | { action: 'redeploy'; to: string };

/** Our service deployment: the one the watch identified, else the service's current one if our update made it. */
export function ourServiceDeployment(facts: MemberFacts): string | undefined {
  if (facts.ours) return facts.ours;
  const { service } = facts;
  const current = service.currentServiceDeployment;
  const primary = service.deployments?.find((deployment) => deployment.status === 'PRIMARY');
  if (current && current !== facts.previousServiceDeploymentArn && primary?.taskDefinition === facts.revision) return current;
  return undefined;
}

/** Without the Service Deployments API: our deployments[] entry decides, and the only way back is UpdateService. */
function byDeployments(facts: MemberFacts, primary: Deployment | undefined): RollbackPlan {
  if (primary?.taskDefinition !== facts.revision) {
    return { action: 'none', ended: 'superseded', why: `it now deploys ${shortRevision(primary?.taskDefinition)}, not the release's ${shortRevision(facts.revision)}` };
  }
  return redeploy(facts);
}

function redeploy(facts: MemberFacts): RollbackPlan {
  const { previous, revision } = facts;
  if (!previous) return { action: 'none', ended: 'kept', why: 'it ran no revision before the release' };
  if (previous === revision) return { action: 'none', ended: 'kept', why: `it already ran ${shortRevision(previous)} before the release` };
  if (facts.previousCompleted === false) {
    return { action: 'none', ended: 'kept', why: `its earlier deployment of ${shortRevision(previous)} never completed, so that revision is not known to work` };
  }
  return { action: 'redeploy', to: previous };
}

export function rollbackPlan(facts: MemberFacts): RollbackPlan {
  const { service, serviceDeployment: sd } = facts;
  if (!facts.updateSent) return { action: 'none', ended: 'kept', why: 'the release had not updated it' };
  if (service.currentServiceDeployment === facts.previousServiceDeploymentArn && service.taskDefinition === facts.previous && !facts.ours) {
    return { action: 'none', ended: 'kept', why: 'the update had not changed it' };
  }
  const ours = ourServiceDeployment(facts);
  if (!sd || !ours) {
    if (ours && service.currentServiceDeployment && service.currentServiceDeployment !== ours) {
      return { action: 'none', ended: 'superseded', why: `another deployment (${service.currentServiceDeployment}) replaced the release's` };
    }
    return byDeployments(facts, service.deployments?.find((deployment) => deployment.status === 'PRIMARY'));
  }
  if (service.currentServiceDeployment && service.currentServiceDeployment !== ours) {
    return { action: 'none', ended: 'superseded', why: `another deployment (${service.currentServiceDeployment}) replaced the release's` };
  }
  switch (sd.status) {
    case 'PENDING':
    case 'IN_PROGRESS': {
      const pause = awaitingPause(sd);
      return pause ? { action: 'continue', serviceDeploymentArn: ours, hookId: pause.hookId, stage: pause.stage } : { action: 'stop', serviceDeploymentArn: ours };
    }
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_IN_PROGRESS':
      return { action: 'follow', serviceDeploymentArn: ours };
    case 'ROLLBACK_SUCCESSFUL':
      return { action: 'none', ended: 'rolled-back', why: `its deployment was already rolled back (ROLLBACK_SUCCESSFUL)` };
    case 'ROLLBACK_FAILED':
      return { action: 'none', ended: 'failed', why: `its deployment's rollback failed (ROLLBACK_FAILED${sd.statusReason ? `: ${sd.statusReason}` : ''})` };
    case 'SUCCESSFUL':
      return redeploy(facts);
    default:
      return { action: 'none', ended: 'superseded', why: `its deployment ended ${sd.status}${sd.statusReason ? ` (${sd.statusReason})` : ''} without the release` };
  }
}
