/** Which API a poll reads under the request budget. */
import { describe, expect, it } from '@jest/globals';
import { planReads, type ReadState } from '../../src/watch/budget.js';

const inProgress = { status: 'IN_PROGRESS' as const, targetServiceRevision: { requestedTaskCount: 2, runningTaskCount: 1 } };
const allRunning = { status: 'IN_PROGRESS' as const, targetServiceRevision: { requestedTaskCount: 2, runningTaskCount: 2 } };
const steady: ReadState = { identified: true, servicePollsAgo: 0, serviceWanted: false, pollIntervalMs: 5_000, last: inProgress };
const both = { service: true, serviceDeployment: true };
const service = { service: true, serviceDeployment: false };
const deployment = { service: false, serviceDeployment: true };

describe('planReads', () => {
  it.each([
    ['not identified yet: both, every poll', { ...steady, identified: false }, both],
    ['identified, between refreshes: DescribeServiceDeployments only', steady, deployment],
    ['the sixth poll at 5 s: DescribeServices in its place', { ...steady, servicePollsAgo: 5 }, service],
    ['at 1 s, DescribeServices only every 30th poll', { ...steady, pollIntervalMs: 1_000, servicePollsAgo: 5 }, deployment],
    ['at a minute, every other poll at most', { ...steady, pollIntervalMs: 60_000, servicePollsAgo: 1 }, service],
    ['the status changed: DescribeServices next', { ...steady, serviceWanted: true }, service],
    ['all our tasks run: the poll stays on DescribeServiceDeployments, where success shows', { ...steady, servicePollsAgo: 9, last: allRunning }, deployment],
    ['a judgement on a stale service: DescribeServices only', { ...steady, refresh: 'service' as const }, service],
    ['a judgement on a stale service deployment: DescribeServiceDeployments only', { ...steady, servicePollsAgo: 5, refresh: 'serviceDeployment' as const }, deployment],
  ])('%s', (_name, state, reads) => {
    expect(planReads(state)).toEqual(reads);
  });

  it('sends 12 requests a minute at 5 s on a steady deployment: 10 DescribeServiceDeployments, 2 DescribeServices', () => {
    let servicePollsAgo = 0;
    const counts = { service: 0, serviceDeployment: 0 };
    for (let poll = 0; poll < 12; poll++) {
      const reads = planReads({ ...steady, servicePollsAgo });
      if (reads.service) counts.service += 1;
      if (reads.serviceDeployment) counts.serviceDeployment += 1;
      servicePollsAgo = reads.service ? 0 : servicePollsAgo + 1;
    }
    expect(counts).toEqual({ service: 2, serviceDeployment: 10 });
  });
});
