/** Which scheduled tasks run a released family, what each runs, and which are moved. */
import { describe, expect, it } from '@jest/globals';
import type { Target } from '@aws-sdk/client-eventbridge';
import type { UpdateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import { planMoves, type PlanOptions } from '../../src/schedules/plan.js';
import { clusterArnFor, parseTaskDefinition, sameCluster, universalRunTask } from '../../src/schedules/revision.js';
import type { FoundRuleTarget } from '../../src/schedules/rules.js';
import type { FoundSchedule } from '../../src/schedules/schedules.js';
import type { ReleasedFamily } from '../../src/schedules/types.js';

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo';
const TD = (rev: string) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${rev}`;
const WEB: ReleasedFamily = { family: 'web', fromTaskDefinitionArn: TD('web:6'), toTaskDefinitionArn: TD('web:7'), registered: true };
const MOVE: PlanOptions = { clusterArn: CLUSTER, mode: 'move', verified: true };

const ruleTarget = (rule: string, id: string, taskDefinition: string): FoundRuleTarget => ({
  rule,
  eventBus: 'default',
  target: { Id: id, Arn: CLUSTER, RoleArn: 'arn:aws:iam::123456789012:role/events', EcsParameters: { TaskDefinitionArn: taskDefinition } } as Target,
});
const schedule = (name: string, target: UpdateScheduleCommandInput['Target']): FoundSchedule => ({
  group: 'default',
  name,
  schedule: { Name: name, GroupName: 'default', ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target },
});

describe('planMoves', () => {
  it.each([
    ['pinned to an older revision, move after a verified release', TD('web:5'), MOVE, 'web:7', 'to be moved to web:7', true],
    ['pinned, written as family:revision', 'web:6', MOVE, 'web:7', 'to be moved to web:7', true],
    ['already on the new revision', TD('web:7'), MOVE, 'web:7', 'already on web:7', false],
    ["pinned, mode 'report' after a verified release", TD('web:6'), { ...MOVE, mode: 'report' }, 'web:6', "not moved (scheduled-tasks is 'report'; 'move' would repoint it to web:7)", false],
    ["pinned, mode 'report' after a failed release", TD('web:6'), { ...MOVE, mode: 'report', verified: false, why: 'the smoke check failed' }, 'web:6', "not moved (scheduled-tasks is 'report', and the smoke check failed)", false],
    ['pinned, move after a failed release', TD('web:6'), { ...MOVE, verified: false, why: 'the smoke check failed' }, 'web:6', 'not moved: the smoke check failed', false],
  ] as Array<[string, string, PlanOptions, string, string, boolean]>)('%s', (_what, taskDefinition, options, to, note, movable) => {
    const plan = planMoves([ruleTarget('nightly', 'report', taskDefinition)], [], [WEB], options);
    expect(plan.tasks.map((t) => t.task)).toEqual([{ kind: 'rule', name: 'nightly', scope: 'default', targetId: 'report', family: 'web', pin: 'revision', from: parseTaskDefinition(taskDefinition) && `web:${parseTaskDefinition(taskDefinition)!.revision}`, to, moved: false, note }]);
    expect(plan.moves).toHaveLength(movable ? 1 : 0);
    expect(plan.warnings).toEqual([]);
  });

  it('a family-only target is never moved, and warned about by name with the revision it now runs', () => {
    const failed = planMoves([ruleTarget('weekly', 'digest', TD('web'))], [], [WEB], { ...MOVE, verified: false, why: 'the deployment failed' });
    expect(failed.moves).toEqual([]);
    expect(failed.tasks[0].task).toMatchObject({ pin: 'family', from: 'web', to: 'web', moved: false });
    expect(failed.warnings).toEqual([
      "The EventBridge rule weekly (event bus default, target digest) names the task definition family 'web' without a revision: it runs whatever revision of web is newest when it fires, verified or not (this run registered web:7, which is not verified). Pin it to a revision (family:revision) and let 'scheduled-tasks: move' repoint it after each verified release.",
    ]);
    const reused = planMoves([ruleTarget('weekly', 'digest', 'web')], [], [{ ...WEB, registered: false }], MOVE);
    expect(reused.warnings[0]).toContain('verified or not. Pin it');
  });

  it('targets of families not released, and unreadable task definitions, are left out', () => {
    const plan = planMoves([ruleTarget('r', 'worker', TD('worker:3')), ruleTarget('r', 'odd', 'not a task definition!')], [], [WEB], MOVE);
    expect(plan).toEqual({ tasks: [], moves: [], warnings: [] });
  });

  it('one PutTargets per rule, with every target of that rule to move', () => {
    const plan = planMoves([ruleTarget('hourly', 'a', TD('web:6')), ruleTarget('nightly', 'x', TD('web:6')), ruleTarget('hourly', 'b', TD('web:5'))], [], [WEB], MOVE);
    expect(plan.moves.map((m) => (m.kind === 'rule' ? [m.rule, m.targets.map((t) => [t.original.Id, t.from, t.to, t.toArn])] : m.kind))).toEqual([
      ['hourly', [['a', 'web:6', 'web:7', TD('web:7')], ['b', 'web:5', 'web:7', TD('web:7')]]],
      ['nightly', [['x', 'web:6', 'web:7', TD('web:7')]]],
    ]);
  });

  it('several families: each target moves to its own family\'s new revision', () => {
    const worker: ReleasedFamily = { family: 'worker', toTaskDefinitionArn: TD('worker:4') };
    const plan = planMoves([ruleTarget('r', 'w', TD('worker:3'))], [schedule('s', { Arn: CLUSTER, RoleArn: 'role', EcsParameters: { TaskDefinitionArn: TD('web:6') } })], [WEB, worker], MOVE);
    expect(plan.tasks.map(({ task }) => [task.name, task.family, task.from, task.to])).toEqual([['r', 'worker', 'worker:3', 'worker:4'], ['s', 'web', 'web:6', 'web:7']]);
  });

  it('a universal target is reported, never moved, and warned about in mode move when it runs another revision', () => {
    const universal = (input: string) => schedule('u', { Arn: 'arn:aws:scheduler:::aws-sdk:ecs:runTask', RoleArn: 'role', Input: input });
    const plan = planMoves([], [universal('{"Cluster":"demo","TaskDefinition":"web:6"}')], [WEB], MOVE);
    expect(plan.moves).toEqual([]);
    expect(plan.tasks[0].task).toMatchObject({ kind: 'schedule', pin: 'universal', from: 'web:6', to: 'web:6', note: expect.stringMatching(/^universal target/) });
    expect(plan.warnings).toEqual([expect.stringMatching(/^The schedule u \(group default\) runs web:6 through the universal target/)]);
    expect(planMoves([], [universal('{"Cluster":"other","TaskDefinition":"web:6"}')], [WEB], MOVE).tasks).toEqual([]);
    expect(planMoves([], [universal('not json')], [WEB], MOVE).tasks).toEqual([]);
  });
});

describe('what a target names', () => {
  it.each([
    [TD('web:7'), { family: 'web', revision: 7 }],
    [TD('web'), { family: 'web' }],
    ['web:7', { family: 'web', revision: 7 }],
    ['web', { family: 'web' }],
    ['arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/web:7', { family: 'web', revision: 7 }],
    ['web:latest', undefined],
    [undefined, undefined],
  ])('%s', (value, expected) => {
    expect(parseTaskDefinition(value)).toEqual(expected);
  });

  it('the cluster ARN from the input, or from the revision ARN', () => {
    expect(clusterArnFor('demo', TD('web:7'))).toBe(CLUSTER);
    expect(clusterArnFor(CLUSTER, 'arn:aws:ecs:eu-west-1:999999999999:task-definition/web:1')).toBe(CLUSTER);
  });

  it("a universal target's cluster: name, ARN, or none (RunTask's default cluster)", () => {
    expect(universalRunTask('{"cluster":"demo","taskDefinition":"web:1"}')).toEqual({ cluster: 'demo', taskDefinition: 'web:1' });
    expect(sameCluster('demo', CLUSTER)).toBe(true);
    expect(sameCluster(CLUSTER, CLUSTER)).toBe(true);
    expect(sameCluster(undefined, CLUSTER)).toBe(false);
    expect(sameCluster(undefined, 'arn:aws:ecs:us-east-1:123456789012:cluster/default')).toBe(true);
  });
});
