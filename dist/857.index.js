export const id = 857;
export const ids = [857];
export const modules = {

/***/ 3548:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ic: () => (/* binding */ checkDigests),
  Yt: () => (/* binding */ digestSentence)
});

// UNUSED EXPORTS: wrongDigests

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/digests/match.ts
var match = __webpack_require__(6948);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/aws/errors.ts
var aws_errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/service/describe.ts
var describe = __webpack_require__(8122);
// EXTERNAL MODULE: ./src/smoke/tasks.ts
var smoke_tasks = __webpack_require__(1527);
// EXTERNAL MODULE: ./src/aws/retry.ts
var retry = __webpack_require__(2495);
;// CONCATENATED MODULE: ./src/digests/observe.ts
/**
 * What ECS says our deployment runs: the digests in our service deployment's target revision
 * (DescribeServiceRevisions `containerImages`: ECS resolves tags once per deployment), and the
 * digest each RUNNING task of our revision reports (DescribeTasks `containers[].imageDigest`).
 * Where the revision gives none, it says why, and the tasks alone judge.
 */






/** Our deployment's target revision's images, or why they cannot be known. `ecs` retries transient faults. */
async function revisionImages(ecs, scope) {
    try {
        const arn = scope.serviceDeploymentArn ?? (await (0,describe/* currentService */.hQ)(ecs, scope.cluster, scope.service)).currentServiceDeployment;
        const deployment = arn ? await (0,describe/* describeServiceDeployment */.MH)(ecs, arn) : undefined;
        const revisionArn = deployment?.targetServiceRevision?.arn;
        if (!revisionArn)
            return { noRevision: 'the service deployment and its revision are not known' };
        const answer = await ecs.send(new dist_cjs/* DescribeServiceRevisionsCommand */.oF5({ serviceRevisionArns: [revisionArn] }));
        const revision = answer.serviceRevisions?.find((found) => found.serviceRevisionArn === revisionArn);
        if (!revision) {
            const reason = answer.failures?.[0]?.reason;
            return { noRevision: `DescribeServiceRevisions did not describe ${revisionArn}${reason ? ` (${reason})` : ''}; revisions created before 2024-10-25 cannot be` };
        }
        if (revision.taskDefinition !== scope.taskDefinitionArn) {
            return { noRevision: `the service's current deployment runs ${revision.taskDefinition}, not ours` };
        }
        return { images: new Map((revision.containerImages ?? []).flatMap((image) => (image.containerName ? [[image.containerName, image]] : []))) };
    }
    catch (error) {
        if (!(0,aws_errors/* isServiceDeploymentsUnavailable */.U0)(error))
            throw (0,aws_errors/* awsFailure */.MT)(`read the service revision of ${scope.service}`, error);
        return { noRevision: `the ECS Service Deployments API is not available to this job (${(0,errors/* errorMessage */.gJ)(error).replace(/\.$/, '')}); grant ecs:DescribeServiceDeployments and ecs:DescribeServiceRevisions to compare what ECS resolved` };
    }
}
async function observe(ecs, scope, budget) {
    const { images, noRevision } = await revisionImages((0,retry/* retryingClient */.Ux)(ecs, 'Reading the service revision', budget), scope);
    const arns = await (0,smoke_tasks/* listRunningTaskArns */.zz)(ecs, scope.cluster, scope.service, budget);
    const tasks = (await (0,smoke_tasks/* describeTasks */.yz)(ecs, scope.cluster, arns, budget)).filter((task) => task.taskDefinitionArn === scope.taskDefinitionArn && (scope.startedBy === undefined || task.startedBy === scope.startedBy) && (0,smoke_tasks/* goneReason */.q9)(task) === undefined);
    return { images, noRevision, tasks };
}

;// CONCATENATED MODULE: ./src/digests/check.ts
/**
 * The image digest check of one service: reads what ECS resolved and what the tasks of our
 * revision run, judges each container against what was recorded at registration, and logs it.
 * A check that cannot read anything fails, as a smoke check that cannot run does: it proves
 * nothing about the revision.
 */




