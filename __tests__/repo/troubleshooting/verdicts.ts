/**
 * Examples of a watched deployment's red verdicts that this round added (fail-fast, a deployment
 * that cannot be verified), and of a note of the deploy timings, which never changes a verdict.
 */
import type { Task } from '@aws-sdk/client-ecs';
import { DescribeTargetGroupAttributesCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { readDeregistrationDelays, Reads } from '../../../src/timings/read.js';
import type { FakeClock } from '../../../__fixtures__/fake-clock.js';
import { inProgress, OUR_DEPLOYMENT_ID, rollingBack, TD8, watchScenario, type Shown } from './watching.js';
import { awsError, type Producers } from './support.js';

const elb = mockClient(ElasticLoadBalancingV2Client);
const TARGET_GROUP = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067';

const NOT_FOUND = 'CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:8f3a2c1: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:8f3a2c1: not found';

/** A task of our deployment that ECS stopped at `at` (UTC time of day) for `reason`. */
function stopped(id: string, at: string, reason: string, exitCode?: number): Task {
  return {
    taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/demo/${id}`,
    taskDefinitionArn: TD8,
    startedBy: OUR_DEPLOYMENT_ID,
    lastStatus: 'STOPPED',
    createdAt: new Date('2026-03-02T10:00:02Z'),
    stoppingAt: new Date(`2026-03-02T${at}Z`),
    stoppedAt: new Date(`2026-03-02T${at}Z`),
    stoppedReason: reason,
    stopCode: exitCode === undefined ? 'TaskFailedToStart' : 'EssentialContainerExited',
    containers: [{ name: 'web', lastStatus: 'STOPPED', ...(exitCode === undefined ? {} : { exitCode }) }],
  };
}

/** Our deployment with the breaker counting one failure from the second poll on, until the action stops it; then ECS rolls it back. */
function failingThenRolledBack(): { shows: (clock: FakeClock) => Shown; answered: (action: string, clock: FakeClock) => void } {
  let stoppedAtPoll: number | undefined;
  return {
    shows: (clock) => (stoppedAtPoll === undefined ? inProgress(Math.min(clock.sleeps.length, 1)) : rollingBack(clock.sleeps.length > stoppedAtPoll ? 1 : 0)),
    answered: (_action, clock) => (stoppedAtPoll = clock.sleeps.length),
  };
}

export const producers: Producers = {
  'verdict-fail-fast': async () => (await watchScenario({ ...failingThenRolledBack(), stoppedTasks: [stopped('6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d', '10:00:09', NOT_FOUND)] })).sentence,
  'verdict-flapping': async () => {
    const times = ['10:00:30', '10:01:10', '10:02:00', '10:03:30', '10:05:00', '10:07:00'];
    const tasks = times.map((at, index) => stopped(`f1a0${index}c9d8e7f6a5b4c3d2e1f0a9b8c7d`, at, 'Essential container in task exited', 1));
    return (await watchScenario({ ...failingThenRolledBack(), stoppedTasks: tasks })).sentence;
  },
  'verdict-unverifiable': async () => (await watchScenario({ shows: () => inProgress(), neverListed: true, rollbackOnFailure: false })).sentence,
  'timings-note': async () => {
    elb.reset();
    elb.on(DescribeTargetGroupAttributesCommand).rejects(
      awsError('AccessDenied', 'User: arn:aws:sts::123456789012:assumed-role/github-deploy/GitHubActions is not authorized to perform: elasticloadbalancing:DescribeTargetGroupAttributes because no identity-based policy allows the elasticloadbalancing:DescribeTargetGroupAttributes action'),
    );
    const reads = new Reads();
    await readDeregistrationDelays(reads, new ElasticLoadBalancingV2Client({ region: 'eu-west-1' }), [TARGET_GROUP]);
    return reads.notes.join('\n');
  },
};
