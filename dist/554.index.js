export const id = 554;
export const ids = [554];
export const modules = {

/***/ 7554:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  moveFailure: () => (/* binding */ moveFailure),
  scheduledTasksAfterDeploy: () => (/* binding */ scheduledTasksAfterDeploy)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/schedules/revision.ts
/**
 * An ECS target's task definition: `family:revision` or the family alone, as an ARN or not. RunTask
 * "taskDefinition: The family and revision (family:revision) or full ARN of the task definition to
 * run. If a revision isn't specified, the latest ACTIVE revision is used."
 */
const TASK_DEFINITION = /^(?:arn:aws[\w-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/)?([A-Za-z0-9_-]{1,255})(?::(\d+))?$/;
function parseTaskDefinition(value) {
    const match = value === undefined ? null : TASK_DEFINITION.exec(value);
    if (!match)
        return undefined;
    return { family: match[1], ...(match[2] === undefined ? {} : { revision: Number(match[2]) }) };
}
/** `web:7`, or `web` for a target that names only the family. */
function shortName(named) {
    return named.revision === undefined ? named.family : `${named.family}:${named.revision}`;
}
function pinOf(named) {
    return named.revision === undefined ? 'family' : 'revision';
}
/** Scheduler's universal target for ECS RunTask: the task definition is inside the target's Input. */
const UNIVERSAL_RUN_TASK = 'arn:aws:scheduler:::aws-sdk:ecs:runTask';
/**
 * The cluster and task definition in a universal target's Input (RunTask's parameters as JSON).
 * Both spellings are read: the Scheduler guide writes them in PascalCase, the ECS API in camelCase.
 */
function universalRunTask(input) {
    let parsed;
    try {
        parsed = JSON.parse(input ?? '');
    }
    catch {
        return {};
    }
    if (typeof parsed !== 'object' || parsed === null)
        return {};
    const fields = parsed;
    const text = (...names) => names.map((name) => fields[name]).find((value) => typeof value === 'string');
    return { cluster: text('Cluster', 'cluster'), taskDefinition: text('TaskDefinition', 'taskDefinition') };
}
/**
 * The cluster's ARN, which ECS targets carry as their `Arn`: the input when it is one, else built
 * from a task definition ARN of the same account and region (no call needed).
 */
function clusterArnFor(cluster, taskDefinitionArn) {
    if (cluster.startsWith('arn:'))
        return cluster;
    const prefix = taskDefinitionArn.slice(0, taskDefinitionArn.indexOf(':task-definition/'));
    return `${prefix}:cluster/${cluster}`;
}
/** Whether a universal target's cluster (name or ARN; RunTask: "If you do not specify a cluster, the default cluster is assumed") is this cluster. */
function sameCluster(named, clusterArn) {
    const name = clusterArn.slice(clusterArn.lastIndexOf('/') + 1);
    return (named ?? 'default') === clusterArn || (named ?? 'default') === name;
}

;// CONCATENATED MODULE: ./src/schedules/plan.ts

const ruleKey = (found) => `rule\u0000${found.eventBus}\u0000${found.rule}\u0000${found.target.Id}`;
const scheduleKey = (found) => `schedule\u0000${found.group}\u0000${found.name}`;
function label(task) {
    return task.kind === 'rule' ? `EventBridge rule ${task.name} (event bus ${task.scope}, target ${task.targetId})` : `schedule ${task.name} (group ${task.scope})`;
}
function planMoves(rules, schedules, released, options) {
    const families = new Map(released.map((r) => [r.family, r]));
    const plan = { tasks: [], moves: [], warnings: [] };
    const ruleMoves = new Map();
    for (const found of rules) {
        const named = parseTaskDefinition(found.target.EcsParameters?.TaskDefinitionArn);
        const release = named && families.get(named.family);
        if (!named || !release)
            continue;
        const base = { kind: 'rule', name: found.rule, scope: found.eventBus, targetId: found.target.Id };
        const { task, movable } = judge(base, named, pinOf(named), release, options, plan.warnings);
        plan.tasks.push({ key: ruleKey(found), task });
        if (!movable)
            continue;
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
        if (inInput && !sameCluster(inInput.cluster, options.clusterArn))
            continue;
        const named = parseTaskDefinition(inInput ? inInput.taskDefinition : target.EcsParameters?.TaskDefinitionArn);
        const release = named && families.get(named.family);
        if (!named || !release)
            continue;
        const base = { kind: 'schedule', name: found.name, scope: found.group };
        const { task, movable } = judge(base, named, universal ? 'universal' : pinOf(named), release, options, plan.warnings);
        plan.tasks.push({ key: scheduleKey(found), task });
        if (movable)
            plan.moves.push({ kind: 'schedule', key: scheduleKey(found), name: found.name, group: found.group, original: found.schedule, from: task.from, to: task.to, toArn: release.toTaskDefinitionArn });
    }
    return plan;
}
/** What one target runs, and whether the phase moves it. Warnings for what runs unverified revisions or cannot be moved. */
function judge(base, named, pin, release, options, warnings) {
    const from = shortName(named);
    const to = shortName(parseTaskDefinition(release.toTaskDefinitionArn));
    const task = { ...base, family: named.family, pin, from, to: from, moved: false, note: '' };
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
        if (move)
            warnings.push(`The ${label(task)} runs ${from} through the universal target (aws-sdk:ecs:runTask): the action does not rewrite its Input JSON, so it still runs ${from}; update it yourself, or use the templated ECS target (the cluster ARN with EcsParameters).`);
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

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-eventbridge/dist-cjs/index.js
var dist_cjs = __webpack_require__(4231);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
;// CONCATENATED MODULE: ./src/schedules/rules.ts
/**
 * EventBridge rules that run ECS tasks in the cluster: found by target (the cluster ARN), read
 * whole, written back whole. An ECS target's `Arn` is the cluster ARN and its task definition is
 * `EcsParameters.TaskDefinitionArn`.
 */



/**
 * The buses searched. Scheduled rules exist only on the default bus ("You can only use a scheduled
 * expression for the default event bus"; EventBridge User Guide, "Creating a scheduled rule
 * (legacy)"); a rule on a custom bus runs a task for an event, not on a schedule.
 */
const EVENT_BUSES = ['default'];
/** Every page of a NextToken listing; a token answered twice would loop, so it stops the listing with an error. */
async function allPages(what, read) {
    const items = [];
    const seen = new Set();
    let token;
    do {
        const answer = await read(token);
        items.push(...answer.items);
        token = answer.next;
        if (token !== undefined && seen.has(token))
            throw new src_errors/* ActionError */.lZ(`Could not list ${what}: EventBridge answered the same NextToken twice.`);
        if (token !== undefined)
            seen.add(token);
    } while (token);
    return items;
}
/** The ECS targets in the cluster of every rule that targets it, on each bus; all pages of both listings. */
async function findRuleTargets(client, clusterArn, buses = EVENT_BUSES) {
    const found = [];
    for (const eventBus of buses) {
        const rules = await allPages(`the rules targeting ${clusterArn} on event bus ${eventBus}`, async (NextToken) => {
            try {
                const answer = await client.send(new dist_cjs.ListRuleNamesByTargetCommand({ TargetArn: clusterArn, EventBusName: eventBus, NextToken }));
                return { items: answer.RuleNames ?? [], next: answer.NextToken };
            }
            catch (error) {
                throw (0,errors/* awsFailure */.MT)(`list the EventBridge rules that target ${clusterArn} (ListRuleNamesByTarget, event bus ${eventBus})`, error);
            }
        });
        for (const rule of rules) {
            const targets = await allPages(`the targets of rule ${rule}`, async (NextToken) => {
                try {
                    const answer = await client.send(new dist_cjs.ListTargetsByRuleCommand({ Rule: rule, EventBusName: eventBus, NextToken }));
                    return { items: answer.Targets ?? [], next: answer.NextToken };
                }
                catch (error) {
                    throw (0,errors/* awsFailure */.MT)(`list the targets of EventBridge rule ${rule} (ListTargetsByRule, event bus ${eventBus})`, error);
                }
            });
            for (const target of targets) {
                if (target.Arn === clusterArn && target.EcsParameters?.TaskDefinitionArn)
                    found.push({ rule, eventBus, target });
            }
        }
    }
    return found;
}
/**
 * PutTargets with whole targets (it replaces the target with that Id: a member left out is gone).
 * The call can succeed while entries fail: those come back, and only the others were written.
 */
async function putRuleTargets(client, rule, eventBus, targets) {
    try {
        const answer = await client.send(new dist_cjs.PutTargetsCommand({ Rule: rule, EventBusName: eventBus, Targets: targets }));
        const failed = answer.FailedEntries ?? [];
        // FailedEntryCount is the documented signal; an answer that counts failures it does not list fails every entry.
        if ((answer.FailedEntryCount ?? 0) > failed.length)
            return targets.map((t) => failed.find((f) => f.TargetId === t.Id) ?? { TargetId: t.Id, ErrorCode: 'Unknown', ErrorMessage: `FailedEntryCount ${answer.FailedEntryCount} without its entries` });
        return failed;
    }
    catch (error) {
        throw (0,errors/* awsFailure */.MT)(`write the targets of EventBridge rule ${rule} (PutTargets, event bus ${eventBus})`, error);
    }
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-scheduler/dist-cjs/index.js
var client_scheduler_dist_cjs = __webpack_require__(768);
;// CONCATENATED MODULE: ./src/schedules/schedules.ts
/**
 * EventBridge Scheduler schedules that run ECS tasks in the cluster: every group, every page,
 * filtered by target ARN (a summary carries nothing else), then read whole with GetSchedule.
 * UpdateSchedule replaces the whole schedule, so it is always sent everything GetSchedule returned.
 */



/** CreateSchedule refuses a recurring schedule's StartDate earlier than this before now. */
const START_DATE_GRACE_MS = 5 * 60_000;
/** Every schedule of every group whose target is the cluster (templated ECS target) or ECS RunTask through the universal target. */
async function findSchedules(client, clusterArn) {
    const candidates = [];
    try {
        for await (const groups of (0,client_scheduler_dist_cjs.paginateListScheduleGroups)({ client }, {})) {
            for (const group of groups.ScheduleGroups ?? []) {
                for await (const listed of (0,client_scheduler_dist_cjs.paginateListSchedules)({ client }, { GroupName: group.Name })) {
                    for (const summary of listed.Schedules ?? []) {
                        if (summary.Target?.Arn === clusterArn || summary.Target?.Arn === UNIVERSAL_RUN_TASK)
                            candidates.push({ group: group.Name, name: summary.Name });
                    }
                }
            }
        }
    }
    catch (error) {
        throw (0,errors/* awsFailure */.MT)('list the EventBridge Scheduler schedules (ListScheduleGroups, ListSchedules)', error);
    }
    const found = [];
    for (const { group, name } of candidates) {
        try {
            found.push({ group, name, schedule: asUpdate(await client.send(new client_scheduler_dist_cjs.GetScheduleCommand({ Name: name, GroupName: group }))) });
        }
        catch (error) {
            throw (0,errors/* awsFailure */.MT)(`read schedule ${name} of group ${group} (GetSchedule)`, error);
        }
    }
    return found;
}
/** Everything GetSchedule returned but what UpdateSchedule does not take (Arn) and what Scheduler sets itself (the dates of creation and change). */
function asUpdate(got) {
    const { Arn: _arn, CreationDate: _created, LastModificationDate: _changed, $metadata: _metadata, ...rest } = got;
    return { ...rest, Name: got.Name, ScheduleExpression: got.ScheduleExpression, FlexibleTimeWindow: got.FlexibleTimeWindow, Target: got.Target };
}
/**
 * UpdateSchedule with the whole schedule. CreateSchedule refuses a recurring schedule's StartDate
 * more than 5 minutes in the past, and AWS does not say whether UpdateSchedule does: when it
 * answers ValidationException for a schedule whose StartDate is that old, the schedule is sent
 * again without it. A StartDate in the past does not change when a started schedule runs.
 */
async function updateSchedule(client, schedule, now) {
    const attempt = `update schedule ${schedule.Name} of group ${schedule.GroupName ?? 'default'} (UpdateSchedule)`;
    try {
        await client.send(new client_scheduler_dist_cjs.UpdateScheduleCommand(schedule));
        return {};
    }
    catch (error) {
        const start = schedule.StartDate;
        if ((0,errors/* awsErrorName */.ZH)(error) !== 'ValidationException' || !start || start.getTime() >= now - START_DATE_GRACE_MS)
            throw (0,errors/* awsFailure */.MT)(attempt, error);
        const { StartDate: _past, ...withoutStart } = schedule;
        try {
            await client.send(new client_scheduler_dist_cjs.UpdateScheduleCommand(withoutStart));
            return { droppedStartDate: start };
        }
        catch (retryError) {
            throw (0,errors/* awsFailure */.MT)(`${attempt}, also without its past StartDate ${start.toISOString()}`, retryError);
        }
    }
}

;// CONCATENATED MODULE: ./src/schedules/journal.ts




/** The target as it was, but for its task definition (same shape in EventBridge and Scheduler). */
function withTaskDefinition(target, taskDefinitionArn) {
    return { ...target, EcsParameters: { ...target.EcsParameters, TaskDefinitionArn: taskDefinitionArn } };
}
/** The moves in order; the first failure stops them (the caller restores the journal). A cancel stops before the next write. */
async function moveAll(context, moves) {
    const outcome = { journal: [], moved: [] };
    for (const move of moves) {
        if (context.signal.aborted) {
            outcome.failure = { message: `the workflow was cancelled after ${outcome.moved.length} write(s); nothing more was moved`, keys: [] };
            return outcome;
        }
        if (move.kind === 'rule') {
            let failed;
            try {
                failed = await putRuleTargets(await context.clients.events(), move.rule, move.eventBus, move.targets.map((t) => withTaskDefinition(t.original, t.toArn)));
            }
            catch (error) {
                outcome.failure = { message: (0,src_errors/* errorMessage */.gJ)(error), keys: move.targets.map((t) => t.key) };
                return outcome;
            }
            for (const t of move.targets) {
                if (failed.some((f) => f.TargetId === t.original.Id))
                    continue;
                outcome.journal.push({ kind: 'rule', rule: move.rule, eventBus: move.eventBus, targetId: t.original.Id, from: t.from, to: t.to, original: t.original });
                outcome.moved.push(t.key);
            }
            if (failed.length > 0) {
                const entries = failed.map((f) => `target ${f.TargetId}: ${f.ErrorCode}: ${f.ErrorMessage}`).join('; ');
                outcome.failure = {
                    message: `PutTargets on EventBridge rule ${move.rule} (event bus ${move.eventBus}) answered FailedEntryCount ${failed.length}: ${entries}`,
                    keys: move.targets.filter((t) => failed.some((f) => f.TargetId === t.original.Id)).map((t) => t.key),
                };
                return outcome;
            }
        }
        else {
            const schedule = move.original;
            const moved = { ...schedule, Target: withTaskDefinition(schedule.Target, move.toArn) };
            try {
                const write = await updateSchedule(await context.clients.scheduler(), moved, context.clock.now());
                const note = write.droppedStartDate ? `its StartDate ${write.droppedStartDate.toISOString()} was in the past and Scheduler refused it, so it was sent without one (a past start date does not change when it runs)` : undefined;
                outcome.journal.push({ kind: 'schedule', name: move.name, group: move.group, from: move.from, to: move.to, original: schedule, ...(note ? { note } : {}) });
                outcome.moved.push(move.key);
            }
            catch (error) {
                outcome.failure = { message: (0,src_errors/* errorMessage */.gJ)(error), keys: [move.key] };
                return outcome;
            }
        }
    }
    return outcome;
}
function entryLabel(entry) {
    return entry.kind === 'rule' ? label({ kind: 'rule', name: entry.rule, scope: entry.eventBus, targetId: entry.targetId }) : label({ kind: 'schedule', name: entry.name, scope: entry.group });
}
/** One line of the journal, as printed. */
function describeEntry(entry) {
    return `${entryLabel(entry)}: ${entry.from} -> ${entry.to}${entry.kind === 'schedule' && entry.note ? ` (${entry.note})` : ''}`;
}
/**
 * Writes the journal back, newest first, the same way each entry was moved: PutTargets with the
 * target as it was, UpdateSchedule with the schedule as it was. Every entry is tried; those that
 * fail still run the new revision and are said so.
 */
async function restore(context, journal) {
    const outcome = { restored: [], failed: [], stillMoved: [] };
    for (const entry of [...journal].reverse()) {
        const what = entryLabel(entry);
        try {
            if (entry.kind === 'rule') {
                const failed = await putRuleTargets(await context.clients.events(), entry.rule, entry.eventBus, [entry.original]);
                if (failed.length > 0)
                    throw new Error(`PutTargets answered FailedEntryCount ${failed.length}: ${failed.map((f) => `${f.ErrorCode}: ${f.ErrorMessage}`).join('; ')}`);
            }
            else {
                await updateSchedule(await context.clients.scheduler(), entry.original, context.clock.now());
            }
            outcome.restored.push(`${what} back to ${entry.from}`);
        }
        catch (error) {
            outcome.failed.push(`${what} still runs ${entry.to}: ${(0,src_errors/* errorMessage */.gJ)(error)}`);
            outcome.stillMoved.push(entry);
        }
    }
    return outcome;
}

// EXTERNAL MODULE: ./src/untrusted.ts
var untrusted = __webpack_require__(873);
;// CONCATENATED MODULE: ./src/schedules/phase.ts
/**
 * The scheduled-task phase: find the EventBridge rules and Scheduler schedules that run a released
 * family in the cluster, say what each runs, and in mode 'move' (only after the whole release was
 * verified) repoint the pinned ones, journaled, restoring the journal when a later move fails.
 * Loaded with `await import()`: only runs that look at scheduled tasks load the two SDK clients.
 */








/** Runs `find`; an error is kept (the phase reports what it could list) and yields nothing. */
async function listed(find, errors) {
    try {
        return await find();
    }
    catch (error) {
        errors.push((0,src_errors/* errorMessage */.gJ)(error));
        return [];
    }
}
/** A report of one run of the phase; see types.ts for the interface a release of several services uses. */
async function scheduledTasksPhase(context, released, options) {
    const errors = [];
    const rules = await listed(async () => findRuleTargets(await context.clients.events(), context.clusterArn), errors);
    const schedules = await listed(async () => findSchedules(await context.clients.scheduler(), context.clusterArn), errors);
    const plan = planMoves(rules, schedules, released, { clusterArn: context.clusterArn, ...options });
    const report = { mode: options.mode, tasks: plan.tasks.map((t) => t.task), journal: [], warnings: plan.warnings };
    const tasks = new Map(plan.tasks.map(({ key, task }) => [key, task]));
    const planned = plan.moves.flatMap((move) => (move.kind === 'rule' ? move.targets.map((t) => t.key) : [move.key]));
    const stay = (key, note) => Object.assign(tasks.get(key), { to: tasks.get(key).from, moved: false, note });
    if (errors.length > 0) {
        report.error = errors.join(' ');
        // A partial picture moves nothing: the release's targets move together or not at all.
        for (const key of planned)
            stay(key, 'not moved: the scheduled tasks could not all be listed');
    }
    else if (planned.length > 0) {
        const outcome = await moveAll(context, plan.moves);
        report.journal = outcome.journal;
        outcome.journal.forEach((entry, i) => Object.assign(tasks.get(outcome.moved[i]), { moved: true, note: entry.kind === 'schedule' && entry.note ? `moved; ${entry.note}` : 'moved' }));
        if (outcome.failure) {
            report.failure = outcome.failure.message;
            const { keys } = outcome.failure;
            for (const key of planned.filter((k) => !outcome.moved.includes(k)))
                stay(key, keys.includes(key) ? 'not moved: the write failed' : 'not moved: moving stopped at an earlier failure');
            if (outcome.journal.length > 0 && !context.signal.aborted) {
                report.restore = await restore(context, outcome.journal);
                outcome.journal.forEach((entry, i) => {
                    const key = outcome.moved[i];
                    if (report.restore.stillMoved.includes(entry))
                        tasks.get(key).note = `moved to ${entry.to}; restoring ${entry.from} failed`;
                    else
                        stay(key, `moved to ${entry.to}, then restored to ${entry.from}`);
                });
            }
        }
    }
    log(report, context.clusterArn, released);
    return report;
}
function log(report, clusterArn, released) {
    if (report.tasks.length === 0 && !report.error) {
        core/* info */.pq(`No EventBridge rule or Scheduler schedule runs ${released.map((r) => r.family).join(', ')} in ${clusterArn}.`);
    }
    // Notes and failures can quote AWS's free text (a FailedEntries message): never a workflow command.
    for (const task of report.tasks)
        core/* info */.pq((0,untrusted/* inert */.t)(`${label(task)}: ${task.from}${task.to === task.from ? '' : ` -> ${task.to}`}, ${task.note}.`));
    for (const warning of report.warnings)
        core/* warning */.$e(warning);
    if (report.error)
        core/* warning */.$e(`Could not list every scheduled task: ${report.error} (Or set 'scheduled-tasks: none' to leave them alone.)`);
    if (report.failure)
        core/* info */.pq((0,untrusted/* inert */.t)(`Moving the scheduled tasks failed: ${report.failure}`));
    if (report.journal.length > 0)
        core/* info */.pq((0,untrusted/* inert */.t)(['Journal of the scheduled tasks moved:', ...report.journal.map((entry) => `  ${describeEntry(entry)}`)].join('\n')));
    for (const line of report.restore?.restored ?? [])
        core/* info */.pq((0,untrusted/* inert */.t)(`Restored ${line}.`));
    for (const line of report.restore?.failed ?? [])
        core/* error */.z3(`Could not restore ${line}`);
}

;// CONCATENATED MODULE: ./src/schedules/after-deploy.ts
/**
 * The scheduled-task phase at the end of mode 'deploy', for the families the release deployed: after
 * every service's deployment and checks, or after they failed (then nothing moves, and 'report' still says what runs
 * which revision). Loaded with `await import()` by modes/deploy.ts.
 */



/** Why the deployment does not count as verified, as a clause. */
function notVerified(report) {
    if (report.result === 'started')
        return "the deployment was not watched to its end (wait-for-service-stability is 'false')";
    if (report.result === 'registered')
        return 'no service was deployed, so nothing verified the revision';
    if (report.result.startsWith('smoke-failed'))
        return 'the smoke check failed';
    if (report.result === 'run-task-failed')
        return 'the release task failed';
    return `the deployment ended '${report.result}'`;
}
/** What a release deployed, one entry per family and revision: each service's new revision and the one it ran before. */
function releasedFamilies(deployed) {
    const released = new Map();
    for (const report of deployed) {
        const to = report.taskDefinitionArn;
        const family = to ? parseTaskDefinition(to)?.family : undefined;
        if (!to || !family || released.has(to))
            continue;
        const from = report.previousTaskDefinitionArn;
        released.set(to, { family, toTaskDefinitionArn: to, registered: report.registered, ...(from && parseTaskDefinition(from)?.family === family ? { fromTaskDefinitionArn: from } : {}) });
    }
    return [...released.values()];
}
/**
 * `deployed` holds the report of each service of the release (the run's own report when no
 * service was given); the run's report carries the release's verdict, which decides whether
 * anything may move.
 */
async function scheduledTasksAfterDeploy(context, deployed) {
    const { inputs, report, clients, clock, signal } = context;
    const mode = inputs.scheduledTasks;
    const released = releasedFamilies(deployed);
    // A cancelled step starts nothing new, not even reads; after AWS refused a watch for good (denied, expired credentials), nothing more is asked of it.
    if (mode === 'none' || released.length === 0 || signal.aborted || deployed.some((one) => one.endedOnError))
        return;
    const verified = report.result === 'deployed';
    const clusterArn = clusterArnFor(inputs.cluster, released[0].toTaskDefinitionArn);
    const scheduled = await core/* group */.Os('Scheduled tasks', () => scheduledTasksPhase({ clients, clock, signal, clusterArn }, released, { mode, verified, why: verified ? undefined : notVerified(report) }));
    report.scheduledTasks = scheduled;
    if (mode === 'move' && verified && (scheduled.failure || scheduled.error)) {
        report.result = 'scheduled-tasks-failed';
        report.sentence = `${report.sentence.replace(/\.$/, '')}. But ${moveFailure(scheduled)}`;
    }
}
/** The failed move in sentences: what failed, then what was restored and what still runs the new revision. */
function moveFailure(scheduled) {
    if (scheduled.error)
        return `the scheduled tasks could not all be listed, so none was moved: ${scheduled.error}`;
    const parts = [`moving the scheduled tasks failed: ${scheduled.failure.replace(/\.$/, '')}.`];
    const restore = scheduled.restore;
    if (!restore) {
        parts.push(scheduled.journal.length === 0 ? 'Nothing had been moved.' : `Not restored (cancelled): ${scheduled.journal.map((e) => `${e.kind} ${e.kind === 'rule' ? e.rule : e.name} runs ${e.to}`).join('; ')}.`);
    }
    else {
        if (restore.restored.length > 0)
            parts.push(`Restored what had been moved: ${restore.restored.join('; ')}.`);
        if (restore.failed.length > 0)
            parts.push(`Could not restore: ${restore.failed.join('; ')}.`);
    }
    return parts.join(' ');
}


/***/ })

};
