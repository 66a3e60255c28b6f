/**
 * Proves the mocking approach under jest's ESM mode before anything depends on it:
 * @actions/core is replaced with jest.unstable_mockModule (so it must be imported
 * after the mock is registered), and AWS clients are mocked at the client level
 * with aws-sdk-client-mock.
 */
import { jest, describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { ECSClient, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import * as core from '../__fixtures__/core.js';

jest.unstable_mockModule('@actions/core', () => core);
const { run } = await import('../src/main.js');

describe('jest ESM mocking', () => {
  beforeEach(() => {
    process.env.INPUT_MODE = 'bogus';
    core.getInput.mockImplementation((name: string) => process.env[`INPUT_${name.toUpperCase()}`] ?? '');
  });

  it('replaces @actions/core inside the code under test', async () => {
    await run();
    expect(core.setFailed).toHaveBeenCalledWith(
      "Invalid input 'mode': 'bogus'. Expected one of 'deploy', 'rollback', 'smoke', 'run-task'.",
    );
    expect(core.setOutput).toHaveBeenCalledWith('result', 'failed');
  });

  it('mocks an SDK client at the client level and records the exact request', async () => {
    const ecs = mockClient(ECSClient);
    ecs.on(DescribeServicesCommand).resolves({ services: [{ serviceName: 'web' }] });
    const client = new ECSClient({ region: 'eu-west-1' });
    const answer = await client.send(new DescribeServicesCommand({ cluster: 'c', services: ['web'] }));
    expect(answer.services?.[0].serviceName).toBe('web');
    expect(ecs.commandCalls(DescribeServicesCommand)[0].args[0].input).toEqual({ cluster: 'c', services: ['web'] });
    ecs.restore();
  });
});
