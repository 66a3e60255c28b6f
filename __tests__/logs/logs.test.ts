/** Where a container's log lines are, and reading them: the last lines, and a tail that follows forward tokens. */
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchLogsClient, GetLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { logSourceOf } from '../../src/logs/source.js';
import { LogTail, lastLines, unreadable } from '../../src/logs/reader.js';

const TASK = 'arn:aws:ecs:eu-west-1:123456789012:task/prod/0f1e2d3c';
const awslogs = (options: Record<string, string>) => ({ name: 'web', logConfiguration: { logDriver: 'awslogs' as const, options } });

describe('logSourceOf', () => {
  it.each([
    ['awslogs with a prefix', awslogs({ 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'app', 'awslogs-region': 'us-west-2' }), { found: { group: '/ecs/web', stream: 'app/web/0f1e2d3c', region: 'us-west-2' } }],
    ['awslogs in the default region', awslogs({ 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'app' }), { found: { group: '/ecs/web', stream: 'app/web/0f1e2d3c', region: 'eu-west-1' } }],
    ['no prefix', awslogs({ 'awslogs-group': '/ecs/web' }), { missing: "container 'web' has no awslogs-stream-prefix, so ECS names no stream the action can find; set awslogs-group and awslogs-stream-prefix in its logConfiguration." }],
    ['FireLens', { name: 'web', logConfiguration: { logDriver: 'awsfirelens' as const } }, { missing: "container 'web' sends its logs through FireLens (awsfirelens), to wherever its log router is configured; read them there." }],
    ['no log configuration', { name: 'web' }, { missing: "container 'web' has no logConfiguration, so its output went nowhere the action can read; add the awslogs driver with awslogs-group and awslogs-stream-prefix." }],
  ])('%s', (_name, container, expected) => {
    expect(logSourceOf(container, TASK, 'eu-west-1')).toEqual(expected);
  });
});

describe('reading a stream', () => {
  const source = { group: '/ecs/web', stream: 'app/web/0f1e2d3c', region: 'eu-west-1' };
  const event = (message: string) => ({ message, timestamp: 1, ingestionTime: 1 });

  it('the last lines come from the end of the stream', async () => {
    const logs = mockClient(CloudWatchLogsClient);
    logs.on(GetLogEventsCommand).resolves({ events: [event('a'), event('b')] });
    expect(await lastLines(new CloudWatchLogsClient({ region: 'eu-west-1' }), source, 2)).toEqual(['a', 'b']);
    expect(logs.commandCalls(GetLogEventsCommand)[0].args[0].input).toEqual({ logGroupName: '/ecs/web', logStreamName: 'app/web/0f1e2d3c', startFromHead: false, limit: 2 });
    logs.restore();
  });

  it('the tail follows nextForwardToken, stops when the same token comes back, and reads a stream not yet created as no lines', async () => {
    const logs = mockClient(CloudWatchLogsClient);
    logs
      .on(GetLogEventsCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: 'The specified log stream does not exist.', $metadata: {} }))
      .resolvesOnce({ events: [event('one')], nextForwardToken: 'f/1' })
      .resolvesOnce({ events: [], nextForwardToken: 'f/1' })
      .resolvesOnce({ events: [event('two')], nextForwardToken: 'f/2' })
      .resolvesOnce({ events: [], nextForwardToken: 'f/2' });
    const tail = new LogTail(new CloudWatchLogsClient({ region: 'eu-west-1' }), source);
    expect(await tail.next()).toEqual([]);
    expect(await tail.next()).toEqual(['one']);
    expect(await tail.next()).toEqual(['two']);
    expect(logs.commandCalls(GetLogEventsCommand).map((call) => call.args[0].input.nextToken)).toEqual([undefined, undefined, 'f/1', 'f/1', 'f/2']);
    logs.restore();
  });

  it('says why lines cannot be read, and what to do', () => {
    const denied = Object.assign(new Error('User: x is not authorized to perform: logs:GetLogEvents'), { name: 'AccessDeniedException' });
    expect(unreadable(source, denied)).toBe(
      'The log lines of stream app/web/0f1e2d3c in /ecs/web are not shown: the action may not read them (User: x is not authorized to perform: logs:GetLogEvents); grant logs:GetLogEvents and logs:FilterLogEvents on the log group /ecs/web.',
    );
  });
});
