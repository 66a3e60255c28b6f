/**
 * The watch's request budget: which of DescribeServices and DescribeServiceDeployments a poll
 * reads. At the default poll (5 s) a steady watch sends 12 requests a minute, one per poll.
 */
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import type { Snapshot } from './judge.js';

/**
 * Once our service deployment is identified, a poll reads DescribeServiceDeployments (the
 * verdict), and DescribeServices (events, counts, failedTasks) takes its place about this often,
 * or on the poll after the service deployment's status changed.
 */
export const SERVICE_REFRESH_MS = 30_000;

export interface ReadState {
  /** Our service deployment is known and the Service Deployments API answers. */
  identified: boolean;
  /** The part a judgement rested on that the last poll did not read: read it, and only it, now. */
  refresh?: Snapshot['stale'];
  servicePollsAgo: number;
  serviceWanted: boolean;
  pollIntervalMs: number;
  /** The service deployment as last read. */
  last?: ServiceDeployment;
}

/**
 * Our revision runs all its tasks: success may come on any poll now, and only
 * DescribeServiceDeployments shows it, so no poll is spent on DescribeServices (a verdict reads
 * it once to complete itself).
 */
function allTasksRunning(serviceDeployment: ServiceDeployment | undefined): boolean {
  const target = serviceDeployment?.targetServiceRevision;
  return target?.requestedTaskCount !== undefined && (target.runningTaskCount ?? 0) >= target.requestedTaskCount;
}

/**
 * Until our service deployment is identified, or without the Service Deployments API,
 * DescribeServices is the source of truth and is read every poll, with the Service Deployments
 * API as far as it answers; after that, one of the two.
 */
export function planReads(state: ReadState): { service: boolean; serviceDeployment: boolean } {
  if (!state.identified) return { service: true, serviceDeployment: true };
  if (state.refresh) return { service: state.refresh === 'service', serviceDeployment: state.refresh === 'serviceDeployment' };
  const every = Math.max(2, Math.round(SERVICE_REFRESH_MS / state.pollIntervalMs));
  const due = state.serviceWanted || (state.servicePollsAgo + 1 >= every && !allTasksRunning(state.last));
  return { service: due, serviceDeployment: !due };
}
