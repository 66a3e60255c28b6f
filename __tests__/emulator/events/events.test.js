// EventBridge in the emulator, through the real SDK client: rules found by target, targets listed
// page by page, PutTargets replacing a whole target, and partial failures.
import { afterEach, describe, expect, it } from '@jest/globals';
import { EventBridgeClient, ListRuleNamesByTargetCommand, ListTargetsByRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { startEmulator } from '../../../emulator/index.js';
import { rejection } from '../helpers.js';

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo';
const OTHER_CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/other';

/** A whole ECS target, every member set. @param {string} id @param {string} taskDefinition */
function ecsTarget(id, taskDefinition, arn = CLUSTER) {
  return {
    Id: id,
    Arn: arn,
    RoleArn: 'arn:aws:iam::123456789012:role/ecsEventsRole',
    Input: '{"containerOverrides":[{"name":"web","command":["./report"]}]}',
    EcsParameters: {
      TaskDefinitionArn: taskDefinition,
      TaskCount: 2,
      LaunchType: 'FARGATE',
      NetworkConfiguration: { awsvpcConfiguration: { Subnets: ['subnet-1'], SecurityGroups: ['sg-1'], AssignPublicIp: 'DISABLED' } },
      PlatformVersion: '1.4.0',
      Group: 'reports',
      EnableECSManagedTags: true,
      EnableExecuteCommand: false,
      PropagateTags: 'TASK_DEFINITION',
      ReferenceId: 'nightly',
      Tags: [{ Key: 'team', Value: 'data' }],
    },
    DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
    RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
  };
}

const TD = (revision) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${revision}`;

function scenario(events) {
  return { clusters: [{ name: 'demo' }], events };
}

let emulator;
afterEach(async () => emulator?.stop());

async function start(events) {
  emulator = await startEmulator({ scenario: scenario(events) });
  return new EventBridgeClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
}

const rules = [
  { Name: 'a-nightly', ScheduleExpression: 'cron(0 3 * * ? *)', Targets: [ecsTarget('report', TD(1))] },
  { Name: 'b-other-cluster', ScheduleExpression: 'rate(1 hour)', Targets: [ecsTarget('x', TD(1), OTHER_CLUSTER)] },
  { Name: 'c-hourly', ScheduleExpression: 'rate(1 hour)', Targets: [ecsTarget('t1', TD(1)), ecsTarget('t2', TD(1)), ecsTarget('t3', 'arn:aws:ecs:us-east-1:123456789012:task-definition/web')] },
  { Name: 'd-on-bus', EventBusName: 'orders', EventPattern: '{"source":["shop"]}', Targets: [ecsTarget('o', TD(1))] },
];

describe('EventBridge (emulator)', () => {
  it('ListRuleNamesByTarget: the rules with a target of exactly that ARN, on the bus asked (default when none), page by page', async () => {
    const client = await start({ pageSize: 1, rules });
    const first = await client.send(new ListRuleNamesByTargetCommand({ TargetArn: CLUSTER }));
    expect(first.RuleNames).toEqual(['a-nightly']);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await client.send(new ListRuleNamesByTargetCommand({ TargetArn: CLUSTER, NextToken: first.NextToken }));
    expect(second).toMatchObject({ RuleNames: ['c-hourly'] });
    expect(second.NextToken).toBeUndefined();
    const onBus = await client.send(new ListRuleNamesByTargetCommand({ TargetArn: CLUSTER, EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' }));
    expect(onBus.RuleNames).toEqual(['d-on-bus']);
  });

  it('ListTargetsByRule: the targets as they were put, in pages of at most Limit; an unknown rule or a foreign token is refused', async () => {
    const client = await start({ rules });
    const first = await client.send(new ListTargetsByRuleCommand({ Rule: 'c-hourly', Limit: 2 }));
    expect(first.Targets.map((t) => t.Id)).toEqual(['t1', 't2']);
    expect(first.Targets[0]).toEqual(ecsTarget('t1', TD(1)));
    const second = await client.send(new ListTargetsByRuleCommand({ Rule: 'c-hourly', Limit: 2, NextToken: first.NextToken }));
    expect(second.Targets.map((t) => t.Id)).toEqual(['t3']);
    const missing = await rejection(client.send(new ListTargetsByRuleCommand({ Rule: 'nope' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toBe('Rule nope does not exist on EventBus default.');
    const foreign = await rejection(client.send(new ListTargetsByRuleCommand({ Rule: 'a-nightly', NextToken: first.NextToken })));
    expect(foreign.name).toBe('ValidationException');
    const tooMany = await rejection(client.send(new ListTargetsByRuleCommand({ Rule: 'a-nightly', Limit: 101 })));
    expect(tooMany.name).toBe('ValidationException');
  });

  it('PutTargets replaces the whole target: a member left out is gone', async () => {
    const client = await start({ rules });
    const { Input, RetryPolicy, ...lossy } = ecsTarget('report', TD(2));
    const answer = await client.send(new PutTargetsCommand({ Rule: 'a-nightly', Targets: [lossy] }));
    expect(answer).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    const [stored] = emulator.state().events.find((r) => r.Name === 'a-nightly').Targets;
    expect(stored).toEqual(lossy);
    expect(stored.Input).toBeUndefined();
    expect(stored.RetryPolicy).toBeUndefined();
    expect(Input).toBeDefined();
    expect(RetryPolicy).toBeDefined();
  });

  it('PutTargets fails partly as scripted: FailedEntryCount and FailedEntries, the failed target unchanged, the others written; `calls` limits it', async () => {
    const client = await start({
      rules,
      putTargetsFailures: [{ rule: 'c-hourly', targetId: 't2', errorCode: 'ConcurrentModificationException', errorMessage: 'Too many requests at the same time.', calls: 1 }],
    });
    const answer = await client.send(new PutTargetsCommand({ Rule: 'c-hourly', Targets: [ecsTarget('t1', TD(2)), ecsTarget('t2', TD(2))] }));
    expect(answer.FailedEntryCount).toBe(1);
    expect(answer.FailedEntries).toEqual([{ TargetId: 't2', ErrorCode: 'ConcurrentModificationException', ErrorMessage: 'Too many requests at the same time.' }]);
    const stored = () => emulator.state().events.find((r) => r.Name === 'c-hourly').Targets;
    expect(stored().map((t) => t.EcsParameters.TaskDefinitionArn)).toEqual([TD(2), TD(1), 'arn:aws:ecs:us-east-1:123456789012:task-definition/web']);
    const again = await client.send(new PutTargetsCommand({ Rule: 'c-hourly', Targets: [ecsTarget('t2', TD(2))] }));
    expect(again.FailedEntryCount).toBe(0);
    expect(stored()[1]).toEqual(ecsTarget('t2', TD(2)));
  });

  it('PutTargets refuses as a whole: Input with InputPath, an ECS target without TaskDefinitionArn, an unknown rule', async () => {
    const client = await start({ rules });
    const both = await rejection(client.send(new PutTargetsCommand({ Rule: 'a-nightly', Targets: [{ ...ecsTarget('report', TD(2)), InputPath: '$.detail' }] })));
    expect(both.name).toBe('ValidationException');
    const { EcsParameters, ...target } = ecsTarget('report', TD(2));
    const noRevision = await rejection(client.send(new PutTargetsCommand({ Rule: 'a-nightly', Targets: [{ ...target, EcsParameters: { ...EcsParameters, TaskDefinitionArn: undefined } }] })));
    expect(noRevision.name).toBe('ValidationException');
    const unknown = await rejection(client.send(new PutTargetsCommand({ Rule: 'nope', EventBusName: 'orders', Targets: [target] })));
    expect(unknown.message).toBe('Rule nope does not exist on EventBus orders.');
    expect(emulator.state().events.find((r) => r.Name === 'a-nightly').Targets).toEqual([ecsTarget('report', TD(1))]);
  });

  it('answers faults.accessDenied as IAM does, naming the events: action', async () => {
    emulator = await startEmulator({ scenario: { ...scenario({ rules }), faults: { accessDenied: ['PutTargets'] } } });
    const client = new EventBridgeClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    const denied = await rejection(client.send(new PutTargetsCommand({ Rule: 'a-nightly', Targets: [ecsTarget('report', TD(2))] })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain('is not authorized to perform: events:PutTargets');
  });

  it('checks the scenario: a failure naming an unknown target, duplicate ids, more than five targets', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ecsTarget(`t${i}`, TD(1)));
    await expect(startEmulator({ scenario: scenario({ rules: [{ Name: 'r', Targets: six }, { Name: 'r', Targets: [] }], putTargetsFailures: [{ rule: 'r', targetId: 'zz', errorCode: 'E', errorMessage: 'm' }] }) }))
      .rejects.toThrow([
        'Invalid scenario object:',
        '  $.events.rules[0].Targets: a rule has at most 5 targets, got 6',
        '  $.events.rules[1].Name: duplicate rule "r" on event bus "default"',
        '  $.events.putTargetsFailures[0].targetId: rule "r" has no target "zz" (have: none)',
      ].join('\n'));
  });
});
