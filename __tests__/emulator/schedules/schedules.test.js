// EventBridge Scheduler in the emulator, through the real SDK client (REST JSON): groups and
// schedules page by page, GetSchedule, and UpdateSchedule replacing the whole schedule.
import { afterEach, describe, expect, it } from '@jest/globals';
import { GetScheduleCommand, ListScheduleGroupsCommand, ListSchedulesCommand, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { startEmulator } from '../../../emulator/index.js';
import { rejection } from '../helpers.js';

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo';
const TD = (revision) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${revision}`;

/** A schedule with every member set, as a scenario lists it. @param {string} name */
function fullSchedule(name, group = 'jobs') {
  return {
    Name: name,
    GroupName: group,
    Description: 'Nightly report',
    ScheduleExpression: 'cron(0 3 * * ? *)',
    ScheduleExpressionTimezone: 'Europe/Paris',
    StartDate: '2030-01-01T00:00:00Z',
    EndDate: '2031-01-01T00:00:00Z',
    State: 'DISABLED',
    FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
    KmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ActionAfterCompletion: 'NONE',
    Target: {
      Arn: CLUSTER,
      RoleArn: 'arn:aws:iam::123456789012:role/scheduler',
      Input: '{"containerOverrides":[{"name":"web","command":["./report"]}]}',
      DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
      RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 },
      EcsParameters: {
        TaskDefinitionArn: TD(1),
        TaskCount: 1,
        LaunchType: 'FARGATE',
        NetworkConfiguration: { awsvpcConfiguration: { Subnets: ['subnet-1'], SecurityGroups: ['sg-1'], AssignPublicIp: 'DISABLED' } },
        PlatformVersion: 'LATEST',
        EnableECSManagedTags: true,
        EnableExecuteCommand: false,
        PropagateTags: 'TASK_DEFINITION',
        Tags: [{ team: 'data' }],
      },
    },
  };
}

const minimal = (name, group = 'default') => ({
  Name: name,
  GroupName: group,
  ScheduleExpression: 'rate(1 hour)',
  FlexibleTimeWindow: { Mode: 'OFF' },
  Target: { Arn: CLUSTER, RoleArn: 'arn:aws:iam::123456789012:role/scheduler', EcsParameters: { TaskDefinitionArn: TD(1) } },
});

let emulator;
afterEach(async () => emulator?.stop());

async function start(scheduler, faults) {
  emulator = await startEmulator({ scenario: { clusters: [{ name: 'demo' }], scheduler, ...(faults ? { faults } : {}) } });
  return new SchedulerClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
}

/** GetSchedule's answer as UpdateSchedule takes it back. */
function asUpdate(schedule) {
  const { Arn: _arn, CreationDate: _created, LastModificationDate: _changed, $metadata: _metadata, ...rest } = schedule;
  return rest;
}

const stored = (name) => emulator.state().scheduler.schedules.find((s) => s.Name === name);
const withoutChangeDate = ({ LastModificationDate: _changed, ...rest }) => rest;

describe('EventBridge Scheduler (emulator)', () => {
  it('ListScheduleGroups: default and the listed groups, page by page', async () => {
    const client = await start({ pageSize: 2, groups: [{ Name: 'jobs' }, { Name: 'reports' }] });
    const first = await client.send(new ListScheduleGroupsCommand({}));
    expect(first.ScheduleGroups.map((g) => g.Name)).toEqual(['default', 'jobs']);
    expect(first.ScheduleGroups[1]).toMatchObject({ Arn: 'arn:aws:scheduler:us-east-1:123456789012:schedule-group/jobs', State: 'ACTIVE' });
    expect(first.ScheduleGroups[1].CreationDate).toBeInstanceOf(Date);
    const second = await client.send(new ListScheduleGroupsCommand({ NextToken: first.NextToken }));
    expect(second.ScheduleGroups.map((g) => g.Name)).toEqual(['reports']);
    expect(second.NextToken).toBeUndefined();
  });

  it('ListSchedules: per group, summaries with the target ARN only, in pages of at most MaxResults', async () => {
    const client = await start({ groups: [{ Name: 'jobs' }], schedules: [fullSchedule('a', 'jobs'), minimal('b', 'jobs'), minimal('c', 'jobs'), minimal('d')] });
    const first = await client.send(new ListSchedulesCommand({ GroupName: 'jobs', MaxResults: 2 }));
    expect(first.Schedules.map((s) => s.Name)).toEqual(['a', 'b']);
    expect(first.Schedules[0]).toEqual({
      Arn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/jobs/a',
      Name: 'a',
      GroupName: 'jobs',
      State: 'DISABLED',
      CreationDate: expect.any(Date),
      LastModificationDate: expect.any(Date),
      Target: { Arn: CLUSTER },
    });
    const second = await client.send(new ListSchedulesCommand({ GroupName: 'jobs', MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Schedules.map((s) => s.Name)).toEqual(['c']);
    const all = await client.send(new ListSchedulesCommand({}));
    expect(all.Schedules.map((s) => s.Name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('GetSchedule: every member, dates as dates; without GroupName it looks in default; an unknown schedule is ResourceNotFoundException', async () => {
    const client = await start({ groups: [{ Name: 'jobs' }], schedules: [fullSchedule('a'), minimal('d')] });
    const got = await client.send(new GetScheduleCommand({ Name: 'a', GroupName: 'jobs' }));
    const { StartDate, EndDate, Name, GroupName, ...rest } = fullSchedule('a');
    expect(got).toMatchObject({ ...rest, Name, GroupName, Arn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/jobs/a' });
    expect(got.StartDate).toEqual(new Date(StartDate));
    expect(got.EndDate).toEqual(new Date(EndDate));
    expect((await client.send(new GetScheduleCommand({ Name: 'd' }))).GroupName).toBe('default');
    const missing = await rejection(client.send(new GetScheduleCommand({ Name: 'a' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toBe('Schedule a does not exist.');
  });

  it('UpdateSchedule with everything GetSchedule returned leaves the schedule as it was, but for the revision and LastModificationDate', async () => {
    const client = await start({ groups: [{ Name: 'jobs' }], schedules: [fullSchedule('a')] });
    const before = stored('a');
    const got = await client.send(new GetScheduleCommand({ Name: 'a', GroupName: 'jobs' }));
    const update = asUpdate(got);
    update.Target.EcsParameters.TaskDefinitionArn = TD(2);
    const answer = await client.send(new UpdateScheduleCommand(update));
    expect(answer.ScheduleArn).toBe(before.Arn);
    const after = stored('a');
    expect(withoutChangeDate(after)).toEqual(withoutChangeDate({ ...before, Target: { ...before.Target, EcsParameters: { ...before.Target.EcsParameters, TaskDefinitionArn: TD(2) } } }));
    expect(after.LastModificationDate).toBeGreaterThanOrEqual(before.LastModificationDate);
  });

  it('UpdateSchedule replaces the whole schedule: what is not sent goes back to its default', async () => {
    const client = await start({ groups: [{ Name: 'jobs' }], schedules: [fullSchedule('a')] });
    const { Target, ScheduleExpression, FlexibleTimeWindow } = fullSchedule('a');
    await client.send(new UpdateScheduleCommand({
      Name: 'a',
      GroupName: 'jobs',
      ScheduleExpression,
      FlexibleTimeWindow,
      Target: { Arn: Target.Arn, RoleArn: Target.RoleArn, EcsParameters: { TaskDefinitionArn: TD(2) } },
    }));
    expect(withoutChangeDate(stored('a'))).toEqual({
      Arn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/jobs/a',
      Name: 'a',
      GroupName: 'jobs',
      ScheduleExpression,
      FlexibleTimeWindow,
      State: 'ENABLED',
      Target: { Arn: Target.Arn, RoleArn: Target.RoleArn, EcsParameters: { TaskDefinitionArn: TD(2) }, RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 } },
      CreationDate: expect.any(Number),
    });
  });

  it('UpdateSchedule refuses a request without a required member; in another group than asked it finds nothing', async () => {
    const client = await start({ groups: [{ Name: 'jobs' }], schedules: [fullSchedule('a')] });
    const update = asUpdate(await client.send(new GetScheduleCommand({ Name: 'a', GroupName: 'jobs' })));
    const noRole = await rejection(client.send(new UpdateScheduleCommand({ ...update, Target: { ...update.Target, RoleArn: undefined } })));
    expect(noRole.name).toBe('ValidationException');
    // Refused by the model's required member before the handler (core/validate.js); AWS's casing of the path is not documented.
    expect(noRole.message.toLowerCase()).toContain("'target.rolearn'");
    const wrongGroup = await rejection(client.send(new UpdateScheduleCommand({ ...update, GroupName: undefined })));
    expect(wrongGroup.name).toBe('ResourceNotFoundException');
    expect(stored('a').Target.RoleArn).toBe('arn:aws:iam::123456789012:role/scheduler');
  });

  it.each([
    ['reject', 'ValidationException'],
    ['accept', undefined],
  ])('scheduler.pastStartDate %s: a recurring schedule sent back with a StartDate long past', async (pastStartDate, error) => {
    const client = await start({ pastStartDate, schedules: [{ ...minimal('p'), StartDate: '2024-01-01T00:00:00Z' }] });
    const update = asUpdate(await client.send(new GetScheduleCommand({ Name: 'p' })));
    const outcome = await client.send(new UpdateScheduleCommand(update)).then(() => undefined, (e) => e);
    expect(outcome?.name).toBe(error);
    if (error) expect(outcome.message).toBe('The StartDate you specify cannot be earlier than 5 minutes ago.');
    expect(stored('p').StartDate).toBe(Date.parse('2024-01-01T00:00:00Z') / 1000);
  });

  it('scheduler.updateFailures: the first `calls` updates of that schedule fail with the scripted error and status', async () => {
    const client = await start({ schedules: [minimal('d')], updateFailures: [{ schedule: 'd', error: 'ConflictException', message: 'Concurrent update.', calls: 1 }] });
    const update = asUpdate(await client.send(new GetScheduleCommand({ Name: 'd' })));
    const conflict = await rejection(client.send(new UpdateScheduleCommand(update)));
    expect(conflict).toMatchObject({ name: 'ConflictException', message: 'Concurrent update.' });
    expect(conflict.$metadata.httpStatusCode).toBe(409);
    await expect(client.send(new UpdateScheduleCommand(update))).resolves.toMatchObject({ ScheduleArn: expect.any(String) });
  });

  it('request faults apply: faults.accessDenied names the scheduler: action, and requests are logged as scheduler', async () => {
    const client = await start({ schedules: [minimal('d')] }, { accessDenied: ['UpdateSchedule'] });
    const update = asUpdate(await client.send(new GetScheduleCommand({ Name: 'd' })));
    const denied = await rejection(client.send(new UpdateScheduleCommand(update)));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain('is not authorized to perform: scheduler:UpdateSchedule');
    expect(emulator.state().requests.map((r) => [r.service, r.operation, r.status])).toEqual([
      ['scheduler', 'GetSchedule', 200],
      ['scheduler', 'UpdateSchedule', 400],
    ]);
  });

  it('checks the scenario: a schedule in an unlisted group, a failure naming an unknown schedule', async () => {
    await expect(startEmulator({ scenario: { scheduler: { schedules: [minimal('a', 'jobs')], updateFailures: [{ schedule: 'zz', error: 'ConflictException' }] } } })).rejects.toThrow([
      'Invalid scenario object:',
      '  $.scheduler.schedules[0].GroupName: group "jobs" is not listed in $.scheduler.groups (have: default)',
      '  $.scheduler.updateFailures[0].schedule: schedule "zz" in group "default" is not listed in $.scheduler.schedules',
    ].join('\n'));
  });
});
