export const id = 527;
export const ids = [527];
export const modules = {

/***/ 414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ logSourceOf)
/* harmony export */ });
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1626);

function logSourceOf(container, taskArn, defaultRegion) {
    const name = container?.name ?? '?';
    const config = container?.logConfiguration;
    if (!container || !config) {
        return { missing: `container '${name}' has no logConfiguration, so its output went nowhere the action can read; add the awslogs driver with awslogs-group and awslogs-stream-prefix.` };
    }
    if (config.logDriver === 'awsfirelens') {
        return { missing: `container '${name}' sends its logs through FireLens (awsfirelens), to wherever its log router is configured; read them there.` };
    }
    if (config.logDriver !== 'awslogs') {
        return { missing: `container '${name}' logs with the ${config.logDriver} driver; only awslogs (CloudWatch Logs) can be read by the action.` };
    }
    const options = config.options ?? {};
    const group = options['awslogs-group'];
    const prefix = options['awslogs-stream-prefix'];
    if (!group || !prefix) {
        return { missing: `container '${name}' has no awslogs-${group ? 'stream-prefix' : 'group'}, so ECS names no stream the action can find; set awslogs-group and awslogs-stream-prefix in its logConfiguration.` };
    }
    return { found: { group, stream: `${prefix}/${name}/${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_0__/* .lastSegment */ .m)(taskArn)}`, region: options['awslogs-region'] || defaultRegion } };
}


/***/ }),

/***/ 2471:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S$: () => (/* binding */ fixLine),
/* harmony export */   il: () => (/* binding */ splitExplanation),
/* harmony export */   mC: () => (/* binding */ LOGS_UNAVAILABLE_PREFIX),
/* harmony export */   sQ: () => (/* binding */ logExcerpt)
/* harmony export */ });
/* unused harmony exports FIX_PREFIX, LOG_HEADER_PREFIX, LOG_LINE_PREFIX */
/**
 * The lines of an explanation that carry a fix or a log excerpt, written by the watch and the
 * release task and picked out by the job summary, which puts them first.
 */
const FIX_PREFIX = '  fix: ';
const LOG_HEADER_PREFIX = '  last log lines of ';
const LOGS_UNAVAILABLE_PREFIX = '  logs: ';
const LOG_LINE_PREFIX = '    | ';
/** A group headline of describeStoppedTasks: "2 tasks of web:3 stopped (TaskFailedToStart): ...". */
const CAUSE = /^\d+ tasks? of \S+ stopped \(/;
/**
 * Tasks the service scheduler stopped to scale in ("Scaling activity initiated by (deployment …)"):
 * a rollback stopping the failed revision's last tasks, or a lower desired count. Not failures.
 */
const SCALED_IN = /^\d+ tasks? of \S+ stopped \(ServiceSchedulerInitiated\): Scaling activity initiated by /;
function fixLine(hint) {
    return `${FIX_PREFIX}${hint}`;
}
function logExcerpt(header, lines) {
    return [`${LOG_HEADER_PREFIX}${header}:`, ...lines.flatMap((text) => text.split(/\r?\n|\r/)).map((line) => `${LOG_LINE_PREFIX}${line}`)];
}
function splitExplanation(lines) {
    const split = { causes: [], scaledIn: [], logs: [], unavailable: [], details: [] };
    let group;
    for (const line of lines) {
        if (line.startsWith(FIX_PREFIX)) {
            if (group)
                group.fix = line.slice(FIX_PREFIX.length);
        }
        else if (line.startsWith(LOG_HEADER_PREFIX)) {
            split.logs.push({ header: line.slice(LOG_HEADER_PREFIX.length).replace(/:$/, ''), lines: [] });
        }
        else if (line.startsWith(LOG_LINE_PREFIX)) {
            split.logs.at(-1)?.lines.push(line.slice(LOG_LINE_PREFIX.length));
        }
        else if (line.startsWith(LOGS_UNAVAILABLE_PREFIX)) {
            split.unavailable.push(line.slice(LOGS_UNAVAILABLE_PREFIX.length));
        }
        else if (CAUSE.test(line)) {
            group = { cause: line, containers: [] };
            (SCALED_IN.test(line) ? split.scaledIn : split.causes).push(group);
        }
        else if (group && line.startsWith('  ')) {
            group.containers.push(line.trim());
        }
        else {
            group = undefined;
            split.details.push(line);
        }
    }
    return split;
}


/***/ }),

/***/ 5454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  J: () => (/* binding */ watchDeployment)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/aws/arn.ts
var aws_arn = __webpack_require__(1626);
// EXTERNAL MODULE: ./src/watch/judge.ts
var judge = __webpack_require__(6852);
// EXTERNAL MODULE: ./src/watch/observer.ts + 3 modules
var watch_observer = __webpack_require__(344);
// EXTERNAL MODULE: ./src/watch/stages.ts
var stages = __webpack_require__(3780);
// EXTERNAL MODULE: ./src/watch/wording.ts
var wording = __webpack_require__(9459);
;// CONCATENATED MODULE: ./src/watch/watch.ts
/**
 * Watches the one deployment our UpdateService created (never "whatever is PRIMARY") to the
 * first judgement ECS's data supports, and explains a failure the moment it is seen. What
 * follows a failure (ECS's rollback, or one the action makes) is in rollback/guarded-watch.ts.
 */





function watch_judge(observer, snapshot) {
    const ours = observer.ours(snapshot.service);
    const reason = (0,judge/* failureReason */.Hr)(snapshot, ours);
    if (reason)
        return { kind: 'failed', reason: (0,stages/* stagedFailure */.Hq)(snapshot.serviceDeployment, observer.stages.forwardStage) ?? reason };
    if ((0,judge/* hasSucceeded */.yO)(snapshot, ours))
        return { kind: 'deployed' };
    const pause = observer.options.actOnPause ? (0,stages/* awaitingPause */.fs)(snapshot.serviceDeployment) : undefined;
    if (pause && !observer.pausesHandled.has(pause.hookId))
        return { kind: 'paused', pause };
    const by = (0,judge/* replacedBy */._0)(snapshot, observer.deploymentId);
    return by ? { kind: 'superseded', by } : undefined;
}
/** `resumed`: watching on after the action answered a pause, with the same deadline. */
async function watchToJudgement(observer, resumed = false) {
    const { timeoutMs, pollIntervalMs } = observer.options;
    const { target, what } = observer;
    if (!resumed) {
        core/* info */.pq(`Watching the deployment of ${what} (${observer.deploymentId ?? 'deployment id not known yet'}): up to ${(0,wording/* duration */.p0)(timeoutMs)}, polling every ${pollIntervalMs / 1000} s.`);
        observer.mark('Deployment started', target.updatedAt);
    }
    const result = await observer.poll(target.updatedAt.getTime() + timeoutMs, (snapshot) => watch_judge(observer, snapshot));
    if (result.kind === 'cancelled')
        return { kind: 'ended', outcome: await observer.cancelled(`waiting for the deployment of ${what}`) };
    if (result.kind === 'fatal')
        return { kind: 'ended', outcome: observer.fatal(result.error, `watching the deployment of ${what}`) };
    if (result.kind === 'timeout') {
        observer.mark('Deadline passed');
        const state = observer.lastState();
        const pause = (0,stages/* awaitingPause */.fs)(observer.last?.serviceDeployment);
        // What is true at the deadline; what the action then does about the pause (roll back by answering it, or leave it) the rollback rule says.
        const paused = pause ? `; paused at ${pause.stage}, PAUSE hook ${pause.hookId}, AWAITING_ACTION` : '';
        const failure = {
            verdict: 'timed-out',
            intro: `Deployment of ${what} did not finish within ${(0,wording/* duration */.p0)(timeoutMs)}${state ? ` (${state}${paused})` : ''}`,
        };
        await observer.explain((0,wording/* period */.iE)(failure.intro));
        return { kind: 'timed-out', failure };
    }
    const judgement = result.value;
    if (judgement.kind === 'deployed')
        return { kind: 'ended', outcome: deployed(observer, result.snapshot) };
    if (judgement.kind === 'superseded')
        return { kind: 'ended', outcome: superseded(observer, judgement.by) };
    if (judgement.kind === 'paused')
        return { kind: 'paused', pause: judgement.pause, snapshot: result.snapshot };
    observer.mark('Failure detected');
    const failure = { verdict: 'failed', intro: `Deployment of ${what} failed: ${judgement.reason}` };
    await observer.explain((0,wording/* period */.iE)(failure.intro));
    return { kind: 'failed', failure, snapshot: result.snapshot };
}
function deployed(observer, snapshot) {
    // The counts of the service deployment's target revision come in the same answer as the status
    // that decided; the service's, read before it in the poll, can predate the tasks.
    const target = snapshot.serviceDeployment?.targetServiceRevision;
    const ours = observer.ours(snapshot.service);
    const running = target?.runningTaskCount ?? ours?.runningCount ?? snapshot.service.runningCount ?? 0;
    const desired = target?.requestedTaskCount ?? ours?.desiredCount ?? snapshot.service.desiredCount ?? 0;
    return observer.finish('deployed', `Deployed ${observer.what}: ${running} of ${(0,wording/* plural */.LS)(desired, 'task')} running.`);
}
function superseded(observer, by) {
    const other = by === 'unknown' ? 'another deployment' : `another deployment (${(0,aws_arn/* shortRevision */.w)(by.taskDefinition)}, ${by.id})`;
    const sentence = `Superseded: ${other} replaced the deployment of ${observer.what} before it finished; the action does not roll back someone else's deployment.`;
    core/* warning */.$e(sentence);
    return observer.finish('superseded', sentence);
}

// EXTERNAL MODULE: ./src/rollback/writes.ts
var writes = __webpack_require__(2410);
// EXTERNAL MODULE: ./src/rollback/pause-gate.ts
var pause_gate = __webpack_require__(5632);
// EXTERNAL MODULE: ./src/rollback/ownership.ts
var ownership = __webpack_require__(9441);
;// CONCATENATED MODULE: ./src/rollback/pause-end.ts
/**
 * The end of a pause. After the checks the action reads the deployment again and acts on what ECS
 * shows now, not on what it saw before the check:
 * - still AWAITING_ACTION: answered, CONTINUE if the checks passed, ROLLBACK if not (after making
 *   sure the service is still ours);
 * - replaced by another deployment: `superseded`, nothing written;
 * - moved on (the hook expired and ECS took its timeout action, someone else answered it): said
 *   so and acted on. A failed check on a deployment ECS continued or completed is rolled back as
 *   after any failure; a passing check on a deployment ECS rolled back is red.
 * An answer ECS refuses because the hook moved on meanwhile is read as that, and an answer that
 * took effect but whose reply was lost is read as taken.
 */









const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const ended = (outcome) => ({ kind: 'ended', outcome });
/** Reads the deployment again after the checks and acts on what it shows. */
async function settlePause(observer, pause, verdict) {
    const now = await readOrEnd(observer, 'after the checks at the pause');
    return 'outcome' in now ? ended(now.outcome) : decide(observer, pause, verdict, now.snapshot);
}
async function readOrEnd(observer, when) {
    try {
        return { snapshot: await observer.readNow() };
    }
    catch (error) {
        return { outcome: observer.fatal(error, `reading the deployment of ${observer.what} ${when}`) };
    }
}
function hookOf(snapshot, pause) {
    return snapshot.serviceDeployment?.lifecycleHookDetails?.find((hook) => hook.hookId === pause.hookId);
}
function stillAwaiting(snapshot, pause) {
    return snapshot.serviceDeployment?.status === 'IN_PROGRESS' && hookOf(snapshot, pause)?.status === 'AWAITING_ACTION';
}
/** "At the pause at X, the smoke check failed on ... in the web:8 (green) tasks (task ...); production traffic never reached web:8" */
function failureAt(observer, pause, verdict) {
    const green = (0,aws_arn/* shortRevision */.w)(observer.target.taskDefinitionArn);
    const never = (0,stages/* beforeProduction */.pm)(observer.last?.serviceDeployment, observer.stages.maxProductionWeight);
    return { verdict: 'failed', intro: `At the pause at ${pause.stage}, ${verdict.sentence}${never ? `; production traffic never reached ${green}` : ''}` };
}
/** `sent`: the answer the action sent that ECS refused or whose reply was lost. */
async function decide(observer, pause, verdict, now, sent) {
    const replaced = (0,ownership/* replacement */.f4)(now, (0,ownership/* oursOf */.nO)(observer));
    if (replaced)
        return ended((0,ownership/* endSuperseded */.it)(observer, `at the pause at ${pause.stage}, ${verdict.sentence}`, replaced, now.service));
    if (sent === undefined && stillAwaiting(now, pause))
        return answer(observer, pause, verdict, now);
    return movedOn(observer, pause, verdict, now, sent);
}
async function answer(observer, pause, verdict, now) {
    const action = verdict.passed ? 'CONTINUE' : 'ROLLBACK';
    const failure = failureAt(observer, pause, verdict);
    const why = verdict.passed ? undefined : (0,ownership/* notOurs */.TR)(now, (0,ownership/* oursOf */.nO)(observer));
    if (why)
        return ended((0,ownership/* endSuperseded */.it)(observer, `at the pause at ${pause.stage}, ${verdict.sentence}`, why, now.service));
    const arn = observer.serviceDeploymentArn;
    core/* info */.pq(`ContinueServiceDeployment ${arn} hook ${pause.hookId} with action ${action}.`);
    try {
        await (0,pause_gate/* continueDeployment */.vI)(observer.ecs, arn, pause.hookId, action, observer.writeBudget());
    }
    catch (error) {
        if (observer.options.signal?.aborted)
            return ended(await observer.cancelled(`answering the pause of ${observer.what}`));
        const again = await readOrEnd(observer, `after ECS refused the ${action}`);
        if ('outcome' in again)
            return ended(again.outcome);
        if (!stillAwaiting(again.snapshot, pause))
            return decide(observer, pause, verdict, again.snapshot, action);
        if (verdict.passed) {
            const sentence = `${capital(verdict.sentence)} at ${pause.stage}, but the pause could not be continued: ${(0,errors/* errorMessage */.gJ)(error)} The deployment stays paused at ${pause.stage}; ${(0,stages/* atExpiry */.Vp)(pause)}.`;
            return ended(observer.finish('failed', sentence));
        }
        core/* warning */.$e(`${(0,errors/* errorMessage */.gJ)(error)} Rolling back with StopServiceDeployment instead.`);
        try {
            await (0,writes/* stopWithRollback */.DD)(observer.ecs, arn, observer.writeBudget());
        }
        catch (stopError) {
            core/* warning */.$e((0,errors/* errorMessage */.gJ)(stopError));
            return { kind: 'failed', failure };
        }
        observer.mark('StopServiceDeployment ROLLBACK');
        return { kind: 'rolling-back', by: 'the action', failure };
    }
    observer.mark(`ContinueServiceDeployment ${action}`);
    return verdict.passed ? { kind: 'continued' } : { kind: 'rolling-back', by: 'the action', failure, how: 'by answering the pause with ROLLBACK' };
}
/** What became of the pause, in words. */
function whatHappened(pause, hook, now, sent) {
    if (hook?.status === 'TIMED_OUT')
        return `the pause expired before the check finished: ECS took the hook's timeout action ${hook.timeoutAction ?? pause.timeoutAction ?? 'ROLLBACK'}`;
    if (sent && hook?.status === (sent === 'CONTINUE' ? 'SUCCEEDED' : 'FAILED'))
        return `PAUSE hook ${pause.hookId} is ${hook.status}: the ${sent} took effect, though its reply was lost`;
    const shown = hook ? `is ${hook.status}` : 'is no longer listed';
    return `the pause ended before the action answered (PAUSE hook ${pause.hookId} ${shown}; service deployment ${now.serviceDeployment?.status ?? 'not read'})`;
}
function movedOn(observer, pause, verdict, now, sent) {
    const sd = now.serviceDeployment;
    const happened = whatHappened(pause, hookOf(now, pause), now, sent);
    const rollingBack = (0,judge/* isRollbackStatus */.$O)(sd?.status) || sd?.rollback?.startedAt !== undefined;
    if (verdict.passed && !rollingBack) {
        core/* info */.pq(`${capital(verdict.sentence)} at ${pause.stage}; ${happened}, so the action watches on.`);
        return { kind: 'continued' };
    }
    if (verdict.passed)
        return { kind: 'rolling-back', by: 'ECS', failure: { verdict: 'failed', intro: `${capital(verdict.sentence)} at ${pause.stage}, but ${happened}` } };
    const failure = { verdict: 'failed', intro: `${failureAt(observer, pause, verdict).intro}; ${happened}` };
    if (rollingBack) {
        return sent === 'ROLLBACK' ? { kind: 'rolling-back', by: 'the action', failure, how: 'by answering the pause with ROLLBACK' } : { kind: 'rolling-back', by: 'ECS', failure };
    }
    core/* warning */.$e(`${(0,wording/* period */.iE)(failure.intro)} ECS moved the deployment on, so the action rolls it back.`);
    return { kind: 'failed', failure };
}

