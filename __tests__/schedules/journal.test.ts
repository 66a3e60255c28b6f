/** Moving with a journal and writing it back: whole targets and schedules, partial failures, the past StartDate, the cancel. */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgeClient, PutTargetsCommand, type Target } from '@aws-sdk/client-eventbridge';
import { SchedulerClient, UpdateScheduleCommand, type UpdateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import { moveAll, restore, type MoveContext } from '../../src/schedules/journal.js';
import type { Move } from '../../src/schedules/plan.js';
import { updateSchedule } from '../../src/schedules/schedules.js';

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo';
const TD = (rev: string) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${rev}`;
const NOW = Date.parse('2026-06-01T12:00:00Z');
const events = mockClient(EventBridgeClient);
const scheduler = mockClient(SchedulerClient);

function context(signal = new AbortController().signal): MoveContext {
  const eventsClient = new EventBridgeClient({ region: 'us-east-1' });
  const schedulerClient = new SchedulerClient({ region: 'us-east-1' });
  return { clients: { events: async () => eventsClient, scheduler: async () => schedulerClient }, clock: { now: () => NOW }, signal };
}

const target = (id: string): Target => ({
  Id: id,
  Arn: CLUSTER,
  RoleArn: 'arn:aws:iam::123456789012:role/events',
  Input: '{"containerOverrides":[]}',
  RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 7200 },
  DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
  EcsParameters: { TaskDefinitionArn: TD('web:6'), TaskCount: 2, LaunchType: 'FARGATE', Tags: [{ Key: 'team', Value: 'data' }] },
});
const ruleMove = (rule: string, ...ids: string[]): Move => ({
  kind: 'rule',
  rule,
  eventBus: 'default',
  targets: ids.map((id) => ({ key: `${rule}/${id}`, original: target(id), from: 'web:6', to: 'web:7', toArn: TD('web:7') })),
});
const vacuum: UpdateScheduleCommandInput = {
  Name: 'vacuum',
  GroupName: 'jobs',
  Description: 'Vacuum',
  ScheduleExpression: 'cron(0 2 * * ? *)',
  ScheduleExpressionTimezone: 'Europe/Paris',
  StartDate: new Date('2030-01-01T00:00:00Z'),
  State: 'DISABLED',
  KmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k',
  FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
  Target: { Arn: CLUSTER, RoleArn: 'arn:aws:iam::123456789012:role/scheduler', RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 }, EcsParameters: { TaskDefinitionArn: TD('web:6'), TaskCount: 1 } },
};
const scheduleMove = (schedule = vacuum): Move => ({ kind: 'schedule', key: 'vacuum', name: schedule.Name!, group: schedule.GroupName!, original: schedule, from: 'web:6', to: 'web:7', toArn: TD('web:7') });
const retargeted = <T extends { EcsParameters?: object }>(original: T) => ({ ...original, EcsParameters: { ...original.EcsParameters, TaskDefinitionArn: TD('web:7') } });
const validation = () => Object.assign(new Error('The StartDate you specify cannot be earlier than 5 minutes ago.'), { name: 'ValidationException' });

beforeEach(() => {
  events.reset();
  scheduler.reset();
});

describe('moveAll', () => {
  it('sends each target and schedule whole, only the task definition changed, and journals the originals', async () => {
    events.on(PutTargetsCommand).resolves({ FailedEntryCount: 0, FailedEntries: [] });
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const outcome = await moveAll(context(), [ruleMove('hourly', 'a', 'b'), scheduleMove()]);
    expect(events.commandCalls(PutTargetsCommand).map((c) => c.args[0].input)).toEqual([{ Rule: 'hourly', EventBusName: 'default', Targets: [retargeted(target('a')), retargeted(target('b'))] }]);
    expect(scheduler.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input)).toEqual([{ ...vacuum, Target: retargeted(vacuum.Target!) }]);
    expect(outcome).toEqual({
      moved: ['hourly/a', 'hourly/b', 'vacuum'],
      journal: [
        { kind: 'rule', rule: 'hourly', eventBus: 'default', targetId: 'a', from: 'web:6', to: 'web:7', original: target('a') },
        { kind: 'rule', rule: 'hourly', eventBus: 'default', targetId: 'b', from: 'web:6', to: 'web:7', original: target('b') },
        { kind: 'schedule', name: 'vacuum', group: 'jobs', from: 'web:6', to: 'web:7', original: vacuum },
      ],
    });
  });

  it('a partial PutTargets failure: the entries written are journaled, the failed one is named, nothing after it runs', async () => {
    events.on(PutTargetsCommand).resolves({ FailedEntryCount: 1, FailedEntries: [{ TargetId: 'b', ErrorCode: 'ConcurrentModificationException', ErrorMessage: 'Too many requests.' }] });
    const outcome = await moveAll(context(), [ruleMove('hourly', 'a', 'b'), scheduleMove()]);
    expect(outcome.moved).toEqual(['hourly/a']);
    expect(outcome.journal.map((e) => e.kind === 'rule' && e.targetId)).toEqual(['a']);
    expect(outcome.failure).toEqual({ message: 'PutTargets on EventBridge rule hourly (event bus default) answered FailedEntryCount 1: target b: ConcurrentModificationException: Too many requests.', keys: ['hourly/b'] });
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
  });

  it('a FailedEntryCount without its entries fails every entry of the call', async () => {
    events.on(PutTargetsCommand).resolves({ FailedEntryCount: 1 });
    const outcome = await moveAll(context(), [ruleMove('hourly', 'a')]);
    expect(outcome.journal).toEqual([]);
    expect(outcome.failure?.keys).toEqual(['hourly/a']);
  });

  it('a cancel stops before the next write', async () => {
    const controller = new AbortController();
    events.on(PutTargetsCommand).callsFake(() => (controller.abort(), { FailedEntryCount: 0 }));
    const outcome = await moveAll(context(controller.signal), [ruleMove('hourly', 'a'), scheduleMove()]);
    expect(outcome.moved).toEqual(['hourly/a']);
    expect(outcome.failure).toEqual({ message: 'the workflow was cancelled after 1 write(s); nothing more was moved', keys: [] });
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
  });
});

describe('restore', () => {
  it('writes every entry back, newest first, the same way it was moved; one that fails is said to still run the new revision', async () => {
    events.on(PutTargetsCommand).resolvesOnce({ FailedEntryCount: 1, FailedEntries: [{ TargetId: 'b', ErrorCode: 'InternalException', ErrorMessage: 'Try again.' }] }).resolves({ FailedEntryCount: 0 });
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const journal = [
      { kind: 'rule' as const, rule: 'hourly', eventBus: 'default', targetId: 'a', from: 'web:6', to: 'web:7', original: target('a') },
      { kind: 'rule' as const, rule: 'hourly', eventBus: 'default', targetId: 'b', from: 'web:6', to: 'web:7', original: target('b') },
      { kind: 'schedule' as const, name: 'vacuum', group: 'jobs', from: 'web:6', to: 'web:7', original: vacuum },
    ];
    const outcome = await restore(context(), journal);
    expect(scheduler.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input)).toEqual([vacuum]);
    expect(events.commandCalls(PutTargetsCommand).map((c) => c.args[0].input.Targets)).toEqual([[target('b')], [target('a')]]);
    expect(outcome).toEqual({
      restored: ['schedule vacuum (group jobs) back to web:6', 'EventBridge rule hourly (event bus default, target a) back to web:6'],
      failed: ['EventBridge rule hourly (event bus default, target b) still runs web:7: PutTargets answered FailedEntryCount 1: InternalException: Try again.'],
      stillMoved: [journal[1]],
    });
  });
});

describe('updateSchedule and a StartDate in the past', () => {
  const past = { ...vacuum, StartDate: new Date('2024-01-01T00:00:00Z') };
  const client = new SchedulerClient({ region: 'us-east-1' });

  it.each([
    ['Scheduler accepts it: sent once, with it', undefined, 1, undefined],
    ['Scheduler refuses it: sent again without it, and said so', validation(), 2, new Date('2024-01-01T00:00:00Z')],
  ])('%s', async (_what, firstError, calls, dropped) => {
    const mock = scheduler.on(UpdateScheduleCommand);
    if (firstError) mock.rejectsOnce(firstError).resolves({ ScheduleArn: 'arn' });
    else mock.resolves({ ScheduleArn: 'arn' });
    await expect(updateSchedule(client, past, NOW)).resolves.toEqual(dropped ? { droppedStartDate: dropped } : {});
    const sent = scheduler.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input);
    expect(sent).toHaveLength(calls);
    expect(sent[0]).toEqual(past);
    if (calls === 2) {
      const { StartDate: _start, ...withoutStart } = past;
      expect(sent[1]).toEqual(withoutStart);
    }
  });

  it('a ValidationException for a schedule whose StartDate is not in the past is not retried', async () => {
    scheduler.on(UpdateScheduleCommand).rejects(validation());
    await expect(updateSchedule(client, vacuum, NOW)).rejects.toThrow('Could not update schedule vacuum of group jobs (UpdateSchedule): ValidationException: The StartDate');
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(1);
  });

  it('another error is not retried without the StartDate', async () => {
    scheduler.on(UpdateScheduleCommand).rejects(Object.assign(new Error('Busy.'), { name: 'ConflictException' }));
    await expect(updateSchedule(client, past, NOW)).rejects.toThrow('Could not update schedule vacuum of group jobs (UpdateSchedule): ConflictException: Busy.');
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(1);
  });

  it('the schedule journaled by a move that dropped it says so', async () => {
    scheduler.on(UpdateScheduleCommand).rejectsOnce(validation()).resolves({ ScheduleArn: 'arn' });
    const outcome = await moveAll(context(), [scheduleMove(past)]);
    expect(outcome.journal).toEqual([
      expect.objectContaining({ kind: 'schedule', original: past, note: 'its StartDate 2024-01-01T00:00:00.000Z was in the past and Scheduler refused it, so it was sent without one (a past start date does not change when it runs)' }),
    ]);
  });
});