function observedFor(expected, observations) {
    const image = observations.images?.get(expected.container);
    const tasks = observations.tasks.map((task) => task.containers?.find((container) => container.name === expected.container)?.imageDigest);
    if (image?.imageDigest)
        return { resolved: image.imageDigest, tasks };
    const noResolved = !observations.images
        ? observations.noRevision
        : expected.unresolved
            ? "versionConsistency is 'disabled', so ECS does not resolve the tag"
            : image
                ? 'the service revision has no digest for it'
                : 'the service revision does not list the container';
    return { noResolved, tasks };
}
function log(container) {
    const line = `Container '${container.container}' (${container.image}): ${container.note}`;
    if (container.verdict === 'match')
        core/* info */.pq(`✓ ${line}`);
    else if (container.verdict === 'skipped')
        core/* notice */.lm(`Image digest not checked for container '${container.container}' (${container.image}): ${container.note.replace(/^Not checked: /, '')}`);
    else if (container.verdict === 'unverified')
        core/* warning */.$e(line);
    else
        core/* error */.z3(line);
}
async function checkDigests(ecs, scope, expected, budget, stage) {
    let observations;
    try {
        observations = await observe(ecs, scope, budget);
    }
    catch (error) {
        if (budget.signal?.aborted)
            throw error;
        const outcome = { passed: false, stage, containers: [], tasksChecked: 0, error: (0,errors/* errorMessage */.gJ)(error) };
        core/* error */.z3(`The image digest check could not run: ${outcome.error}`);
        return outcome;
    }
    if (observations.noRevision)
        core/* info */.pq(`ECS's resolved digests are not available (${observations.noRevision}): the tasks' digests judge alone.`);
    const containers = expected.map((entry) => (0,match/* judgeContainer */.nU)(entry, observedFor(entry, observations)));
    containers.forEach(log);
    return { passed: !containers.some((c) => c.verdict === 'mismatch'), stage, containers, tasksChecked: observations.tasks.length };
}
/** The digests a container was found running that are not the one recorded. */
function wrongDigests(container) {
    const seen = [...new Set([...(container.resolved ? [container.resolved] : []), ...container.tasks])];
    return container.expected ? seen.filter((digest) => !(0,match/* matches */.cK)({ digest: container.expected, platforms: container.platforms }, digest)) : [];
}
/** The check in one clause, for the result's sentence. */
function digestSentence(outcome) {
    if (outcome.error)
        return `the image digest check could not run (${outcome.error.replace(/\.$/, '')})`;
    const wrong = outcome.containers.filter((c) => c.verdict === 'mismatch');
    if (wrong.length === 0)
        return `the image digests match (${outcome.containers.filter((c) => c.verdict === 'match').length} container(s))`;
    const parts = wrong.map((container) => {
        const found = wrongDigests(container).map(match/* shortDigest */.VK).join(' and ');
        return `container '${container.container}' runs ${found}, not ${(0,match/* shortDigest */.VK)(container.expected)}, ${(0,match/* expectedSource */.cx)(container)} for ${container.image}`;
    });
    return `the image digest check failed: ${parts.join('; ')}`;
}


/***/ }),