;// CONCATENATED MODULE: ./src/rollback/rollback-pause.ts
/**
 * The PAUSE hooks of the action's own rollback deployment (its redeploy after a failed check or
 * watch, and mode rollback). Left alone, a hook whose timeout action is ROLLBACK would put back
 * the revision the rollback moves away from, so every such pause is answered. With checks, at a
 * stage where the target's tasks run (pause-stages), they run in the tasks the rollback started and
 * the pause is continued only if they pass; a failed check leaves the pause (ROLLBACK would put
 * the bad revision back) and the action says loudly what ECS will do at expiry. Elsewhere, or
 * without checks, the pause is continued without one: the target is the last revision known to work.
 */





async function answerRollbackPause(observer, pause, gate) {
    const target = (0,aws_arn/* shortRevision */.w)(observer.target.taskDefinitionArn);
    const from = (0,aws_arn/* shortRevision */.w)(observer.target.previousTaskDefinitionArn);
    const unchecked = gate.checks.length === 0
        ? 'no check runs at a pause'
        : !(0,stages/* pauseAtStages */.tJ)(pause, stages/* GREEN_PAUSE_STAGES */.$t)
            ? `its tasks have not started at ${pause.stage}`
            : !(0,stages/* pauseAtStages */.tJ)(pause, gate.stages)
                ? 'pause-stages does not name this stage'
                : undefined;
    if (unchecked) {
        core/* info */.pq(`rollback: paused at ${pause.stage} (${(0,stages/* pauseFacts */.ui)(pause)}): continuing without a check: the rollback target ${target} is the last revision known to work (${unchecked}), and ROLLBACK here would put ${from} back.`);
        return continueRollback(observer, pause);
    }
    const verdict = await (0,pause_gate/* checkGreen */.Ye)(observer, pause, gate);
    if (observer.options.signal?.aborted)
        return { kind: 'ended', outcome: await observer.cancelled(`checking the rollback at its pause (${observer.what})`) };
    if (verdict.passed)
        return continueRollback(observer, pause);
    const back = pause.timeoutAction === 'CONTINUE' ? '' : ` (to ${from})`;
    const sentence = `The rollback to ${target} is paused at ${pause.stage} (PAUSE hook ${pause.hookId}) and ${verdict.sentence}: the action leaves the pause, since ROLLBACK would put ${from} back. ${whenItExpires(pause)}${back}.`;
    core/* error */.z3(sentence);
    return { kind: 'ended', outcome: observer.finish('failed', sentence) };
}
/** "It expires at <time>, when ECS rolls the deployment back on its own" */
function whenItExpires(pause) {
    const expiry = (0,stages/* atExpiry */.Vp)(pause);
    return `${expiry.charAt(0).toUpperCase()}${expiry.slice(1)}`;
}
async function continueRollback(observer, pause) {
    const arn = observer.serviceDeploymentArn;
    core/* info */.pq(`rollback: ContinueServiceDeployment ${arn} hook ${pause.hookId} with action CONTINUE.`);
    try {
        await (0,pause_gate/* continueDeployment */.vI)(observer.ecs, arn, pause.hookId, 'CONTINUE', observer.writeBudget());
    }
    catch (error) {
        // Refused because the hook moved on (it expired, or someone answered it): the watch judges what became of the rollback.
        const now = await observer.readNow().catch(() => undefined);
        const hook = now?.serviceDeployment?.lifecycleHookDetails?.find((detail) => detail.hookId === pause.hookId);
        if (hook && hook.status !== 'AWAITING_ACTION')
            return { kind: 'continued' };
        const sentence = `The rollback to ${(0,aws_arn/* shortRevision */.w)(observer.target.taskDefinitionArn)} is paused at ${pause.stage} and could not be continued: ${(0,errors/* errorMessage */.gJ)(error)} ${whenItExpires(pause)}.`;
        core/* error */.z3(sentence);
        return { kind: 'ended', outcome: observer.finish('failed', sentence) };
    }
    observer.mark(`Rollback paused at ${pause.stage}: ContinueServiceDeployment CONTINUE`);
    return { kind: 'continued' };
}

;// CONCATENATED MODULE: ./src/rollback/answer-pause.ts
/**
 * The checks at a PAUSE hook of our deployment, before production traffic when the pause allows.
 * At a stage the action answers (pause-stages, all of them stages where the green tasks run) the
 * checks run in the tasks our service deployment started; then the action reads the deployment
 * again and acts on what is true (pause-end.ts): CONTINUE only if every check passed on at least
 * one green task, ROLLBACK if one failed. A pause at another stage is reported and left to its
 * owner. The action's own rollback deployment is answered too (rollback-pause.ts). The action
 * never adds or removes hooks.
 */





/** Answers a pause of the deployment the observer watches: ours, or the action's own rollback. */
async function answerPause(observer, pause, gate) {
    observer.pausesHandled.add(pause.hookId);
    if (observer.rollingBack)
        return answerRollbackPause(observer, pause, gate);
    if (!(0,stages/* pauseAtStages */.tJ)(pause, gate.stages)) {
        const early = (0,stages/* pauseAtStages */.tJ)(pause, stages/* GREEN_PAUSE_STAGES */.$t) ? '' : `, and the green tasks have not started at ${pause.stage}`;
        core/* info */.pq(`Paused at ${pause.stage} (${(0,stages/* pauseFacts */.ui)(pause)}): left to its owner: the action answers pauses at ${[...gate.stages].join(', ')} (pause-stages)${early}.`);
        observer.mark(`Paused at ${pause.stage}: left to its owner`);
        return { kind: 'continued' };
    }
    const verdict = await (0,pause_gate/* checkGreen */.Ye)(observer, pause, gate);
    if (observer.options.signal?.aborted) {
        return { kind: 'ended', outcome: await observer.cancelled(`running the checks at the pause of ${observer.what}`) };
    }
    return settlePause(observer, pause, verdict);
}

;// CONCATENATED MODULE: ./src/rollback/guarded-watch.ts
/**
 * A watch that rolls back: watches our deployment to its judgement and, when it failed or
 * ran out of time, follows the rollback ECS makes or makes one itself, then says what the
 * service runs. The only place that decides how a failed deployment is rolled back.
 */












/** How long ECS may take to start the rollback its configuration promises before the action does it. */
const ECS_ROLLBACK_GRACE_MS = 60_000;
/** Polls to wait for an ECS rollback when no COMPLETED deployment is left for ECS to return to. */
const UNLIKELY_ROLLBACK_POLLS = 3;
/** A rollback deployment's pauses, continued without a check. */
const KNOWN_GOOD = { stages: new Set(stages/* GREEN_PAUSE_STAGES */.$t), checks: [] };
/**
 * `rollingBack`: the deployment being watched is itself a rollback (mode rollback, or after a
 * failed smoke check), which the action never rolls back in turn; its pauses are answered with
 * `gates.rollback`.
 */
async function watchDeployment(ecs, target, options, rollingBack = false, gates = {}) {
    const gate = rollingBack ? (gates.rollback ?? KNOWN_GOOD) : gates.release;
    return guard(new watch_observer/* DeploymentObserver */.O(ecs, target, { ...options, actOnPause: gate !== undefined }, undefined, rollingBack), gate, gates);
}
async function guard(observer, gate, gates) {
    let end = await watchToJudgement(observer);
    while (end.kind === 'paused' && gate) {
        const answered = await answerPause(observer, end.pause, gate);
        if (answered.kind === 'ended')
            return answered.outcome;
        if (answered.kind === 'rolling-back') {
            if (answered.by === 'the action')
                observer.rollbackRequested = true;
            return followRollback(observer, gates, answered.by, answered.failure, observer.last, undefined, answered.how);
        }
        if (answered.kind === 'failed')
            return rollBackOurselves(observer, gates, answered.failure);
        end = await watchToJudgement(observer, true);
    }
    if (end.kind === 'paused')
        throw new Error('a pause was judged without a gate to answer it');
    if (end.kind === 'ended')
        return end.outcome;
    if (end.kind === 'timed-out')
        return rollBackOurselves(observer, gates, end.failure);
    return afterFailure(observer, gates, end.failure, end.snapshot);
}
async function afterFailure(observer, gates, failure, snapshot) {
    if (observer.options.signal?.aborted)
        return observer.cancelled(`explaining the failed deployment of ${observer.what}`);
    if ((0,judge/* rollbackUnderWay */.GA)(snapshot, observer.deploymentId))
        return followRollback(observer, gates, 'ECS', failure, snapshot);
    // Fail-fast stops a deployment the breaker has not failed (yet): ECS will not roll it back by itself.
    if (snapshot.failFast)
        return rollBackOurselves(observer, gates, failure);
    if (observer.target.previousTaskDefinitionArn && (0,judge/* ecsWillRollBack */.Kv)(snapshot.service, snapshot.serviceDeployment)) {
        const grace = (0,judge/* completedDeploymentVisible */.xm)(snapshot.service)
            ? ECS_ROLLBACK_GRACE_MS
            : Math.min(ECS_ROLLBACK_GRACE_MS, UNLIKELY_ROLLBACK_POLLS * observer.options.pollIntervalMs);
        core/* info */.pq(`ECS is configured to roll back; waiting up to ${(0,wording/* duration */.p0)(grace)} for it to start.`);
        return followRollback(observer, gates, 'ECS', failure, snapshot, observer.options.clock.now() + grace);
    }
    return rollBackOurselves(observer, gates, failure);
}
/**
 * Follows a rollback to its end. With `graceUntil`, ECS has not started the rollback yet:
 * if it still has not by then, the action rolls back itself. `how`: how the action asked for it,
 * when the verdict should say ("by answering the pause with ROLLBACK").
 */
async function followRollback(observer, gates, by, failure, snapshot, graceUntil, how) {
    observer.followingRollback = true;
    const { clock, timeoutMs } = observer.options;
    let seen = false;
    const result = await observer.poll(clock.now() + timeoutMs, (current) => {
        if (!seen && (0,judge/* rollbackUnderWay */.GA)(current, observer.deploymentId)) {
            seen = true;
            observer.mark(`Rollback started (${by})`);
        }
        if (!seen && graceUntil !== undefined)
            return clock.now() >= graceUntil ? 'not-started' : undefined;
        const state = (0,judge/* rollbackState */.UQ)(current, observer.deploymentId);
        return state.state === 'running' ? undefined : state;
    }, snapshot);
    if (result.kind === 'cancelled')
        return observer.cancelled(`following the rollback of ${observer.what}`);
    if (result.kind === 'fatal')
        return observer.fatal(result.error, `following the rollback of ${observer.what}`);
    if (result.kind === 'timeout')
        return rollbackFailed(observer, failure, `it did not finish within ${(0,wording/* duration */.p0)(timeoutMs)}`);
    const state = result.value;
    if (state === 'not-started') {
        core/* info */.pq(`ECS did not start a rollback within ${(0,wording/* duration */.p0)(ECS_ROLLBACK_GRACE_MS)}; the action rolls back itself.`);
        observer.followingRollback = false;
        return rollBackOurselves(observer, gates, failure);
    }
    if (state.state === 'failed')
        return rollbackFailed(observer, failure, state.reason);
    return rolledBack(observer, failure, by, state.to, how);
}
/**
 * The rollback rule when ECS is not rolling back: StopServiceDeployment while ours is in progress
 * (ContinueServiceDeployment ROLLBACK while it is paused), else UpdateService to the previous
 * revision; each only while the service is still ours.
 */
