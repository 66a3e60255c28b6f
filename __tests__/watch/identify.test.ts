/**
 * Finding our service deployment among the ones listed since our update: never one older than
 * the deployment our update replaced, even when the clock-skew window lets it in.
 */
import { describe, it, expect } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeServiceRevisionsCommand, ECSClient, ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import { identifyServiceDeployment } from '../../src/watch/identify.js';

const SD = (id: string): string => `arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/${id}`;
const REV = (id: string): string => `arn:aws:ecs:us-east-1:123456789012:service-revision/demo/web/${id}`;
const TD1 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1';
const at = (seconds: number): Date => new Date(Date.UTC(2026, 11, 1, 12, 0, seconds));

describe('identifyServiceDeployment', () => {
  it('a redeploy of web:1 within the skew window of web:1\'s first deployment finds the new one', async () => {
    const ecs = mockClient(ECSClient);
    ecs.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        { serviceDeploymentArn: SD('first'), createdAt: at(0), targetServiceRevisionArn: REV('r1'), status: 'SUCCESSFUL' },
        { serviceDeploymentArn: SD('replaced'), createdAt: at(1), targetServiceRevisionArn: REV('r2'), status: 'SUCCESSFUL' },
        { serviceDeploymentArn: SD('redeploy'), createdAt: at(2), targetServiceRevisionArn: REV('r3'), status: 'PENDING' },
      ],
    });
    ecs.on(DescribeServiceRevisionsCommand).resolves({
      serviceRevisions: [
        { serviceRevisionArn: REV('r1'), taskDefinition: TD1 },
        { serviceRevisionArn: REV('r3'), taskDefinition: TD1 },
      ],
    });
    const found = await identifyServiceDeployment(new ECSClient({ region: 'us-east-1' }), {
      cluster: 'demo',
      service: 'web',
      taskDefinitionArn: TD1,
      notBefore: at(0),
      excluding: SD('replaced'),
    });
    expect(found).toBe(SD('redeploy'));
    expect(ecs.commandCalls(DescribeServiceRevisionsCommand)[0].args[0].input.serviceRevisionArns).toEqual([REV('r3')]);
    ecs.restore();
  });
});
