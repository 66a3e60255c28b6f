/**
 * A service deployment that ECS never lists. Unit-level because the window is two minutes of the
 * runner's clock: a runner-level test would wait that long for real (the fake clock here runs
 * through it at once). deployments[] reads COMPLETED on every poll, the early green the watch must
 * not take: it keeps looking for the set time, then fails the deployment as unverifiable.
 */
import { jest, describe, it, expect, afterEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeServicesCommand, DescribeServiceDeploymentsCommand, ECSClient, ListServiceDeploymentsCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import * as core from '../../__fixtures__/core.js';
import { FakeClock } from '../../__fixtures__/fake-clock.js';
import { loadFixture, SD_OLD, TD7, TD8, UPDATED_AT } from '../../__fixtures__/watch/load.js';

jest.unstable_mockModule('@actions/core', () => core);
const { watchDeployment } = await import('../../src/rollback/guarded-watch.js');
const { IDENTIFY_WINDOW_MS } = await import('../../src/watch/identify.js');

const POLL_MS = 5_000;
const ecs = mockClient(ECSClient);
afterEach(() => {
  ecs.reset();
});

describe('a service deployment ECS never lists', () => {
  it('is looked for during the window, never judged by rolloutState, then failed as unverifiable', async () => {
    const success = loadFixture('success');
    const completed = success.polls.at(-1).describeServices;
    ecs.on(DescribeServicesCommand).resolves(completed);
    // Only the deployment our update replaced: ours never shows.
    ecs.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [{ serviceDeploymentArn: SD_OLD, createdAt: new Date('2026-03-02T10:00:00.000Z'), targetServiceRevisionArn: 'arn:aws:ecs:eu-west-1:123456789012:service-revision/demo/web/1', status: 'SUCCESSFUL' }],
    });
    ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    const clock = new FakeClock(UPDATED_AT.getTime());
    const outcome = await watchDeployment(
      new ECSClient({ region: 'eu-west-1' }),
      {
        cluster: 'demo',
        service: 'web',
        taskDefinitionArn: TD8,
        previousTaskDefinitionArn: TD7,
        updatedAt: UPDATED_AT,
        updateResponse: { ...success.updateService.service, currentServiceDeployment: undefined },
        previousServiceDeploymentArn: SD_OLD,
      },
      { timeoutMs: 30 * 60_000, pollIntervalMs: POLL_MS, rollbackOnFailure: false, clock },
    );
    expect(outcome.verdict).toBe('failed');
    expect(outcome.sentence).toMatch(
      /^Deployment of web:8 to demo\/web failed: it cannot be verified: ECS listed no service deployment of web:8 created by this update \(ListServiceDeployments since 2026-03-02T09:59:30\.400Z, by AWS's clock\) within 2 minutes, so the action cannot see its bake time, lifecycle hooks or alarms/,
    );
    expect(outcome.sentence).toContain('rollback-on-failure is off, so the service stays on web:8');
    // A set time, not a number of polls: one look per poll until the window had passed.
    const elapsed = clock.now() - UPDATED_AT.getTime();
    expect(elapsed).toBeGreaterThanOrEqual(IDENTIFY_WINDOW_MS);
    expect(elapsed).toBeLessThan(IDENTIFY_WINDOW_MS + 2 * POLL_MS);
    expect(ecs.commandCalls(ListServiceDeploymentsCommand)).toHaveLength(IDENTIFY_WINDOW_MS / POLL_MS + 1);
    expect(ecs.commandCalls(DescribeServiceDeploymentsCommand)).toHaveLength(0);
    expect(core.warning).toHaveBeenCalledWith(expect.stringMatching(/^ECS listed no service deployment of web:8 .*: the deployment is failed as unverifiable\.$/));
  });

  it('ECS started no deployment, and the one there has no service deployment to read: deployments[] decides, at once', async () => {
    const success = loadFixture('success');
    ecs.on(DescribeServicesCommand).resolves(success.polls.at(-1).describeServices);
    ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    const clock = new FakeClock(UPDATED_AT.getTime());
    const answer = success.updateService.service;
    const outcome = await watchDeployment(
      new ECSClient({ region: 'eu-west-1' }),
      { cluster: 'demo', service: 'web', taskDefinitionArn: TD8, previousTaskDefinitionArn: TD8, updatedAt: UPDATED_AT, updateResponse: answer, previousDeploymentId: answer.deployments[0].id },
      { timeoutMs: 30 * 60_000, pollIntervalMs: POLL_MS, rollbackOnFailure: false, clock },
    );
    expect(outcome.verdict).toBe('deployed');
    expect(clock.sleeps).toEqual([]);
    expect(ecs.commandCalls(ListServiceDeploymentsCommand)).toHaveLength(0);
    expect(core.info).toHaveBeenCalledWith(`UpdateService started no new deployment: web:8 was already the service's PRIMARY deployment (${answer.deployments[0].id}).`);
  });
});