async function rollBackOurselves(observer, gates, failure) {
    const { target } = observer;
    const previous = target.previousTaskDefinitionArn;
    const stays = () => `the service stays on ${(0,wording/* serviceState */.Lj)(observer.last)}.${(0,stages/* pausedNote */.TE)(observer.last?.serviceDeployment)}`;
    if (observer.rollingBack)
        return observer.finish(failure.verdict, (0,wording/* period */.iE)(failure.intro));
    if (observer.options.signal?.aborted)
        return observer.cancelled(`about to roll back the deployment of ${observer.what}`);
    if (!previous) {
        return observer.finish(failure.verdict, `${(0,wording/* period */.iE)(failure.intro)} Nothing to roll back to (this was the service's first deployment), so ${stays()}`);
    }
    if (previous === target.taskDefinitionArn || target.previousCompleted === false) {
        const why = previous === target.taskDefinitionArn
            ? `the service already ran ${(0,aws_arn/* shortRevision */.w)(previous)}, the revision that just failed`
            : `the service's earlier deployment of ${(0,aws_arn/* shortRevision */.w)(previous)} never completed, so it is not known to work`;
        return observer.finish(failure.verdict, `${(0,wording/* period */.iE)(failure.intro)} Nothing known to work to roll back to (${why}), so ${stays()}`);
    }
    if (!observer.options.rollbackOnFailure) {
        return observer.finish(failure.verdict, `${(0,wording/* period */.iE)(failure.intro)} rollback-on-failure is off, so ${stays()}`);
    }
    let now;
    try {
        now = await observer.readNow();
    }
    catch (error) {
        return rollbackFailed(observer, failure, `the service could not be read before rolling back: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    const why = (0,ownership/* notOurs */.TR)(now, (0,ownership/* oursOf */.nO)(observer));
    if (why)
        return (0,ownership/* endSuperseded */.it)(observer, failure.intro.replace(/^./, (first) => first.toLowerCase()), why, now.service);
    if (observer.serviceDeploymentArn && (0,judge/* isInProgress */.LT)(now.serviceDeployment)) {
        try {
            const how = await rollBackInFlight(observer);
            observer.rollbackRequested = true;
            return await followRollback(observer, gates, 'the action', failure, now, undefined, how);
        }
        catch (error) {
            core/* warning */.$e(`${(0,errors/* errorMessage */.gJ)(error)} Rolling back with UpdateService to ${(0,aws_arn/* shortRevision */.w)(previous)} instead.`);
        }
    }
    return redeployPrevious(observer, gates, failure, previous);
}
/**
 * The action's own rollback of our deployment in flight: ContinueServiceDeployment ROLLBACK while
 * it waits at a PAUSE hook, else StopServiceDeployment ROLLBACK. Returns how, when the verdict says it.
 */
async function rollBackInFlight(observer) {
    const arn = observer.serviceDeploymentArn;
    const pause = (0,stages/* awaitingPause */.fs)(observer.last?.serviceDeployment);
    if (pause) {
        core/* info */.pq(`Rolling back: ContinueServiceDeployment ${arn} hook ${pause.hookId} with action ROLLBACK (the deployment is paused at ${pause.stage}).`);
        await (0,pause_gate/* continueDeployment */.vI)(observer.ecs, arn, pause.hookId, 'ROLLBACK', observer.writeBudget());
        return 'by answering the pause with ROLLBACK';
    }
    core/* info */.pq(`Rolling back: StopServiceDeployment ${arn} with stopType ROLLBACK.`);
    await (0,writes/* stopWithRollback */.DD)(observer.ecs, arn, observer.writeBudget());
    return undefined;
}
async function redeployPrevious(observer, gates, failure, previous) {
    if (observer.options.signal?.aborted)
        return observer.cancelled(`about to roll back the deployment of ${observer.what}`);
    core/* info */.pq(`Rolling back: UpdateService ${observer.where} to ${(0,aws_arn/* shortRevision */.w)(previous)}.`);
    const { ecs, options } = observer;
    const request = { cluster: observer.target.cluster, service: observer.target.service, taskDefinitionArn: previous };
    let target;
    try {
        target = await (0,writes/* startRedeploy */.tI)(ecs, request, observer.last?.service, observer.writeBudget());
    }
    catch (error) {
        return rollbackFailed(observer, failure, (0,errors/* errorMessage */.gJ)(error));
    }
    observer.mark('Rollback started (UpdateService)', target.updatedAt);
    const nested = new watch_observer/* DeploymentObserver */.O(ecs, target, { ...options, rollbackOnFailure: false, actOnPause: true }, observer.events, true);
    const outcome = await guard(nested, gates.rollback ?? KNOWN_GOOD, gates);
    observer.last = nested.last ?? observer.last;
    observer.timeline.push(...outcome.timeline
        .filter((entry) => entry.label !== 'Deployment started')
        .map((entry) => ({ ...entry, label: `Rollback: ${entry.label.toLowerCase()}` })));
    if (outcome.verdict === 'deployed')
        return rolledBack(observer, failure, 'the action', previous);
    if (options.signal?.aborted)
        return observer.finish('failed', outcome.sentence);
    return rollbackFailed(observer, failure, outcome.sentence);
}
function rolledBack(observer, failure, by, to, how) {
    const verdict = failure.verdict === 'failed' ? 'rolled-back' : 'timed-out';
    return observer.finish(verdict, `${(0,wording/* period */.iE)(failure.intro)} ${by === 'ECS' ? 'ECS' : 'The action'} rolled back to ${(0,aws_arn/* shortRevision */.w)(to)}${how ? ` (${how})` : ''}, which the service runs now.`, to);
}
function rollbackFailed(observer, failure, why) {
    const running = observer.last?.service.taskDefinition;
    core/* error */.z3(`ROLLBACK FAILED: service ${observer.where} is on task definition ${running ?? '(unknown)'} (${(0,wording/* serviceState */.Lj)(observer.last)}). Deploy a working revision by hand; see the service in the ECS console.`);
    return observer.finish('failed', `${(0,wording/* period */.iE)(failure.intro)} The rollback failed too (${why}): the service is on ${(0,wording/* serviceState */.Lj)(observer.last)}.`);
}


/***/ }),

/***/ 9441:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G_: () => (/* binding */ supersededSentence),
/* harmony export */   TR: () => (/* binding */ notOurs),
/* harmony export */   f4: () => (/* binding */ replacement),
/* harmony export */   it: () => (/* binding */ endSuperseded),
/* harmony export */   nO: () => (/* binding */ oursOf)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1626);
/* harmony import */ var _watch_judge_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6852);
/**
 * Whether the service is still ours. Another run may deploy while ours is watched or checked;
 * rolling back then would undo its work. So before any write that rolls back (a redeploy,
 * StopServiceDeployment, ContinueServiceDeployment ROLLBACK) the action reads the service and
 * writes only if its current service deployment and revision are still ours; otherwise the
 * result is `superseded` and nothing is written.
 */



function oursOf(observer) {
    return { serviceDeploymentArn: observer.serviceDeploymentArn, deploymentId: observer.deploymentId, taskDefinitionArn: observer.target.taskDefinitionArn };
}
/** Why another deployment replaced ours, or undefined while ours is still the current one (rolling back or not). */
function replacement(snapshot, ours) {
    const current = snapshot.service.currentServiceDeployment;
    const sd = snapshot.serviceDeployment;
    if (current && ours.serviceDeploymentArn && current !== ours.serviceDeploymentArn) {
        return `the service's current service deployment is ${current}, not ours (${ours.serviceDeploymentArn})`;
    }
    if (sd?.status === 'STOPPED')
        return `our service deployment is STOPPED${sd.statusReason ? `: ${sd.statusReason}` : ''}`;
    // Ours is current; when it rolls back, its source revision's deployment is PRIMARY again, which replaces nothing.
    if ((current && ours.serviceDeploymentArn) || (0,_watch_judge_js__WEBPACK_IMPORTED_MODULE_1__/* .isRollbackStatus */ .$O)(sd?.status))
        return undefined;
    const by = (0,_watch_judge_js__WEBPACK_IMPORTED_MODULE_1__/* .replacedBy */ ._0)(snapshot, ours.deploymentId);
    return by && by !== 'unknown' ? `the service's PRIMARY deployment is ${by.id} (${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_2__/* .shortRevision */ .w)(by.taskDefinition)}), not ours (${ours.deploymentId})` : undefined;
}
/** Why a rollback write would not act on our deployment, or undefined when it would: the current deployment and the revision must be ours. */
function notOurs(snapshot, ours) {
    const replaced = replacement(snapshot, ours);
    if (replaced)
        return replaced;
    const primary = (0,_watch_judge_js__WEBPACK_IMPORTED_MODULE_1__/* .primaryOf */ .Os)(snapshot.service);
    if (!ours.serviceDeploymentArn && ours.deploymentId && primary && primary.id !== ours.deploymentId) {
        return `the service's PRIMARY deployment is ${primary.id}, not ours (${ours.deploymentId})`;
    }
    const set = snapshot.service.taskDefinition;
    return set === ours.taskDefinitionArn ? undefined : `the service is set to ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_2__/* .shortRevision */ .w)(set)}, not ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_2__/* .shortRevision */ .w)(ours.taskDefinitionArn)}`;
}
/**
 * "Superseded: <what happened to ours>, but another deployment (web:9, <arn>) replaced ours
 * meanwhile (<why>); the action wrote nothing, since a rollback now would undo it."
 */
function supersededSentence(ours, why, service) {
    const other = service.currentServiceDeployment ?? (0,_watch_judge_js__WEBPACK_IMPORTED_MODULE_1__/* .primaryOf */ .Os)(service)?.id ?? 'its id not known';
    const set = (0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_2__/* .shortRevision */ .w)(service.taskDefinition);
    return `Superseded: ${ours}, but another deployment (${set}, ${other}) replaced ours meanwhile (${why}); the action wrote nothing, since a rollback now would undo it. The service is now set to ${set}.`;
}
/** Ends a watch as superseded, saying what happened to ours first. */
function endSuperseded(observer, ours, why, service) {
    const sentence = supersededSentence(ours, why, service);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(sentence);
    return observer.finish('superseded', sentence);
}


/***/ }),

/***/ 5632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ye: () => (/* binding */ checkGreen),
/* harmony export */   vI: () => (/* binding */ continueDeployment),
/* harmony export */   zl: () => (/* binding */ worstCaseOf)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(212);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1626);
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2495);
/* harmony import */ var _watch_stages_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3780);
/**
 * What a pause gate is (the stages it answers and the checks it runs there), how the checks run
 * in the green tasks, and the ContinueServiceDeployment that answers a pause. Where pauses are
 * answered: answer-pause.ts.
 *
 * A gate holds no state: what one deployment's watch learned (the pauses handled) is on its
 * observer, so each deployment of a release of several services can use the same gate.
 */






