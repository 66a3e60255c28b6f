// CloudWatch Logs requests the API reference refuses, and FilterLogEvents' startFromHead
// (CloudWatch Logs API reference, "GetLogEvents" and "FilterLogEvents").
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchLogsClient, FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LogStore } from '../../../emulator/logs/store.js';
import { REGISTRY, rejection, scenario, start, until } from '../helpers.js';

const GROUP_ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web';

describe('through the SDK, against a group a service task wrote to', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let env;
  /** @type {CloudWatchLogsClient} */
  let logs;
  let stream = '';

  beforeAll(async () => {
    const s = { ...scenario('healthy.json'), timeScale: 100 };
    s.taskDefinitions[0].containerDefinitions[0].logConfiguration = {
      logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' },
    };
    s.behaviours = { ...s.behaviours, [`${REGISTRY}/web:v1`]: { startSeconds: 2, logs: [{ afterSeconds: 1, message: 'service task started' }] } };
    env = await start(s);
    logs = new CloudWatchLogsClient({ endpoint: env.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    stream = await until(async () => (await logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/web' }))).events?.[0]?.logStreamName);
  });
  afterAll(async () => env.emulator.stop());

  const EITHER = 'You must include either logGroupIdentifier or logGroupName, but not both.';
  const BAD_TOKEN = 'The specified nextToken is invalid.';
  it.each([
    ['FilterLogEvents with both logGroupName and logGroupIdentifier', () => new FilterLogEventsCommand({ logGroupName: '/ecs/web', logGroupIdentifier: GROUP_ARN }), EITHER],
    ['GetLogEvents with neither', () => new GetLogEventsCommand({ logStreamName: stream }), EITHER],
    ['a FilterLogEvents token that is not one', () => new FilterLogEventsCommand({ logGroupName: '/ecs/web', nextToken: 'OTk5' }), BAD_TOKEN],
    ['a FilterLogEvents token spelled like one but never issued', () => new FilterLogEventsCommand({ logGroupName: '/ecs/web', nextToken: `f/${'7'.padStart(56, '0')}/s` }), BAD_TOKEN],
    ['a GetLogEvents token never issued', () => new GetLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: stream, startFromHead: true, nextToken: `f/${'3'.padStart(56, '0')}/s` }), BAD_TOKEN],
    ['FilterLogEvents backwards from before 2024', () => new FilterLogEventsCommand({ logGroupName: '/ecs/web', startFromHead: false, startTime: Date.UTC(2023, 11, 31) }),
      'Setting startFromHead to false is supported only when startTime is on or after Jan 1, 2024 00:00:00 UTC.'],
  ])('refuses %s (InvalidParameterException)', async (_kind, command, message) => {
    const error = await rejection(logs.send(/** @type {any} */ (command())));
    expect([error.name, error.message]).toEqual(['InvalidParameterException', message]);
  });

  it('reads a group named by its ARN, and refuses the ARN with its trailing :* (the identifier pattern has no *)', async () => {
    const byArn = await logs.send(new FilterLogEventsCommand({ logGroupIdentifier: GROUP_ARN }));
    expect(byArn.events?.map((e) => e.message)).toContain('service task started');
    const starred = await rejection(logs.send(new FilterLogEventsCommand({ logGroupIdentifier: `${GROUP_ARN}:*` })));
    expect(starred.name).toBe('InvalidParameterException');
  });
});

describe('LogStore: tokens and directions', () => {
  const T0 = Date.UTC(2026, 0, 1);
  /** @param {ConstructorParameters<typeof LogStore>[0]} [choices] */
  const storeWith = (choices) => {
    const store = new LogStore(choices);
    ['one', 'two', 'three', 'four', 'five'].forEach((message, i) => store.write('/g', i % 2 ? 'b' : 'a', T0 + i * 1000, message));
    return store;
  };
  /** @param {{ events: { message: string }[] }} answer */
  const messages = (answer) => answer.events.map((e) => e.message);

  it('FilterLogEvents reads oldest first by default, and the token carries on forward', () => {
    const store = storeWith();
    const first = store.filterLogEvents({ logGroupName: '/g', limit: 2 });
    const second = store.filterLogEvents({ logGroupName: '/g', limit: 2, nextToken: first.nextToken });
    expect([messages(first), messages(second)]).toEqual([['one', 'two'], ['three', 'four']]);
  });

  it('FilterLogEvents startFromHead false reads newest first; the token keeps that direction even if startFromHead says otherwise', () => {
    const store = storeWith();
    const first = store.filterLogEvents({ logGroupName: '/g', limit: 2, startFromHead: false, startTime: T0 });
    const second = store.filterLogEvents({ logGroupName: '/g', limit: 2, startFromHead: true, nextToken: first.nextToken });
    const last = store.filterLogEvents({ logGroupName: '/g', limit: 2, nextToken: second.nextToken });
    expect([messages(first), messages(second), messages(last), last.nextToken]).toEqual([['five', 'four'], ['three', 'two'], ['one'], undefined]);
  });

  it.each([
    ['allow', undefined],
    ['refuse', 'Setting startFromHead to false is supported only when startTime is on or after Jan 1, 2024 00:00:00 UTC.'],
  ])('FilterLogEvents startFromHead false without a startTime (undocumented.filterLogEventsBackwardWithoutStartTime: %s)', (choice, refusal) => {
    const store = storeWith({ filterLogEventsBackwardWithoutStartTime: /** @type {'allow' | 'refuse'} */ (choice) });
    const attempt = () => store.filterLogEvents({ logGroupName: '/g', startFromHead: false });
    if (refusal) expect(attempt).toThrow(refusal);
    else expect(messages(attempt())).toEqual(['five', 'four', 'three', 'two', 'one']);
  });

  it('GetLogEvents honours startFromHead false (the default): the last events, then backwards with the backward token', () => {
    const store = storeWith();
    const last = store.getLogEvents({ logGroupName: '/g', logStreamName: 'a', limit: 2 });
    const before = store.getLogEvents({ logGroupName: '/g', logStreamName: 'a', limit: 2, nextToken: last.nextBackwardToken });
    const head = store.getLogEvents({ logGroupName: '/g', logStreamName: 'a', limit: 2, startFromHead: true });
    expect([messages(last), messages(before), messages(head)]).toEqual([['three', 'five'], ['one'], ['one', 'three']]);
  });
});