/***/ 6948:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VK: () => (/* binding */ shortDigest),
/* harmony export */   cK: () => (/* binding */ matches),
/* harmony export */   cx: () => (/* binding */ expectedSource),
/* harmony export */   nU: () => (/* binding */ judgeContainer)
/* harmony export */ });
/** `sha256:` and the first 12 hex digits, enough to tell digests apart in a sentence. */
function shortDigest(digest) {
    return digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1');
}
function matches(expected, digest) {
    return digest === expected.digest || expected.platforms.includes(digest);
}
/** Where the expected digest came from, for the notes and the failure sentence. */
function expectedSource(expected) {
    return expected.source === 'ecr' ? 'the digest ECR gave when the revision was registered' : 'the digest in the image reference';
}
function sources(observed, tasks) {
    const ecs = observed.resolved ? 'ECS resolved it for the deployment' : `ECS gave no digest for the deployment (${observed.noResolved ?? 'none in the service revision'})`;
    const reporting = observed.tasks.filter((digest) => digest !== undefined).length;
    const running = observed.tasks.length === 0 ? 'no RUNNING task of the revision to read' : `${reporting} of ${observed.tasks.length} RUNNING task(s) report ${tasks.length > 1 ? 'digests' : 'it'}`;
    return `${ecs}; ${running}`;
}
function judgeContainer(expected, observed) {
    const tasks = [...new Set(observed.tasks.filter((digest) => digest !== undefined))];
    const base = { container: expected.container, image: expected.image, expected: expected.digest, source: expected.source, platforms: expected.platforms, resolved: observed.resolved, tasks };
    if (!expected.digest)
        return { ...base, verdict: 'skipped', note: `Not checked: ${expected.skipped}.` };
    const seen = [...new Set([...(observed.resolved ? [observed.resolved] : []), ...tasks])];
    if (seen.length === 0) {
        return { ...base, verdict: 'unverified', note: `No digest to compare: ${sources(observed, tasks)}.` };
    }
    const index = expected.platforms.length > 0 ? ` (an image index of ${expected.platforms.length} platform image(s))` : '';
    const wrong = seen.filter((digest) => !matches(expected, digest));
    if (wrong.length === 0) {
        return { ...base, verdict: 'match', note: `Runs ${shortDigest(expected.digest)}${index}, ${expectedSource(expected)}: ${sources(observed, tasks)}.` };
    }
    const found = wrong.map(shortDigest).join(', ');
    if (!expected.complete) {
        // A digest reference ECR did not describe may name an index whose platform images are unknown here.
        return {
            ...base,
            verdict: 'unverified',
            note: `Runs ${found}, not ${shortDigest(expected.digest)}, ${expectedSource(expected)}; that may be a platform image of an image index whose manifest the action did not read: ${sources(observed, tasks)}.`,
        };
    }
    return {
        ...base,
        verdict: 'mismatch',
        note: `Runs ${found}, not ${shortDigest(expected.digest)}${index}, ${expectedSource(expected)}: ${sources(observed, tasks)}.`,
    };
}


/***/ }),

/***/ 3857:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollBackAfterDigests: () => (/* binding */ rollBackAfterDigests)
/* harmony export */ });
/* harmony import */ var _rollback_redeploy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(604);
/* harmony import */ var _check_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3548);


async function rollBackAfterDigests(context, gate) {
    const digests = context.report.digests;
    await (0,_rollback_redeploy_js__WEBPACK_IMPORTED_MODULE_0__/* .rollBackAfterCheck */ .$g)(context, {
        sentence: (0,_check_js__WEBPACK_IMPORTED_MODULE_1__/* .digestSentence */ .Yt)(digests),
        reason: 'image digest check failed',
        rolledBack: 'digest-mismatch-rolled-back',
        notRolledBack: 'digest-mismatch',
        keep: (rollback) => (digests.rollback = rollback),
    }, gate);
}


/***/ }),

/***/ 1527:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YE: () => (/* binding */ TaskPool),
/* harmony export */   p3: () => (/* binding */ TaskGoneError),
/* harmony export */   q9: () => (/* binding */ goneReason),
/* harmony export */   yz: () => (/* binding */ describeTasks),
/* harmony export */   zz: () => (/* binding */ listRunningTaskArns)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(212);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1626);
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2495);
/* harmony import */ var _watch_wording_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9459);
/**
 * The tasks a smoke check runs in: listed and described through transient faults, newest first,
 * and replaced by another RUNNING task of the revision when one stops (Fargate Spot reclaim,
 * scale-in) before its check is done. After a deployment they are the tasks our service
 * deployment started, not any task of the revision: a reused revision's old (blue) tasks run the
 * same task definition.
 */