/** Every check's worst case, added up, for the warning before deploying. */
function worstCaseOf(gate) {
    return {
        ms: gate.checks.reduce((sum, check) => sum + check.worstCase.ms, 0),
        words: gate.checks.map((check) => `${check.name}: ${check.worstCase.words}`).join('; '),
    };
}
async function continueDeployment(ecs, serviceDeploymentArn, hookId, action, retry) {
    const attempt = `answer PAUSE hook ${hookId} of ${serviceDeploymentArn} with ${action}`;
    try {
        await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retryTransient */ .jh)(attempt, () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_4__/* .ContinueServiceDeploymentCommand */ .LrH({ serviceDeploymentArn, hookId, action })), retry);
    }
    catch (error) {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsFailure */ .MT)(attempt, error, (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isAccessDenied */ .w7)(error) ? "Grant 'ecs:ContinueServiceDeployment' to the role this job runs as." : undefined);
    }
}
/** Runs the gate's checks in the tasks our deployment started; never passes without a green task checked. */
async function checkGreen(observer, pause, gate) {
    const revision = (0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_5__/* .shortRevision */ .w)(observer.target.taskDefinitionArn);
    const where = observer.rollingBack ? `the ${revision} tasks of the rollback` : `the ${revision} (green) tasks`;
    const deploymentId = observer.deploymentId;
    const names = gate.checks.map((check) => check.name).join(', ');
    if (!deploymentId) {
        return { passed: false, sentence: `${names} could not run: the id of the deployment is not known, so the tasks it started cannot be told from others` };
    }
    const never = !observer.rollingBack && (0,_watch_stages_js__WEBPACK_IMPORTED_MODULE_3__/* .beforeProduction */ .pm)(observer.last?.serviceDeployment, observer.stages.maxProductionWeight);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Paused at ${pause.stage} (${(0,_watch_stages_js__WEBPACK_IMPORTED_MODULE_3__/* .pauseFacts */ .ui)(pause)}): running ${names} in ${where}, started by deployment ${deploymentId}${never ? ', before any production traffic reaches them' : ''}.`);
    observer.mark(`Paused at ${pause.stage}: ${names} in ${where}`);
    const green = { deploymentId, taskDefinitionArn: observer.target.taskDefinitionArn };
    const results = [];
    for (const check of gate.checks) {
        const result = await check.run(green);
        results.push(result);
        if (!result.passed || observer.options.signal?.aborted)
            break;
    }
    const checked = [...new Set(results.flatMap((result) => result.tasksChecked))];
    const failed = results.find((result) => !result.passed);
    const passed = failed === undefined && checked.length > 0;
    const told = failed ?? results.at(-1);
    const tasks = checked.length > 0 ? ` (task ${checked.map(_aws_arn_js__WEBPACK_IMPORTED_MODULE_5__/* .lastSegment */ .m).join(', ')})` : '';
    const sentence = `${told?.sentence ?? `${names} did not run`}${failed || passed ? '' : ', but no green task was checked'} in ${where}${tasks}`;
    observer.mark(`${names} at ${pause.stage} ${passed ? 'passed' : 'failed'}`);
    return { passed, sentence };
}


/***/ }),

/***/ 604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $g: () => (/* binding */ rollBackAfterCheck),
/* harmony export */   jy: () => (/* binding */ redeploy),
/* harmony export */   mx: () => (/* binding */ rollBackAfterSmoke)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1626);
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2495);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _untrusted_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(873);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(788);
/* harmony import */ var _service_describe_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8122);
/* harmony import */ var _smoke_verify_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4584);
/* harmony import */ var _guarded_watch_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5454);
/* harmony import */ var _ownership_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9441);
/* harmony import */ var _writes_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2410);
/**
 * Rollbacks the action starts on its own after a deployment completed: redeploying a known
 * revision, in mode 'rollback' or after a failed check (the smoke check, the image digest check).
 */











/**
 * UpdateService to `taskDefinitionArn` with forceNewDeployment, then watch it like any deployment;
 * its pauses are answered with `gate` (see guarded-watch.ts). Nothing is written, and the result
 * is superseded, when the service no longer runs what `request.expect` says.
 */
async function redeploy(ecs, request, options, gate) {
    const { cluster, service, taskDefinitionArn } = request;
    const budget = { clock: options.clock, signal: options.signal, deadline: options.clock.now() + options.timeoutMs };
    const before = await (0,_service_describe_js__WEBPACK_IMPORTED_MODULE_4__/* .serviceToDeploy */ .Au)((0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retryingClient */ .Ux)(ecs, 'Reading from ECS', budget), cluster, service, request.region);
    if (options.signal?.aborted) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`Cancelled before redeploying ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_9__/* .shortRevision */ .w)(taskDefinitionArn)}: nothing was changed, and the service runs ${before.taskDefinition}.`);
    }
    const why = (0,_ownership_js__WEBPACK_IMPORTED_MODULE_7__/* .notOurs */ .TR)({ service: before }, request.expect);
    if (why)
        return superseded(request.expect.what, why, before);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_untrusted_js__WEBPACK_IMPORTED_MODULE_10__/* .inert */ .t)(`Redeploying ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_9__/* .shortRevision */ .w)(taskDefinitionArn)} to ${cluster}/${service}: ${request.reason}.`));
    const target = await (0,_writes_js__WEBPACK_IMPORTED_MODULE_8__/* .startRedeploy */ .tI)(ecs, { cluster, service, taskDefinitionArn }, before, budget);
    // A redeploy is itself the way back: if it fails, the action does not roll it back in turn.
    return (0,_guarded_watch_js__WEBPACK_IMPORTED_MODULE_6__/* .watchDeployment */ .J)(ecs, target, options, true, { rollback: gate });
}
function superseded(what, why, service) {
    const sentence = (0,_ownership_js__WEBPACK_IMPORTED_MODULE_7__/* .supersededSentence */ .G_)(what, why, service);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(sentence);
    return { verdict: 'superseded', sentence, runningTaskDefinition: service.taskDefinition, explanation: [], events: [], timeline: [] };
}
/** After a failed smoke check: put the service back on the revision it ran before; a pause of that rollback is answered with `gate`. */
async function rollBackAfterSmoke(context, gate) {
    const { report } = context;
    const failed = {
        sentence: (0,_smoke_verify_js__WEBPACK_IMPORTED_MODULE_5__/* .smokeSentence */ .N)(report.smoke),
        reason: 'smoke check failed',
        rolledBack: 'smoke-failed-rolled-back',
        notRolledBack: 'smoke-failed',
        keep: (rollback) => (report.rollback = rollback),
    };
    await rollBackAfterCheck(context, failed, gate);
}
/** Why the revision before is no way back, or undefined when it is one. */
function noWayBack(context) {
    const { inputs, report } = context;
    const previous = report.previousTaskDefinitionArn;
    if (!inputs.rollbackOnFailure)
        return "rollback-on-failure is 'false'";
    if (report.previousCompleted === false)
        return `the earlier deployment of ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_9__/* .shortRevision */ .w)(previous)} never completed, so it is not known to work`;
    if (!previous || previous === report.taskDefinitionArn)
        return 'there is no earlier revision to return to';
    return undefined;
}
/**
 * After a check failed on a completed deployment: put the service back on the revision it ran
 * before, unless another run deployed since (superseded, nothing written); a pause of that
 * rollback is answered with `gate`.
 */
async function rollBackAfterCheck(context, failed, gate) {
    const { inputs, clients, report } = context;
    const previous = report.previousTaskDefinitionArn;
    const place = (0,_service_describe_js__WEBPACK_IMPORTED_MODULE_4__/* .where */ ._M)(inputs.cluster, inputs.service);
    const why = noWayBack(context);
    if (why) {
        report.result = failed.notRolledBack;
        report.sentence = `Deployed ${report.taskDefinitionArn} but ${failed.sentence}; not rolled back (${why}). The service runs ${report.taskDefinitionArn}.`;
        return;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(`${failed.reason[0].toUpperCase()}${failed.reason.slice(1)}: rolling back ${place} to ${previous}.`);
    const expect = { serviceDeploymentArn: report.serviceDeploymentArn, taskDefinitionArn: report.taskDefinitionArn, what: `${report.taskDefinitionArn} was deployed but ${failed.sentence}` };
    const request = { cluster: inputs.cluster, service: inputs.service, taskDefinitionArn: previous, reason: failed.reason, region: clients.region, expect };
    const rollback = await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`Rolling back to ${previous}`, () => redeploy(clients.ecs, request, (0,_context_js__WEBPACK_IMPORTED_MODULE_3__/* .watchOptions */ .qt)(context), gate));
    if (rollback.verdict === 'superseded') {
        report.result = 'superseded';
        report.sentence = rollback.sentence;
        report.runningTaskDefinition = rollback.runningTaskDefinition;
        return;
    }
    failed.keep(rollback);
    report.runningTaskDefinition = rollback.runningTaskDefinition;
    report.events.push(...rollback.events);
    report.timeline.push(...rollback.timeline.map((entry) => ({ ...entry, label: `Rollback: ${entry.label.toLowerCase()}` })));
    if (rollback.verdict === 'deployed') {
        report.result = failed.rolledBack;
        report.rolledBackTo = previous;
        report.sentence = `Rolled back: ${failed.sentence}, so ${place} was returned to ${previous}, which it runs now.`;
    }
    else {
        report.result = failed.notRolledBack;
        report.sentence = `FAILED and NOT rolled back: ${failed.sentence}, and the rollback to ${previous} ended '${rollback.verdict}': ${rollback.sentence}`;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(report.sentence);
    }
}


/***/ }),

/***/ 3264:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ smokeGates)
/* harmony export */ });
/* harmony import */ var _smoke_verify_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4584);

/** `desiredCount`: the service's, for the worst case of smoke-tasks 'all'. */
function smokeGates(context, desiredCount) {
    const { inputs } = context;
    const atPause = inputs.smoke !== undefined && inputs.smokeStage === 'auto';
    return {
        release: atPause ? { stages: inputs.pauseStages, checks: [smokeCheck(context, desiredCount, true)] } : undefined,
        rollback: { stages: inputs.pauseStages, checks: atPause ? [smokeCheck(context, desiredCount, false)] : [] },
    };
}
/** `ours`: the check of our release, whose outcome the report keeps (a rollback's check is only logged). */
function smokeCheck(context, desiredCount, ours) {
    const smoke = context.inputs.smoke;
    const tasks = smoke.tasks === 'all' ? Math.max(desiredCount ?? 1, 1) : smoke.tasks;
    return {
        name: 'the smoke check',
        worstCase: {
            ms: tasks * (smoke.retries + 1) * smoke.timeoutSeconds * 1000,
            words: `${tasks} task(s) × (smoke-retries ${smoke.retries} + 1) attempts × smoke-timeout-seconds ${smoke.timeoutSeconds}`,
        },
        run: async (green) => {
            const outcome = await (0,_smoke_verify_js__WEBPACK_IMPORTED_MODULE_0__/* .verifyWithSmoke */ .J)(context, green.taskDefinitionArn, green.deploymentId);
            if (ours)
                context.report.smoke = outcome;
            const tasksChecked = outcome.tasks.filter((task) => !task.unreachable).map((task) => task.taskArn);
            return { passed: outcome.passed, sentence: (0,_smoke_verify_js__WEBPACK_IMPORTED_MODULE_0__/* .smokeSentence */ .N)(outcome), tasksChecked };
        },
    };
}


/***/ }),

/***/ 2410:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ stopWithRollback),
/* harmony export */   tI: () => (/* binding */ startRedeploy)
/* harmony export */ });
/* unused harmony export updateServiceRevision */
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(212);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9378);
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1626);
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2495);
/**
 * The two writes a rollback makes: a StopServiceDeployment that rolls back, or an UpdateService
 * to an older revision. Transient faults are retried within the rollback's budget: a throttled
 * rollback is still a rollback to make.
 */




/** Forces a new deployment so the revision's tasks are replaced even when the service already names it. */
async function updateServiceRevision(ecs, request, budget) {
    const attempt = `update service ${request.cluster}/${request.service} to ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_2__/* .shortRevision */ .w)(request.taskDefinitionArn)}`;
    try {
        const answer = await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retryTransient */ .jh)(attempt, () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .UpdateServiceCommand */ .kZr({
            cluster: request.cluster,
            service: request.service,
            taskDefinition: request.taskDefinitionArn,
            forceNewDeployment: true,
        })), budget);
        if (!answer.service)
            throw new Error('UpdateService answered without a service');
        return answer.service;
    }
    catch (error) {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(attempt, error);
    }
}
/** Rolls back to the revision before the deployment, which works even where rollback is not configured. */
async function stopWithRollback(ecs, serviceDeploymentArn, budget) {
    const attempt = `stop service deployment ${serviceDeploymentArn} with a rollback`;
    try {
        await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retryTransient */ .jh)(attempt, () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .StopServiceDeploymentCommand */ .a8L({ serviceDeploymentArn, stopType: 'ROLLBACK' })), budget);
    }
    catch (error) {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(attempt, error, (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isAccessDenied */ .w7)(error) ? "Grant 'ecs:StopServiceDeployment' to the role this job runs as." : undefined);
    }
}
/** Sends the UpdateService of a redeploy and returns what watching it needs. */
async function startRedeploy(ecs, request, before, budget) {
    const updatedAt = new Date(budget.clock.now());
    const updateResponse = await updateServiceRevision(ecs, request, budget);
    return {
        ...request,
        previousTaskDefinitionArn: before?.taskDefinition,
        updatedAt,
        updateResponse,
        previousServiceDeploymentArn: before?.currentServiceDeployment,
    };
}


/***/ }),

/***/ 4584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ verifyWithSmoke),
/* harmony export */   N: () => (/* binding */ smokeSentence)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1626);
/* harmony import */ var _watch_wording_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9459);
/**
 * The smoke check as a phase: runs it in a log group and turns a check that cannot run at all
 * into a failed outcome with the reason, since it proves nothing about the revision.
 */




/** `startedBy`: our deployment's id, so only the tasks it started are checked (see smoke/tasks.ts). */
async function verifyWithSmoke(context, taskDefinitionArn, startedBy) {
    const { inputs, clients, clock, signal } = context;
    const command = inputs.smoke.command;
    // Loaded on demand: the exec client (and KMS) cost start-up time for steps without a smoke check.
    const { runSmokeCheck } = await Promise.all(/* import() */[__webpack_require__.e(512), __webpack_require__.e(610)]).then(__webpack_require__.bind(__webpack_require__, 4610));
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`Smoke check: ${command}`, async () => {
        try {
            return await runSmokeCheck(clients.ecs, { cluster: inputs.cluster, service: inputs.service, taskDefinitionArn, startedBy, smoke: inputs.smoke, region: clients.region }, { clock, signal });
        }
        catch (error) {
            if (signal.aborted) {
                // A cancel (or the release stopping this service) is no verdict on the revision.
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`The smoke check was stopped before its verdict: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
                return { passed: false, command, tasks: [], error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error), cancelled: true };
            }
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(`The smoke check could not run: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
            return { passed: false, command, tasks: [], error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error) };
        }
    });
}
/** The smoke check in one clause: what was checked, what could not be, and any run that may have been repeated. */
function smokeSentence(smoke) {
    if (smoke.error)
        return `the smoke check could not run (${smoke.error.replace(/\.$/, '')})`;
    const tasks = smoke.tasks;
    const checked = tasks.filter((task) => !task.unreachable);
    const unreachable = tasks.filter((task) => task.unreachable);
    const failed = checked.filter((task) => !task.passed);
    const notChecked = unreachable.length > 0 ? `${unreachable.length} of ${(0,_watch_wording_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(tasks.length, 'task')} could not be checked (${unreachable[0].reason.replace(/^could not be checked: /, '').replace(/\.$/, '')})` : '';
    const twice = tasks.filter((task) => task.mayHaveRunTwice).map((task) => (0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_3__/* .lastSegment */ .m)(task.taskArn));
    const repeated = twice.length > 0 ? `; the command may have run twice (see task ${twice.join(', ')})` : '';
    if (failed.length > 0) {
        return `the smoke check failed on ${failed.length} of ${(0,_watch_wording_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(checked.length, 'task')} checked (${failed[0].reason})${notChecked ? `, and ${notChecked}` : ''}${repeated}`;
    }
    if (notChecked)
        return `the smoke check is incomplete: it passed on the ${(0,_watch_wording_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(checked.length, 'task')} checked, but ${notChecked}${repeated}`;
    return `the smoke check passed on ${(0,_watch_wording_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(checked.length, 'task')}${repeated}`;
}


/***/ }),

/***/ 94:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ formatTime),
/* harmony export */   v: () => (/* binding */ EventLog)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var _untrusted_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(873);


/** Words that mark an event as part of a failure's story rather than routine progress. */
const RELEVANT = /fail|unable|error|unhealthy|stopp|circuit breaker|roll(ing|ed)? ?back|insufficient|cannot|can't|denied|timed out|exceeded/i;
/** "2026-03-02 10:04:05Z": short, sortable, and unambiguous in a log or a table. */
function formatTime(at) {
    return at.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
/**
 * The service events seen while watching. ECS returns at most 100, newest first, on every
 * DescribeServices, so each is remembered by id and printed once, oldest first.
 */
class EventLog {
    lines = [];
    seen = new Set();
    since;
    /**
     * `since`: the earliest time, on AWS's clock, an event of our update can carry (identify.ts
     * `searchFrom`). `known`: the events the UpdateService answer already carried. They happened
     * before our update whatever the clocks say, so they are never printed as part of this deployment.
     */
    constructor(since, known = []) {
        this.since = since.getTime();
        for (const event of known)
            this.seen.add(EventLog.key(event));
    }
    static key(event) {
        return event.id ?? `${event.createdAt?.getTime()}|${event.message}`;
    }
    record(events) {
        const fresh = (events ?? []).filter((event) => {
            const key = EventLog.key(event);
            if (this.seen.has(key) || !event.createdAt || event.createdAt.getTime() < this.since)
                return false;
            this.seen.add(key);
            return true;
        });
        fresh.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
        for (const event of fresh) {
            const line = { at: event.createdAt, message: event.message ?? '' };
            this.lines.push(line);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_untrusted_js__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .t)(`${formatTime(line.at)}  ${line.message}`));
        }
    }
    /** The last few events that say something went wrong, or the last few at all when none does. */
    relevant(limit = 5) {
        const telling = this.lines.filter((line) => RELEVANT.test(line.message));
        return (telling.length > 0 ? telling : this.lines).slice(-limit);
    }
}


/***/ }),

/***/ 9144:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D1: () => (/* binding */ describeStoppedTasks),
/* harmony export */   SP: () => (/* binding */ explainFailure)
/* harmony export */ });
/* unused harmony exports stoppedTasks, groupStoppedTasks */
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(212);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9378);
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2495);
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1626);
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(94);
/* harmony import */ var _forensics_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4641);
/* harmony import */ var _wording_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9459);
/**
 * Why a deployment failed, told from the tasks it started and stopped: grouped by ECS's
 * stoppedReason, with each container's exit code and reason, plus the telling service events.
 */







/** ListTasks pages (100 tasks each) to read at most; stopped tasks are kept about an hour. */
const MAX_PAGES = 3;
const EXAMPLE_TASKS = 3;
const TASK_CREATED_SKEW_MS = 5_000;
async function stoppedTasks(ecs, scope, signal) {
    const found = [];
    let nextToken;
    for (let page = 0; page < MAX_PAGES; page++) {
        const listed = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__/* .ListTasksCommand */ .MYg({ cluster: scope.cluster, serviceName: scope.service, desiredStatus: 'STOPPED', nextToken }), { abortSignal: signal });
        const arns = listed.taskArns ?? [];
        if (arns.length > 0) {
            const described = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__/* .DescribeTasksCommand */ .z8X({ cluster: scope.cluster, tasks: arns }), { abortSignal: signal });
            found.push(...(described.tasks ?? []).filter((task) => belongsToScope(task, scope)));
        }
        nextToken = listed.nextToken;
        if (!nextToken)
            break;
    }
    return found;
}
function belongsToScope(task, scope) {
    if (task.taskDefinitionArn !== scope.taskDefinitionArn)
        return false;
    if (scope.deploymentId && task.startedBy?.startsWith('ecs-svc/') && task.startedBy !== scope.deploymentId)
        return false;
    return !task.createdAt || task.createdAt.getTime() >= scope.since.getTime() - TASK_CREATED_SKEW_MS;
}
function exitMeaning(code) {
    if (code === 137)
        return ' (killed with SIGKILL, possibly out of memory)';
    if (code === 143)
        return ' (stopped with SIGTERM)';
    return '';
}
function containerLine(container) {
    if (container.exitCode === undefined && !container.reason)
        return undefined;
    const exit = container.exitCode === undefined ? 'no exit code' : `exit code ${container.exitCode}${exitMeaning(container.exitCode)}`;
    return `container '${container.name ?? '?'}': ${exit}${container.reason ? `, reason: ${container.reason}` : ''}`;
}
function groupStoppedTasks(tasks) {
    const groups = new Map();
    for (const task of tasks) {
        const key = `${task.stoppedReason ?? 'no reason given'}\u0000${task.stopCode ?? 'unknown'}`;
        groups.set(key, [...(groups.get(key) ?? []), task]);
    }
    return groups;
}
/** Groups by stoppedReason and stopCode, then lists the distinct container outcomes in each group. */
function describeStoppedTasks(tasks, taskDefinitionArn, forensics) {
    const groups = groupStoppedTasks(tasks);
    const lines = [];
    for (const [key, members] of groups) {
        const [reason, stopCode] = key.split('\u0000');
        const examples = members.slice(0, EXAMPLE_TASKS).map((task) => (0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_6__/* .lastSegment */ .m)(task.taskArn ?? '')).join(', ');
        lines.push(`${(0,_wording_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(members.length, 'task')} of ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_6__/* .shortRevision */ .w)(taskDefinitionArn)} stopped (${stopCode}): ${reason} [${examples}]`);
        const found = forensics?.get(members[0]);
        lines.push(...(found?.fix ?? []));
        const containers = new Map();
        for (const line of members.flatMap((task) => (task.containers ?? []).map(containerLine))) {
            if (line)
                containers.set(line, (containers.get(line) ?? 0) + 1);
        }
        for (const [line, count] of containers)
            lines.push(`  ${line}${members.length > 1 ? ` (${(0,_wording_js__WEBPACK_IMPORTED_MODULE_4__/* .plural */ .LS)(count, 'task')})` : ''}`);
        lines.push(...(found?.logs ?? []));
    }
    return lines;
}
/**
 * The full explanation: the headline in ECS's words, the stopped tasks, the telling events.
 * Best effort: a failure to read the tasks becomes a line of the explanation, never the verdict.
 */
async function explainFailure(ecs, scope, headline, events, budget) {
    const lines = [headline];
    try {
        const tasks = await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retryTransient */ .jh)('Reading the stopped tasks', () => stoppedTasks(ecs, scope, budget.signal), budget);
        const examples = [...groupStoppedTasks(tasks).values()].map((members) => members[0]);
        const forensics = await (0,_forensics_js__WEBPACK_IMPORTED_MODULE_3__/* .forensicsFor */ .Gc)(ecs, examples, scope.taskDefinitionArn, scope.logs, budget);
        lines.push(...(tasks.length > 0
            ? describeStoppedTasks(tasks, scope.taskDefinitionArn, forensics)
            : [`No stopped tasks of ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_6__/* .shortRevision */ .w)(scope.taskDefinitionArn)} were found (ECS keeps them about an hour); the events below tell the rest.`]));
    }
    catch (error) {
        lines.push((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(`list the stopped tasks of ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_6__/* .shortRevision */ .w)(scope.taskDefinitionArn)}`, error).message);
    }
    lines.push(...events.map((event) => `event ${(0,_events_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTime */ .f)(event.at)}: ${event.message}`));
    return lines;
}


/***/ }),

/***/ 4641:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* binding */ forensicsFor),
/* harmony export */   jc: () => (/* binding */ fixFor)
/* harmony export */ });
/* unused harmony exports failedContainerOf, logLinesFor */
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(212);
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1626);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9378);
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2495);
/* harmony import */ var _logs_source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(414);
/* harmony import */ var _report_diagnosis_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2471);
/* harmony import */ var _hints_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9205);
/**
 * What a stopped task's group gains in an explanation: the fix-it hint for its error family and
 * the last lines of the failed container's own log. Best effort: a log that cannot be read
 * becomes one line saying why and how to get it.
 */







/** How reader.unreadable words a denial. */
const DENIED_MARK = 'the action may not read them';
/** The container whose log tells why: a named one, else one that exited non-zero, else one with a reason, else the first essential one. */
function failedContainerOf(task, taskDefinition, named) {
    const containers = task.containers ?? [];
    if (named)
        return containers.find((c) => c.name === named);
    const essential = new Set((taskDefinition?.containerDefinitions ?? []).filter((c) => c.essential !== false).map((c) => c.name));
    return (containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0 && (essential.size === 0 || essential.has(c.name))) ??
        containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0) ??
        containers.find((c) => c.reason) ??
        containers.find((c) => essential.has(c.name)) ??
        containers[0]);
}
function fixFor(task, taskDefinition, container) {
    const definition = taskDefinition?.containerDefinitions?.find((c) => c.name === container?.name);
    const hint = (0,_hints_js__WEBPACK_IMPORTED_MODULE_2__/* .hintFor */ .JR)({
        stoppedReason: task.stoppedReason,
        stopCode: task.stopCode,
        containers: (task.containers ?? []).map((c) => ({ name: c.name, exitCode: c.exitCode, reason: c.reason })),
        executionRoleArn: taskDefinition?.executionRoleArn,
        logGroup: definition?.logConfiguration?.options?.['awslogs-group'],
    });
    return hint ? [(0,_report_diagnosis_js__WEBPACK_IMPORTED_MODULE_3__/* .fixLine */ .S$)(hint.line)] : [];
}
/** The excerpt of the container's last log lines, or why there is none; nothing for a task that never started. */
async function logLinesFor(task, taskDefinition, container, options, budget) {
    if (options.lines <= 0 || !container || task.stopCode === 'TaskFailedToStart')
        return [];
    const definition = taskDefinition?.containerDefinitions?.find((c) => c.name === container.name);
    const source = (0,_logs_source_js__WEBPACK_IMPORTED_MODULE_4__/* .logSourceOf */ .X)(definition ?? { name: container.name }, task.taskArn ?? '', options.region);
    if ('missing' in source)
        return [`${_report_diagnosis_js__WEBPACK_IMPORTED_MODULE_3__/* .LOGS_UNAVAILABLE_PREFIX */ .mC}${source.missing}`];
    const { lastLines, logsClient, unreadable } = await Promise.all(/* import() */[__webpack_require__.e(303), __webpack_require__.e(524)]).then(__webpack_require__.bind(__webpack_require__, 8524));
    try {
        const logs = logsClient(source.found.region, options.maxAttempts);
        const lines = await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retryTransient */ .jh)('Reading the log lines', () => lastLines(logs, source.found, options.lines, budget.signal), budget);
        if (lines.length === 0)
            return [`${_report_diagnosis_js__WEBPACK_IMPORTED_MODULE_3__/* .LOGS_UNAVAILABLE_PREFIX */ .mC}container '${container.name}' wrote no log lines to ${source.found.group}/${source.found.stream}.`];
        return (0,_report_diagnosis_js__WEBPACK_IMPORTED_MODULE_3__/* .logExcerpt */ .sQ)(`'${container.name}' in task ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_5__/* .lastSegment */ .m)(task.taskArn ?? '')} (${source.found.group} ${source.found.stream})`, lines);
    }
    catch (error) {
        return [`${_report_diagnosis_js__WEBPACK_IMPORTED_MODULE_3__/* .LOGS_UNAVAILABLE_PREFIX */ .mC}${unreadable(source.found, error)}`];
    }
}
/**
 * For the first task of each group: its fix and its log excerpt. The task definition is read
 * once (DescribeTaskDefinition), for the log configuration and the execution role.
 */
async function forensicsFor(ecs, examples, taskDefinitionArn, options, budget) {
    const found = new Map();
    let taskDefinition;
    let problem;
    if (!options || options.lines <= 0 || examples.length === 0) {
        for (const task of examples)
            found.set(task, { fix: fixFor(task, undefined, failedContainerOf(task, undefined)), logs: [] });
        return found;
    }
    try {
        const answer = await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retryTransient */ .jh)('Reading the task definition', () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_6__/* .DescribeTaskDefinitionCommand */ .Zy$({ taskDefinition: taskDefinitionArn }), { abortSignal: budget.signal }), budget);
        taskDefinition = answer.taskDefinition;
    }
    catch (error) {
        problem = `${_report_diagnosis_js__WEBPACK_IMPORTED_MODULE_3__/* .LOGS_UNAVAILABLE_PREFIX */ .mC}${(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(`read ${taskDefinitionArn} to find its log configuration`, error).message}`;
    }
    let denied = false;
    for (const task of examples) {
        const container = failedContainerOf(task, taskDefinition);
        // A task stopped by the scheduler or a user with clean exits tells nothing about the failure.
        const failed = container !== undefined && ((container.exitCode !== undefined && container.exitCode !== 0) || container.reason !== undefined);
        let logs = [];
        if (failed && !denied)
            logs = problem ? (task.stopCode === 'TaskFailedToStart' ? [] : [problem]) : await logLinesFor(task, taskDefinition, container, options, budget);
        // One line says the logs cannot be read; the next groups would only repeat it.
        denied = denied || problem !== undefined || logs.some((line) => line.startsWith(_report_diagnosis_js__WEBPACK_IMPORTED_MODULE_3__/* .LOGS_UNAVAILABLE_PREFIX */ .mC) && line.includes(DENIED_MARK));
        found.set(task, { fix: fixFor(task, taskDefinition, container), logs });
    }
    return found;
}


/***/ }),

/***/ 9205:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JR: () => (/* binding */ hintFor),
/* harmony export */   jq: () => (/* binding */ hostWentAway)
/* harmony export */ });
/* unused harmony export HINT_FAMILIES */
/**
 * The fix-it table for stopped tasks: one family per row of the AWS "stopped task error codes"
 * pages (reference section 7), each with the likely cause, the fix with the names from the
 * message. A reason no family knows gets no hint. Whether a retry could change the outcome (fail
 * fast or not) is decided in deterministic.ts alone.
 */
function texts(facts) {
    return [facts.stoppedReason ?? '', ...facts.containers.map((c) => c.reason ?? '')].filter((text) => text !== '');
}
function find(facts, test) {
    return texts(facts).find(test);
}
/** The first image reference a pull error names (`ref <image>:`, `for <image>,`), else the first registry URL's host. */
function imageIn(text) {
    return /(?:failed to resolve ref|pull access denied for|manifest for) ([^\s,"]+?)(?::? |,)/.exec(text)?.[1];
}
function registryHost(text) {
    const image = imageIn(text);
    const first = image?.split('/')[0];
    if (image && first && first !== image && /[.:]/.test(first))
        return first;
    if (image)
        return 'docker.io';
    return /https?:\/\/([^/\s"]+)/.exec(text)?.[1];
}
/** `User: arn:aws:sts::<account>:assumed-role/<role>/<session> is not authorized to perform: <action> on resource: <arn>`. */
function denial(text) {
    const role = /arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/\s]+)\//.exec(text);
    return {
        role: role ? `arn:aws:iam::${role[1]}:role/${role[2]}` : undefined,
        action: /not authorized to perform:? ([\w-]+:\w+)/.exec(text)?.[1],
        resource: /on resource: (arn:[^\s]+)/.exec(text)?.[1] ?? /(arn:aws[\w-]*:(?:secretsmanager|ssm|kms):[^\s]+)/.exec(text)?.[1],
    };
}
/**
 * The EC2 host under the task went away: "Host EC2 (instance i-0abc) terminated." (or "stopped."),
 * as field reports quote it; "When you stop or terminate a container instance, the tasks that are
 * running on it are transitioned to the STOPPED status" (ECS Developer Guide, task state change events).
 */
const HOST_GONE = /\bHost EC2 \(instance ([^)]*)\) (terminated|stopped)/i;
/** Whether a stoppedReason says the task's EC2 host was terminated or stopped: no fault of the release. */
function hostWentAway(stoppedReason) {
    return HOST_GONE.test(stoppedReason ?? '');
}
const PULL_NETWORK = /i\/o timeout|context canceled|request canceled while waiting for connection/;
const PULL_MISSING = /not found|does not exist|denied/;
const INIT_NETWORK = /i\/o timeout|signal: killed|retrieve ecr registry auth/;
function exitedWith(facts, code) {
    return facts.containers.find((c) => c.exitCode === code)?.name;
}
function failedContainer(facts) {
    return facts.containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0) ?? facts.containers.find((c) => c.exitCode !== undefined);
}
/** Order matters: the first family that matches gives the hint, the specific ones before "Essential container in task exited". */
const HINT_FAMILIES = [
    {
        id: 'pull-network',
        hint: (facts) => {
            const text = find(facts, (t) => t.includes('CannotPullContainerError') && PULL_NETWORK.test(t));
            if (!text)
                return undefined;
            const host = registryHost(text);
            return `The task's network has no route to the registry${host ? ` ${host}` : ''}: in a public subnet set assignPublicIp to ENABLED; in a private subnet add a NAT gateway, or VPC endpoints for ecr.api and ecr.dkr and the S3 gateway endpoint.`;
        },
    },
    {
        id: 'pull-image-missing-or-denied',
        hint: (facts) => {
            const text = find(facts, (t) => t.includes('CannotPullContainerError') && PULL_MISSING.test(t));
            if (!text)
                return undefined;
            const image = imageIn(text);
            const role = facts.executionRoleArn ? `the execution role ${facts.executionRoleArn}` : "the task definition's execution role";
            return `The image ${image ?? 'named in the message'} cannot be pulled: check that it exists${registryHost(text) ? ` in ${registryHost(text)}` : ''} (repository, tag or digest), and that ${role} has the ECR pull permissions (ecr:GetAuthorizationToken, ecr:BatchGetImage, ecr:GetDownloadUrlForLayer).`;
        },
    },
    {
        id: 'secrets-access-denied',
        hint: (facts) => {
            const text = find(facts, (t) => t.includes('ResourceInitializationError') && t.includes('unable to pull secrets or registry auth') && t.includes('AccessDeniedException'));
            if (!text)
                return undefined;
            const { role, action, resource } = denial(text);
            const who = role ?? facts.executionRoleArn ?? "the task definition's execution role";
            const what = action ?? 'secretsmanager:GetSecretValue (or ssm:GetParameters)';
            return `The execution role ${who} may not read ${resource ?? 'the secret'}: grant it ${what}${resource ? ` on ${resource}` : ''} (and kms:Decrypt when the secret uses a customer managed key).`;
        },
    },
    {
        id: 'init-network',
        hint: (facts) => {
            const text = find(facts, (t) => t.includes('ResourceInitializationError') && INIT_NETWORK.test(t));
            if (!text)
                return undefined;
            const host = /https?:\/\/([^/\s"]+)/.exec(text)?.[1];
            return `The task has no network path${host ? ` to ${host}` : ' to ECR, Secrets Manager or SSM'}: give it a public IP (assignPublicIp ENABLED), a NAT gateway, or VPC endpoints for secretsmanager, ssm, ecr.api, ecr.dkr and the S3 gateway endpoint.`;
        },
    },
    {
        id: 'logging-driver',
        hint: (facts) => {
            if (!find(facts, (t) => t.includes('ResourceInitializationError: failed to initialize logging driver')))
                return undefined;
            const group = facts.logGroup ? `the log group ${facts.logGroup}` : 'the log group';
            return `The awslogs driver could not start: create ${group} (or allow the execution role logs:CreateLogGroup), grant logs:CreateLogStream and logs:PutLogEvents, and enable DNS in the VPC.`;
        },
    },
    {
        id: 'elb-health-checks',
        hint: (facts) => {
            const text = find(facts, (t) => t.includes('Task failed ELB health checks'));
            if (!text)
                return undefined;
            const group = /targetgroup\/([^/\s)]+)/.exec(text)?.[1];
            return `The load balancer's health checks${group ? ` of target group ${group}` : ''} failed: allow the load balancer's security group to reach the container port, check the health check path and port, or raise healthCheckGracePeriodSeconds.`;
        },
    },
    {
        id: 'container-health-checks',
        hint: (facts) => {
            if (!find(facts, (t) => t.includes('Task failed container health checks')))
                return undefined;
            return "The container's healthCheck failed: check its command inside the image, and give the application time to start with a longer startPeriod.";
        },
    },
    {
        id: 'out-of-memory',
        hint: (facts) => {
            const oom = facts.containers.find((c) => c.reason?.includes('OutOfMemoryError'))?.name ?? (find(facts, (t) => t.includes('OutOfMemoryError')) ? failedContainer(facts)?.name : undefined);
            const killed = facts.stoppedReason?.includes('Essential container in task exited') ? exitedWith(facts, 137) : undefined;
            const name = oom ?? killed;
            if (!name)
                return undefined;
            return `Container '${name}' exceeded its memory (${oom ? 'OutOfMemoryError' : 'exit code 137, killed'}): raise its memory or memoryReservation, or the task's memory.`;
        },
    },
    {
        id: 'cannot-start-container',
        hint: (facts) => {
            if (!find(facts, (t) => t.includes('CannotStartContainerError')))
                return undefined;
            return 'The container could not start: raise its memory, and check that its entryPoint and command exist in the image and are executable.';
        },
    },
    {
        id: 'host-gone',
        hint: (facts) => {
            const host = HOST_GONE.exec(facts.stoppedReason ?? '');
            if (!host)
                return undefined;
            return `The EC2 instance ${host[1]} that hosted the task was ${host[2].toLowerCase()}: not a fault of the release; ECS starts the task again on another instance (if instances keep going away, look at the Auto Scaling group and the instances' health).`;
        },
    },
    {
        id: 'spot-interruption',
        hint: (facts) => {
            const spot = ['SpotInterruption', 'TerminationNotice'].includes(facts.stopCode ?? '') || find(facts, (t) => /SpotInterruption|TerminationNotice/.test(t));
            return spot ? 'Fargate Spot reclaimed the task: not a fault of the release; run it again.' : undefined;
        },
    },
    {
        id: 'essential-container-exited',
        hint: (facts) => {
            if (!facts.stoppedReason?.includes('Essential container in task exited'))
                return undefined;
            const failed = failedContainer(facts);
            if (!failed?.name)
                return 'The application stopped: read its exit code and its last log lines.';
            return `The application in container '${failed.name}' stopped${failed.exitCode === undefined ? '' : ` with exit code ${failed.exitCode}`}: its last log lines say why.`;
        },
    },
];
/** The hint of the first family that knows this task, or undefined: no invented hint. */
function hintFor(facts) {
    for (const family of HINT_FAMILIES) {
        const line = family.hint(facts);
        if (line)
            return { family, line };
    }
    return undefined;
}


