export const id = 244;
export const ids = [244];
export const modules = {

/***/ 1244:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  reportTimings: () => (/* binding */ reportTimings)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/aws/arn.ts
var arn = __webpack_require__(1626);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/untrusted.ts
var untrusted = __webpack_require__(873);
;// CONCATENATED MODULE: ./src/timings/path.ts
const KINDS = ['created', 'pullStarted', 'pullStopped', 'started', 'stopping', 'stopped'];
const FIELD = {
    created: 'createdAt',
    pullStarted: 'pullStartedAt',
    pullStopped: 'pullStoppedAt',
    started: 'startedAt',
    stopping: 'stoppingAt',
    stopped: 'stoppedAt',
};
/** What a segment is called by the event it starts from, within one task. */
const WITHIN = {
    created: 'placement',
    pullStarted: 'pull',
    pullStopped: 'start',
    started: 'ran',
    stopping: 'stopping',
    stopped: 'completion',
};
function eventsOf(task) {
    return KINDS.flatMap((kind) => {
        const at = task[FIELD[kind]];
        return at === undefined ? [] : [{ task, kind, at }];
    });
}
/** The latest of `events` at or before `at`; ties go to the event later in a task's life. */
function latest(events, at) {
    return events
        .filter((event) => event.at <= at)
        .sort((a, b) => b.at - a.at || KINDS.indexOf(b.kind) - KINDS.indexOf(a.kind))[0];
}
class CriticalPath {
    tasks;
    floor;
    events;
    batches = new Map();
    constructor(tasks, 
    /** Events before it (the old tasks' starts) explain nothing of this deployment. */
    floor) {
        this.tasks = tasks;
        this.floor = floor;
        this.events = tasks.flatMap(eventsOf).filter((event) => event.at >= floor);
    }
    /**
     * What an event (or the end) waited for, among the events not yet visited (`open`), at or before
     * `at`; undefined when nothing in the deployment explains it. Never later than `at`, never an
     * event visited before: a walk through causes ends within as many steps as there are events,
     * whatever the timestamps say (equal ones included: a task can launch in the millisecond another
     * one starts, so a step may stay at the same time, but only to an event not yet visited).
     */
    cause(event, at, open) {
        const candidates = [...open].filter((candidate) => candidate !== event);
        if (event === 'end')
            return latest(candidates, at);
        const stopOfOld = event.task.role === 'old' && event.kind === 'stopping';
        const earlier = candidates.filter((e) => e.task === event.task && KINDS.indexOf(e.kind) < KINDS.indexOf(event.kind));
        if (earlier.length > 0 && !stopOfOld)
            return latest(earlier, at);
        const others = candidates.filter((e) => e.task !== event.task);
        if (stopOfOld)
            return latest(others.filter((e) => e.task.role === 'new' && e.kind === 'started'), at);
        if (event.kind === 'created')
            return latest(others.filter((e) => e.kind === 'started' || e.kind === 'stopping' || e.kind === 'stopped'), at);
        return undefined;
    }
    /**
     * Which launch of new tasks a task belongs to: 1 for the tasks ECS launched first; one more when
     * its launch had to wait for an earlier new task to start and become healthy (a batch).
     */
    batchOf(task, visiting = new Set()) {
        const known = this.batches.get(task);
        if (known !== undefined)
            return known;
        visiting.add(task);
        const created = this.events.find((e) => e.task === task && e.kind === 'created');
        const open = new Set(this.events.filter((e) => e !== created));
        let cause = created && this.cause(created, created.at, open);
        // An old task's event waited in turn for something: follow it back to a new task's event.
        while (cause && cause.task.role === 'old') {
            open.delete(cause);
            cause = this.cause(cause, cause.at, open);
        }
        let batch = 1;
        if (cause && !visiting.has(cause.task))
            batch = this.batchOf(cause.task, visiting) + (cause.kind === 'started' ? 1 : 0);
        this.batches.set(task, batch);
        return batch;
    }
    /** The chain of segments from the deployment's start to `end`, oldest first; each starts where the one before ended. */
    walk(end) {
        const segments = [];
        const open = new Set(this.events);
        let cursor = 'end';
        let at = end;
        for (;;) {
            const cause = this.cause(cursor, at, open);
            if (!cause) {
                // Nothing earlier explains it: ECS starting the deployment, or launching the first tasks.
                if (at > this.floor)
                    segments.push(this.segment('scheduler', this.floor, at, cursor === 'end' ? undefined : cursor.task));
                break;
            }
            open.delete(cause);
            const own = cursor !== 'end' && (cursor.task === cause.task || cursor.kind === 'created');
            segments.push(this.segment(nameOf(cause, cursor), cause.at, at, own ? cursor.task : cause.task));
            cursor = cause;
            at = cause.at;
        }
        return segments.reverse().filter((segment) => segment.to > segment.from);
    }
    segment(phase, from, to, task) {
        return { phase, from, to, ...(task ? { task } : {}), ...(task?.role === 'new' ? { batch: this.batchOf(task) } : {}) };
    }
}
function nameOf(cause, next) {
    // A task still stopping when the chain ends is stopping until then.
    if (next === 'end' ? cause.kind === 'stopping' : next.task === cause.task) {
        if (cause.kind === 'stopping')
            return cause.task.loadBalanced ? 'draining' : 'stopping';
        return WITHIN[cause.kind];
    }
    if (next !== 'end' && next.kind === 'created')
        return 'scheduler';
    if (cause.kind === 'started' && cause.task.role === 'new')
        return 'health';
    return next === 'end' ? 'completion' : 'scheduler';
}

;// CONCATENATED MODULE: ./src/timings/breakdown.ts
/**
 * A deployment's wall time as consecutive phases: the action's own part (registration and
 * update), the critical path ECS's timestamps show (for BLUE_GREEN, LINEAR and CANARY: the
 * lifecycle stages as the watch saw them, with the tasks' chain inside SCALE_UP and CLEAN_UP),
 * the wait for the verdict, and the smoke check. Pure: times are epoch milliseconds.
 *
 * Two clocks, never compared: ECS stamps its timestamps with AWS's clock, the action measures its
 * own part with the runner's, and the two can be minutes apart. ECS's part is charted on AWS's
 * clock from its own timestamps; the action's part is a duration on the runner's clock, joined at
 * the one moment both saw: our UpdateService, which the runner sent just before ECS created the
 * deployment. The chart's times are AWS's, and its phases add up to the runner's wall time.
 */

/**
 * Stages whose tasks' chain is shown inside them: the new tasks scale up; CLEAN_UP stops the tasks
 * that stopped since the stage before (blue after a success, green in a rollback).
 */
const TASK_STAGES = {
    SCALE_UP: (task) => task.role === 'new',
    CLEAN_UP: (task, since) => task.stoppingAt !== undefined && task.stoppingAt >= since,
};
const clamp = (value, low, high) => Math.min(Math.max(value, low), high);
const elapsed = (from, to) => Math.max(0, to - from);
function breakdown(input) {
    const update = elapsed(input.runStartedAt, input.updatedAt);
    const start = input.deploymentStartedAt ?? input.updatedAt;
    const span = { start, verdict: start + elapsed(input.updatedAt, input.endedAt) };
    const segments = [{ phase: 'update', from: start - update, to: start }];
    // Without ECS's time for our deployment nothing of AWS's can be placed: the watch is one phase.
    let ecsEnd = start;
    if (input.deploymentStartedAt !== undefined)
        ecsEnd = input.stages.length > 0 ? staged(input, span, segments) : rolling(input, span, segments);
    segments.push({ phase: 'verdict', from: ecsEnd, to: span.verdict });
    const endedAt = span.verdict + (input.smoke ? elapsed(input.endedAt, input.smoke.endedAt) : 0);
    if (input.smoke)
        segments.push({ phase: 'smoke', from: span.verdict, to: endedAt });
    return { segments: segments.filter((segment) => segment.to > segment.from), startedAt: start - update, endedAt };
}
/** ECS's end of a rolling deployment: its finishedAt, else its last task event before the verdict. */
function rolling(input, span, segments) {
    const path = new CriticalPath(input.tasks, span.start);
    const before = input.tasks.flatMap(eventTimes).filter((at) => at <= span.verdict);
    const lastEvent = before.reduce((last, at) => Math.max(last, at), span.start);
    const ecsEnd = input.ecsEndedAt === undefined ? lastEvent : clamp(input.ecsEndedAt, span.start, span.verdict);
    segments.push(...path.walk(ecsEnd));
    return ecsEnd;
}
function staged(input, span, segments) {
    const ecsEnd = clamp(input.ecsEndedAt ?? span.verdict, span.start, span.verdict);
    // A stage the watch saw is placed by its time since our UpdateService on the runner's clock; seen
    // up to a poll late, it is never placed after ECS finished.
    const placed = input.stages.map(({ stage, at }) => ({ stage, at: clamp(span.start + (at - input.updatedAt), span.start, ecsEnd) }));
    let at = placed[0].at;
    segments.push({ phase: 'scheduler', from: span.start, to: at });
    placed.forEach(({ stage }, index) => {
        const to = clamp(placed[index + 1]?.at ?? ecsEnd, at, ecsEnd);
        const inStage = TASK_STAGES[stage];
        if (inStage) {
            // The tasks' chain is walked from the deployment's start and cut to the stage as seen.
            const since = placed[index - 1]?.at ?? span.start;
            const chain = new CriticalPath(input.tasks.filter((task) => inStage(task, since)), span.start).walk(to);
            segments.push(...chain.map((segment) => ({ ...segment, from: Math.max(segment.from, at), stage })).filter((segment) => segment.to > segment.from));
        }
        else {
            segments.push({ phase: 'stage', from: at, to, stage });
        }
        at = to;
    });
    return at;
}
function eventTimes(task) {
    return [task.createdAt, task.pullStartedAt, task.pullStoppedAt, task.startedAt, task.stoppingAt, task.stoppedAt].filter((at) => at !== undefined);
}
const seconds = (ms) => Math.round(ms) / 1000;
const shortId = (id) => id.slice(0, 8);
function megabytes(bytes) {
    return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
function label(segment, outcome, releaseTask) {
    const task = segment.task;
    const id = task ? shortId(task.id) : '';
    const batch = segment.batch !== undefined && segment.batch > 1 ? ` (batch ${segment.batch})` : '';
    const labels = {
        update: () => (releaseTask ? 'registering the revision, the release task and updating the service' : 'registering the revision and updating the service'),
        scheduler: () => {
            if (!task)
                return segment.stage ? 'waiting for ECS' : 'ECS starting the deployment';
            return task.role === 'new' ? `ECS launching task ${id}${batch}` : `ECS stopping old task ${id}`;
        },
        placement: () => `task ${id}${batch} waiting for placement`,
        pull: () => `task ${id}${batch} pulling its image${task?.imageBytes ? ` (${megabytes(task.imageBytes)})` : ''}`,
        start: () => `task ${id}${batch} starting, to RUNNING`,
        health: () => `task ${id}${batch} RUNNING until healthy${segment.stage ? `, and ${segment.stage} ending` : ''}`,
        ran: () => `task ${id}${batch} running until it stopped${task?.stoppedReason ? ` (${task.stoppedReason})` : ''}`,
        draining: () => `${task?.role === 'old' ? 'old ' : ''}task ${id} draining from the load balancer, then stopping`,
        stopping: () => `${task?.role === 'old' ? 'old ' : ''}task ${id} stopping`,
        stage: () => `stage ${segment.stage}`,
        completion: () => 'ECS completing the deployment',
        verdict: () => (outcome === 'deployed' ? 'the watch seeing the verdict (its next poll)' : `until the verdict (${outcome}; a rollback included)`),
        smoke: () => (outcome.startsWith('smoke-failed') ? 'the smoke check, and what followed its failure' : 'the smoke check'),
    };
    const words = labels[segment.phase]();
    return segment.stage && segment.phase !== 'stage' ? `${segment.stage}: ${words}` : words;
}
function timedPhases(segments, outcome, releaseTask = false) {
    return segments.map((segment) => ({
        phase: segment.phase,
        label: label(segment, outcome, releaseTask),
        startedAt: new Date(segment.from).toISOString(),
        endedAt: new Date(segment.to).toISOString(),
        seconds: seconds(segment.to - segment.from),
        ...(segment.task ? { task: segment.task.id } : {}),
        ...(segment.batch !== undefined ? { batch: segment.batch } : {}),
        ...(segment.stage ? { stage: segment.stage } : {}),
    }));
}
function totals(phases) {
    const sums = {};
    for (const phase of phases)
        sums[phase.phase] = Math.round(((sums[phase.phase] ?? 0) + phase.seconds) * 1000) / 1000;
    return sums;
}
function taskTimings(tasks, batchOf) {
    // Timestamps out of their lifecycle's order measure nothing: left out rather than negative.
    const span = (from, to) => (from !== undefined && to !== undefined && to >= from ? seconds(to - from) : undefined);
    return tasks.map((task) => {
        const timing = {
            task: task.id,
            role: task.role,
            batch: batchOf(task),
            placementSeconds: task.role === 'new' ? span(task.createdAt, task.pullStartedAt) : undefined,
            pullSeconds: task.role === 'new' ? span(task.pullStartedAt, task.pullStoppedAt) : undefined,
            startSeconds: task.role === 'new' ? span(task.pullStoppedAt, task.startedAt) : undefined,
            stopSeconds: span(task.stoppingAt, task.stoppedAt),
            stoppedReason: task.stoppedReason,
        };
        return Object.fromEntries(Object.entries(timing).filter(([, value]) => value !== undefined));
    });
}

;// CONCATENATED MODULE: ./src/timings/advice.ts
/**
 * Advice on the settings that made this deploy slow, one rule per setting. A rule speaks only
 * when this deploy's critical path shows the time its setting accounts for (at least a quarter
 * of the wall time, the image pull two fifths) and the setting, as read from AWS, could have
 * been set to save it. Savings scale with the measured time (a proportion, never a guess in
 * absolute seconds), so they hold whatever the clock. Pure.
 */

/** A rule speaks when its phases take at least this share of the deploy's wall time. */
const COST_SHARE = 0.25;
/** The image pull must dominate: at least this share, and the largest kind of phase. */
const PULL_SHARE = 0.4;
/** Savings below this are noise. */
const MIN_SAVE_SECONDS = 1;
/** "Optimize load balancer connection draining parameters for Amazon ECS": 5 s for services answering within a second. */
const SUGGESTED_DELAY_SECONDS = 5;
/** "Optimize load balancer health check parameters for Amazon ECS": interval 5, healthy threshold 2. */
const SUGGESTED_INTERVAL_SECONDS = 5;
const SUGGESTED_HEALTHY_THRESHOLD = 2;
/** A grace period shorter than this costs little; longer ones are what slows a failing deploy. */
const GRACE_WORTH_SECONDS = 30;
const DOCS = {
    deregistration: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html',
    healthCheck: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-healthcheck.html',
    grace: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-healthCheckGracePeriodSeconds',
    rolling: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html',
    pullFargate: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-pull-behavior.html',
    pullEc2: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/pull-behavior.html',
};
const round = (value) => Math.round(value * 10) / 10;
const sum = (phases) => phases.reduce((total, phase) => total + phase.seconds, 0);
const of = (input, ...names) => input.phases.filter((phase) => names.includes(phase.phase));
const FAILED_HEALTH = /failed (ELB|container) health checks/i;
const deregistration = {
    cost: (input) => (input.loadBalanced ? sum(of(input, 'draining')) : 0),
    share: COST_SHARE,
    reads: ['attributes'],
    advise(input, cost) {
        const group = [...input.targetGroups].filter((g) => g.deregistrationDelaySeconds !== undefined).sort((a, b) => b.deregistrationDelaySeconds - a.deregistrationDelaySeconds)[0];
        const delay = group?.deregistrationDelaySeconds;
        if (!group || delay === undefined || delay <= SUGGESTED_DELAY_SECONDS)
            return undefined;
        const save = cost * (1 - SUGGESTED_DELAY_SECONDS / delay);
        return {
            setting: 'deregistration_delay.timeout_seconds',
            resource: group.arn,
            current: delay,
            suggested: SUGGESTED_DELAY_SECONDS,
            costSeconds: round(cost),
            saveSeconds: round(save),
            text: `Replaced tasks drained from the load balancer for ${round(cost)} s of the critical path: target group ${group.name} has deregistration_delay.timeout_seconds ${delay}, and ECS waits that long before it stops a task. If the service answers within a second, set it to ${SUGGESTED_DELAY_SECONDS} (or a little above your longest request): this deploy would have taken about ${round(save)} s less.`,
            documentation: DOCS.deregistration,
        };
    },
};
const healthCheck = {
    cost: (input) => (input.loadBalanced ? sum(of(input, 'health')) : 0),
    share: COST_SHARE,
    reads: ['targetGroups'],
    advise(input, cost) {
        const group = [...input.targetGroups].filter((g) => g.intervalSeconds !== undefined).sort((a, b) => b.intervalSeconds - a.intervalSeconds)[0];
        const interval = group?.intervalSeconds;
        if (!group || interval === undefined || interval <= SUGGESTED_INTERVAL_SECONDS)
            return undefined;
        const save = cost * (1 - SUGGESTED_INTERVAL_SECONDS / interval);
        const threshold = group.healthyThresholdCount ?? 0;
        const andThreshold = threshold > SUGGESTED_HEALTHY_THRESHOLD
            ? ` If targets go unhealthy while the app starts, also lower HealthyThresholdCount from ${threshold} to ${SUGGESTED_HEALTHY_THRESHOLD}: an unhealthy target needs that many passing checks to recover.`
            : '';
        return {
            setting: 'HealthCheckIntervalSeconds',
            resource: group.arn,
            current: interval,
            suggested: SUGGESTED_INTERVAL_SECONDS,
            costSeconds: round(cost),
            saveSeconds: round(save),
            text: `New tasks waited ${round(cost)} s of the critical path from RUNNING to healthy: ECS waits for the load balancer, and target group ${group.name} checks every ${interval} s (a new target is healthy after its first passing check). If the app is ready within seconds, set HealthCheckIntervalSeconds to ${SUGGESTED_INTERVAL_SECONDS}: this deploy would have taken about ${round(save)} s less.${andThreshold}`,
            documentation: DOCS.healthCheck,
        };
    },
};
const grace = {
    cost: (input) => sum(of(input, 'ran').filter((phase) => FAILED_HEALTH.test(input.stoppedReasons[phase.task ?? ''] ?? ''))),
    share: COST_SHARE,
    reads: ['targetGroups'],
    advise(input, cost) {
        const period = input.healthCheckGracePeriodSeconds ?? 0;
        if (period < GRACE_WORTH_SECONDS)
            return undefined;
        const ran = of(input, 'ran').filter((phase) => FAILED_HEALTH.test(input.stoppedReasons[phase.task ?? ''] ?? ''));
        // ECS ignores failed health checks during the grace period: tasks that failed them and ran about that long were stopped late because of it.
        const group = input.targetGroups.find((g) => g.intervalSeconds !== undefined);
        const detect = group ? (group.intervalSeconds ?? 0) * (group.unhealthyThresholdCount ?? 0) : 0;
        const held = ran.filter((phase) => phase.seconds >= period * 0.9 && phase.seconds <= period + Math.max(60, 3 * (group?.intervalSeconds ?? 0)));
        if (held.length === 0)
            return undefined;
        // Without the grace period ECS would have stopped each as soon as it was found unhealthy.
        const save = held.reduce((total, phase) => total + Math.max(0, phase.seconds - detect), 0);
        return {
            setting: 'healthCheckGracePeriodSeconds',
            resource: 'service',
            current: period,
            costSeconds: round(cost),
            saveSeconds: round(save),
            text: `${held.length} new task(s) failed their health checks and ran about ${period} s each before ECS stopped them: the service's healthCheckGracePeriodSeconds is ${period}, and ECS ignores failed health checks that long after a task starts. Set it to the time your app needs to pass its first check: this failing deploy would have ended up to ${round(save)} s sooner.`,
            documentation: DOCS.grace,
        };
    },
};
const batches = {
    cost: (input) => (input.strategy === 'ROLLING' ? sum(input.phases.filter((phase) => (phase.batch ?? 1) > 1)) : 0),
    share: COST_SHARE,
    reads: [],
    advise(input, cost) {
        const { desiredCount: desired, maximumPercent: max, minimumHealthyPercent: min } = input;
        const count = Math.max(...input.phases.map((phase) => phase.batch ?? 1));
        const atOnce = Math.floor((desired * max) / 100) - desired + (desired - Math.ceil((desired * min) / 100));
        if (count < 2 || atOnce >= desired || max >= 200)
            return undefined;
        return {
            setting: 'maximumPercent',
            resource: 'service',
            current: max,
            suggested: 200,
            costSeconds: round(cost),
            saveSeconds: round(cost),
            text: `ECS replaced the ${desired} tasks in ${count} batches: with maximumPercent ${max} and minimumHealthyPercent ${min} it starts at most ${Math.max(atOnce, 1)} new task(s) at a time, and the batches after the first took ${round(cost)} s of the critical path. With maximumPercent 200 it starts all ${desired} at once (the cluster needs room for twice the tasks meanwhile): this deploy would have taken about ${round(cost)} s less.`,
            documentation: DOCS.rolling,
        };
    },
};
const imagePull = {
    cost: (input) => sum(of(input, 'pull')),
    share: PULL_SHARE,
    reads: ['images'],
    advise(input, cost) {
        const byPhase = new Map();
        for (const phase of input.phases)
            byPhase.set(phase.phase, (byPhase.get(phase.phase) ?? 0) + phase.seconds);
        if (Math.max(...byPhase.values()) > cost)
            return undefined;
        const largest = [...input.images].sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0))[0];
        const size = largest?.bytes ? ` (${megabytes(largest.bytes)} in ECR)` : '';
        const fargate = input.launchType !== 'EC2' && input.launchType !== 'EXTERNAL';
        const how = fargate
            ? 'a smaller image (a slimmer base image, a multi-stage build) pulls faster; on Fargate, an image over 250 MB can be lazy-loaded with a SOCI index'
            : 'a smaller image pulls faster, and ECS_IMAGE_PULL_BEHAVIOR once or prefer-cached reuses the image a container instance already has';
        return {
            setting: 'image',
            resource: largest?.image ?? 'image',
            ...(largest?.bytes ? { current: largest.bytes } : {}),
            costSeconds: round(cost),
            saveSeconds: round(cost / 2),
            text: `Pulling the image${size} took ${round(cost)} s of the critical path, the largest part of this deploy: ${how}. Half the size would have saved about ${round(cost / 2)} s.`,
            documentation: fargate ? DOCS.pullFargate : DOCS.pullEc2,
        };
    },
};
const RULES = { deregistration, healthCheck, grace, batches, imagePull };
/** The rules whose measured cost passes their threshold, with that cost. */
function candidates(input) {
    return Object.keys(RULES).flatMap((name) => {
        const rule = RULES[name];
        const cost = rule.cost(input);
        return cost >= MIN_SAVE_SECONDS && cost >= rule.share * input.wallSeconds ? [{ name, cost, reads: rule.reads }] : [];
    });
}
/** The advice this deploy supports, largest saving first. */
function advise(input) {
    return candidates(input)
        .flatMap(({ name, cost }) => RULES[name].advise(input, cost) ?? [])
        .filter((advice) => advice.saveSeconds >= MIN_SAVE_SECONDS)
        .sort((a, b) => b.saveSeconds - a.saveSeconds);
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/aws/errors.ts
var aws_errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/task-definition/images.ts
var task_definition_images = __webpack_require__(5971);
;// CONCATENATED MODULE: ./src/timings/read.ts
/**
 * The reads after the verdict that the timings need, each counted: the tasks of the service
 * (ListTasks RUNNING and STOPPED, DescribeTasks of them: the watch reads no task of a deployment
 * that went well), and only when a rule's cost calls for it, the target groups' health checks
 * (one DescribeTargetGroups), their deregistration delays (one DescribeTargetGroupAttributes per
 * target group) and the image sizes (one ECR DescribeImages per repository).
 */




/** DescribeTasks takes at most 100 ARNs; one page of each listing covers any deployment worth charting. */
const PAGE = 100;
/**
 * `since` and the tasks' timestamps are all AWS's clock (never the runner's, which can be minutes
 * off): this only covers ECS stamping the deployment and its first tasks moments apart.
 */
const STAMP_MARGIN_MS = 2_000;
/** Counts the reads, turns a failed one into a note, and sends none after the credentials failed. */
class Reads {
    requests = 0;
    notes = [];
    refused = false;
    async send(what, request) {
        if (this.refused)
            return undefined;
        this.requests += 1;
        try {
            return await request();
        }
        catch (error) {
            this.refused = (0,aws_errors/* isCredentialError */._j)(error);
            this.notes.push(`Could not ${what} (${(0,aws_errors/* awsErrorName */.ZH)(error) ?? 'error'}: ${(0,errors/* errorMessage */.gJ)(error)}).`);
            return undefined;
        }
    }
}
/** The tasks of our deployment and the ones it replaced, from one page of each listing; `since`: when ECS created our deployment. */
async function readTasks(reads, ecs, where, signal) {
    const arns = [];
    for (const desiredStatus of ['RUNNING', 'STOPPED']) {
        const listed = await reads.send(`list the ${desiredStatus.toLowerCase()} tasks of service ${where.service} (ecs:ListTasks)`, () => ecs.send(new dist_cjs/* ListTasksCommand */.MYg({ cluster: where.cluster, serviceName: where.service, desiredStatus, maxResults: PAGE }), { abortSignal: signal }));
        arns.push(...(listed?.taskArns ?? []));
    }
    const tasks = [];
    for (let at = 0; at < arns.length; at += PAGE) {
        const described = await reads.send('describe the tasks (ecs:DescribeTasks)', () => ecs.send(new dist_cjs/* DescribeTasksCommand */.z8X({ cluster: where.cluster, tasks: arns.slice(at, at + PAGE) }), { abortSignal: signal }));
        tasks.push(...(described?.tasks ?? []));
    }
    const since = where.since - STAMP_MARGIN_MS;
    const isOurs = (task) => where.deploymentId ? task.startedBy === where.deploymentId : task.taskDefinitionArn === where.taskDefinitionArn && (task.createdAt?.getTime() ?? 0) >= since;
    const stoppedSince = tasks.filter((task) => !isOurs(task) && (task.stoppingAt?.getTime() ?? 0) >= since);
    // ECS names the deployment whose scaling stopped a task ("Scaling activity initiated by (deployment
    // ecs-svc/...)"): those are the ones ours replaced, not a rollback's. Without such a name, all of them.
    const byOurs = stoppedSince.filter((task) => where.deploymentId !== undefined && task.stoppedReason?.includes(`(deployment ${where.deploymentId})`));
    return { ours: tasks.filter(isOurs), replaced: byOurs.length > 0 ? byOurs : stoppedSince };
}
/** HealthCheckIntervalSeconds and the thresholds of the service's target groups: one DescribeTargetGroups. */
async function readHealthChecks(reads, elb, arns, signal) {
    const { DescribeTargetGroupsCommand } = await __webpack_require__.e(/* import() */ 586).then(__webpack_require__.t.bind(__webpack_require__, 586, 19));
    const answer = await reads.send('read the target groups\' health checks (elasticloadbalancing:DescribeTargetGroups)', () => elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: arns }), { abortSignal: signal }));
    return (answer?.TargetGroups ?? []).map((group) => ({
        arn: group.TargetGroupArn ?? '',
        name: group.TargetGroupName ?? group.TargetGroupArn ?? '',
        intervalSeconds: group.HealthCheckIntervalSeconds,
        healthyThresholdCount: group.HealthyThresholdCount,
        unhealthyThresholdCount: group.UnhealthyThresholdCount,
    }));
}
/** deregistration_delay.timeout_seconds of each target group: one DescribeTargetGroupAttributes each. */
async function readDeregistrationDelays(reads, elb, arns, signal) {
    const { DescribeTargetGroupAttributesCommand } = await __webpack_require__.e(/* import() */ 586).then(__webpack_require__.t.bind(__webpack_require__, 586, 19));
    const settings = [];
    for (const arn of arns) {
        const answer = await reads.send(`read the deregistration delay of target group ${arn} (elasticloadbalancing:DescribeTargetGroupAttributes)`, () => elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }), { abortSignal: signal }));
        const value = answer?.Attributes?.find((attribute) => attribute.Key === 'deregistration_delay.timeout_seconds')?.Value;
        if (value !== undefined)
            settings.push({ arn, name: arn.split('/')[1] ?? arn, deregistrationDelaySeconds: Number(value) });
    }
    return settings;
}
/** imageSizeInBytes of the revision's ECR images: one DescribeImages per repository. */
async function readImageSizes(reads, ecrFor, images, signal) {
    const { DescribeImagesCommand } = await __webpack_require__.e(/* import() */ 249).then(__webpack_require__.t.bind(__webpack_require__, 8249, 19));
    const sizes = [];
    for (const { container, image } of images) {
        const ecr = (0,task_definition_images/* parseEcrImage */.T)(container, image);
        if (!ecr) {
            sizes.push({ image });
            continue;
        }
        const client = await ecrFor(ecr.region);
        const answer = await reads.send(`read the size of ${image} (ecr:DescribeImages)`, () => client.send(new DescribeImagesCommand({ registryId: ecr.registryId, repositoryName: ecr.repository, imageIds: [ecr.id] }), { abortSignal: signal }));
        sizes.push({ image, bytes: answer?.imageDetails?.[0]?.imageSizeInBytes });
    }
    return sizes;
}

