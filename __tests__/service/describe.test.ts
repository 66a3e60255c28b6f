import { jest, describe, expect, it, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import * as core from '../../__fixtures__/core.js';
import { service } from '../../__fixtures__/ecs/service.js';

jest.unstable_mockModule('@actions/core', () => core);
const { serviceToDeploy } = await import('../../src/service/describe.js');

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: 'us-east-1' });


beforeEach(() => {
  ecsMock.reset();
});

describe('serviceToDeploy', () => {
  it.each([
    ['CODE_DEPLOY', 'uses the CODE_DEPLOY deployment controller. This action deploys services on the ECS deployment controller'],
    ['EXTERNAL', 'uses the EXTERNAL deployment controller'],
  ])('refuses a service on the %s controller', async (type, message) => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [service({ deploymentController: { type: type as 'CODE_DEPLOY' } })] });
    await expect(serviceToDeploy(ecs, 'prod', 'web', 'us-east-1')).rejects.toThrow(message);
  });

  it('names cluster and service when ECS reports it missing', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/wbe', reason: 'MISSING' }] });
    await expect(serviceToDeploy(ecs, 'prod', 'wbe', 'us-east-1')).rejects.toThrow("Could not find service 'wbe' in cluster 'prod' (AWS: MISSING). Check the 'service' and 'cluster' inputs");
  });

  it('returns an active ECS-controlled service', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [service()] });
    await expect(serviceToDeploy(ecs, 'prod', 'web', 'us-east-1')).resolves.toMatchObject({ serviceName: 'web' });
    expect(ecsMock.commandCalls(DescribeServicesCommand)[0].args[0].input).toEqual({ cluster: 'prod', services: ['web'] });
  });
});