/***/ }),

/***/ 783:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HZ: () => (/* binding */ searchFrom),
/* harmony export */   JA: () => (/* binding */ updateTime),
/* harmony export */   St: () => (/* binding */ OurDeploymentSearch)
/* harmony export */ });
/* unused harmony exports RUNNER_CLOCK_MARGIN_MS, IDENTIFY_WINDOW_MS, identifyServiceDeployment */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1626);
/* harmony import */ var _service_describe_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8122);
/* harmony import */ var _wording_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9459);
/**
 * Finding the one service deployment our UpdateService created: its target revision runs our
 * task definition and, by AWS's own clock, it was created after the service deployment that was
 * current before our update and about when ECS stamped the new PRIMARY deployment in the
 * UpdateService answer. The runner's clock is used only when AWS gave no time, with a margin of
 * minutes either way. Whether the UpdateService answer's `currentServiceDeployment` is filled in
 * at once is not documented, so it is never taken on trust: it is checked like every listed
 * candidate, and another run's deployment is never adopted.
 */




/** ECS stamps the deployment and its service deployment while handling one UpdateService; this covers any gap between the stamps. */
const AWS_STAMP_MARGIN_MS = 30_000;
/** A runner's clock can be minutes off AWS's (NTP can fail): with only the runner's time, look this far either side of it. */
const RUNNER_CLOCK_MARGIN_MS = 15 * 60_000;
/**
 * How long (the runner's clock measures only this duration) to keep looking for our service
 * deployment while ECS may not list it yet. Without it the watch cannot see bake time, lifecycle
 * hooks or alarms, so it never settles for deployments[].rolloutState: not found by then, the
 * deployment is failed as unverifiable and rolled back like any failed one.
 */
