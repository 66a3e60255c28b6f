/** The phase as a release calls it: discovery errors, the move, the restore that fails, and the report's rendering. */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgeClient, ListRuleNamesByTargetCommand, ListTargetsByRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { GetScheduleCommand, ListScheduleGroupsCommand, ListSchedulesCommand, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import * as core from '../../__fixtures__/core.js';

jest.unstable_mockModule('@actions/core', () => core);
const { scheduledTasksPhase } = await import('../../src/schedules/phase.js');
const { scheduledTasksSection } = await import('../../src/schedules/summary.js');
const { scheduledTasksOutput } = await import('../../src/schedules/output.js');
const { escapeMarkdown, renderSummary } = await import('../../src/report/summary.js');

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo';
const TD = (rev: string) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${rev}`;
const RELEASED = [{ family: 'web', fromTaskDefinitionArn: TD('web:6'), toTaskDefinitionArn: TD('web:7'), registered: true }];
const events = mockClient(EventBridgeClient);
const scheduler = mockClient(SchedulerClient);
const eventsClient = new EventBridgeClient({ region: 'us-east-1' });
const schedulerClient = new SchedulerClient({ region: 'us-east-1' });
const context = { clients: { events: async () => eventsClient, scheduler: async () => schedulerClient }, clock: { now: () => Date.now() }, signal: new AbortController().signal, clusterArn: CLUSTER };
const target = (id: string, rev = 'web:6') => ({ Id: id, Arn: CLUSTER, RoleArn: 'arn:aws:iam::123456789012:role/events', EcsParameters: { TaskDefinitionArn: TD(rev) } });

function rulesAnswer(...targets: ReturnType<typeof target>[]) {
  events.on(ListRuleNamesByTargetCommand).resolves({ RuleNames: ['hourly'] });
  events.on(ListTargetsByRuleCommand).resolves({ Targets: targets });
}
function schedulesAnswer() {
  scheduler.on(ListScheduleGroupsCommand).resolves({ ScheduleGroups: [{ Name: 'default' }] });
  scheduler.on(ListSchedulesCommand).resolves({ Schedules: [{ Name: 'vacuum', Target: { Arn: CLUSTER } }] });
  scheduler.on(GetScheduleCommand).resolves({ Name: 'vacuum', GroupName: 'default', ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: CLUSTER, RoleArn: 'r', EcsParameters: { TaskDefinitionArn: TD('web:6') } } });
}

beforeEach(() => {
  events.reset();
  scheduler.reset();
  jest.clearAllMocks();
});

describe('scheduledTasksPhase', () => {
  it('report: a listing it may not read is a warning, what it could read is still reported, nothing is written', async () => {
    rulesAnswer(target('a'));
    scheduler.on(ListScheduleGroupsCommand).rejects(Object.assign(new Error('User: x is not authorized to perform: scheduler:ListScheduleGroups on resource: *'), { name: 'AccessDeniedException' }));
    const report = await scheduledTasksPhase(context, RELEASED, { mode: 'report', verified: true });
    expect(report.tasks.map((t) => [t.name, t.from, t.to, t.moved])).toEqual([['hourly', 'web:6', 'web:6', false]]);
    expect(report.error).toMatch(/^Could not list the EventBridge Scheduler schedules \(ListScheduleGroups, ListSchedules\): AccessDeniedException: .* Grant 'scheduler:ListScheduleGroups'/);
    expect(core.warning).toHaveBeenCalledWith(expect.stringMatching(/^Could not list every scheduled task: Could not list the EventBridge Scheduler schedules.*\(Or set 'scheduled-tasks: none' to leave them alone\.\)$/));
    expect(events.commandCalls(PutTargetsCommand)).toHaveLength(0);
  });

  it('move: a partial picture moves nothing', async () => {
    rulesAnswer(target('a'));
    scheduler.on(ListScheduleGroupsCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const report = await scheduledTasksPhase(context, RELEASED, { mode: 'move', verified: true });
    expect(report.tasks[0]).toMatchObject({ from: 'web:6', to: 'web:6', moved: false, note: 'not moved: the scheduled tasks could not all be listed' });
    expect(events.commandCalls(PutTargetsCommand)).toHaveLength(0);
    expect(report.journal).toEqual([]);
  });

  it('move: a restore that fails leaves that target marked moved, on the new revision, and says so', async () => {
    rulesAnswer(target('a'));
    schedulesAnswer();
    events.on(PutTargetsCommand).resolvesOnce({ FailedEntryCount: 0 }).rejects(Object.assign(new Error('Service unavailable.'), { name: 'ServiceUnavailableException', $fault: 'server' }));
    scheduler.on(UpdateScheduleCommand).rejects(Object.assign(new Error('Busy.'), { name: 'ConflictException' }));
    const report = await scheduledTasksPhase(context, RELEASED, { mode: 'move', verified: true });
    expect(report.failure).toBe('Could not update schedule vacuum of group default (UpdateSchedule): ConflictException: Busy.');
    expect(report.restore?.failed).toEqual([expect.stringMatching(/^EventBridge rule hourly \(event bus default, target a\) still runs web:7: Could not write the targets of EventBridge rule hourly/)]);
    expect(report.tasks.map((t) => [t.name, t.to, t.moved, t.note])).toEqual([
      ['hourly', 'web:7', true, 'moved to web:7; restoring web:6 failed'],
      ['vacuum', 'web:6', false, 'not moved: the write failed'],
    ]);
    expect(core.error).toHaveBeenCalledWith(expect.stringMatching(/^Could not restore EventBridge rule hourly .* still runs web:7/));
    const section = scheduledTasksSection(report, { escape: escapeMarkdown, code: (t) => `\`${t}\``, table: (h, rows) => [h, ...rows].map((r) => r.join(' | ')).join('\n') });
    expect(section.split('\n\n')[0]).toBe('### Scheduled tasks: moving failed');
    expect(section).toContain('❌ Could not restore EventBridge rule hourly (event bus default, target a) still runs web:7');
    expect(section).toContain('❌ | rule | `hourly` (target `a`) | `default` | `web:6` | `web:7` | moved to web:7; restoring web:6 failed');
  });

  it('no scheduled task runs the family: said once, and an empty output list', async () => {
    events.on(ListRuleNamesByTargetCommand).resolves({ RuleNames: [] });
    scheduler.on(ListScheduleGroupsCommand).resolves({ ScheduleGroups: [{ Name: 'default' }] });
    scheduler.on(ListSchedulesCommand).resolves({ Schedules: [] });
    const report = await scheduledTasksPhase(context, RELEASED, { mode: 'move', verified: true });
    expect(report.tasks).toEqual([]);
    expect(core.info).toHaveBeenCalledWith(`No EventBridge rule or Scheduler schedule runs web in ${CLUSTER}.`);
    expect(scheduledTasksOutput(report)).toEqual([]);
  });
});

describe('in the job summary', () => {
  it('a row per scheduled task, names from AWS escaped', () => {
    const markdown = renderSummary({
      mode: 'deploy',
      region: 'us-east-1',
      cluster: 'demo',
      service: 'web',
      result: 'deployed',
      sentence: 'Deployed web:7.',
      timeline: [],
      events: [],
      explanation: [],
      scheduledTasks: {
        mode: 'move',
        journal: [],
        warnings: [],
        tasks: [{ kind: 'rule', name: 'odd|name', scope: 'default', targetId: 'a', family: 'web', pin: 'revision', from: 'web:6', to: 'web:7', moved: true, note: 'moved' }],
      },
    });
    expect(markdown).toContain('### Scheduled tasks: 1 moved');
    expect(markdown).toContain('| ✅ | rule | odd\\|name (target `a`) | `default` | `web:6` | `web:7` | moved |');
  });
});
