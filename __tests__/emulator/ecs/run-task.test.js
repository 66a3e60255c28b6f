// RunTask and StopTask on the emulator, through the real SDK: validation as ECS answers it, the
// scripted life of a one-off task, idempotency by clientToken, and answers that fit the SDK model.
import { afterEach, describe, expect, it } from '@jest/globals';
import { DescribeTasksCommand, RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { FilterLogEventsCommand, GetLogEventsCommand, CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { startEmulator } from '../../../emulator/index.js';
import { outputProblems } from '../output-shape.js';
import { REGISTRY, SCENARIOS, rejection, scenario, start, until } from '../helpers.js';

const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-12345678'], securityGroups: ['sg-12345678'], assignPublicIp: 'ENABLED' } };

/** healthy.json with an awslogs configuration and scripted one-off runs of web:v1. */
export function loggingScenario() {
  const s = { ...scenario('healthy.json'), timeScale: 100 };
  s.taskDefinitions[0].containerDefinitions[0].logConfiguration = {
    logDriver: 'awslogs',
    options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' },
  };
  s.behaviours = {
    ...s.behaviours,
    [`${REGISTRY}/web:v1`]: {
      startSeconds: 2,
      logs: [{ afterSeconds: 1, message: 'service task started' }],
      runTask: [
        { command: ['migrate'], logs: [{ afterSeconds: 1, message: 'one' }, { afterSeconds: 2, message: 'two' }, { afterSeconds: 30, message: 'never' }], exit: { afterSeconds: 3, code: 4 } },
        { command: ['spot'], stop: { afterSeconds: 1, stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' } },
      ],
    },
  };
  return s;
}

const run = (command, extra = {}) =>
  new RunTaskCommand({ cluster: 'demo', taskDefinition: 'web:1', networkConfiguration: NETWORK, overrides: { containerOverrides: [{ name: 'web', command }] }, startedBy: 'test', ...extra });

describe('RunTask and StopTask', () => {
  /** @type {Awaited<ReturnType<typeof start>> | undefined} */
  let env;
  afterEach(async () => env?.emulator.stop());

  it.each([
    ['no network configuration for awsvpc', { networkConfiguration: undefined }, "Network Configuration must be provided when networkMode 'awsvpc' is specified."],
    ['launch type and capacity providers together', { launchType: 'FARGATE', capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] }, 'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.'],
    ['an override for a container not in the task definition', { overrides: { containerOverrides: [{ name: 'nope', command: ['x'] }] } }, 'Override for container named nope is not a container in the TaskDefinition.'],
  ])('refuses %s (InvalidParameterException)', async (_name, extra, message) => {
    env = await start(loggingScenario());
    const error = await rejection(env.ecs.send(run(['migrate'], extra)));
    expect([error.name, error.message]).toEqual(['InvalidParameterException', message]);
  });

  it('runs the scripted command: log lines over time, the exit code, the stop reason; the same clientToken starts no second task', async () => {
    /** @type {{ service: string, operation: string, output: unknown }[]} */
    const answers = [];
    const emulator = await startEmulator({ scenario: loggingScenario(), baseDir: SCENARIOS, onResponse: (r) => answers.push(r) });
    const config = { endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 };
    const ecs = new ECSClient(config);
    env = { emulator, ecs, ecr: /** @type {any} */ (undefined) };
    const first = await ecs.send(run(['migrate'], { clientToken: 'token-1', launchType: 'FARGATE' }));
    const again = await ecs.send(run(['migrate'], { clientToken: 'token-1', launchType: 'FARGATE' }));
    expect(again.tasks?.[0].taskArn).toBe(first.tasks?.[0].taskArn);
    const taskArn = first.tasks?.[0].taskArn ?? '';
    expect(first.tasks?.[0]).toMatchObject({ group: 'family:web', startedBy: 'test', launchType: 'FARGATE', lastStatus: 'PROVISIONING' });
    const stopped = await until(async () => {
      const answer = await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: [taskArn] }));
      return answer.tasks?.[0].lastStatus === 'STOPPED' && answer;
    });
    expect(stopped.tasks?.[0]).toMatchObject({ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'web', exitCode: 4 }] });
    expect(stopped.tasks?.[0].attachments?.[0].details).toContainEqual({ name: 'subnetId', value: 'subnet-12345678' });
    expect(emulator.state().tasks.filter((t) => t.group === 'family:web')).toHaveLength(1);

    const logs = new CloudWatchLogsClient(config);
    const stream = `web/web/${taskArn.split('/').pop()}`;
    const head = await logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: stream, startFromHead: true, limit: 1 }));
    const rest = await logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: stream, startFromHead: true, nextToken: head.nextForwardToken }));
    const end = await logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: stream, startFromHead: true, nextToken: rest.nextForwardToken }));
    const last = await logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: stream, limit: 1 }));
    const filtered = await logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/web', logStreamNamePrefix: 'web/web/', filterPattern: 'two' }));
    // Lines due after the task stopped are never written; at the end the forward token comes back unchanged.
    expect([head, rest].flatMap((a) => a.events?.map((e) => e.message))).toEqual(['one', 'two']);
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(rest.nextForwardToken);
    expect(last.events?.map((e) => e.message)).toEqual(['two']);
    expect(filtered.events?.map((e) => [e.logStreamName, e.message])).toEqual([[stream, 'two']]);
    const missing = await rejection(logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: 'web/web/nope' })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'The specified log stream does not exist.']);
    const noGroup = await rejection(logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/none', logStreamName: stream })));
    expect([noGroup.name, noGroup.message]).toEqual(['ResourceNotFoundException', 'The specified log group does not exist.']);

    const spot = await ecs.send(run(['spot'], { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] }));
    const spotArn = spot.tasks?.[0].taskArn ?? '';
    const interrupted = await until(async () => {
      const answer = await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: [spotArn] }));
      return answer.tasks?.[0].lastStatus === 'STOPPED' && answer.tasks[0];
    });
    expect(interrupted).toMatchObject({ stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.', capacityProviderName: 'FARGATE_SPOT' });

    const forever = await ecs.send(run(['sleep']));
    const stop = await ecs.send(new StopTaskCommand({ cluster: 'demo', task: forever.tasks?.[0].taskArn, reason: 'took too long' }));
    expect(stop.task).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'took too long' });

    expect([...new Set(answers.map((a) => a.operation))].sort()).toEqual(['DescribeTasks', 'FilterLogEvents', 'GetLogEvents', 'RunTask', 'StopTask']);
    const problems = answers.flatMap((a) => outputProblems(/** @type {any} */ (a.service), a.operation, a.output) ?? [`${a.operation}: the SDK has no output schema`]);
    expect([...new Set(problems)]).toEqual([]);
  });
});