const IDENTIFY_WINDOW_MS = 2 * 60_000;
/** DescribeServiceRevisions takes at most 20 ARNs. */
const MAX_REVISIONS = 20;
/**
 * When our update happened. The PRIMARY deployment of our revision in the UpdateService answer
 * carries AWS's `createdAt`, unless ECS started no deployment (its id is the one PRIMARY before).
 */
function updateTime(answer, taskDefinitionArn, runnerTime, previousDeploymentId) {
    const primary = answer.deployments?.find((deployment) => deployment.status === 'PRIMARY' && deployment.taskDefinition === taskDefinitionArn);
    if (primary?.createdAt && primary.id !== previousDeploymentId)
        return { at: primary.createdAt, clock: 'aws' };
    return { at: runnerTime, clock: 'runner' };
}
/** Where, on AWS's clock, the search for our deployment starts: a little before AWS's own stamp, or minutes before the runner's. */
function searchFrom(time) {
    return new Date(time.at.getTime() - (time.clock === 'aws' ? AWS_STAMP_MARGIN_MS : RUNNER_CLOCK_MARGIN_MS));
}
async function identifyServiceDeployment(ecs, update, signal) {
    const notBefore = searchFrom(update.time).getTime();
    const candidates = await candidatesSince(ecs, update, signal);
    // Ours was created after the deployment that was current when we updated, whatever the clocks say.
    const previous = candidates.find((candidate) => candidate.arn === update.previous)?.createdAt?.getTime() ?? -Infinity;
    const eligible = candidates
        .filter((candidate) => candidate.arn !== update.previous && candidate.revisionArn && candidate.createdAt)
        .filter((candidate) => candidate.createdAt.getTime() >= notBefore && candidate.createdAt.getTime() > previous)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .slice(0, MAX_REVISIONS);
    if (eligible.length === 0)
        return undefined;
    const taskDefinitions = await (0,_service_describe_js__WEBPACK_IMPORTED_MODULE_1__/* .revisionTaskDefinitions */ .Ns)(ecs, [...new Set(eligible.map((candidate) => candidate.revisionArn))], signal);
    // The oldest of ours: a deployment of the same revision started after ours is a later run's.
    return eligible.find((candidate) => taskDefinitions.get(candidate.revisionArn) === update.taskDefinitionArn)?.arn;
}
/** The listed deployments since the search start, plus the one the UpdateService answer named, which a lagging list may not show yet. */
async function candidatesSince(ecs, update, signal) {
    const briefs = await (0,_service_describe_js__WEBPACK_IMPORTED_MODULE_1__/* .listServiceDeployments */ .C0)(ecs, { cluster: update.cluster, service: update.service, createdAt: { after: searchFrom(update.time) } }, signal);
    const candidates = briefs.map((brief) => ({ arn: brief.serviceDeploymentArn ?? '', createdAt: brief.createdAt, revisionArn: brief.targetServiceRevisionArn }));
    if (update.named && !candidates.some((candidate) => candidate.arn === update.named)) {
        const named = await (0,_service_describe_js__WEBPACK_IMPORTED_MODULE_1__/* .describeServiceDeployment */ .MH)(ecs, update.named, signal);
        if (named)
            candidates.push({ arn: update.named, createdAt: named.createdAt, revisionArn: named.targetServiceRevision?.arn });
    }
    return candidates;
}
/** The search for our service deployment over one watch: a set time, then an unverifiable failure. */
class OurDeploymentSearch {
    ecs;
    target;
    clock;
    /** Our update's moment, on AWS's clock when its answer gave one. */
    time;
    /** Set once the window passed without finding ours: the watch fails with it. */
    unverifiable;
    /**
     * ECS started no deployment: there is nothing of ours to find, and the deployment that was
     * there before is judged as it is, by deployments[] when its service deployment cannot be read
     * (one older than the Service Deployments API, or than its 90 days of history).
     */
    nothingStarted = false;
    /** Runner clock time of the first look. */
    since;
    constructor(ecs, target, clock) {
        this.ecs = ecs;
        this.target = target;
        this.clock = clock;
        this.time = updateTime(target.updateResponse, target.taskDefinitionArn, target.updatedAt, target.previousDeploymentId);
    }
    /**
     * `deploymentId` is the answer's PRIMARY of our revision: when it is the PRIMARY from before the
     * update, ECS started no deployment (unchanged revision, nothing forced), and the service
     * deployment current before is what ECS does with our revision.
     */
    unchanged(deploymentId) {
        const { previousDeploymentId, previousServiceDeploymentArn, taskDefinitionArn } = this.target;
        if (previousDeploymentId === undefined || deploymentId !== previousDeploymentId)
            return undefined;
        this.nothingStarted = true;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`UpdateService started no new deployment: ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_3__/* .shortRevision */ .w)(taskDefinitionArn)} was already the service's PRIMARY deployment (${deploymentId})${previousServiceDeploymentArn ? `, so the verdict is that of its service deployment ${previousServiceDeploymentArn}` : ''}.`);
        return previousServiceDeploymentArn;
    }
    /** One look, or none once the window has passed. */
    async look(signal) {
        if (this.unverifiable || this.nothingStarted)
            return undefined;
        this.since ??= this.clock.now();
        const { cluster, service, taskDefinitionArn, previousServiceDeploymentArn: previous, updateResponse } = this.target;
        const named = updateResponse.currentServiceDeployment;
        const found = await identifyServiceDeployment(this.ecs, { cluster, service, taskDefinitionArn, time: this.time, previous, named: named !== previous ? named : undefined }, signal);
        if (found)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Our service deployment: ${found}`);
        else if (this.clock.now() - this.since >= IDENTIFY_WINDOW_MS)
            this.giveUp();
        return found;
    }
    giveUp() {
        const by = this.time.clock === 'aws' ? "AWS's clock" : "the runner's clock, minutes either way";
        const reason = `ECS listed no service deployment of ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_3__/* .shortRevision */ .w)(this.target.taskDefinitionArn)} created by this update (ListServiceDeployments since ${searchFrom(this.time).toISOString()}, by ${by}) within ${(0,_wording_js__WEBPACK_IMPORTED_MODULE_2__/* .duration */ .p0)(IDENTIFY_WINDOW_MS)}, ` +
            'so the action cannot see its bake time, lifecycle hooks or alarms, and deployments[].rolloutState alone may read COMPLETED before they end';
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${reason}: the deployment is failed as unverifiable.`);
        this.unverifiable = { kind: 'unverifiable', reason };
    }
}


/***/ }),

/***/ 344:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  O: () => (/* binding */ DeploymentObserver)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/aws/errors.ts
var aws_errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/arn.ts
var arn = __webpack_require__(1626);
// EXTERNAL MODULE: ./src/aws/retry.ts
var retry = __webpack_require__(2495);
// EXTERNAL MODULE: ./src/service/describe.ts
var describe = __webpack_require__(8122);
;// CONCATENATED MODULE: ./src/watch/budget.ts
/**
 * Once our service deployment is identified, a poll reads DescribeServiceDeployments (the
 * verdict), and DescribeServices (events, counts, failedTasks) takes its place about this often,
 * or on the poll after the service deployment's status changed.
 */
const SERVICE_REFRESH_MS = 30_000;
/**
 * Our revision runs all its tasks: success may come on any poll now, and only
 * DescribeServiceDeployments shows it, so no poll is spent on DescribeServices (a verdict reads
 * it once to complete itself).
 */
