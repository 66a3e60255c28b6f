/**
 * Finding the one service deployment our UpdateService created: its target revision runs our
 * task definition and, by AWS's own clock, it was created after the service deployment that was
 * current before our update and about when ECS stamped the new PRIMARY deployment in the
 * UpdateService answer. The runner's clock is used only when AWS gave no time, with a margin of
 * minutes either way. Whether the UpdateService answer's `currentServiceDeployment` is filled in
 * at once is not documented, so it is never taken on trust: it is checked like every listed
 * candidate, and another run's deployment is never adopted.
 */
import * as core from '@actions/core';
import type { ECSClient, Service } from '@aws-sdk/client-ecs';
import { shortRevision } from '../aws/arn.js';
import type { Clock } from '../clock.js';
import { describeServiceDeployment, listServiceDeployments, revisionTaskDefinitions } from '../service/describe.js';
import type { FailFast } from './judge.js';
import type { WatchTarget } from './types.js';
import { duration } from './wording.js';

/** Our update's moment: AWS's clock when the UpdateService answer stamps our new deployment, else the runner's. */
export interface UpdateTime {
  at: Date;
  clock: 'aws' | 'runner';
}

export interface OurUpdate {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  time: UpdateTime;
  /** The service deployment that was current before our update: never ours, and ours is newer. */
  previous?: string;
  /** The UpdateService answer's currentServiceDeployment, when it names another than `previous`. */
  named?: string;
}

interface Candidate {
  arn: string;
  createdAt?: Date;
  revisionArn?: string;
}

/** ECS stamps the deployment and its service deployment while handling one UpdateService; this covers any gap between the stamps. */
const AWS_STAMP_MARGIN_MS = 30_000;
/** A runner's clock can be minutes off AWS's (NTP can fail): with only the runner's time, look this far either side of it. */
export const RUNNER_CLOCK_MARGIN_MS = 15 * 60_000;
/**
 * How long (the runner's clock measures only this duration) to keep looking for our service
 * deployment while ECS may not list it yet. Without it the watch cannot see bake time, lifecycle
 * hooks or alarms, so it never settles for deployments[].rolloutState: not found by then, the
 * deployment is failed as unverifiable and rolled back like any failed one.
 */
export const IDENTIFY_WINDOW_MS = 2 * 60_000;
/** DescribeServiceRevisions takes at most 20 ARNs. */
const MAX_REVISIONS = 20;

/**
 * When our update happened. The PRIMARY deployment of our revision in the UpdateService answer
 * carries AWS's `createdAt`, unless ECS started no deployment (its id is the one PRIMARY before).
 */
export function updateTime(answer: Service, taskDefinitionArn: string, runnerTime: Date, previousDeploymentId?: string): UpdateTime {
  const primary = answer.deployments?.find((deployment) => deployment.status === 'PRIMARY' && deployment.taskDefinition === taskDefinitionArn);
  if (primary?.createdAt && primary.id !== previousDeploymentId) return { at: primary.createdAt, clock: 'aws' };
  return { at: runnerTime, clock: 'runner' };
}

/** Where, on AWS's clock, the search for our deployment starts: a little before AWS's own stamp, or minutes before the runner's. */
export function searchFrom(time: UpdateTime): Date {
  return new Date(time.at.getTime() - (time.clock === 'aws' ? AWS_STAMP_MARGIN_MS : RUNNER_CLOCK_MARGIN_MS));
}

export async function identifyServiceDeployment(ecs: ECSClient, update: OurUpdate, signal?: AbortSignal): Promise<string | undefined> {
  const notBefore = searchFrom(update.time).getTime();
  const candidates = await candidatesSince(ecs, update, signal);
  // Ours was created after the deployment that was current when we updated, whatever the clocks say.
  const previous = candidates.find((candidate) => candidate.arn === update.previous)?.createdAt?.getTime() ?? -Infinity;
  const eligible = candidates
    .filter((candidate) => candidate.arn !== update.previous && candidate.revisionArn && candidate.createdAt)
    .filter((candidate) => candidate.createdAt!.getTime() >= notBefore && candidate.createdAt!.getTime() > previous)
    .sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime())
    .slice(0, MAX_REVISIONS);
  if (eligible.length === 0) return undefined;
  const taskDefinitions = await revisionTaskDefinitions(ecs, [...new Set(eligible.map((candidate) => candidate.revisionArn!))], signal);
  // The oldest of ours: a deployment of the same revision started after ours is a later run's.
  return eligible.find((candidate) => taskDefinitions.get(candidate.revisionArn!) === update.taskDefinitionArn)?.arn;
}

