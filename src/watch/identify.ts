/**
 * Finding the one service deployment our UpdateService created: its target revision runs our
 * task definition and it was created no earlier than our update. Whether the UpdateService
 * answer's `currentServiceDeployment` is filled in at once is not documented, so it is never
 * taken on trust: every candidate is checked the same way, and another run's deployment is
 * never adopted.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import { listServiceDeployments, revisionTaskDefinitions } from '../service/describe.js';

export interface OurUpdate {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  /** Deployments created before this are someone else's. */
  notBefore: Date;
  /** The service deployment that was current before our update. */
  excluding?: string;
}

interface Candidate {
  arn: string;
  createdAt?: Date;
  revisionArn?: string;
}

/** DescribeServiceRevisions takes at most 20 ARNs. */
const MAX_REVISIONS = 20;

export async function identifyServiceDeployment(ecs: ECSClient, update: OurUpdate, signal?: AbortSignal): Promise<string | undefined> {
  const candidates = await listSince(ecs, update, signal);
  // Anything created before the deployment our update replaced is older than our update, clock skew or not.
  const replaced = candidates.find((candidate) => candidate.arn === update.excluding)?.createdAt?.getTime() ?? -Infinity;
  const eligible = candidates
    .filter((candidate) => candidate.arn !== update.excluding && candidate.revisionArn)
    .filter((candidate) => candidate.createdAt === undefined || candidate.createdAt.getTime() > replaced)
    .filter((candidate) => candidate.createdAt !== undefined && candidate.createdAt.getTime() >= update.notBefore.getTime())
    .sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime())
    .slice(0, MAX_REVISIONS);
  if (eligible.length === 0) return undefined;
  const taskDefinitions = await revisionTaskDefinitions(ecs, [...new Set(eligible.map((candidate) => candidate.revisionArn!))], signal);
  // The oldest of ours: a deployment of the same revision started after ours is a later run's.
  return eligible.find((candidate) => taskDefinitions.get(candidate.revisionArn!) === update.taskDefinitionArn)?.arn;
}

async function listSince(ecs: ECSClient, update: OurUpdate, signal?: AbortSignal): Promise<Candidate[]> {
  const briefs = await listServiceDeployments(ecs, { cluster: update.cluster, service: update.service, createdAt: { after: update.notBefore } }, signal);
  return briefs.map((brief) => ({ arn: brief.serviceDeploymentArn ?? '', createdAt: brief.createdAt, revisionArn: brief.targetServiceRevisionArn }));
}