;// CONCATENATED MODULE: ./src/timings/text.ts
const text_seconds = (value) => `${value.toFixed(1)} s`;
const share = (part, whole) => `${whole > 0 ? Math.round((part / whole) * 100) : 0}%`;
function logLines(timings) {
    const lines = [`${text_seconds(timings.wallSeconds)} from the revision step to the verdict${timings.phases.some((p) => p.phase === 'smoke') ? ' and the smoke check' : ''}, along the critical path (the phases that determined the end):`];
    const width = Math.max(...timings.phases.map((phase) => text_seconds(phase.seconds).length));
    for (const phase of timings.phases)
        lines.push(`  ${text_seconds(phase.seconds).padStart(width)}  ${share(phase.seconds, timings.wallSeconds).padStart(4)}  ${phase.label}`);
    if (timings.advice.length === 0) {
        lines.push('No setting stands out: nothing this deploy measured is slow enough to advise on.');
    }
    else {
        lines.push('Advice, from this deploy\'s own numbers:');
        for (const advice of timings.advice)
            lines.push(`  - ${advice.text} (${advice.documentation})`);
    }
    for (const note of timings.notes)
        lines.push(note);
    lines.push(`Measured with ${timings.requests} request(s) after the verdict; the output deploy-timings has it as JSON.`);
    return lines;
}

