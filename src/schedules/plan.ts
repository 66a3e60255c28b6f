/**
 * Which scheduled tasks run a released family, what each runs, and which the phase may move: a
 * target pinned to another revision of the family, when the mode is 'move' and the release was
 * verified. A target naming only the family is never moved (it already runs the newest revision)
 * and is warned about; a universal target is reported, its Input JSON never rewritten.
 */
import type { Target } from '@aws-sdk/client-eventbridge';
import type { UpdateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import type { FoundRuleTarget } from './rules.js';
import type { FoundSchedule } from './schedules.js';
import { UNIVERSAL_RUN_TASK, parseTaskDefinition, pinOf, sameCluster, shortName, universalRunTask, type NamedRevision } from './revision.js';
import type { ReleasedFamily, ScheduledTask } from './types.js';

/** One write the phase will make: one rule's targets (one PutTargets), or one schedule. */
export type Move =
  | { kind: 'rule'; rule: string; eventBus: string; targets: Array<{ key: string; original: Target; from: string; to: string; toArn: string }> }
  | { kind: 'schedule'; key: string; name: string; group: string; original: UpdateScheduleCommandInput; from: string; to: string; toArn: string };

export interface Plan {
  /** With the key the outcome of a move is matched by. */
  tasks: Array<{ key: string; task: ScheduledTask }>;
  moves: Move[];
  warnings: string[];
}

export interface PlanOptions {
  clusterArn: string;
  mode: 'report' | 'move';
  /** Every service of the release passed: only then are targets moved. */
  verified: boolean;
  /** Why the release is not verified, as a clause ("the deployment failed"). */
  why?: string;
}

const ruleKey = (found: FoundRuleTarget) => `rule\u0000${found.eventBus}\u0000${found.rule}\u0000${found.target.Id}`;
const scheduleKey = (found: FoundSchedule) => `schedule\u0000${found.group}\u0000${found.name}`;

export function label(task: Pick<ScheduledTask, 'kind' | 'name' | 'scope' | 'targetId'>): string {
  return task.kind === 'rule' ? `EventBridge rule ${task.name} (event bus ${task.scope}, target ${task.targetId})` : `schedule ${task.name} (group ${task.scope})`;
}

export function planMoves(rules: FoundRuleTarget[], schedules: FoundSchedule[], released: ReleasedFamily[], options: PlanOptions): Plan {
  const families = new Map(released.map((r) => [r.family, r]));
  const plan: Plan = { tasks: [], moves: [], warnings: [] };
  const ruleMoves = new Map<string, Extract<Move, { kind: 'rule' }>>();
  for (const found of rules) {
    const named = parseTaskDefinition(found.target.EcsParameters?.TaskDefinitionArn);
    const release = named && families.get(named.family);
    if (!named || !release) continue;
    const base = { kind: 'rule' as const, name: found.rule, scope: found.eventBus, targetId: found.target.Id };
    const { task, movable } = judge(base, named, pinOf(named), release, options, plan.warnings);
    plan.tasks.push({ key: ruleKey(found), task });
    if (!movable) continue;
    const move = ruleMoves.get(`${found.eventBus}\u0000${found.rule}`) ?? { kind: 'rule', rule: found.rule, eventBus: found.eventBus, targets: [] };
    if (move.targets.length === 0) {
      ruleMoves.set(`${found.eventBus}\u0000${found.rule}`, move);
      plan.moves.push(move);
    }
    move.targets.push({ key: ruleKey(found), original: found.target, from: task.from, to: task.to, toArn: release.toTaskDefinitionArn });
  }
  for (const found of schedules) {
    const target = found.schedule.Target ?? { Arn: undefined, RoleArn: undefined };
    const universal = target.Arn === UNIVERSAL_RUN_TASK;
    const inInput = universal ? universalRunTask(target.Input) : undefined;
    if (inInput && !sameCluster(inInput.cluster, options.clusterArn)) continue;
    const named = parseTaskDefinition(inInput ? inInput.taskDefinition : target.EcsParameters?.TaskDefinitionArn);
    const release = named && families.get(named.family);
    if (!named || !release) continue;
    const base = { kind: 'schedule' as const, name: found.name, scope: found.group };
    const { task, movable } = judge(base, named, universal ? 'universal' : pinOf(named), release, options, plan.warnings);
    plan.tasks.push({ key: scheduleKey(found), task });
    if (movable) plan.moves.push({ kind: 'schedule', key: scheduleKey(found), name: found.name, group: found.group, original: found.schedule, from: task.from, to: task.to, toArn: release.toTaskDefinitionArn });
  }
  return plan;
}

/** What one target runs, and whether the phase moves it. Warnings for what runs unverified revisions or cannot be moved. */
function judge(
  base: Pick<ScheduledTask, 'kind' | 'name' | 'scope' | 'targetId'>,
  named: NamedRevision,
  pin: ScheduledTask['pin'],
  release: ReleasedFamily,
  options: PlanOptions,
  warnings: string[],
): { task: ScheduledTask; movable: boolean } {
  const from = shortName(named);
  const to = shortName(parseTaskDefinition(release.toTaskDefinitionArn)!);
  const task: ScheduledTask = { ...base, family: named.family, pin, from, to: from, moved: false, note: '' };
  const move = options.mode === 'move' && options.verified;
  if (named.revision === undefined) {
    const registered = release.registered ? ` (this run registered ${to}${options.verified ? '' : ', which is not verified'})` : '';
    task.note = `names the family without a revision: it runs whatever revision of ${named.family} is newest when it fires, verified or not${registered}`;
    warnings.push(`The ${label(task)} names the task definition family '${named.family}' without a revision: it runs whatever revision of ${named.family} is newest when it fires, verified or not${registered}. Pin it to a revision (family:revision) and let 'scheduled-tasks: move' repoint it after each verified release.`);
    return { task, movable: false };
  }
  if (from === to) {
    task.note = `already on ${to}`;
    return { task, movable: false };
  }
  if (pin === 'universal') {
    task.note = `universal target (aws-sdk:ecs:runTask): its task definition is in its Input JSON, which the action does not rewrite`;
    if (move) warnings.push(`The ${label(task)} runs ${from} through the universal target (aws-sdk:ecs:runTask): the action does not rewrite its Input JSON, so it still runs ${from}; update it yourself, or use the templated ECS target (the cluster ARN with EcsParameters).`);
    return { task, movable: false };
  }
  if (!move) {
    const hint = options.verified ? `; 'move' would repoint it to ${to}` : `, and ${options.why ?? 'the release was not verified'}`;
    task.note = options.mode === 'report' ? `not moved (scheduled-tasks is 'report'${hint})` : `not moved: ${options.why ?? 'the release was not verified'}`;
    return { task, movable: false };
  }
  task.to = to;
  task.note = `to be moved to ${to}`;
  return { task, movable: true };
}
