/**
 * Examples of the scheduled-task phase after web:8 was deployed to demo/web (replacing web:7): the
 * warnings of `report`, and a `move` that fails and writes back what it had moved.
 */
import { ListRuleNamesByTargetCommand, ListTargetsByRuleCommand, PutTargetsCommand, type Target } from '@aws-sdk/client-eventbridge';
import { GetScheduleCommand, ListScheduleGroupsCommand, ListSchedulesCommand, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import * as core from '../../../__fixtures__/core.js';
import { scheduledTasksAfterDeploy } from '../../../src/schedules/after-deploy.js';
import { denied, events, logged, scheduler, type Producers } from './support.js';
import { completed, TD7, TD8, watchScenario, WATCHED_REGION } from './watching.js';

const CLUSTER = `arn:aws:ecs:${WATCHED_REGION}:123456789012:cluster/demo`;
const ROLE = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

/** A rule target that runs `taskDefinition` in the cluster, as ListTargetsByRule answers it. */
const ruleTarget = (id: string, taskDefinition: string): Target => ({
  Id: id,
  Arn: CLUSTER,
  RoleArn: ROLE('ecsEventsRole'),
  EcsParameters: { TaskDefinitionArn: taskDefinition, TaskCount: 1, LaunchType: 'FARGATE', NetworkConfiguration: { awsvpcConfiguration: { Subnets: ['subnet-0a1b2c3d4e5f60718'], AssignPublicIp: 'DISABLED' } } },
});

function rules(targets: Record<string, Target[]>): void {
  events.on(ListRuleNamesByTargetCommand).resolves({ RuleNames: Object.keys(targets) });
  for (const [rule, answer] of Object.entries(targets)) events.on(ListTargetsByRuleCommand, { Rule: rule }).resolves({ Targets: answer });
}

function schedules(list: Array<{ name: string; taskDefinition: string }>): void {
  scheduler.on(ListScheduleGroupsCommand).resolves({ ScheduleGroups: [{ Name: 'default' }] });
  scheduler.on(ListSchedulesCommand).resolves({ Schedules: list.map(({ name }) => ({ Name: name, GroupName: 'default', Target: { Arn: CLUSTER } })) });
  for (const { name, taskDefinition } of list) {
    scheduler.on(GetScheduleCommand, { Name: name }).resolves({
      Name: name,
      GroupName: 'default',
      ScheduleExpression: 'cron(0 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Dublin',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: { Arn: CLUSTER, RoleArn: ROLE('scheduler-run-task'), EcsParameters: { TaskDefinitionArn: taskDefinition, LaunchType: 'FARGATE' } },
    });
  }
}

/** web:8 deployed and verified to demo/web, then the scheduled-task phase in `mode`; the step's sentence after it. */
async function afterDeploy(mode: 'report' | 'move'): Promise<string> {
  const outcome = await watchScenario({ shows: () => completed() });
  const report = { result: 'deployed', sentence: outcome.sentence, taskDefinitionArn: TD8, previousTaskDefinitionArn: TD7, registered: true };
  const clients = { events: async () => new EventBridgeClient({ region: WATCHED_REGION }), scheduler: async () => new SchedulerClient({ region: WATCHED_REGION }) };
  const context = { inputs: { scheduledTasks: mode, cluster: 'demo' }, report, clients, clock: { now: () => Date.now() }, signal: new AbortController().signal };
  await scheduledTasksAfterDeploy(context as never, [report as never]);
  return report.sentence;
}

export const producers: Producers = {
  'schedule-family-only': async () => {
    rules({ 'nightly-report': [ruleTarget('report', 'web')] });
    schedules([]);
    await afterDeploy('report');
    return logged(core.warning, 'The EventBridge rule nightly-report');
  },
  'schedule-list-denied': async () => {
    rules({});
    scheduler.on(ListScheduleGroupsCommand).rejects(denied('scheduler:ListScheduleGroups', `arn:aws:scheduler:${WATCHED_REGION}:123456789012:schedule-group/*`));
    await afterDeploy('report');
    return logged(core.warning, 'Could not list every scheduled task');
  },
  'schedule-move-failed': async () => {
    rules({ 'hourly-sync': [ruleTarget('sync', TD7)] });
    schedules([{ name: 'db-vacuum', taskDefinition: TD7 }]);
    events.on(PutTargetsCommand).resolves({ FailedEntryCount: 0, FailedEntries: [] });
    scheduler.on(UpdateScheduleCommand).rejects(Object.assign(new Error('The schedule is being modified.'), { name: 'ConflictException', $metadata: { httpStatusCode: 409 } }));
    return afterDeploy('move');
  },
};