;// CONCATENATED MODULE: ./src/timings/phase.ts
/**
 * "Where the time went", at the end of every watched deployment (green or red): the critical
 * path from AWS's own timestamps, the advice this deploy's numbers support, and the
 * `deploy-timings` output. Loaded only when a deployment was watched; a failure to measure never
 * changes the verdict.
 */









async function reportTimings(context, run) {
    // A cancelled run starts nothing new; after an error no retry fixes, nothing more is sent.
    if (context.signal.aborted || run.outcome.endedOnError)
        return;
    await core/* group */.Os('Where the time went', async () => {
        try {
            context.report.timings = await measure(context, run);
            // Labels and notes can carry AWS's free text (a stopped reason): never a workflow command.
            for (const line of logLines(context.report.timings))
                core/* info */.pq((0,untrusted/* inert */.t)(line));
        }
        catch (error) {
            core/* info */.pq((0,untrusted/* inert */.t)(`The deploy timings could not be measured: ${(0,errors/* errorMessage */.gJ)(error)}`));
        }
    });
}
/** A timestamp the SDK could not parse into a time is no time. */
function epoch(date) {
    const at = date?.getTime();
    return at !== undefined && Number.isFinite(at) ? at : undefined;
}
function toEvents(task, role, loadBalanced) {
    return {
        id: (0,arn/* lastSegment */.m)(task.taskArn ?? ''),
        role,
        createdAt: epoch(task.createdAt),
        pullStartedAt: epoch(task.pullStartedAt),
        pullStoppedAt: epoch(task.pullStoppedAt),
        startedAt: epoch(task.startedAt),
        stoppingAt: epoch(task.stoppingAt),
        stoppedAt: task.lastStatus === 'STOPPED' ? epoch(task.stoppedAt) : undefined,
        stoppedReason: task.stoppedReason,
        loadBalanced,
    };
}
const NOTHING_STARTED = 'ECS started no new deployment for this update (the service already ran the revision), so no task of ours is charted.';
async function measure(context, run) {
    const { inputs, clients, report, signal } = context;
    const { outcome } = run;
    const service = outcome.lastSeen?.service;
    const seen = outcome.lastSeen?.serviceDeployment;
    const ours = seen && seen.serviceDeploymentArn === outcome.serviceDeploymentArn ? seen : undefined;
    const deployment = service?.deployments?.find((candidate) => candidate.id === outcome.deploymentId);
    // AWS's clock throughout: the service deployment's own createdAt, else the deployment's; never the runner's.
    const deploymentStartedAt = run.deploymentCreatedAt === undefined ? undefined : (epoch(ours?.createdAt) ?? epoch(deployment?.createdAt) ?? run.deploymentCreatedAt);
    const reads = new Reads();
    if (deploymentStartedAt === undefined)
        reads.notes.push(NOTHING_STARTED);
    const where = { cluster: inputs.cluster, service: inputs.service, deploymentId: outcome.deploymentId, taskDefinitionArn: report.taskDefinitionArn };
    const listed = deploymentStartedAt === undefined ? { ours: [], replaced: [] } : await readTasks(reads, clients.ecs, { ...where, since: deploymentStartedAt }, signal);
    const targetGroupArns = [...new Set((service?.loadBalancers ?? []).flatMap((lb) => (lb.targetGroupArn ? [lb.targetGroupArn] : [])))];
    const loadBalanced = targetGroupArns.length > 0;
    const tasks = [...listed.ours.map((task) => toEvents(task, 'new', loadBalanced)), ...listed.replaced.map((task) => toEvents(task, 'old', loadBalanced))];
    const { segments, startedAt, endedAt } = breakdown({
        runStartedAt: run.runStartedAt,
        updatedAt: run.updatedAt,
        deploymentStartedAt,
        ecsEndedAt: epoch(ours?.finishedAt),
        endedAt: run.watchEndedAt,
        smoke: run.smoke,
        tasks,
        stages: outcome.timeline.flatMap((entry) => (entry.stage ? [{ stage: entry.stage, at: entry.at.getTime() }] : [])),
    });
    const strategy = ours?.deploymentConfiguration?.strategy ?? service?.deploymentConfiguration?.strategy ?? 'ROLLING';
    let phases = timedPhases(segments, report.result, inputs.runTask !== undefined);
    const wallSeconds = Math.round(segments.reduce((total, segment) => total + segment.to - segment.from, 0)) / 1000;
    const config = ours?.deploymentConfiguration ?? service?.deploymentConfiguration;
    const input = {
        phases,
        wallSeconds,
        strategy,
        launchType: service?.launchType,
        desiredCount: service?.desiredCount ?? 0,
        maximumPercent: config?.maximumPercent ?? 200,
        minimumHealthyPercent: config?.minimumHealthyPercent ?? 100,
        healthCheckGracePeriodSeconds: service?.healthCheckGracePeriodSeconds,
        loadBalanced,
        stoppedReasons: Object.fromEntries(tasks.map((task) => [task.id, task.stoppedReason])),
        targetGroups: [],
        images: [],
    };
    const needed = new Set(candidates(input).flatMap((candidate) => candidate.reads));
    if (loadBalanced && (needed.has('attributes') || needed.has('targetGroups')))
        input.targetGroups = await readTargetGroups(reads, context, targetGroupArns, needed);
    if (needed.has('images')) {
        const containers = listed.ours[0]?.containers ?? [];
        input.images = await readImageSizes(reads, clients.ecrFor, containers.map((c) => ({ container: c.name ?? '', image: c.image ?? '' })), signal);
        const bytes = input.images.reduce((total, image) => total + (image.bytes ?? 0), 0);
        for (const task of tasks)
            if (task.role === 'new' && bytes > 0)
                task.imageBytes = bytes;
        phases = timedPhases(segments, report.result, inputs.runTask !== undefined);
        input.phases = phases;
    }
    const path = new CriticalPath(tasks, deploymentStartedAt ?? startedAt);
    return {
        version: 1,
        outcome: report.result,
        strategy,
        startedAt: new Date(startedAt).toISOString(),
        endedAt: new Date(endedAt).toISOString(),
        wallSeconds,
        phases,
        totals: totals(phases),
        tasks: taskTimings(tasks, (task) => (task.role === 'new' ? path.batchOf(task) : undefined)),
        advice: advise(input),
        notes: reads.notes,
        requests: reads.requests,
    };
}
async function readTargetGroups(reads, context, arns, needed) {
    const elb = await context.clients.elbv2();
    const checks = needed.has('targetGroups') ? await readHealthChecks(reads, elb, arns, context.signal) : [];
    const delays = needed.has('attributes') ? await readDeregistrationDelays(reads, elb, arns, context.signal) : [];
    return arns.map((arn) => ({
        arn,
        name: arn.split('/')[1] ?? arn,
        ...checks.find((group) => group.arn === arn),
        ...delays.find((group) => group.arn === arn),
    }));
}


/***/ })

};