const DESCRIBE_TASKS_BATCH = 100;
/** The task stopped or is stopping: nothing more can run in it, another task may stand in. */
class TaskGoneError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ {
    taskArn;
    why;
    commandStarted;
    constructor(taskArn, why, 
    /** ExecuteCommand had succeeded in it: the command may have run, in part or to its end. */
    commandStarted = false) {
        super(`Task ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_4__/* .lastSegment */ .m)(taskArn)} ${why}, so nothing more can run in it.`);
        this.taskArn = taskArn;
        this.why = why;
        this.commandStarted = commandStarted;
        this.name = 'TaskGoneError';
    }
}
/** Why nothing can run in the task any more; undefined while it runs and is meant to. */
function goneReason(task) {
    if (!task)
        return 'is gone (DescribeTasks no longer finds it)';
    if (task.lastStatus === 'RUNNING' && task.desiredStatus !== 'STOPPED')
        return undefined;
    const stop = [task.stopCode, task.stoppedReason].filter(Boolean).join(': ');
    const state = task.lastStatus === 'RUNNING' ? 'stopping' : `${task.lastStatus}`;
    return `is ${state}${stop ? ` (${stop})` : ''}`;
}
async function listRunningTaskArns(ecs, cluster, service, budget) {
    const arns = [];
    let nextToken;
    const what = `list the running tasks of service '${service}'`;
    try {
        do {
            const request = { cluster, serviceName: service, desiredStatus: 'RUNNING', nextToken };
            const page = await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retryTransient */ .jh)(`ListTasks (${what})`, () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__/* .ListTasksCommand */ .MYg(request)), budget);
            arns.push(...(page.taskArns ?? []));
            nextToken = page.nextToken;
        } while (nextToken);
    }
    catch (error) {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsFailure */ .MT)(what, error);
    }
    return arns;
}
async function describeTasks(ecs, cluster, taskArns, budget) {
    const tasks = [];
    for (let at = 0; at < taskArns.length; at += DESCRIBE_TASKS_BATCH) {
        const batch = taskArns.slice(at, at + DESCRIBE_TASKS_BATCH);
        const what = `describe tasks ${batch.map(_aws_arn_js__WEBPACK_IMPORTED_MODULE_4__/* .lastSegment */ .m).join(', ')}`;
        try {
            const answer = await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retryTransient */ .jh)(`DescribeTasks (${what})`, () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__/* .DescribeTasksCommand */ .z8X({ cluster, tasks: batch })), budget);
            tasks.push(...(answer.tasks ?? []));
        }
        catch (error) {
            throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsFailure */ .MT)(what, error);
        }
    }
    return tasks;
}
/** The RUNNING tasks of the revision (started by the deployment, when one is named), newest first. */
async function runningTasksOf(ecs, choice, budget) {
    const arns = await listRunningTaskArns(ecs, choice.cluster, choice.service, budget);
    const ours = (await describeTasks(ecs, choice.cluster, arns, budget))
        .filter((t) => t.taskDefinitionArn === choice.taskDefinitionArn && (choice.startedBy === undefined || t.startedBy === choice.startedBy))
        .filter((t) => goneReason(t) === undefined)
        .sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0));
    return { ours, listed: arns.length };
}
/**
 * The tasks to check (`count` of them, newest first) and the ones that may stand in for a task
 * that stops: the rest of the first listing, then whatever a fresh listing finds.
 */
class TaskPool {
    ecs;
    choice;
    spares;
    count;
    tried = new Set();
    constructor(ecs, choice, spares, count) {
        this.ecs = ecs;
        this.choice = choice;
        this.spares = spares;
        this.count = count;
    }
    /** Exactly `wanted` RUNNING tasks of the revision, or a clear error. */
    static async open(ecs, choice, budget) {
        const { service, taskDefinitionArn, startedBy, wanted } = choice;
        const { ours, listed } = await runningTasksOf(ecs, choice, budget);
        const count = wanted === 'all' ? Math.max(ours.length, 1) : wanted;
        if (ours.length < count) {
            const others = listed - ours.length;
            const whose = startedBy === undefined ? '' : ` started by our deployment ${startedBy}`;
            const rest = startedBy === undefined ? 'of other revisions or not yet RUNNING' : 'of other deployments or not yet RUNNING';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`smoke-tasks asks for ${wanted === 'all' ? 'all tasks' : count} but service '${service}' has ${(0,_watch_wording_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .LS)(ours.length, 'RUNNING task')} of ${taskDefinitionArn}${whose}` +
                `${others > 0 ? ` (and ${others} ${rest})` : ''}. Lower smoke-tasks, or check why the tasks are not running.`);
        }
        return new TaskPool(ecs, choice, ours, count);
    }
    /** The next task not tried yet, or undefined when no RUNNING task of the revision is left. */
    async take(budget) {
        let next = this.spares.shift();
        if (!next)
            next = (await runningTasksOf(this.ecs, this.choice, budget)).ours.find((t) => !this.tried.has(t.taskArn));
        if (next)
            this.tried.add(next.taskArn);
        return next;
    }
}


/***/ })

};
