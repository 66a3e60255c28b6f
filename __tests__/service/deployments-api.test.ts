/** A staged deployment is refused before any write when the job may not use the Service Deployments API. */
import { describe, expect, it, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { ECSClient, ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import { needsServiceDeployments, requireServiceDeployments } from '../../src/service/deployments-api.js';
import { service } from '../../__fixtures__/ecs/service.js';

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: 'us-east-1' });
const denied = Object.assign(new Error('User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: ecs:ListServiceDeployments'), {
  name: 'AccessDeniedException',
  $metadata: {},
});
const hook = { targetType: 'PAUSE' as const, lifecycleStages: ['POST_SCALE_UP' as const] };

beforeEach(() => {
  ecsMock.reset();
});

describe('needsServiceDeployments', () => {
  it.each([
    [{ strategy: 'BLUE_GREEN' as const }, 'deploys with the BLUE_GREEN strategy'],
    [{ strategy: 'LINEAR' as const }, 'deploys with the LINEAR strategy'],
    [{ strategy: 'CANARY' as const }, 'deploys with the CANARY strategy'],
    [{ strategy: 'ROLLING' as const, lifecycleHooks: [hook] }, 'has lifecycle hooks'],
    [{ strategy: 'ROLLING' as const }, undefined],
    [{}, undefined],
    [undefined, undefined],
  ])('%j: %s', (configuration, why) => {
    expect(needsServiceDeployments(configuration)).toBe(why);
  });
});

describe('requireServiceDeployments', () => {
  it('asks nothing of a rolling service: it can fall back to rolloutState', async () => {
    await requireServiceDeployments(ecs, 'demo', service({ deploymentConfiguration: { strategy: 'ROLLING' } }));
    expect(ecsMock.calls()).toHaveLength(0);
  });

  it('lets a staged service through when one ListServiceDeployments answers', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] });
    await requireServiceDeployments(ecs, 'demo', service({ serviceName: 'web', deploymentConfiguration: { strategy: 'BLUE_GREEN' } }));
    expect(ecsMock.commandCalls(ListServiceDeploymentsCommand).map((call) => call.args[0].input)).toEqual([{ cluster: 'demo', service: 'web', maxResults: 1 }]);
  });

  it('refuses a staged service the job may not watch, naming what to grant and what the service runs', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).rejects(denied);
    const staged = service({ serviceName: 'web', taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1', deploymentConfiguration: { strategy: 'BLUE_GREEN' } });
    await expect(requireServiceDeployments(ecs, 'demo', staged)).rejects.toThrow(
      /^Did not deploy to service 'web' in cluster 'demo': the service deploys with the BLUE_GREEN strategy, .*Nothing was changed: the service runs web:1\. Grant ecs:ListServiceDeployments, ecs:DescribeServiceDeployments and ecs:DescribeServiceRevisions to the role this job runs as\.$/,
    );
  });

  it('leaves other errors to the watch, which retries or reports them', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).rejects(Object.assign(new Error('boom'), { name: 'ServerException', $metadata: {} }));
    await expect(requireServiceDeployments(ecs, 'demo', service({ deploymentConfiguration: { lifecycleHooks: [hook] } }))).resolves.toBeUndefined();
  });
});
