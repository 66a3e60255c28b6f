import { jest, describe, expect, it, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ECSClient,
  ServiceNotFoundException,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import * as core from '../../__fixtures__/core.js';
import { CURRENT, service } from '../../__fixtures__/ecs/service.js';

jest.unstable_mockModule('@actions/core', () => core);
const { updateService } = await import('../../src/service/update.js');

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: 'us-east-1' });


beforeEach(() => {
  ecsMock.reset();
});

describe('updateService', () => {
  const inputs = {
    forceNewDeployment: true,
    enableExecuteCommand: true,
    circuitBreaker: 'rollback' as const,
    desiredCount: undefined,
    propagateTags: undefined,
    enableEcsManagedTags: undefined,
  };

  const settings: Array<['rollback' | 'detect', { enable: boolean; rollback: boolean }]> = [
    ['rollback', { enable: true, rollback: true }],
    ['detect', { enable: true, rollback: false }],
  ];
  it.each(settings)('merges circuit-breaker %s into the service configuration, keeping the rest', async (setting, breaker) => {
    ecsMock.on(UpdateServiceCommand).resolves({ service: service() });
    await updateService(ecs, { cluster: 'prod', service: 'web', taskDefinitionArn: `${CURRENT.slice(0, -2)}42`, current: service(), inputs: { ...inputs, circuitBreaker: setting } });
    expect(ecsMock.commandCalls(UpdateServiceCommand)[0].args[0].input).toEqual({
      cluster: 'prod',
      service: 'web',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:42',
      forceNewDeployment: true,
      enableExecuteCommand: true,
      deploymentConfiguration: {
        maximumPercent: 150,
        minimumHealthyPercent: 50,
        deploymentCircuitBreaker: breaker,
        alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
        strategy: 'ROLLING',
        bakeTimeInMinutes: 5,
      },
    });
  });

  it('keeps threshold settings of the breaker and sends nothing for keep', async () => {
    ecsMock.on(UpdateServiceCommand).resolves({ service: service() });
    const current = service({
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: false, resetOnHealthyTask: false, thresholdConfiguration: { type: 'COUNT', value: 4 } } as never,
      },
    });
    await updateService(ecs, { cluster: 'prod', service: 'web', taskDefinitionArn: CURRENT, current, inputs });
    await updateService(ecs, { cluster: 'prod', service: 'web', taskDefinitionArn: CURRENT, current, inputs: { ...inputs, circuitBreaker: 'keep', desiredCount: 0, propagateTags: 'SERVICE', enableEcsManagedTags: false } });
    const [first, second] = ecsMock.commandCalls(UpdateServiceCommand).map((call) => call.args[0].input);
    expect(first.deploymentConfiguration?.deploymentCircuitBreaker).toEqual({
      enable: true,
      rollback: true,
      resetOnHealthyTask: false,
      thresholdConfiguration: { type: 'COUNT', value: 4 },
    });
    expect(second).toEqual({
      cluster: 'prod',
      service: 'web',
      taskDefinition: CURRENT,
      forceNewDeployment: true,
      enableExecuteCommand: true,
      desiredCount: 0,
      propagateTags: 'SERVICE',
      enableECSManagedTags: false,
    });
  });

  it('says which inputs to check when the service is missing', async () => {
    ecsMock.on(UpdateServiceCommand).rejects(new ServiceNotFoundException({ message: 'Service not found.', $metadata: {} }));
    await expect(updateService(ecs, { cluster: 'prod', service: 'wbe', taskDefinitionArn: CURRENT, current: service(), inputs })).rejects.toThrow(
      `Could not update service 'wbe' in cluster 'prod' to ${CURRENT}: ServiceNotFoundException: Service not found. Check the 'service' ('wbe') and 'cluster' ('prod') inputs.`,
    );
  });
});