/** The listed deployments since the search start, plus the one the UpdateService answer named, which a lagging list may not show yet. */
async function candidatesSince(ecs: ECSClient, update: OurUpdate, signal?: AbortSignal): Promise<Candidate[]> {
  const briefs = await listServiceDeployments(ecs, { cluster: update.cluster, service: update.service, createdAt: { after: searchFrom(update.time) } }, signal);
  const candidates: Candidate[] = briefs.map((brief) => ({ arn: brief.serviceDeploymentArn ?? '', createdAt: brief.createdAt, revisionArn: brief.targetServiceRevisionArn }));
  if (update.named && !candidates.some((candidate) => candidate.arn === update.named)) {
    const named = await describeServiceDeployment(ecs, update.named, signal);
    if (named) candidates.push({ arn: update.named, createdAt: named.createdAt, revisionArn: named.targetServiceRevision?.arn });
  }
  return candidates;
}

/** The search for our service deployment over one watch: a set time, then an unverifiable failure. */
export class OurDeploymentSearch {
  /** Our update's moment, on AWS's clock when its answer gave one. */
  readonly time: UpdateTime;
  /** Set once the window passed without finding ours: the watch fails with it. */
  unverifiable?: FailFast;
  /**
   * ECS started no deployment: there is nothing of ours to find, and the deployment that was
   * there before is judged as it is, by deployments[] when its service deployment cannot be read
   * (one older than the Service Deployments API, or than its 90 days of history).
   */
  nothingStarted = false;
  /** Runner clock time of the first look. */
  private since?: number;

  constructor(
    private readonly ecs: ECSClient,
    private readonly target: WatchTarget,
    private readonly clock: Clock,
  ) {
    this.time = updateTime(target.updateResponse, target.taskDefinitionArn, target.updatedAt, target.previousDeploymentId);
  }

  /**
   * `deploymentId` is the answer's PRIMARY of our revision: when it is the PRIMARY from before the
   * update, ECS started no deployment (unchanged revision, nothing forced), and the service
   * deployment current before is what ECS does with our revision.
   */
  unchanged(deploymentId: string | undefined): string | undefined {
    const { previousDeploymentId, previousServiceDeploymentArn, taskDefinitionArn } = this.target;
    if (previousDeploymentId === undefined || deploymentId !== previousDeploymentId) return undefined;
    this.nothingStarted = true;
    core.info(
      `UpdateService started no new deployment: ${shortRevision(taskDefinitionArn)} was already the service's PRIMARY deployment (${deploymentId})${previousServiceDeploymentArn ? `, so the verdict is that of its service deployment ${previousServiceDeploymentArn}` : ''}.`,
    );
    return previousServiceDeploymentArn;
  }

  /** One look, or none once the window has passed. */
  async look(signal?: AbortSignal): Promise<string | undefined> {
    if (this.unverifiable || this.nothingStarted) return undefined;
    this.since ??= this.clock.now();
    const { cluster, service, taskDefinitionArn, previousServiceDeploymentArn: previous, updateResponse } = this.target;
    const named = updateResponse.currentServiceDeployment;
    const found = await identifyServiceDeployment(
      this.ecs,
      { cluster, service, taskDefinitionArn, time: this.time, previous, named: named !== previous ? named : undefined },
      signal,
    );
    if (found) core.info(`Our service deployment: ${found}`);
    else if (this.clock.now() - this.since >= IDENTIFY_WINDOW_MS) this.giveUp();
    return found;
  }

  private giveUp(): void {
    const by = this.time.clock === 'aws' ? "AWS's clock" : "the runner's clock, minutes either way";
    const reason =
      `ECS listed no service deployment of ${shortRevision(this.target.taskDefinitionArn)} created by this update (ListServiceDeployments since ${searchFrom(this.time).toISOString()}, by ${by}) within ${duration(IDENTIFY_WINDOW_MS)}, ` +
      'so the action cannot see its bake time, lifecycle hooks or alarms, and deployments[].rolloutState alone may read COMPLETED before they end';
    core.warning(`${reason}: the deployment is failed as unverifiable.`);
    this.unverifiable = { kind: 'unverifiable', reason };
  }
}