function allTasksRunning(serviceDeployment) {
    const target = serviceDeployment?.targetServiceRevision;
    return target?.requestedTaskCount !== undefined && (target.runningTaskCount ?? 0) >= target.requestedTaskCount;
}
/**
 * Until our service deployment is identified, or without the Service Deployments API,
 * DescribeServices is the source of truth and is read every poll, with the Service Deployments
 * API as far as it answers; after that, one of the two.
 */
function planReads(state) {
    if (!state.identified)
        return { service: true, serviceDeployment: true };
    if (state.refresh)
        return { service: state.refresh === 'service', serviceDeployment: state.refresh === 'serviceDeployment' };
    const every = Math.max(2, Math.round(SERVICE_REFRESH_MS / state.pollIntervalMs));
    const due = state.serviceWanted || (state.servicePollsAgo + 1 >= every && !allTasksRunning(state.last));
    return { service: due, serviceDeployment: !due };
}

// EXTERNAL MODULE: ./src/watch/events.ts
var watch_events = __webpack_require__(94);
// EXTERNAL MODULE: ./src/watch/stages.ts
var stages = __webpack_require__(3780);
// EXTERNAL MODULE: ./src/watch/explain.ts
var explain = __webpack_require__(9144);
// EXTERNAL MODULE: ./src/watch/identify.ts
var identify = __webpack_require__(783);
// EXTERNAL MODULE: ./src/watch/judge.ts
var judge = __webpack_require__(6852);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
;// CONCATENATED MODULE: ./src/watch/deterministic.ts
/**
 * Which stopped-task reasons will not change on a retry (ECS "stopped task error codes" pages;
 * reference ecs-strategies-tasks-logs.md section 7). Kept as a table of error families so it can
 * be folded into the stopped-task hint table with its `deterministic` flag.
 */
const DENIED = /AccessDenied|not authorized/i;
/**
 * A network path that fails (timeouts, cancelled requests, a killed agent) may work on the next
 * attempt, so such a reason is never deterministic, whatever else it says.
 */
const TRANSIENT = /i\/o timeout|timed? ?out|context canceled|request canceled|connection (reset|refused)|signal: killed|no such host|TooManyRequests|Throttl|RequestLimitExceeded|ServiceUnavailable|InternalError/i;
const RULES = [
    {
        family: 'image-missing',
        meaning: 'the image does not exist',
        all: [/CannotPullContainerError/, /not found|manifest unknown|does not exist|no such image/i],
        iam: false,
    },
    {
        family: 'image-denied',
        meaning: 'the image may not be pulled with the execution role',
        all: [/CannotPullContainerError/, /access denied|denied|unauthorized|forbidden|AccessDeniedException/i],
        iam: true,
    },
    {
        family: 'secret-denied',
        meaning: 'the execution role may not read a secret or the registry credentials',
        all: [/ResourceInitializationError/, /secret|ssm|parameter|registry auth/i, /AccessDeniedException|not authorized|KMS.*(denied|disabled)/i],
        iam: DENIED,
    },
    {
        family: 'secret-reference',
        meaning: 'a secret reference is malformed or names nothing',
        all: [/ResourceInitializationError/, /secret|ssm|parameter/i, /ResourceNotFoundException|ParameterNotFound|InvalidParameter|ValidationException|invalid (arn|parameter)|can't find/i],
        iam: false,
    },
    {
        family: 'log-group',
        meaning: 'the log group does not exist or may not be written',
        all: [/ResourceInitializationError/, /logging driver|logger|log stream|log group/i, /ResourceNotFoundException|log group does not exist|AccessDeniedException/i],
        iam: DENIED,
    },
];
/** The family of a stoppedReason that a retry cannot fix, or undefined for one that a retry may. */
function deterministicFamily(stoppedReason) {
    if (!stoppedReason || TRANSIENT.test(stoppedReason))
        return undefined;
    const rule = RULES.find((candidate) => candidate.all.every((pattern) => pattern.test(stoppedReason)));
    if (!rule)
        return undefined;
    return { family: rule.family, meaning: rule.meaning, iam: rule.iam === true || (rule.iam !== false && rule.iam.test(stoppedReason)) };
}

// EXTERNAL MODULE: ./src/watch/hints.ts
var hints = __webpack_require__(9205);
;// CONCATENATED MODULE: ./src/watch/stops.ts
/**
 * Fail-fast: reads the stopped tasks of our deployment only when a poll shows a new failure,
 * and says when the release cannot succeed: a stop a retry cannot fix (deterministic.ts), or a
 * rolling deployment whose tasks keep stopping for one reason without tripping the breaker.
 */







/** Stopped tasks stay listed about an hour; 3 pages of 100 cover any deployment this watch sees fail. */
const MAX_PAGES = 3;
/** DescribeTasks takes at most 100 ARNs. */
const DESCRIBE_BATCH = 100;
const TASK_CREATED_SKEW_MS = 5_000;
/**
 * Flapping: tasks of a rolling deployment keep stopping for one reason within this window (half
 * the default wait-for-minutes). The breaker counts failures in a row and, by default
 * (resetOnHealthyTask), starts again at each healthy task, so tasks that pass their health check
 * and then stop never trip it. Once the window holds the breaker's threshold of such stops, and a
 * task that stopped had been healthy (so the count was reset), the deployment will not settle.
 * Without that sign, twice the threshold is needed: the breaker would have tripped by then.
 */
const FLAP_WINDOW_MS = 15 * 60_000;
const UNSEEN_RESET_FACTOR = 2;
/** One ListTasks page: more stops than this are never needed to call a deployment flapping. */
const MAX_FLAP_STOPS = 100;
/**
 * Service events that tell of a task of the deployment failing ("(task 1a2b) failed container
 * health checks", "tasks failed to start"); "has stopped 2 running tasks" is a routine drain.
 */
const STOP_EVENT = /\(task [^)]+\)[^.]*\bfail|failed to start|unhealthy/i;
/** Stops that are not a failure of the release: scale-in, a user, Spot, host maintenance. */
const NOT_A_FAILURE_CODES = new Set(['UserInitiated', 'SpotInterruption', 'TerminationNotice', 'InfrastructureHealth']);
/**
 * Tasks of one container instance that stop within this of each other stopped because of the
 * instance (it died, or was drained or deregistered), not each for its own reason: for flapping
 * they count as one stop, whatever their reason says.
 */
const HOST_EVENT_MS = 10_000;
/** The breaker's threshold as ECS reports it, else by ECS's formula (default 50 % of the desired count, 3 to 200; ecs-deployments.md). */
function breakerThreshold(snapshot, ours) {
    const reported = snapshot.serviceDeployment?.deploymentCircuitBreaker?.threshold;
    if (reported && reported > 0)
        return reported;
    const setting = snapshot.service.deploymentConfiguration?.deploymentCircuitBreaker?.thresholdConfiguration;
    const desired = ours?.desiredCount ?? snapshot.service.desiredCount ?? 0;
    const value = setting?.value ?? 50;
    if (setting?.type === 'COUNT')
        return value;
    const raw = Math.ceil((value / 100) * desired);
    return setting?.type === 'UNBOUNDED_PERCENT' ? Math.max(1, raw) : Math.min(200, Math.max(3, raw));
}
function isFailure(task) {
    // A host that went away is no failure of the release, whatever stopCode comes with it.
    if (NOT_A_FAILURE_CODES.has(task.stopCode ?? '') || (0,hints/* hostWentAway */.jq)(task.stoppedReason))
        return false;
    if (task.stopCode === 'ServiceSchedulerInitiated')
        return /health check/i.test(task.stoppedReason ?? '');
    return true;
}
/** One reason: ECS's words plus the exit codes, so "exited 1" and "exited 137" are two reasons. */
function reasonKey(task) {
    const exits = (task.containers ?? []).flatMap((container) => (container.exitCode === undefined ? [] : [`${container.name} exit ${container.exitCode}`]));
    return [task.stoppedReason ?? 'no reason given', ...exits].join('; ');
}
function stoppedAt(task) {
    return (task.stoppingAt ?? task.stoppedAt ?? task.createdAt)?.getTime() ?? 0;
}
/** Stop times of `tasks` (one reason's), the stops of one container instance within HOST_EVENT_MS of each other counted once. */
function stopEvents(tasks) {
    const events = [];
    for (const task of [...tasks].sort((a, b) => stoppedAt(a) - stoppedAt(b))) {
        const at = stoppedAt(task);
        const instance = task.containerInstanceArn;
        const sameHost = instance !== undefined && events.some((event) => event.instance === instance && at - event.at <= HOST_EVENT_MS);
        if (!sameHost)
            events.push({ at, instance });
    }
    return events.map((event) => event.at);
}
/**
 * An IAM denial is proven by a second task denied the same way that was created after the
 * first stopped: its credentials and secrets were fetched afresh, after the first denial. Tasks
 * of one launch ask IAM at the same moment, so their stops together prove no more than one.
 */
