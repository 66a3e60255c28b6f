/** The watch's own backoff after throttling is jittered with the clock's draw, like every other backoff. */
import { jest, describe, it, expect, afterEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import * as core from '../../__fixtures__/core.js';
import { FakeClock } from '../../__fixtures__/fake-clock.js';
import { loadFixture, SD_OLD, SD_OURS, TD7, TD8, UPDATED_AT } from '../../__fixtures__/watch/load.js';

jest.unstable_mockModule('@actions/core', () => core);
const { watchDeployment } = await import('../../src/rollback/guarded-watch.js');

const POLL_MS = 5_000;
const ecs = mockClient(ECSClient);
afterEach(() => {
  ecs.reset();
});

describe('the watch backs off from throttling with jitter', () => {
  it('each wait lies between half the doubled interval and all of it, as the clock draws', async () => {
    const success = loadFixture('success');
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    ecs.on(DescribeServicesCommand).rejectsOnce(throttled).rejectsOnce(throttled).resolves(success.polls.at(-1).describeServices);
    ecs.on(ListServiceDeploymentsCommand).resolves(loadFixture('list-service-deployments').answer);
    ecs.on(DescribeServiceRevisionsCommand).callsFake((input: { serviceRevisionArns: string[] }) => ({
      serviceRevisions: input.serviceRevisionArns.map((arn) => ({ serviceRevisionArn: arn, taskDefinition: arn.endsWith('4021234567890123456') ? TD8 : TD7 })),
    }));
    ecs.on(DescribeServiceDeploymentsCommand).resolves(success.polls.at(-1).describeServiceDeployments);
    ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    const clock = Object.assign(new FakeClock(UPDATED_AT.getTime()), { random: () => 0.5 });
    const outcome = await watchDeployment(
      new ECSClient({ region: 'eu-west-1' }),
      { cluster: 'demo', service: 'web', taskDefinitionArn: TD8, previousTaskDefinitionArn: TD7, updatedAt: UPDATED_AT, updateResponse: success.updateService.service, previousServiceDeploymentArn: SD_OLD },
      { timeoutMs: 600_000, pollIntervalMs: POLL_MS, rollbackOnFailure: true, clock },
    );
    expect(outcome.verdict).toBe('deployed');
    expect(outcome.serviceDeploymentArn).toBe(SD_OURS);
    expect(clock.sleeps).toEqual([0.75 * 2 * POLL_MS, 0.75 * 4 * POLL_MS]);
  });
});
