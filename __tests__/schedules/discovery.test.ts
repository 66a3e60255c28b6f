/** Finding the scheduled tasks: every page of every listing, exact requests, and what is kept. */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgeClient, ListRuleNamesByTargetCommand, ListTargetsByRuleCommand, type Target } from '@aws-sdk/client-eventbridge';
import { GetScheduleCommand, ListScheduleGroupsCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { findRuleTargets } from '../../src/schedules/rules.js';
import { findSchedules } from '../../src/schedules/schedules.js';

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo';
const TD = (rev: string) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${rev}`;
const events = mockClient(EventBridgeClient);
const scheduler = mockClient(SchedulerClient);

const ecsTarget = (id: string, arn: string, taskDefinition = TD('web:1')): Target => ({ Id: id, Arn: arn, RoleArn: 'arn:aws:iam::123456789012:role/events', EcsParameters: { TaskDefinitionArn: taskDefinition } });

beforeEach(() => {
  events.reset();
  scheduler.reset();
});

describe('findRuleTargets', () => {
  it('reads every page of both listings, on the default bus, and keeps the ECS targets in the cluster', async () => {
    events.on(ListRuleNamesByTargetCommand).callsFake((input) => (input.NextToken ? { RuleNames: ['b'] } : { RuleNames: ['a'], NextToken: 'page-2' }));
    events.on(ListTargetsByRuleCommand, { Rule: 'a' }).callsFake((input) =>
      input.NextToken ? { Targets: [ecsTarget('a2', CLUSTER)] } : { Targets: [{ Id: 'sns', Arn: 'arn:aws:sns:us-east-1:123456789012:t' }, ecsTarget('other', 'arn:aws:ecs:us-east-1:123456789012:cluster/x')], NextToken: 't2' },
    );
    events.on(ListTargetsByRuleCommand, { Rule: 'b' }).resolves({ Targets: [ecsTarget('b1', CLUSTER, 'web')] });
    const found = await findRuleTargets(new EventBridgeClient({ region: 'us-east-1' }), CLUSTER);
    expect(found).toEqual([
      { rule: 'a', eventBus: 'default', target: ecsTarget('a2', CLUSTER) },
      { rule: 'b', eventBus: 'default', target: ecsTarget('b1', CLUSTER, 'web') },
    ]);
    expect(events.commandCalls(ListRuleNamesByTargetCommand).map((c) => c.args[0].input)).toEqual([
      { TargetArn: CLUSTER, EventBusName: 'default', NextToken: undefined },
      { TargetArn: CLUSTER, EventBusName: 'default', NextToken: 'page-2' },
    ]);
    expect(events.commandCalls(ListTargetsByRuleCommand).map((c) => c.args[0].input)).toEqual([
      { Rule: 'a', EventBusName: 'default', NextToken: undefined },
      { Rule: 'a', EventBusName: 'default', NextToken: 't2' },
      { Rule: 'b', EventBusName: 'default', NextToken: undefined },
    ]);
  });

  it('stops a listing that answers the same NextToken twice instead of looping', async () => {
    events.on(ListRuleNamesByTargetCommand).resolves({ RuleNames: ['a'], NextToken: 'again' });
    await expect(findRuleTargets(new EventBridgeClient({ region: 'us-east-1' }), CLUSTER)).rejects.toThrow(`Could not list the rules targeting ${CLUSTER} on event bus default: EventBridge answered the same NextToken twice.`);
    expect(events.commandCalls(ListRuleNamesByTargetCommand)).toHaveLength(2);
  });

  it('says what it was doing and which permission is missing', async () => {
    const denied = Object.assign(new Error(`User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: events:ListTargetsByRule on resource: arn:aws:events:us-east-1:123456789012:rule/a`), { name: 'AccessDeniedException' });
    events.on(ListRuleNamesByTargetCommand).resolves({ RuleNames: ['a'] });
    events.on(ListTargetsByRuleCommand).rejects(denied);
    await expect(findRuleTargets(new EventBridgeClient({ region: 'us-east-1' }), CLUSTER)).rejects.toThrow(
      /^Could not list the targets of EventBridge rule a \(ListTargetsByRule, event bus default\): AccessDeniedException: User: .* Grant 'events:ListTargetsByRule' to the role this job runs as\.$/,
    );
  });
});

describe('findSchedules', () => {
  const schedule = (name: string, group: string, target: { Arn: string; Input?: string; EcsParameters?: { TaskDefinitionArn: string } }) => ({
    Arn: `arn:aws:scheduler:us-east-1:123456789012:schedule/${group}/${name}`,
    Name: name,
    GroupName: group,
    ScheduleExpression: 'rate(1 hour)',
    StartDate: new Date('2030-01-01T00:00:00Z'),
    FlexibleTimeWindow: { Mode: 'OFF' as const },
    State: 'ENABLED' as const,
    CreationDate: new Date('2024-01-01T00:00:00Z'),
    LastModificationDate: new Date('2024-02-01T00:00:00Z'),
    Target: { RoleArn: 'arn:aws:iam::123456789012:role/scheduler', ...target },
  });

  it('lists every group and every page of each, then reads whole only the schedules whose target is the cluster or the universal RunTask', async () => {
    scheduler.on(ListScheduleGroupsCommand).callsFake((input) => (input.NextToken ? { ScheduleGroups: [{ Name: 'jobs' }] } : { ScheduleGroups: [{ Name: 'default' }], NextToken: 'g2' }));
    // The SDK's paginator reuses (and changes) one input object: record each request as it was sent.
    const listed: unknown[] = [];
    scheduler.on(ListSchedulesCommand, { GroupName: 'default' }).callsFake((input) => {
      listed.push({ ...input });
      if (input.NextToken) return { Schedules: [{ Name: 'universal', Target: { Arn: 'arn:aws:scheduler:::aws-sdk:ecs:runTask' } }] };
      return { Schedules: [{ Name: 'lambda', Target: { Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f' } }, { Name: 'other', Target: { Arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/x' } }], NextToken: 's2' };
    });
    scheduler.on(ListSchedulesCommand, { GroupName: 'jobs' }).callsFake((input) => (listed.push({ ...input }), { Schedules: [{ Name: 'vacuum', Target: { Arn: CLUSTER } }] }));
    scheduler.on(GetScheduleCommand, { Name: 'universal', GroupName: 'default' }).resolves(schedule('universal', 'default', { Arn: 'arn:aws:scheduler:::aws-sdk:ecs:runTask', Input: '{"Cluster":"demo","TaskDefinition":"web:1"}' }));
    scheduler.on(GetScheduleCommand, { Name: 'vacuum', GroupName: 'jobs' }).resolves(schedule('vacuum', 'jobs', { Arn: CLUSTER, EcsParameters: { TaskDefinitionArn: TD('web:1') } }));
    const found = await findSchedules(new SchedulerClient({ region: 'us-east-1' }), CLUSTER);
    expect(found.map((f) => [f.group, f.name])).toEqual([['default', 'universal'], ['jobs', 'vacuum']]);
    // Everything GetSchedule returned, but Arn and the dates Scheduler sets itself.
    const { Arn: _arn, CreationDate: _created, LastModificationDate: _changed, ...expected } = schedule('vacuum', 'jobs', { Arn: CLUSTER, EcsParameters: { TaskDefinitionArn: TD('web:1') } });
    expect(found[1].schedule).toEqual(expected);
    expect(listed).toEqual([
      { GroupName: 'default', NextToken: undefined, MaxResults: undefined },
      { GroupName: 'default', NextToken: 's2', MaxResults: undefined },
      { GroupName: 'jobs', NextToken: undefined, MaxResults: undefined },
    ]);
    expect(scheduler.commandCalls(GetScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'universal', GroupName: 'default' },
      { Name: 'vacuum', GroupName: 'jobs' },
    ]);
  });

  it('names the schedule it could not read', async () => {
    scheduler.on(ListScheduleGroupsCommand).resolves({ ScheduleGroups: [{ Name: 'jobs' }] });
    scheduler.on(ListSchedulesCommand).resolves({ Schedules: [{ Name: 'vacuum', Target: { Arn: CLUSTER } }] });
    scheduler.on(GetScheduleCommand).rejects(Object.assign(new Error('Schedule vacuum does not exist.'), { name: 'ResourceNotFoundException' }));
    await expect(findSchedules(new SchedulerClient({ region: 'us-east-1' }), CLUSTER)).rejects.toThrow('Could not read schedule vacuum of group jobs (GetSchedule): ResourceNotFoundException: Schedule vacuum does not exist.');
  });
});
