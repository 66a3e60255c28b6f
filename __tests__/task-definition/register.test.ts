import { jest, describe, expect, it, beforeEach } from '@jest/globals';
import * as fs from 'node:fs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ClientException,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import * as core from '../../__fixtures__/core.js';

jest.unstable_mockModule('@actions/core', () => core);
const { describeTaskDefinition, registerTaskDefinition, reusableRevision } = await import('../../src/task-definition/register.js');
const { prepareTaskDefinition } = await import('../../src/task-definition/load.js');

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: 'us-east-1' });
const describeOutput = JSON.parse(fs.readFileSync('__fixtures__/ecs/describe-task-definition-web.json', 'utf8'));
const CURRENT = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:41';


beforeEach(() => {
  ecsMock.reset();
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
      "Could not register a new revision of the task definition family 'web': ClientException: User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/ecsTaskExecutionRole. The role running this job must be allowed 'iam:PassRole'",
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
