import { jest, describe, expect, it, beforeEach } from '@jest/globals';
import * as fs from 'node:fs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ClientException,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  ServiceNotFoundException,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import * as core from '../__fixtures__/core.js';

jest.unstable_mockModule('@actions/core', () => core);
const { describeService, describeTaskDefinition, registerTaskDefinition, reusableRevision, updateService } = await import('../src/deploy.js');
const { prepareTaskDefinition } = await import('../src/task-definition.js');

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: 'us-east-1' });
const describeOutput = JSON.parse(fs.readFileSync('__fixtures__/ecs/describe-task-definition-web.json', 'utf8'));
const CURRENT = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:41';

function service(overrides: Partial<Service> = {}): Service {
  return {
    serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/web',
    serviceName: 'web',
    status: 'ACTIVE',
    taskDefinition: CURRENT,
    desiredCount: 3,
    runningCount: 3,
    deploymentController: { type: 'ECS' },
    deploymentConfiguration: {
      maximumPercent: 150,
      minimumHealthyPercent: 50,
      deploymentCircuitBreaker: { enable: false, rollback: false },
      alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
      strategy: 'ROLLING',
      bakeTimeInMinutes: 5,
    },
    ...overrides,
  };
}

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

describe('describeService', () => {
  it.each([
    ['CODE_DEPLOY', 'uses the CODE_DEPLOY deployment controller. This action deploys services on the ECS deployment controller'],
    ['EXTERNAL', 'uses the EXTERNAL deployment controller'],
  ])('refuses a service on the %s controller', async (type, message) => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [service({ deploymentController: { type: type as 'CODE_DEPLOY' } })] });
    await expect(describeService(ecs, 'prod', 'web')).rejects.toThrow(message);
  });

  it('names cluster and service when ECS reports it missing', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/wbe', reason: 'MISSING' }] });
    await expect(describeService(ecs, 'prod', 'wbe')).rejects.toThrow("Could not find service 'wbe' in cluster 'prod' (AWS: MISSING). Check the 'service' and 'cluster' inputs");
  });

  it('returns an active ECS-controlled service', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [service()] });
    await expect(describeService(ecs, 'prod', 'web')).resolves.toMatchObject({ serviceName: 'web' });
    expect(ecsMock.commandCalls(DescribeServicesCommand)[0].args[0].input).toEqual({ cluster: 'prod', services: ['web'] });
  });
});

describe('skip-unchanged', () => {
  const request = () => prepareTaskDefinition(structuredClone(describeOutput), 'web.json', []).request;

  it('reuses the current revision when only ECS defaults and list order differ', async () => {
    const registered = structuredClone(describeOutput);
    registered.taskDefinition.containerDefinitions[0].environment.reverse();
    delete registered.taskDefinition.containerDefinitions[0].portMappings[0].protocol;
    ecsMock.on(DescribeTaskDefinitionCommand).resolves(registered);
    const fromFile = request();
    delete fromFile.containerDefinitions![0].essential;
    delete fromFile.containerDefinitions![0].portMappings![0].hostPort;
    await expect(reusableRevision(ecs, fromFile, CURRENT)).resolves.toBe(CURRENT);
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)[0].args[0].input).toEqual({ taskDefinition: CURRENT, include: ['TAGS'] });
  });

  it.each([
    ['an image', (r: ReturnType<typeof request>) => (r.containerDefinitions![0].image = `${r.containerDefinitions![0].image}-2`)],
    ['an environment value', (r: ReturnType<typeof request>) => (r.containerDefinitions![0].environment![1].value = 'beta')],
    ['a tag', (r: ReturnType<typeof request>) => r.tags!.push({ key: 'commit', value: 'abc' })],
    ['task memory', (r: ReturnType<typeof request>) => (r.memory = '2048')],
  ])('registers a new revision when %s changed', async (_what, change) => {
    ecsMock.on(DescribeTaskDefinitionCommand).resolves(structuredClone(describeOutput));
    const changed = request();
    change(changed);
    await expect(reusableRevision(ecs, changed, CURRENT)).resolves.toBeUndefined();
  });
});

describe('registerTaskDefinition', () => {
  it('explains a missing iam:PassRole', async () => {
    ecsMock.on(RegisterTaskDefinitionCommand).rejects(
      new ClientException({ message: 'User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/ecsTaskExecutionRole', $metadata: {} }),
    );
    await expect(registerTaskDefinition(ecs, { family: 'web', containerDefinitions: [] })).rejects.toThrow(
      "Could not register a new revision of the task definition family 'web': ClientException: User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/ecsTaskExecutionRole The role running this job must be allowed 'iam:PassRole'",
    );
  });
});

describe('describeTaskDefinition for a revision a user names', () => {
  it('refuses an INACTIVE revision, naming the input', async () => {
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { taskDefinitionArn: `${CURRENT.slice(0, -2)}12`, status: 'INACTIVE' } });
    await expect(describeTaskDefinition(ecs, 'web:12', { inputName: 'task-definition-arn' })).rejects.toThrow(
      "Invalid input 'task-definition-arn': 'web:12' is INACTIVE, and ECS cannot deploy an inactive revision. Register it again, or name an ACTIVE revision.",
    );
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)[0].args[0].input).toEqual({ taskDefinition: 'web:12' });
  });

  it('refuses a revision that does not exist, naming the input', async () => {
    ecsMock.on(DescribeTaskDefinitionCommand).rejects(new ClientException({ message: 'Unable to describe task definition.', $metadata: {} }));
    await expect(describeTaskDefinition(ecs, 'web:99', { inputName: 'task-definition-arn' })).rejects.toThrow(
      "Invalid input 'task-definition-arn': 'web:99' is not a registered task definition revision (DescribeTaskDefinition said: Unable to describe task definition.)",
    );
  });
});