function confirmingStop(first, family, failures) {
    if (!family.iam)
        return first;
    const firstStop = stoppedAt(first);
    return failures.find((later) => later !== first && (later.createdAt?.getTime() ?? 0) > firstStop && deterministicFamily(later.stoppedReason)?.family === family.family);
}
class StopWatch {
    scope;
    /** Failed tasks of our deployment, by ARN. */
    failures = new Map();
    /** ARNs already described that are not ours or not failures. */
    elsewhere = new Set();
    failedTasks = 0;
    failureCount = 0;
    /** A look that could not finish is tried again on the next poll. */
    owed = false;
    found;
    constructor(scope) {
        this.scope = scope;
    }
    /**
     * One poll's fail-fast judgement: reads stopped tasks only when the poll shows a new failure of
     * ours. A failure to read them never ends the watch: a transient one is retried next poll, any
     * other turns fail-fast off ('unavailable').
     */
    async check(ecs, snapshot, ours, read, newEvents, signal) {
        if (this.noticed(snapshot, ours, read, newEvents)) {
            try {
                await this.look(ecs, signal);
            }
            catch (error) {
                if (signal?.aborted)
                    throw error;
                if (!(0,aws_errors/* isTransient */.dg)(error)) {
                    core/* warning */.$e(`Fail-fast is off for the rest of this watch: reading the stopped tasks failed (${(0,aws_errors/* awsErrorName */.ZH)(error) ?? 'error'}: ${(0,errors/* errorMessage */.gJ)(error)}). Grant ecs:ListTasks and ecs:DescribeTasks to the role this job runs as; the circuit breaker and wait-for-minutes still apply.`);
                    return 'unavailable';
                }
            }
        }
        const strategy = snapshot.serviceDeployment?.deploymentConfiguration?.strategy ?? snapshot.service.deploymentConfiguration?.strategy;
        return this.verdict(strategy === undefined || strategy === 'ROLLING' ? breakerThreshold(snapshot, ours) : undefined);
    }
    /**
     * Whether this poll shows a failure not looked at yet: our deployment's failedTasks rose (when the
     * service was read), the breaker's failureCount rose (when the service deployment was read), or a
     * new service event tells of a stop.
     */
    noticed(snapshot, ours, read, newEvents) {
        let rose = this.owed || newEvents.some((message) => STOP_EVENT.test(message));
        if (read.service && ours?.failedTasks !== undefined) {
            rose ||= ours.failedTasks > this.failedTasks;
            this.failedTasks = ours.failedTasks;
        }
        const count = snapshot.serviceDeployment?.deploymentCircuitBreaker?.failureCount;
        if (read.serviceDeployment && count !== undefined) {
            rose ||= count > this.failureCount;
            this.failureCount = count;
        }
        return rose;
    }
    /** Reads the stopped tasks not seen before: ListTasks, then DescribeTasks of the new ARNs only. */
    async look(ecs, signal) {
        this.owed = true;
        const scope = this.scope();
        let nextToken;
        for (let page = 0; page < MAX_PAGES; page++) {
            const listed = await ecs.send(new dist_cjs/* ListTasksCommand */.MYg({ cluster: scope.cluster, serviceName: scope.service, desiredStatus: 'STOPPED', nextToken }), { abortSignal: signal });
            const fresh = (listed.taskArns ?? []).filter((arn) => !this.failures.has(arn) && !this.elsewhere.has(arn));
            for (let at = 0; at < fresh.length; at += DESCRIBE_BATCH) {
                const described = await ecs.send(new dist_cjs/* DescribeTasksCommand */.z8X({ cluster: scope.cluster, tasks: fresh.slice(at, at + DESCRIBE_BATCH) }), { abortSignal: signal });
                for (const task of described.tasks ?? [])
                    this.sort(task, scope);
            }
            nextToken = listed.nextToken;
            if (!nextToken)
                break;
        }
        this.owed = false;
    }
    sort(task, scope) {
        const arn = task.taskArn ?? '';
        const ours = task.taskDefinitionArn === scope.taskDefinitionArn &&
            (!scope.deploymentId || task.startedBy === scope.deploymentId) &&
            (!task.createdAt || task.createdAt.getTime() >= scope.since.getTime() - TASK_CREATED_SKEW_MS);
        // A task still stopping has its stoppedReason already; one without it is looked at again later.
        if (!task.stoppedReason)
            return;
        if (ours && isFailure(task))
            this.failures.set(arn, task);
        else
            this.elsewhere.add(arn);
    }
    /**
     * The reason the release cannot succeed, once there is one; it stays. `flapThreshold` is
     * undefined where flapping is not judged (strategies other than rolling).
     */
    verdict(flapThreshold) {
        this.found ??= this.deterministic() ?? (flapThreshold === undefined ? undefined : this.flapping(flapThreshold));
        return this.found;
    }
    deterministic() {
        const failures = [...this.failures.values()].sort((a, b) => stoppedAt(a) - stoppedAt(b));
        for (const first of failures) {
            const family = deterministicFamily(first.stoppedReason);
            const proof = family && confirmingStop(first, family, failures);
            if (!family || !proof)
                continue;
            const task = `task ${(0,arn/* lastSegment */.m)(first.taskArn ?? '')} of ${(0,arn/* shortRevision */.w)(first.taskDefinitionArn)}`;
            const again = proof === first ? '' : `, and task ${(0,arn/* lastSegment */.m)(proof.taskArn ?? '')}, started after it, was denied again (IAM had time to settle)`;
            return { kind: 'deterministic', reason: `${task} stopped because ${family.meaning}${again}, which no retry changes: ${first.stoppedReason}` };
        }
        return undefined;
    }
    flapping(threshold) {
        const byReason = new Map();
        for (const task of this.failures.values())
            byReason.set(reasonKey(task), [...(byReason.get(reasonKey(task)) ?? []), task]);
        for (const [reason, tasks] of byReason) {
            const reset = tasks.some((task) => task.startedAt !== undefined && task.healthStatus === 'HEALTHY');
            const needed = Math.min(reset ? threshold : UNSEEN_RESET_FACTOR * threshold, MAX_FLAP_STOPS);
            const times = stopEvents(tasks);
            const within = times.some((time, first) => first + needed <= times.length && times[first + needed - 1] - time <= FLAP_WINDOW_MS);
            if (!within)
                continue;
            const why = reset
                ? `as many as the circuit breaker's threshold (${threshold}), while tasks that had been healthy keep resetting its count`
                : `twice the circuit breaker's threshold (${threshold}), without tripping it`;
            return {
                kind: 'flapping',
                reason: `${tasks.length} tasks of ${(0,arn/* shortRevision */.w)(this.scope().taskDefinitionArn)} stopped for the same reason (${reason}), ${needed} of them within ${FLAP_WINDOW_MS / 60_000} minutes: ${why}; the deployment keeps replacing tasks that keep failing`,
            };
        }
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/watch/stopped.ts
var stopped = __webpack_require__(4262);
// EXTERNAL MODULE: ./src/watch/wording.ts
var wording = __webpack_require__(9459);
// EXTERNAL MODULE: ./src/untrusted.ts
var untrusted = __webpack_require__(873);
;// CONCATENATED MODULE: ./src/watch/observer.ts
/**
 * One watched deployment: polls ECS (with backoff on transient faults), finds our service
 * deployment, prints what is new, and keeps what was seen so the verdict and any rollback
 * can say what the service runs.
 */
















const MAX_BACKOFF_MS = 60_000;
/** How long the explanation may retry reading stopped tasks through throttling before it says it could not. */
const EXPLAIN_BUDGET_MS = 30_000;
class DeploymentObserver {
    ecs;
    target;
    options;
    events;
    rollingBack;
    serviceDeploymentArn;
    deploymentId;
    last;
    /** Set while following a rollback: progress lines then describe the PRIMARY, not ours. */
    followingRollback = false;
    /** Set once the action's StopServiceDeployment(ROLLBACK) was accepted. */
    rollbackRequested = false;
    explanation = [];
    timeline = [];
    stages;
    /** PAUSE hooks the action has acted on (verified, then continued or rolled back). */
    pausesHandled = new Set();
    what;
    where;
    serviceDeploymentsApi = true;
    search;
    lastProgress;
    lastStatus;
    /** Polls since DescribeServices was last read. */
    servicePollsAgo = 0;
    serviceWanted = false;
    stops;
    constructor(ecs, target, options, events = new watch_events/* EventLog */.v((0,identify/* searchFrom */.HZ)((0,identify/* updateTime */.JA)(target.updateResponse, target.taskDefinitionArn, target.updatedAt, target.previousDeploymentId)), target.updateResponse.events), 
    /** Set when this watches the action's own rollback, which is never rolled back in turn. */
    rollingBack = false) {
        this.ecs = ecs;
        this.target = target;
        this.options = options;
        this.events = events;
        this.rollingBack = rollingBack;
        this.where = `${target.cluster}/${target.service}`;
        this.stages = new stages/* StageLog */.Lb(this.timeline, () => options.clock.now(), () => (this.rollingBack || this.followingRollback ? 'rollback: ' : ''));
        this.what = `${(0,arn/* shortRevision */.w)(target.taskDefinitionArn)} to ${this.where}`;
        this.deploymentId = target.updateResponse.deployments?.find((deployment) => deployment.status === 'PRIMARY' && deployment.taskDefinition === target.taskDefinitionArn)?.id;
        this.search = new identify/* OurDeploymentSearch */.St(ecs, target, options.clock);
        this.serviceDeploymentArn = this.search.unchanged(this.deploymentId);
        if (options.failFast && !rollingBack)
            this.stops = new StopWatch(() => this.scope());
    }
    scope() {
        const { cluster, service, taskDefinitionArn } = this.target;
        return { cluster, service, taskDefinitionArn, deploymentId: this.deploymentId, since: (0,identify/* searchFrom */.HZ)(this.search.time), logs: this.options.logs };
    }
    /** Our entry in service.deployments[]; found by revision when the update response did not name it. */
    ours(service) {
        const deployments = service.deployments ?? [];
        if (this.deploymentId)
            return deployments.find((deployment) => deployment.id === this.deploymentId);
        const found = deployments.find((deployment) => deployment.status === 'PRIMARY' && deployment.taskDefinition === this.target.taskDefinitionArn);
        this.deploymentId = found?.id;
        return found;
    }
    /**
     * Decides on the snapshot in hand (if any), then sleeps, looks again and decides, until a
     * decision, the deadline, a cancellation or an error that polling again cannot fix.
     */
    async poll(deadline, decide, initial) {
        const { clock, signal, pollIntervalMs } = this.options;
        let snapshot = initial;
        let wait = initial ? pollIntervalMs : 0;
        let throttled = 0;
        let refresh;
        for (;;) {
            if (snapshot) {
                const value = decide(snapshot);
                if (value !== undefined && !snapshot.stale)
                    return { kind: 'decided', value, snapshot };
                // A judgement that rests on a part read polls ago is made again at once, with that part read now.
                refresh = value === undefined ? undefined : snapshot.stale;
            }
            if (wait > 0 && !refresh) {
                const left = deadline - clock.now();
                if (left <= 0)
                    return { kind: 'timeout' };
                await clock.sleep(Math.min(wait, left), signal);
            }
            if (signal?.aborted)
                return { kind: 'cancelled' };
            try {
                snapshot = await this.observe(refresh);
                refresh = undefined;
                throttled = 0;
                wait = pollIntervalMs;
                this.see(snapshot);
            }
            catch (error) {
                if (signal?.aborted)
                    return { kind: 'cancelled' };
                if (!(0,aws_errors/* isTransient */.dg)(error))
                    return { kind: 'fatal', error };
                snapshot = undefined;
                refresh = undefined;
                throttled += 1;
                wait = (0,retry/* jittered */.et)(Math.min(pollIntervalMs * 2 ** throttled, MAX_BACKOFF_MS), clock);
                core/* info */.pq((0,untrusted/* inert */.t)(`ECS answered ${(0,aws_errors/* awsErrorName */.ZH)(error) ?? 'an error'} (${(0,errors/* errorMessage */.gJ)(error)}); looking again in ${(0,wording/* duration */.p0)(wait)}.`));
            }
        }
    }
    /**
     * One poll within the request budget. Until our service deployment is identified, or without the
     * Service Deployments API, DescribeServices is the source of truth and is read every poll;
     * after that a poll reads one of the two, and `refresh` reads the part the last poll did not.
     */
    async observe(refresh) {
        const previous = this.last;
        const read = planReads({
            identified: previous !== undefined && this.serviceDeploymentsApi && this.serviceDeploymentArn !== undefined,
            refresh,
            servicePollsAgo: this.servicePollsAgo,
            serviceWanted: this.serviceWanted,
            pollIntervalMs: this.options.pollIntervalMs,
            last: previous?.serviceDeployment,
        });
        const service = read.service ? await (0,describe/* currentService */.hQ)(this.ecs, this.target.cluster, this.target.service, this.options.signal) : previous.service;
        // Our tasks all came up since the last look: success may be in the service deployment now, so it is read on this poll too.
        read.serviceDeployment ||= !refresh && this.ours(service)?.rolloutState === 'COMPLETED';
        const serviceDeployment = read.serviceDeployment ? await this.readServiceDeployment() : previous.serviceDeployment;
        this.servicePollsAgo = read.service ? 0 : this.servicePollsAgo + 1;
        this.serviceWanted = !read.service && previous?.serviceDeployment?.status !== serviceDeployment?.status;
        const awaitingServiceDeployment = !serviceDeployment && this.serviceDeploymentsApi && !this.search.nothingStarted;
        const snapshot = { service, serviceDeployment, awaitingServiceDeployment, failFast: this.search.unverifiable };
        if (!refresh && !read.service)
            snapshot.stale = 'service';
        if (!refresh && !read.serviceDeployment)
            snapshot.stale = 'serviceDeployment';
        const seen = this.events.lines.length;
        if (read.service)
            this.events.record(service.events);
        const newEvents = this.events.lines.slice(seen).map((line) => line.message);
        if (this.stops && !this.followingRollback) {
            const found = await this.stops.check(this.ecs, snapshot, this.ours(service), read, newEvents, this.options.signal);
            if (found === 'unavailable')
                this.stops = undefined;
            else
                snapshot.failFast = found ?? this.search.unverifiable;
        }
        return snapshot;
    }
    async readServiceDeployment() {
        if (!this.serviceDeploymentsApi)
            return undefined;
        try {
            this.serviceDeploymentArn ??= await this.search.look(this.options.signal);
            if (!this.serviceDeploymentArn)
                return undefined;
            return await (0,describe/* describeServiceDeployment */.MH)(this.ecs, this.serviceDeploymentArn, this.options.signal);
        }
        catch (error) {
            if (!(0,aws_errors/* isServiceDeploymentsUnavailable */.U0)(error))
                throw error;
            this.serviceDeploymentsApi = false;
            core/* warning */.$e(`The ECS Service Deployments API is not available to this job (${(0,aws_errors/* awsErrorName */.ZH)(error) ?? 'error'}: ${(0,errors/* errorMessage */.gJ)(error)}), so the watch falls back to deployments[].rolloutState, which shows neither circuit-breaker counts nor alarms. Grant ecs:ListServiceDeployments and ecs:DescribeServiceDeployments to the role this job runs as.`);
            return undefined;
        }
    }
    /** Prints what is new: events once each, the service deployment's status and the counts when they change. */
    see(snapshot) {
        this.last = snapshot;
        this.events.record(snapshot.service.events);
        this.stages.see(snapshot.serviceDeployment);
        const status = snapshot.serviceDeployment?.status;
        if (status && status !== this.lastStatus) {
            core/* info */.pq((0,untrusted/* inert */.t)(`${this.rollingBack ? 'rollback: ' : ''}service deployment ${status}${snapshot.serviceDeployment?.statusReason ? `: ${snapshot.serviceDeployment.statusReason}` : ''}`));
            this.lastStatus = status;
        }
        const deployment = this.followingRollback ? (0,judge/* primaryOf */.Os)(snapshot.service) : this.ours(snapshot.service);
        if (!deployment)
            return;
        const line = `${this.followingRollback || this.rollingBack ? 'rollback: ' : ''}${(0,judge/* progressLine */.oz)(deployment)}`;
        if (line !== this.lastProgress)
            core/* info */.pq(line);
        this.lastProgress = line;
    }
    /** The service and our service deployment read now: a decision at a pause or before a rollback write rests on this, not on a poll ago. */
    async readNow() {
        const ecs = (0,retry/* retryingClient */.Ux)(this.ecs, 'Reading from ECS', this.writeBudget());
        const service = await (0,describe/* currentService */.hQ)(ecs, this.target.cluster, this.target.service, this.options.signal);
        const serviceDeployment = this.serviceDeploymentArn ? await (0,describe/* describeServiceDeployment */.MH)(ecs, this.serviceDeploymentArn, this.options.signal) : undefined;
        this.see({ service, serviceDeployment });
        return this.last;
    }
    /** The budget of a write that rolls back: transient faults are retried for wait-for-minutes again. */
    writeBudget() {
        const { clock, signal, timeoutMs } = this.options;
        return { clock, signal, deadline: clock.now() + timeoutMs };
    }
    mark(label, at = new Date(this.options.clock.now())) {
        this.timeline.push({ label, at });
    }
    async explain(headline) {
        await this.readEventsIfStale();
        this.explanation = await (0,explain/* explainFailure */.SP)(this.ecs, this.scope(), headline, this.events.relevant(), { clock: this.options.clock, signal: this.options.signal, deadline: this.options.clock.now() + EXPLAIN_BUDGET_MS });
        core/* error */.z3(this.explanation.join('\n'));
    }
    /** A watch that ran out of time may have last read the service polls ago: its latest events belong in the explanation. */
    async readEventsIfStale() {
        if (this.last?.stale !== 'service')
            return;
        try {
            const service = await (0,describe/* currentService */.hQ)(this.ecs, this.target.cluster, this.target.service, this.options.signal);
            this.last = { ...this.last, service, stale: undefined };
            this.events.record(service.events);
        }
        catch (error) {
            core/* info */.pq(`Could not read the service's latest events (${(0,errors/* errorMessage */.gJ)(error)}).`);
        }
    }
    /** The state last seen, in words, for verdicts that end without a decision. */
    lastState() {
        return this.last ? (0,wording/* stateOf */.L4)(this.last, this.ours(this.last.service)) : undefined;
    }
    /**
     * The run was cancelled: nothing more is started. One quick look (the runner allows a few
     * seconds) so the sentence says what the service is doing now, not what it did a poll ago.
     */
    async cancelled(activity) {
        const reason = this.options.signal?.reason;
        if (reason instanceof stopped/* WatchStopped */.F)
            return this.finish('failed', `Stopped ${activity}: ${reason.message}`);
        await this.lookOnceMore();
        const rollbackInFlight = this.rollingBack || this.rollbackRequested || (this.last !== undefined && (0,judge/* rollbackUnderWay */.GA)(this.last, this.deploymentId));
        const sentence = `Cancelled while ${activity}; the action started nothing after the cancel. ${(0,wording/* cancelledState */.XR)(this.last, rollbackInFlight)}${(0,stages/* pausedNote */.TE)(this.last?.serviceDeployment)}`;
        core/* warning */.$e(sentence);
        return this.finish('failed', sentence);
    }
    async lookOnceMore() {
        // When the look fails, the state last polled stands.
        this.last = (await (0,describe/* glanceAfterCancel */.tL)(this.ecs, this.target.cluster, this.target.service, this.serviceDeploymentArn)) ?? this.last;
    }
    /** Errors polling again cannot fix (denied, expired credentials, service deleted) end the watch at once. */
    fatal(error, activity) {
        const reason = (0,aws_errors/* awsFailure */.MT)(`keep ${activity}`, error).message;
        const state = this.lastState();
        return { ...this.finish('failed', `${reason}${state ? ` Last seen: ${state}.` : ''}`), endedOnError: true };
    }
    finish(verdict, sentence, rolledBackTo) {
        this.stages.closeStage();
        this.mark('Finished');
        core/* info */.pq((0,untrusted/* inert */.t)(sentence));
        return {
            verdict,
            sentence,
            serviceDeploymentArn: this.serviceDeploymentArn,
            rolledBackTo,
            runningTaskDefinition: this.last?.service.taskDefinition,
            explanation: this.explanation,
            events: this.events.lines,
            timeline: [...this.timeline],
            deploymentId: this.deploymentId,
            lastSeen: this.last && { service: this.last.service, serviceDeployment: this.last.serviceDeployment },
        };
    }
}


/***/ })

};
