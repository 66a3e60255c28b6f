/**
 * Finding our service deployment: the search starts at AWS's stamp of our new deployment (the
 * runner's clock only when AWS gave none, with minutes of margin), never adopts the deployment our
 * update replaced or one older than it, and checks a deployment the answer named like any other.
 */
import { describe, it, expect, afterEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { identifyServiceDeployment, searchFrom, updateTime } from '../../src/watch/identify.js';

const SD = (id: string): string => `arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/${id}`;
const REV = (id: string): string => `arn:aws:ecs:us-east-1:123456789012:service-revision/demo/web/${id}`;
const TD1 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1';
const TD2 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2';
const at = (seconds: number): Date => new Date(Date.UTC(2026, 11, 1, 12, 0, seconds));
const ecsMock = mockClient(ECSClient);
const client = (): ECSClient => new ECSClient({ region: 'us-east-1' });

afterEach(() => {
  ecsMock.reset();
});

describe('updateTime', () => {
  const answer = (id: string, createdAt?: Date): Service => ({ deployments: [{ id, status: 'PRIMARY', taskDefinition: TD2, createdAt }, { id: 'ecs-svc/1', status: 'ACTIVE', taskDefinition: TD1 }] });

  it.each([
    ['AWS stamps our new PRIMARY deployment', answer('ecs-svc/2', at(0)), 'ecs-svc/1', { at: at(0), clock: 'aws' }],
    ['the answer has no createdAt', answer('ecs-svc/2'), 'ecs-svc/1', { at: at(600), clock: 'runner' }],
    ['the PRIMARY is the one from before the update (ECS started no deployment)', answer('ecs-svc/1', at(0)), 'ecs-svc/1', { at: at(600), clock: 'runner' }],
  ])('%s', (_name, service, previousId, expected) => {
    expect(updateTime(service, TD2, at(600), previousId)).toEqual(expected);
  });

  it('a runner clock ten minutes off still covers AWS stamps: the search starts fifteen minutes before it', () => {
    expect(searchFrom({ at: at(600), clock: 'runner' }).getTime()).toBe(at(600).getTime() - 15 * 60_000);
    expect(searchFrom({ at: at(600), clock: 'aws' }).getTime()).toBe(at(570).getTime());
  });
});

describe('identifyServiceDeployment', () => {
  it("a redeploy of web:1 right after web:1's first deployment finds the new one, never the one it replaced", async () => {
    ecsMock.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        { serviceDeploymentArn: SD('first'), createdAt: at(0), targetServiceRevisionArn: REV('r1'), status: 'SUCCESSFUL' },
        { serviceDeploymentArn: SD('replaced'), createdAt: at(1), targetServiceRevisionArn: REV('r2'), status: 'SUCCESSFUL' },
        { serviceDeploymentArn: SD('redeploy'), createdAt: at(2), targetServiceRevisionArn: REV('r3'), status: 'PENDING' },
      ],
    });
    ecsMock.on(DescribeServiceRevisionsCommand).resolves({
      serviceRevisions: [
        { serviceRevisionArn: REV('r1'), taskDefinition: TD1 },
        { serviceRevisionArn: REV('r3'), taskDefinition: TD1 },
      ],
    });
    const found = await identifyServiceDeployment(client(), {
      cluster: 'demo',
      service: 'web',
      taskDefinitionArn: TD1,
      time: { at: at(2), clock: 'aws' },
      previous: SD('replaced'),
    });
    expect(found).toBe(SD('redeploy'));
    expect(ecsMock.commandCalls(DescribeServiceRevisionsCommand)[0].args[0].input.serviceRevisionArns).toEqual([REV('r3')]);
  });

  it("lists from AWS's stamp, not the runner's clock: a runner ten minutes ahead does not hide our deployment", async () => {
    ecsMock.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [{ serviceDeploymentArn: SD('ours'), createdAt: at(1), targetServiceRevisionArn: REV('r2'), status: 'IN_PROGRESS' }],
    });
    ecsMock.on(DescribeServiceRevisionsCommand).resolves({ serviceRevisions: [{ serviceRevisionArn: REV('r2'), taskDefinition: TD2 }] });
    const found = await identifyServiceDeployment(client(), { cluster: 'demo', service: 'web', taskDefinitionArn: TD2, time: { at: at(1), clock: 'aws' } });
    expect(found).toBe(SD('ours'));
    expect(ecsMock.commandCalls(ListServiceDeploymentsCommand)[0].args[0].input.createdAt).toEqual({ after: at(-29) });
  });

  it('a deployment the UpdateService answer named but the list does not show yet is described and checked like the others', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] });
    ecsMock.on(DescribeServiceDeploymentsCommand).resolves({
      serviceDeployments: [{ serviceDeploymentArn: SD('named'), createdAt: at(1), targetServiceRevision: { arn: REV('r2') } }],
    });
    ecsMock.on(DescribeServiceRevisionsCommand).resolves({ serviceRevisions: [{ serviceRevisionArn: REV('r2'), taskDefinition: TD2 }] });
    const update = { cluster: 'demo', service: 'web', time: { at: at(1), clock: 'aws' as const }, named: SD('named') };
    expect(await identifyServiceDeployment(client(), { ...update, taskDefinitionArn: TD2 })).toBe(SD('named'));
    // Named, but of another revision: another run's, never adopted.
    expect(await identifyServiceDeployment(client(), { ...update, taskDefinitionArn: TD1 })).toBeUndefined();
  });
});
