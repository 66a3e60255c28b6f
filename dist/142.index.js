export const id = 142;
export const ids = [142];
export const modules = {

/***/ 6142:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  confirmImages: () => (/* binding */ confirmImages),
  deployMember: () => (/* binding */ deployMember),
  deployOpenedRelease: () => (/* binding */ deployOpenedRelease),
  revisionToDeploy: () => (/* binding */ revisionToDeploy)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/aws/arn.ts
var arn = __webpack_require__(1626);
// EXTERNAL MODULE: ./src/context.ts
var src_context = __webpack_require__(788);
// EXTERNAL MODULE: ./src/report/absorb.ts
var absorb = __webpack_require__(9161);
// EXTERNAL MODULE: ./src/rollback/redeploy.ts
var redeploy = __webpack_require__(604);
// EXTERNAL MODULE: ./src/rollback/guarded-watch.ts + 4 modules
var guarded_watch = __webpack_require__(5454);
// EXTERNAL MODULE: ./src/rollback/smoke-gates.ts
var smoke_gates = __webpack_require__(3264);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/service/describe.ts
var describe = __webpack_require__(8122);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/aws/errors.ts
var aws_errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/watch/stages.ts
var stages = __webpack_require__(3780);
;// CONCATENATED MODULE: ./src/service/deployments-api.ts
/**
 * A BLUE_GREEN, LINEAR or CANARY deployment, or one with lifecycle hooks, can only be judged
 * through the Service Deployments API: its stages, its hooks and its SUCCESSFUL come from there,
 * and `deployments[]` is no verdict while the service deployment is IN_PROGRESS (reference
 * ecs-strategies-tasks-logs.md, section 2). A rolling deployment can fall back to
 * `deployments[].rolloutState`; these cannot, so the action asks once before it changes anything.
 */






/** Why the service's deployments need the Service Deployments API, or undefined when a rolling fallback exists. */
function needsServiceDeployments(configuration) {
    if (configuration?.strategy && stages/* STAGED_STRATEGIES */.ZM.has(configuration.strategy))
        return `deploys with the ${configuration.strategy} strategy`;
    if ((configuration?.lifecycleHooks ?? []).length > 0)
        return 'has lifecycle hooks';
    return undefined;
}
/** Refuses, before anything is written, a deployment this job could not watch to a true verdict. */
async function requireServiceDeployments(ecs, cluster, service, signal) {
    const why = needsServiceDeployments(service.deploymentConfiguration);
    if (!why)
        return;
    try {
        await ecs.send(new dist_cjs/* ListServiceDeploymentsCommand */.jz8({ cluster, service: service.serviceName, maxResults: 1 }), { abortSignal: signal });
    }
    catch (error) {
        if (!(0,aws_errors/* isServiceDeploymentsUnavailable */.U0)(error))
            return;
        throw new errors/* ActionError */.lZ(`Did not deploy to ${(0,describe/* where */._M)(cluster, service.serviceName)}: the service ${why}, whose stages, hooks and verdict only the ECS Service Deployments API shows ` +
            `(deployments[] is no verdict until the service deployment ends), and this job may not use it (${(0,aws_errors/* awsErrorName */.ZH)(error) ?? 'error'}: ${(0,errors/* errorMessage */.gJ)(error)}). ` +
            `Nothing was changed: the service runs ${(0,arn/* shortRevision */.w)(service.taskDefinition)}. ` +
            'Grant ecs:ListServiceDeployments, ecs:DescribeServiceDeployments and ecs:DescribeServiceRevisions to the role this job runs as.');
    }
}

;// CONCATENATED MODULE: ./src/service/update.ts
/** The deployment's one write: UpdateService to the new revision, with the circuit breaker merged in. */




function circuitBreakerConfiguration(current, setting) {
    if (setting === 'keep')
        return undefined;
    // Everything the user set (percentages, alarms, strategy, thresholds) is sent back as it is.
    return {
        ...current,
        deploymentCircuitBreaker: {
            ...current?.deploymentCircuitBreaker,
            enable: true,
            rollback: setting === 'rollback',
        },
    };
}
async function updateService(ecs, request) {
    const { cluster, service, taskDefinitionArn, current, inputs } = request;
    const deploymentConfiguration = circuitBreakerConfiguration(current.deploymentConfiguration, inputs.circuitBreaker);
    try {
        const answer = await ecs.send(new dist_cjs/* UpdateServiceCommand */.kZr({
            cluster,
            service,
            taskDefinition: taskDefinitionArn,
            forceNewDeployment: inputs.forceNewDeployment,
            enableExecuteCommand: inputs.enableExecuteCommand,
            ...(inputs.desiredCount !== undefined && { desiredCount: inputs.desiredCount }),
            ...(deploymentConfiguration && { deploymentConfiguration }),
            ...(inputs.propagateTags && { propagateTags: inputs.propagateTags }),
            ...(inputs.enableEcsManagedTags !== undefined && { enableECSManagedTags: inputs.enableEcsManagedTags }),
        }));
        return answer.service;
    }
    catch (error) {
        const name = (0,aws_errors/* awsErrorName */.ZH)(error);
        const hint = name === 'ServiceNotFoundException' || name === 'ServiceNotActiveException'
            ? `Check the 'service' ('${service}') and 'cluster' ('${cluster}') inputs.`
            : /PassRole/i.test((0,errors/* errorMessage */.gJ)(error))
                ? aws_errors/* PASS_ROLE_HINT */.XY
                : undefined;
        throw (0,aws_errors/* awsFailure */.MT)(`update ${(0,describe/* where */._M)(cluster, service)} to ${taskDefinitionArn}`, error, hint);
    }
}

// EXTERNAL MODULE: ./src/smoke/verify.ts
var verify = __webpack_require__(4584);
// EXTERNAL MODULE: ./src/task-definition/images.ts
var task_definition_images = __webpack_require__(5971);
// EXTERNAL MODULE: ./src/watch/stopped.ts
var stopped = __webpack_require__(4262);
// EXTERNAL MODULE: ./src/watch/identify.ts
var identify = __webpack_require__(783);
// EXTERNAL MODULE: ./src/watch/wording.ts
var wording = __webpack_require__(9459);
// EXTERNAL MODULE: ./src/rollback/pause-gate.ts
var pause_gate = __webpack_require__(5632);
// EXTERNAL MODULE: ./src/watch/judge.ts
var judge = __webpack_require__(6852);
// EXTERNAL MODULE: ./src/task-definition/register.ts + 1 modules
var register = __webpack_require__(8043);
;// CONCATENATED MODULE: ./src/release/revisions.ts
/**
 * The revisions of a release: every image confirmed before anything is registered, then one
 * revision per family (registered, or reused with skip-unchanged), shared by the services of
 * that family.
 */

function familiesOf(release) {
    const { context, members } = release;
    if (members.length === 0)
        return [{ context, prepared: context.prepared, members: [] }];
    const families = [];
    for (const member of members) {
        const name = member.prepared?.request.family;
        const family = name === undefined ? undefined : families.find((one) => one.prepared?.request.family === name);
        if (family)
            family.members.push(member);
        else
            families.push({ context: member.context, prepared: member.prepared, current: member.current, members: [member] });
    }
    return families;
}
async function registerRevisions(release, phases) {
    const families = familiesOf(release);
    await core/* group */.Os(families.length > 1 ? 'Revisions' : 'Revision', async () => {
        for (const family of families)
            await phases.confirmImages(family.context, family.prepared);
        for (const family of families) {
            await phases.revisionToDeploy(family.context, family.prepared, family.current);
            const { taskDefinitionArn, registered } = family.context.report;
            for (const member of family.members.slice(1)) {
                member.context.report.taskDefinitionArn = taskDefinitionArn;
                member.context.report.registered = registered;
                member.context.report.expectedImages = family.context.report.expectedImages;
            }
            if (family.members.length > 1)
                core/* info */.pq(`${family.members.map((member) => member.spec.name).join(' and ')} share ${taskDefinitionArn}.`);
        }
    });
}

// EXTERNAL MODULE: ./src/release-task/phase.ts + 4 modules
var phase = __webpack_require__(3706);
// EXTERNAL MODULE: ./src/report/types.ts
var types = __webpack_require__(2563);
// EXTERNAL MODULE: ./src/release/fail.ts
var fail = __webpack_require__(809);
// EXTERNAL MODULE: ./src/release/log.ts
var log = __webpack_require__(1295);
;// CONCATENATED MODULE: ./src/release/run.ts
/**
 * The release once its revisions are registered: the release task (once, for the whole release),
 * then every service's own phases at the same time (UpdateService within max-parallel-updates),
 * and the rollback of the others when one fails.
 */







/** Runs the release task with the chosen service's new revision, where that service runs; false when it failed. */
async function runReleaseTask(release) {
    const { context, members } = release;
    const chosen = members.find((member) => member.spec.name === context.inputs.release.runTaskService) ?? members[0];
    const revision = (chosen?.context.report ?? context.report).taskDefinitionArn;
    let after = 'nothing was deployed';
    if (members.length === 1)
        after = `the service was not updated and runs ${chosen.current.taskDefinition}`;
    if (members.length > 1) {
        core/* info */.pq(`The release task runs ${(0,arn/* shortRevision */.w)(revision)}, the new revision of service '${chosen.spec.name}', where '${chosen.spec.name}' runs (its network, launch type and platform version).`);
        after = `no service was updated: ${members.map((member) => `${member.spec.name} runs ${(0,arn/* shortRevision */.w)(member.current.taskDefinition)}`).join(', ')}`;
    }
    return (0,phase/* releaseTask */.F)(context, revision, chosen?.current, after);
}
async function runMember(release, member, phase) {
    const { report } = member.context;
    try {
        await phase(member.context, member.current);
    }
    catch (error) {
        // As a single service's run would end: the error is its verdict (a service the release stopped is judged by its state instead).
        report.result = 'failed';
        report.sentence = (0,errors/* errorMessage */.gJ)(error);
    }
    finally {
        member.settled = true;
        release.poll?.leave(member.spec.name);
    }
    if ((0,fail/* stoppedByRelease */.Qx)(member))
        (0,fail/* startRollback */.lP)(release, member);
    else if (!types/* PASSING_RESULTS */.V.has(report.result) && !release.context.signal.aborted)
        (0,fail/* failRelease */.YO)(release, member, report.sentence);
}
/** Every service's phases at once, until they and any rollback of the release have ended. */
async function deployMembers(release, phase) {
    const { members } = release;
    if (members.length === 1) {
        await runMember(release, members[0], phase);
        return;
    }
    await (0,log/* labelled */.wW)(async () => {
        await Promise.all(members.map((member) => (0,log/* asService */.S8)(member.spec.name, () => runMember(release, member, phase))));
        await Promise.all(members.map((member) => member.releaseRollback));
    });
}

;// CONCATENATED MODULE: ./src/release/verdict.ts
/**
 * The verdict of a release of several services: green only when every service is. The run's
 * report gets one entry per service (what it ended in, what it runs now) and a sentence that
 * leads with the verdict, names what failed and says what every service runs now. With one
 * service, the service's report is the run's, and only its entry is added.
 */



function runsNow(member) {
    const { report } = member.context;
    if (!member.updateSent)
        return member.current.taskDefinition;
    return report.runningTaskDefinition ?? report.taskDefinitionArn;
}
/** The member's own report, told what the release did to it. */
function settle(release, member) {
    const { report } = member.context;
    const name = member.spec.name;
    report.runningTaskDefinition = runsNow(member);
    if (!member.updateSent) {
        report.sentence = `Not updated: the release ended before ${name} was updated${release.failure ? ` (${release.failure.service} failed)` : ''}; it runs ${(0,arn/* shortRevision */.w)(report.runningTaskDefinition)}.`;
        return;
    }
    const rollback = member.rolledBack;
    if (!rollback)
        return;
    const cause = `the release failed (${release.failure?.service} failed)`;
    if (rollback.ended === 'rolled-back') {
        report.result = 'rolled-back';
        report.sentence = `Rolled back because ${cause}: ${rollback.sentence}.`;
    }
    else if (rollback.ended === 'kept') {
        report.sentence = `${report.sentence ? `${report.sentence} ` : ''}Not rolled back although ${cause}: ${rollback.sentence}.`;
    }
    else {
        report.result = rollback.ended === 'superseded' ? 'superseded' : 'failed';
        report.sentence = `${rollback.ended === 'superseded' ? 'Superseded' : 'FAILED to roll back'} after ${cause}: ${rollback.sentence}.`;
    }
}
function merge(report, release) {
    for (const member of release.members) {
        const own = member.context.report;
        report.timeline.push(...own.timeline.map((entry) => ({ ...entry, label: `${member.spec.name}: ${entry.label}` })));
        report.events.push(...own.events);
        if (member.failed !== undefined)
            report.explanation.push(...own.explanation);
    }
    report.events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
function releaseTaskNote(report) {
    const task = report.runTask;
    if (!task?.taskArn)
        return '';
    const ended = task.exitCode === undefined ? task.reason : `exit code ${task.exitCode}`;
    return ` The release task ${(0,arn/* lastSegment */.m)(task.taskArn)} ran before the update (${ended}); it cannot be undone.`;
}
/** Every service of the release passed (deployed and checked, or started without waiting), and the run was not cancelled. */
function releasePassed(release) {
    return !release.context.signal.aborted && release.members.every((member) => types/* PASSING_RESULTS */.V.has(member.context.report.result));
}
/**
 * What a passed release deployed, one entry per revision a family moved from: what the phases
 * after the services (the scheduled tasks) act on.
 */
function releasedRevisions(release) {
    const released = new Map();
    for (const member of release.members) {
        const { previousTaskDefinitionArn: from, taskDefinitionArn: to } = member.context.report;
        if (!to || from === to)
            continue;
        released.set(`${from} ${to}`, { family: member.prepared?.request.family ?? (0,arn/* shortRevision */.w)(to).split(':')[0], fromTaskDefinitionArn: from, toTaskDefinitionArn: to });
    }
    return [...released.values()];
}
function verdict(release) {
    const { context, members } = release;
    const list = members.map((member) => `${member.spec.name} runs ${(0,arn/* shortRevision */.w)(runsNow(member))}`).join(', ');
    if (context.signal.aborted) {
        const each = members.map((member) => `${member.spec.name}: ${member.context.report.sentence}`).join(' ');
        return { result: 'failed', sentence: `Cancelled: the release started nothing after the cancel (${list}). ${each}` };
    }
    if (releasePassed(release)) {
        const moved = releasedRevisions(release).map((one) => `${(0,arn/* shortRevision */.w)(one.fromTaskDefinitionArn)} → ${(0,arn/* shortRevision */.w)(one.toTaskDefinitionArn)}`);
        if (moved.length > 0)
            core/* info */.pq(`Released: ${moved.join(', ')}.`);
        const started = members.some((member) => member.context.report.result === 'started');
        const where = `${members.length} services in cluster '${context.inputs.cluster}'`;
        return started
            ? { result: 'started', sentence: `Started deploying ${where} (${list}); not waiting for them (wait-for-service-stability is 'false').` }
            : { result: 'deployed', sentence: `Deployed ${where}, every one verified: ${list}.` };
    }
    // The services that failed themselves; the others only followed the release.
    const failed = members.filter((member) => member.failed !== undefined);
    const back = members.every((member) => !member.updateSent || runsNow(member) === member.current.taskDefinition);
    const cause = failed.length > 0 ? `${failed.map((member) => member.spec.name).join(' and ')} failed` : 'not every service passed';
    const details = failed.map((member) => ` ${member.spec.name}: ${member.context.report.sentence || member.failed}`).join('');
    const lead = back
        ? `Rolled back: ${cause}, so every service of the release is back on the revision it ran before (${list}).`
        : `FAILED: ${cause}, and not every service is back on the revision it ran before (${list}).`;
    return { result: back ? 'rolled-back' : 'failed', sentence: `${lead}${details}${releaseTaskNote(context.report)}` };
}
/**
 * The run's report from its services': an entry per service, and with several, the verdict once
 * any was deployed. Once only: phases after the services (the scheduled tasks) may amend it.
 */
function closeRelease(release) {
    const { context, members } = release;
    const { report } = context;
    if (release.closed)
        return;
    release.closed = true;
    if (members.length === 1)
        report.services = [{ report, updated: members[0].updateSent }];
    if (members.length <= 1)
        return;
    for (const member of members)
        settle(release, member);
    report.services = members.map((member) => ({ report: member.context.report, updated: member.updateSent, byRelease: member.rolledBack }));
    if (!members.some((member) => member.settled))
        return;
    merge(report, release);
    Object.assign(report, verdict(release));
}

;// CONCATENATED MODULE: ./src/modes/deploy-phases.ts
/**
 * mode 'deploy' once every service is described (modes/deploy.ts): the release's phases
 * (src/release/ runs them for one or several services) and each service's here: the revision
 * (registered, reused or named), UpdateService, the watch to a verdict, the checks once the new
 * tasks run, and the rollback after a failed one; then the scheduled tasks.
 */























/** The image digest check runs for a deployment to a service that the action watches. */
function checksDigests(inputs) {
    return inputs.verifyDigests && inputs.mode === 'deploy' && inputs.service !== undefined && inputs.waitForServiceStability;
}
async function recordDigests(context, containers, answers) {
    if (checksDigests(context.inputs))
        await (await __webpack_require__.e(/* import() */ 984).then(__webpack_require__.bind(__webpack_require__, 2984))).recordDigests(context, containers, answers);
}
/**
 * verify-images: every ECR image of the revision exists, before any revision of the release is
 * registered; what ECR answered is what the digest check expects the tasks to run.
 */
async function confirmImages(context, prepared) {
    if (!prepared)
        return;
    const { inputs, clients } = context;
    const containers = prepared.request.containerDefinitions ?? [];
    const answers = { details: new Map(), notAsked: inputs.verifyImages ? undefined : "verify-images is 'false'" };
    if (inputs.verifyImages) {
        const checked = await (0,task_definition_images/* verifyImages */.O)(containers, clients.ecrFor, (image, detail) => answers.details.set(image.container, { image, detail }));
        if (checked > 0)
            core/* info */.pq(`${(0,wording/* plural */.LS)(checked, 'ECR image')} found.`);
    }
    await recordDigests(context, containers, answers);
}
async function revisionToDeploy(context, prepared, current) {
    const { inputs, clients, report } = context;
    if (!prepared) {
        const { taskDefinition } = await (0,register/* describeTaskDefinition */.oh)((0,src_context/* patientEcs */.xH)(context), inputs.taskDefinitionArn, { inputName: 'task-definition-arn' });
        report.taskDefinitionArn = taskDefinition.taskDefinitionArn;
        report.registered = false;
        core/* info */.pq(`Deploying the registered revision ${report.taskDefinitionArn}.`);
        await recordDigests(context, taskDefinition.containerDefinitions ?? [], { details: new Map(), notAsked: "the revision was named by 'task-definition-arn'" });
        return;
    }
    const { request } = prepared;
    const reused = inputs.skipUnchanged ? await (0,register/* reusableRevision */.JW)((0,src_context/* patientEcs */.xH)(context), request, current?.taskDefinition) : undefined;
    if (reused) {
        report.taskDefinitionArn = reused;
        report.registered = false;
        core/* info */.pq(`The task definition equals the service's current revision ${reused}: reusing it (skip-unchanged).`);
        return;
    }
    report.taskDefinitionArn = await (0,register/* registerTaskDefinition */.eQ)(clients.ecs, request);
    report.registered = true;
    (0,src_context/* mark */.Gy)(context, `Registered ${report.taskDefinitionArn}`);
    core/* info */.pq(`Registered ${report.taskDefinitionArn}.`);
}
/** UpdateService to `taskDefinitionArn`, then watch that deployment to its verdict. */
async function deployAndWatch(context, current, gates) {
    const { inputs, clients, report, clock } = context;
    const cluster = inputs.cluster;
    const service = inputs.service;
    const member = context.member;
    if (context.signal.aborted)
        throw new errors/* ActionError */.lZ(`Cancelled before updating ${(0,describe/* where */._M)(cluster, service)}: nothing was changed, and the service runs ${current.taskDefinition}.`);
    if (inputs.waitForServiceStability)
        (0,stages/* warnIfDeadlineTooShort */.kA)(current.deploymentConfiguration, inputs.waitForMinutes);
    if (inputs.waitForServiceStability && gates.release)
        (0,stages/* warnIfPauseMayExpire */.sA)(current.deploymentConfiguration, gates.release.stages, (0,pause_gate/* worstCaseOf */.zl)(gates.release));
    if (inputs.waitForServiceStability)
        await requireServiceDeployments((0,src_context/* patientEcs */.xH)(context), cluster, current, context.signal);
    const { updatedAt, updated } = await core/* group */.Os(`Updating ${(0,describe/* where */._M)(cluster, service)}`, () => member.update(async () => {
        const at = new Date(clock.now());
        const answer = await updateService(clients.ecs, {
            cluster,
            service,
            taskDefinitionArn: report.taskDefinitionArn,
            current,
            inputs,
        });
        core/* info */.pq(`UpdateService accepted: ${report.taskDefinitionArn}, force new deployment ${inputs.forceNewDeployment}, ECS Exec ${inputs.enableExecuteCommand}.`);
        return { updatedAt: at, updated: answer };
    }));
    if (!inputs.waitForServiceStability) {
        (0,src_context/* mark */.Gy)(context, 'Deployment started');
        return undefined;
    }
    const outcome = await core/* group */.Os('Watching the deployment', () => (0,guarded_watch/* watchDeployment */.J)(member.pollEcs, {
        cluster,
        service,
        taskDefinitionArn: report.taskDefinitionArn,
        previousTaskDefinitionArn: report.previousTaskDefinitionArn,
        previousCompleted: report.previousCompleted,
        updatedAt,
        updateResponse: updated,
        previousServiceDeploymentArn: current.currentServiceDeployment,
        previousDeploymentId: (0,judge/* primaryOf */.Os)(current)?.id,
    }, (0,src_context/* watchOptions */.qt)(context), false, gates));
    // AWS's stamp of the deployment our update started, which the timings join the runner's clock to.
    const time = (0,identify/* updateTime */.JA)(updated, report.taskDefinitionArn, updatedAt, (0,judge/* primaryOf */.Os)(current)?.id);
    return { outcome, updatedAt, createdAt: time.clock === 'aws' ? time.at : undefined };
}
/** How long the digest check's reads may retry at a pause (digests/phase.ts), for the warning before deploying. */
const DIGEST_CHECK_WORST_MS = 60_000;
/** The image digest check at a pause: first, so a wrong image is answered ROLLBACK before anything runs in it. */
function digestCheckAtPause(context) {
    return {
        name: 'the image digest check',
        worstCase: { ms: DIGEST_CHECK_WORST_MS, words: 'its reads, retried through transient faults for up to 60 seconds' },
        run: async (green) => (await __webpack_require__.e(/* import() */ 984).then(__webpack_require__.bind(__webpack_require__, 2984))).digestsAtPause(context, green.deploymentId),
    };
}
/** A check at a pause of ours whose failure tells the release at once, so the other services stop. */
function tellingTheRelease(context, check) {
    return {
        ...check,
        run: async (green) => {
            const result = await check.run(green);
            if (!result.passed && !context.signal.aborted)
                context.member?.failing(result.sentence);
            return result;
        },
    };
}
/**
 * The pause gates of one service's deployment (rollback/smoke-gates.ts): at our pauses, the image
 * digest check and then the smoke check; at the pauses of a rollback the action makes, the smoke check.
 */
function serviceGates(context, current) {
    const gates = (0,smoke_gates/* smokeGates */.e)(context, current.desiredCount);
    if (!gates.release)
        return gates;
    const checks = [...(checksDigests(context.inputs) ? [digestCheckAtPause(context)] : []), ...gates.release.checks];
    return { ...gates, release: { ...gates.release, checks: checks.map((check) => tellingTheRelease(context, check)) } };
}
/** The smoke check in the tasks our deployment started, once it completed; a failure tells the release at once. */
async function smokeCheck(context, deploymentId) {
    const { report } = context;
    report.smoke = await (0,verify/* verifyWithSmoke */.J)(context, report.taskDefinitionArn, deploymentId);
    if (!report.smoke.passed && !context.signal.aborted)
        context.member?.failing((0,verify/* smokeSentence */.N)(report.smoke));
    return report.smoke;
}
/** One service of the release, from its UpdateService to its verdict (and its own rollback), then where its time went. */
async function deployMember(context, current, runStartedAt) {
    const { inputs, report, clock } = context;
    const gates = serviceGates(context, current);
    const watched = await deployAndWatch(context, current, gates);
    if (!watched) {
        report.result = 'started';
        report.sentence = `Started deploying ${report.taskDefinitionArn} to ${(0,describe/* where */._M)(inputs.cluster, inputs.service)}; not waiting for it (wait-for-service-stability is 'false').`;
        return;
    }
    const watchEndedAt = clock.now();
    const smoke = await conclude(context, watched.outcome, gates);
    // Loaded here: only a watched deployment is measured.
    const { reportTimings } = await __webpack_require__.e(/* import() */ 244).then(__webpack_require__.bind(__webpack_require__, 1244));
    await reportTimings(context, { outcome: watched.outcome, runStartedAt, updatedAt: watched.updatedAt.getTime(), deploymentCreatedAt: watched.createdAt?.getTime(), watchEndedAt, smoke });
}
/** The verdict, the checks after it and a rollback after a failed one; answers when the smoke check ran, if it did. */
async function conclude(context, outcome, gates) {
    const { inputs, report, clock } = context;
    (0,absorb/* absorb */.e)(report, outcome);
    if (report.digests && !report.digests.passed) {
        (await __webpack_require__.e(/* import() */ 984).then(__webpack_require__.bind(__webpack_require__, 2984))).failedAtPause(context, outcome);
        return undefined;
    }
    if (report.smoke) {
        checkedAtPause(context, outcome);
        return undefined;
    }
    if (outcome.verdict !== 'deployed' || context.signal.aborted || (await digestsDecided(context, outcome, gates)))
        return undefined;
    if (!inputs.smoke || context.signal.aborted)
        return undefined;
    const startedAt = clock.now();
    await smokeCheck(context, outcome.deploymentId);
    const smoke = { startedAt, endedAt: clock.now() };
    (0,src_context/* mark */.Gy)(context, `Smoke check ${report.smoke.cancelled ? 'stopped' : report.smoke.passed ? 'passed' : 'failed'}`);
    if (context.signal.aborted) {
        await reportCancelledAfterDeploy(context, 'the smoke check');
        return smoke;
    }
    if (report.smoke.passed) {
        report.sentence = `${outcome.sentence.replace(/\.$/, '')}, and ${(0,verify/* smokeSentence */.N)(report.smoke)}.`;
        return smoke;
    }
    await (0,redeploy/* rollBackAfterSmoke */.mx)(context, gates.rollback);
    return { startedAt, endedAt: clock.now() };
}
/** The image digest check once the deployment completed; true when it decided the run (a mismatch, or a cancel during it). */
async function digestsDecided(context, outcome, gates) {
    if (!checksDigests(context.inputs) || context.report.digests)
        return false;
    const digests = await __webpack_require__.e(/* import() */ 984).then(__webpack_require__.bind(__webpack_require__, 2984));
    const checked = await digests.verifyDigests(context, 'after-deploy', outcome.deploymentId);
    if (!checked && context.signal.aborted) {
        await reportCancelledAfterDeploy(context, 'the image digest check');
        return true;
    }
    if (!checked || checked.passed)
        return false;
    context.member?.failing(digests.digestSentence(checked));
    await (await __webpack_require__.e(/* import() */ 857).then(__webpack_require__.bind(__webpack_require__, 3857))).rollBackAfterDigests(context, gates.rollback);
    return true;
}
/** The smoke check ran at a pause, in the green tasks: its verdict decides the result. */
function checkedAtPause(context, outcome) {
    const { report } = context;
    const smoke = report.smoke;
    if (smoke.passed) {
        const tasks = smoke.tasks.map((task) => (0,arn/* lastSegment */.m)(task.taskArn)).join(', ');
        if (outcome.verdict === 'deployed')
            report.sentence = `${outcome.sentence.replace(/\.$/, '')}, and ${(0,verify/* smokeSentence */.N)(smoke)} in the green tasks at the pause (task ${tasks}).`;
        return;
    }
    if (outcome.verdict === 'rolled-back')
        report.result = 'smoke-failed-rolled-back';
    else if (outcome.verdict !== 'superseded')
        report.result = 'smoke-failed';
}
/**
 * Cancelled during a check after the deployment: the revision is deployed but unverified. Nothing
 * is rolled back; one quick look at the service says what it runs. A service the release stopped
 * (another one failed) is put back by its state instead.
 */
async function reportCancelledAfterDeploy(context, during) {
    if (context.signal.reason instanceof stopped/* WatchStopped */.F)
        return;
    const { inputs, clients, report } = context;
    const snapshot = await (0,describe/* glanceAfterCancel */.tL)(clients.ecs, inputs.cluster, inputs.service);
    report.result = 'failed';
    report.sentence = `Cancelled during ${during}: ${report.taskDefinitionArn} was deployed but is not verified, and the action started no rollback. ${(0,wording/* cancelledState */.XR)(snapshot, false)}`;
    core/* warning */.$e(report.sentence);
}
/** The release's phases, from the revisions to every service's verdict. */
async function deployRelease(context, release, runStartedAt) {
    await registerRevisions(release, { confirmImages, revisionToDeploy });
    if (context.inputs.runTask && !(await runReleaseTask(release)))
        return;
    if (release.members.length === 0) {
        const { report } = context;
        report.result = 'registered';
        report.sentence = `${report.registered ? 'Registered' : 'Reused'} ${report.taskDefinitionArn}; no service was given, so nothing was deployed.`;
        return;
    }
    await deployMembers(release, (member, current) => deployMember(member, current, runStartedAt));
}
/** The release after every service was described: its phases, its verdict, then the scheduled tasks. */
async function deployOpenedRelease(context, release, runStartedAt) {
    try {
        await deployRelease(context, release, runStartedAt);
    }
    finally {
        // A release that ended early (the release task failed, an error) still gets an entry per service.
        closeRelease(release);
    }
    // Last, once the release has its verdict; loaded only when scheduled tasks are looked at.
    if (context.inputs.scheduledTasks === 'none')
        return;
    const deployed = release.members.length > 0 ? release.members.map((member) => member.context.report) : [context.report];
    await (await Promise.all(/* import() */[__webpack_require__.e(612), __webpack_require__.e(768), __webpack_require__.e(554)]).then(__webpack_require__.bind(__webpack_require__, 7554))).scheduledTasksAfterDeploy(context, deployed);
}


/***/ }),

/***/ 3706:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F: () => (/* binding */ releaseTask)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/aws/arn.ts
var arn = __webpack_require__(1626);
// EXTERNAL MODULE: ./src/context.ts
var src_context = __webpack_require__(788);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/task-definition/register.ts + 1 modules
var register = __webpack_require__(8043);
// EXTERNAL MODULE: ./src/untrusted.ts
var untrusted = __webpack_require__(873);
;// CONCATENATED MODULE: ./src/release-task/cancel.ts
/**
 * A cancel (SIGINT/SIGTERM) while the release task runs. The action starts nothing after it, not
 * even a StopTask: the task is left as it is, and the sentence says so, with its ARN and the
 * command that stops it, as the other cancels say what the service is doing (watch/wording.ts).
 */


class ReleaseCancelled extends errors/* ActionError */.lZ {
    point;
    constructor(point) {
        super(`Cancelled during the release task (${point.stage}).`);
        this.point = point;
        this.name = 'ReleaseCancelled';
    }
}
/** The release task's line in the summary: what the cancel left behind. */
function cancelledReason(point) {
    if (point.stage === 'before-start')
        return 'cancelled before it started';
    if (point.stage === 'starting')
        return 'cancelled while RunTask was starting it; it may be running';
    return `cancelled while ${point.lastStatus ?? 'starting'}; left running`;
}
/** One word as a POSIX shell reads it back unchanged. */
function shellWord(word) {
    return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
/**
 * The last error of a step cancelled during the release task of `revision`; `after` says what
 * became of the service ("the service was not updated and runs web:1").
 */
function cancelledSentence(point, revision, cluster, after) {
    const where = `--cluster ${shellWord(cluster)}`;
    if (point.stage === 'before-start')
        return `Cancelled before the release task of ${revision} was started: nothing was started, and ${after}.`;
    if (point.stage === 'starting') {
        return (`Cancelled while RunTask was starting the release task of ${revision}: a task may have started (startedBy ${point.startedBy}), and ${after}. ` +
            `Find it with: aws ecs list-tasks ${where} --started-by ${shellWord(point.startedBy)}; stop it with: aws ecs stop-task ${where} --task <task ARN>`);
    }
    const reason = shellWord('cancelled release task (ecs-deploy-verify)');
    return (`Cancelled while the release task ${(0,arn/* lastSegment */.m)(point.taskArn)} of ${revision} was ${point.lastStatus ?? 'starting'}: the action did not stop it, and ${after}. ` +
        `The task keeps running until it ends: ${point.taskArn}. To stop it: aws ecs stop-task ${where} --task ${point.taskArn} --reason ${reason}`);
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/aws/errors.ts
var aws_errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/retry.ts
var retry = __webpack_require__(2495);
// EXTERNAL MODULE: ./src/logs/source.ts
var logs_source = __webpack_require__(414);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/logs/print.ts
/**
 * Program output (a container's log lines) in the job log: between `::stop-commands::` and its
 * unguessable resume token ("Stopping and starting workflow commands", GitHub Docs), each line
 * behind a `  | ` so it reads as quoted, and made inert like all outside text (untrusted.ts), so
 * a line such as `::add-mask::` or `##[error]` is printed, never run, even outside the block.
 */



function printProgramOutput(lines) {
    if (lines.length === 0)
        return;
    const token = `edv-${(0,external_node_crypto_.randomBytes)(16).toString('hex')}`;
    core/* info */.pq(`::stop-commands::${token}`);
    for (const line of lines.flatMap((text) => text.split(/\r?\n|\r/)))
        core/* info */.pq((0,untrusted/* inert */.t)(`  | ${line}`));
    core/* info */.pq(`::${token}::`);
}

// EXTERNAL MODULE: ./src/report/diagnosis.ts
var diagnosis = __webpack_require__(2471);
// EXTERNAL MODULE: ./src/watch/explain.ts
var explain = __webpack_require__(9144);
// EXTERNAL MODULE: ./src/watch/forensics.ts
var forensics = __webpack_require__(4641);
// EXTERNAL MODULE: ./src/watch/wording.ts
var wording = __webpack_require__(9459);
;// CONCATENATED MODULE: ./src/release-task/request.ts


/** The container whose command is set and whose exit code decides: the named one, else the first essential one. */
function judgedContainer(taskDefinition, named) {
    const containers = taskDefinition.containerDefinitions ?? [];
    if (named) {
        if (!containers.some((c) => c.name === named)) {
            throw new errors/* ActionError */.lZ(`Invalid input 'run-task-container': '${named}'. Expected a container of ${taskDefinition.family}:${taskDefinition.revision} (${containers.map((c) => `'${c.name}'`).join(', ')}).`);
        }
        return named;
    }
    const first = containers.find((c) => c.essential !== false) ?? containers[0];
    return first?.name ?? '';
}
function overrides(runTask, container) {
    const list = runTask.containerOverrides.map((o) => ({ ...o }));
    if (runTask.command) {
        const own = list.find((o) => o.name === container);
        if (own)
            own.command = runTask.command;
        else
            list.push({ name: container, command: runTask.command });
    }
    return list;
}
function network(runTask, service, taskDefinition) {
    const own = service?.networkConfiguration?.awsvpcConfiguration;
    const subnets = runTask.subnets ?? own?.subnets;
    if (taskDefinition.networkMode !== 'awsvpc')
        return undefined;
    if (!subnets?.length) {
        throw new errors/* ActionError */.lZ(`Invalid input 'run-task-subnets': ''. Expected the subnets to run the task in: ${taskDefinition.family} uses the awsvpc network mode${service ? `, and service ${service.serviceName} has no network configuration` : ' and no service was given to take them from'} (set run-task-subnets, and run-task-security-groups and run-task-assign-public-IP as needed).`);
    }
    const securityGroups = runTask.securityGroups ?? own?.securityGroups;
    const assignPublicIp = runTask.assignPublicIp ?? own?.assignPublicIp;
    return { subnets, ...(securityGroups?.length ? { securityGroups } : {}), ...(assignPublicIp ? { assignPublicIp } : {}) };
}
function runTaskRequest(params) {
    const { cluster, taskDefinition, service, runTask, container } = params;
    const vpc = network(runTask, service, taskDefinition);
    const ownPlacement = runTask.launchType === undefined && runTask.capacityProviderStrategy === undefined;
    const launchType = runTask.launchType ?? (ownPlacement && !service?.capacityProviderStrategy?.length ? service?.launchType : undefined);
    const capacityProviderStrategy = runTask.capacityProviderStrategy ?? (ownPlacement && service?.capacityProviderStrategy?.length ? service.capacityProviderStrategy : undefined);
    const containerOverrides = overrides(runTask, container);
    return {
        cluster,
        taskDefinition: taskDefinition.taskDefinitionArn,
        count: 1,
        ...(launchType ? { launchType } : {}),
        ...(capacityProviderStrategy ? { capacityProviderStrategy } : {}),
        // The service's platform version applies where it runs; a launch type of the user's own gets ECS's default.
        ...(ownPlacement && service?.platformVersion ? { platformVersion: service.platformVersion } : {}),
        ...(vpc ? { networkConfiguration: { awsvpcConfiguration: vpc } } : {}),
        ...(containerOverrides.length > 0 ? { overrides: { containerOverrides } } : {}),
        startedBy: runTask.startedBy,
        // RunTask is not idempotent without it: an SDK retry after a lost answer would start a second task.
        clientToken: (0,external_node_crypto_.randomUUID)(),
    };
}
/**
 * What the judged container runs when no command override is set for it: the task definition's
 * entryPoint and command, else the image's own. The list shows them in JSON, as the task
 * definition holds them. Undefined when an override sets the command.
 */
function ownCommand(taskDefinition, runTask, container) {
    if (runTask.command || runTask.containerOverrides.some((o) => o.name === container && o.command))
        return undefined;
    const definition = taskDefinition.containerDefinitions?.find((c) => c.name === container);
    const entryPoint = definition?.entryPoint?.length ? JSON.stringify(definition.entryPoint) : undefined;
    const command = definition?.command?.length ? JSON.stringify(definition.command) : undefined;
    if (entryPoint && command)
        return `the task definition's entryPoint ${entryPoint} with command ${command}`;
    if (entryPoint)
        return `the task definition's entryPoint ${entryPoint} (with the image's CMD as its arguments, if any)`;
    if (command)
        return `the task definition's command ${command} (after the image's ENTRYPOINT, if any)`;
    return "the image's own CMD/ENTRYPOINT (the task definition sets neither command nor entryPoint)";
}

;// CONCATENATED MODULE: ./src/release-task/run-task.ts
/**
 * The release task: RunTask with the new revision, its container's log lines streamed into the
 * job log as they arrive, and a verdict from the exit code of the container that ran the
 * command (sidecars may exit non-zero when the essential container ends).
 */














/** How long a task stopped by the action may take to reach STOPPED before the action reports anyway. */
const STOP_GRACE_MS = 120_000;
/** How long one AWS read may retry through throttling within the wait. */
const READ_BUDGET_MS = 60_000;
async function openTail(params, taskArn, container, options) {
    const definition = params.taskDefinition.containerDefinitions?.find((c) => c.name === container);
    const source = (0,logs_source/* logSourceOf */.X)(definition, taskArn, options.logs.region);
    if ('missing' in source)
        return { missing: source.missing };
    const { LogTail, logsClient } = await Promise.all(/* import() */[__webpack_require__.e(303), __webpack_require__.e(524)]).then(__webpack_require__.bind(__webpack_require__, 8524));
    core/* info */.pq(`Streaming the log of container '${container}' from ${source.found.group} ${source.found.stream}.`);
    return { tail: new LogTail(logsClient(source.found.region, options.logs.maxAttempts), source.found) };
}
class LogFollower {
    tail;
    keep;
    signal;
    last = [];
    problem;
    constructor(tail, keep, signal) {
        this.tail = tail;
        this.keep = keep;
        this.signal = signal;
    }
    async poll() {
        if (!this.tail || this.problem)
            return;
        try {
            const lines = await this.tail.next(this.signal);
            printProgramOutput(lines);
            this.last.push(...lines.flatMap((line) => line.split(/\r?\n|\r/)));
            this.last.splice(0, Math.max(0, this.last.length - this.keep));
        }
        catch (error) {
            // A cancel aborts the read: nothing is wrong with the log.
            if (this.signal?.aborted)
                return;
            // Throttling or a dropped connection: the same token is read again on the next poll.
            if ((0,aws_errors/* isTransient */.dg)(error))
                return core/* debug */.Yz(`Reading the log: ${(0,aws_errors/* awsErrorName */.ZH)(error) ?? 'error'}; trying again on the next poll.`);
            const { unreadable } = await Promise.all(/* import() */[__webpack_require__.e(303), __webpack_require__.e(524)]).then(__webpack_require__.bind(__webpack_require__, 8524));
            this.problem = unreadable(this.tail.source, error);
            core/* warning */.$e(this.problem);
        }
    }
}
/**
 * Without run-task-command the container runs its own command, which for a service image is the
 * server: it never exits, so the task only ends at run-task-timeout-minutes, as a failure.
 */
function warnOfOwnCommand(params, container) {
    const own = ownCommand(params.taskDefinition, params.runTask, container);
    if (!own)
        return;
    const { timeoutMinutes, waitForStop } = params.runTask;
    const ends = waitForStop
        ? `If that is the service's server, it does not exit: the action stops it with StopTask after run-task-timeout-minutes (${timeoutMinutes}) and the step fails.`
        : 'wait-for-task-stopped is false, so the action does not wait for it to end.';
    core/* warning */.$e(`run-task-command is empty, so the release task's container '${container}' runs ${own}. ${ends} Set run-task-command to the one-off command (a migration, say).`);
}
async function start(ecs, params, container, budget) {
    const request = runTaskRequest({ ...params, container });
    warnOfOwnCommand(params, container);
    const vpc = request.networkConfiguration?.awsvpcConfiguration;
    core/* info */.pq(`RunTask ${(0,arn/* shortRevision */.w)(request.taskDefinition)} in cluster ${params.cluster}` +
        `${request.launchType ? `, launch type ${request.launchType}` : ''}${request.capacityProviderStrategy ? `, capacity providers ${request.capacityProviderStrategy.map((c) => c.capacityProvider).join(', ')}` : ''}` +
        `${vpc ? `, subnets ${vpc.subnets?.join(', ')}${vpc.securityGroups ? `, security groups ${vpc.securityGroups.join(', ')}` : ''}, public IP ${vpc.assignPublicIp ?? 'DISABLED'}` : ''}` +
        `; container '${container}' runs ${params.runTask.command ? JSON.stringify(params.runTask.command) : "the image's command"}.`);
    let answer;
    try {
        // Not aborted by a cancel once sent: its answer names the task a cancel leaves running.
        answer = await (0,retry/* retryTransient */.jh)('Starting the release task', () => ecs.send(new dist_cjs/* RunTaskCommand */._eD(request)), budget);
    }
    catch (error) {
        if (budget.signal?.aborted)
            throw new ReleaseCancelled({ stage: 'starting', startedBy: request.startedBy ?? params.runTask.startedBy });
        throw (0,aws_errors/* awsFailure */.MT)(`run a task of ${(0,arn/* shortRevision */.w)(request.taskDefinition)} in cluster ${params.cluster}`, error, 'The role needs ecs:RunTask, and iam:PassRole for the task and execution roles.');
    }
    const failure = answer.failures?.[0];
    const task = answer.tasks?.[0];
    if (failure || !task?.taskArn) {
        const said = failure ? `${failure.reason ?? 'no reason'}${failure.detail ? ` (${failure.detail})` : ''}${failure.arn ? ` for ${failure.arn}` : ''}` : 'no task and no failure';
        throw new errors/* ActionError */.lZ(`RunTask started no task of ${(0,arn/* shortRevision */.w)(request.taskDefinition)} in cluster ${params.cluster}: ECS answered ${said}.`);
    }
    return task;
}
async function describe(ecs, cluster, taskArn, budget) {
    const answer = await (0,retry/* retryTransient */.jh)('Reading the release task', () => ecs.send(new dist_cjs/* DescribeTasksCommand */.z8X({ cluster, tasks: [taskArn] }), { abortSignal: budget.signal }), budget);
    return answer.tasks?.[0];
}
function judge(task, container, timedOut, timeoutMinutes) {
    const base = { taskArn: task.taskArn, container };
    if (timedOut)
        return { ...base, passed: false, reason: `did not stop within run-task-timeout-minutes (${timeoutMinutes}); the action stopped it with StopTask` };
    if (task.stopCode === 'TaskFailedToStart')
        return { ...base, passed: false, reason: `never started: ${task.stoppedReason ?? 'no reason given'}` };
    const own = task.containers?.find((c) => c.name === container);
    if (own?.exitCode === undefined) {
        return { ...base, passed: false, reason: `container '${container}' has no exit code (${own?.reason ?? task.stoppedReason ?? 'no reason given'})` };
    }
    if (own.exitCode !== 0)
        return { ...base, exitCode: own.exitCode, passed: false, reason: `container '${container}' exited with code ${own.exitCode}` };
    return { ...base, exitCode: 0, passed: true, reason: `container '${container}' exited with code 0` };
}
/** Runs the task and, unless wait-for-task-stopped is false, waits for it to stop and judges it. */
async function runReleaseTask(ecs, params, options) {
    const { clock, signal } = options;
    const { runTask, cluster, taskDefinition } = params;
    const container = judgedContainer(taskDefinition, runTask.container);
    const budget = () => ({ clock, signal, deadline: clock.now() + READ_BUDGET_MS });
    if (signal?.aborted)
        throw new ReleaseCancelled({ stage: 'before-start' });
    const task = await start(ecs, params, container, budget());
    const taskArn = task.taskArn;
    const id = (0,arn/* lastSegment */.m)(taskArn);
    core/* info */.pq(`Started the release task ${id} (${taskArn}).`);
    if (signal?.aborted)
        throw new ReleaseCancelled({ stage: 'running', taskArn, lastStatus: task.lastStatus });
    if (!runTask.waitForStop) {
        return { outcome: { taskArn, container, passed: true, reason: 'started; not waited for (wait-for-task-stopped is false)', lastLines: [] }, explanation: [] };
    }
    const opened = await openTail(params, taskArn, container, options);
    if (opened.missing)
        core/* info */.pq(`Its log lines are not streamed: ${opened.missing}`);
    const follower = new LogFollower(opened.tail, Math.max(options.logs.lines, 1), signal);
    const deadline = clock.now() + runTask.timeoutMinutes * 60_000;
    let stopDeadline;
    let last = task;
    let lastStatus;
    for (;;) {
        try {
            last = (await describe(ecs, cluster, taskArn, budget())) ?? last;
        }
        catch (error) {
            // An aborted read is the cancel, not a missing permission.
            if (signal?.aborted)
                throw new ReleaseCancelled({ stage: 'running', taskArn, lastStatus: last.lastStatus });
            throw (0,aws_errors/* awsFailure */.MT)(`read the release task ${id}`, error, 'The role needs ecs:DescribeTasks.');
        }
        if (last.lastStatus !== lastStatus)
            core/* info */.pq(`task ${id}: ${last.lastStatus}`);
        lastStatus = last.lastStatus;
        await follower.poll();
        if (last.lastStatus === 'STOPPED' || signal?.aborted)
            break;
        if (stopDeadline === undefined && clock.now() >= deadline) {
            await stopTask(ecs, cluster, taskArn, runTask.timeoutMinutes, budget());
            stopDeadline = clock.now() + STOP_GRACE_MS;
        }
        if (stopDeadline !== undefined && clock.now() >= stopDeadline)
            break;
        await clock.sleep(options.pollIntervalMs, signal);
    }
    if (signal?.aborted && last.lastStatus !== 'STOPPED')
        throw new ReleaseCancelled({ stage: 'running', taskArn, lastStatus: last.lastStatus });
    // The last lines can reach CloudWatch Logs after the task stopped.
    await follower.poll();
    const verdict = judge(last, container, stopDeadline !== undefined, runTask.timeoutMinutes);
    const outcome = { ...verdict, lastLines: follower.last.slice(-options.logs.lines) };
    return { outcome, explanation: outcome.passed ? [] : explanation(last, taskDefinition, container, outcome, follower, opened.missing, options.logs.lines) };
}
async function stopTask(ecs, cluster, taskArn, minutes, budget) {
    const reason = `ecs-deploy-verify: the release task did not stop within run-task-timeout-minutes (${minutes})`;
    core/* warning */.$e(`The release task ${(0,arn/* lastSegment */.m)(taskArn)} did not stop within ${(0,wording/* plural */.LS)(minutes, 'minute')}: stopping it (StopTask).`);
    try {
        await (0,retry/* retryTransient */.jh)('Stopping the release task', () => ecs.send(new dist_cjs/* StopTaskCommand */.PP1({ cluster, task: taskArn, reason }), { abortSignal: budget.signal }), budget);
    }
    catch (error) {
        core/* error */.z3((0,aws_errors/* awsFailure */.MT)(`stop the release task ${(0,arn/* lastSegment */.m)(taskArn)}`, error, 'It keeps running: stop it in the ECS console. The role needs ecs:StopTask.').message);
    }
}
function explanation(task, taskDefinition, container, outcome, follower, missing, lines) {
    const own = task.containers?.find((c) => c.name === container);
    const started = task.stopCode !== 'TaskFailedToStart';
    let logs = [];
    if (lines > 0 && started) {
        const why = missing ?? follower.problem;
        if (why)
            logs = [`${diagnosis/* LOGS_UNAVAILABLE_PREFIX */.mC}${why}`];
        else if (outcome.lastLines.length > 0)
            logs = (0,diagnosis/* logExcerpt */.sQ)(`'${container}' in task ${(0,arn/* lastSegment */.m)(task.taskArn ?? '')}`, outcome.lastLines);
        else
            logs = [`${diagnosis/* LOGS_UNAVAILABLE_PREFIX */.mC}container '${container}' wrote no log lines.`];
    }
    const fix = (0,forensics/* fixFor */.jc)(task, taskDefinition, own);
    return (0,explain/* describeStoppedTasks */.D1)([task], taskDefinition.taskDefinitionArn ?? '', new Map([[task, { fix, logs }]]));
}

;// CONCATENATED MODULE: ./src/release-task/phase.ts
/**
 * The release task as a phase of a run: before the update in mode 'deploy' (run-task: true), or
 * alone in mode 'run-task'. A failure fills the report (result run-task-failed, the cause, the
 * fix and the last log lines) and tells the caller not to touch the service.
 */








/** Runs the task of `taskDefinitionArn` where `service` runs; true when it passed. */
async function releaseTask(context, taskDefinitionArn, service, after) {
    const { inputs, clients, clock, signal, report } = context;
    const runTask = inputs.runTask;
    const revision = (0,arn/* shortRevision */.w)(taskDefinitionArn);
    const result = await core/* group */.Os(`Release task: ${revision}${runTask.command ? ` ${runTask.command.join(' ')}` : ''}`, async () => {
        try {
            const { taskDefinition } = await (0,register/* describeTaskDefinition */.oh)(clients.ecs, taskDefinitionArn);
            return await runReleaseTask(clients.ecs, { cluster: inputs.cluster, taskDefinition, service, runTask }, { clock, signal, pollIntervalMs: inputs.pollIntervalSeconds * 1000, logs: (0,src_context/* logOptions */.DD)(context) });
        }
        catch (error) {
            if (error instanceof ReleaseCancelled)
                return error;
            return { outcome: { container: runTask.container ?? '', passed: false, reason: (0,errors/* errorMessage */.gJ)(error).replace(/\.$/, ''), lastLines: [] }, explanation: [] };
        }
    });
    if (result instanceof ReleaseCancelled) {
        const taskArn = result.point.stage === 'running' ? result.point.taskArn : undefined;
        report.runTask = { taskArn, container: runTask.container ?? '', passed: false, reason: cancelledReason(result.point), lastLines: [] };
        report.result = 'failed';
        report.sentence = cancelledSentence(result.point, revision, inputs.cluster, after);
        (0,src_context/* mark */.Gy)(context, 'Release task cancelled');
        core/* warning */.$e(report.sentence);
        return false;
    }
    const { outcome } = result;
    report.runTask = outcome;
    const task = outcome.taskArn ? `The release task ${(0,arn/* lastSegment */.m)(outcome.taskArn)} of ${revision}` : `The release task of ${revision}`;
    (0,src_context/* mark */.Gy)(context, `Release task ${outcome.passed ? 'passed' : 'failed'}`);
    if (outcome.passed) {
        core/* info */.pq((0,untrusted/* inert */.t)(`${task}: ${outcome.reason}.`));
        return true;
    }
    report.result = 'run-task-failed';
    report.sentence = `${task} failed: ${outcome.reason}; ${after}.`;
    report.explanation.push(...result.explanation);
    if (result.explanation.length > 0)
        core/* error */.z3(result.explanation.join('\n'));
    return false;
}


/***/ }),

/***/ 9161:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ absorb)
/* harmony export */ });
/** Takes a watch's verdict and what it saw into the run's report. */
function absorb(report, outcome) {
    report.result = outcome.verdict;
    report.sentence = outcome.sentence;
    report.serviceDeploymentArn = outcome.serviceDeploymentArn;
    report.rolledBackTo = outcome.rolledBackTo;
    report.runningTaskDefinition = outcome.runningTaskDefinition;
    report.events.push(...outcome.events);
    report.timeline.push(...outcome.timeline);
    report.explanation.push(...outcome.explanation);
    if (outcome.endedOnError)
        report.endedOnError = true;
}


/***/ }),

/***/ 5971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ verifyImages),
/* harmony export */   T: () => (/* binding */ parseEcrImage)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9378);
/**
 * Confirms that every ECR image the new revision names exists, so a typo in a tag fails in
 * seconds instead of after a circuit breaker gives up on pulls ten minutes later.
 */



const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9][a-z0-9._/-]*?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;
/** Parses a private ECR image reference; undefined for any other registry. */
function parseEcrImage(container, image) {
    const match = ECR_IMAGE.exec(image);
    if (!match)
        return undefined;
    const [, registryId, region, repository, tag, digest] = match;
    const id = digest ? { imageDigest: digest } : { imageTag: tag ?? 'latest' };
    return { container, image, registryId, region, repository, id };
}
/** "tag 'v2'" or "digest sha256:…": what was looked for, in our words rather than ECR's imageId. */
function label(image) {
    return image.id.imageDigest ? `digest ${image.id.imageDigest}` : `tag '${image.id.imageTag}'`;
}
function missingImage(image, where) {
    return `${image.image} (container '${image.container}'): ${where} has no image with ${label(image)}`;
}
async function checkRepository(ecr, images, onFound) {
    const [{ registryId, repository, region }] = images;
    const where = `repository '${repository}' (registry ${registryId}, ${region})`;
    const { DescribeImagesCommand } = await __webpack_require__.e(/* import() */ 249).then(__webpack_require__.t.bind(__webpack_require__, 8249, 19));
    try {
        const answer = await ecr.send(new DescribeImagesCommand({ registryId, repositoryName: repository, imageIds: images.map((image) => image.id) }));
        const found = answer.imageDetails ?? [];
        const detailOf = ({ id }) => found.find((detail) => (id.imageDigest ? detail.imageDigest === id.imageDigest : detail.imageTags?.includes(id.imageTag)));
        for (const image of images) {
            const detail = detailOf(image);
            if (detail)
                onFound?.(image, detail);
        }
        return images
            .filter((image) => !detailOf(image))
            .map((image) => missingImage(image, where));
    }
    catch (error) {
        const name = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .awsErrorName */ .ZH)(error);
        if (name === 'ImageNotFoundException') {
            // ECR names the image it did not find only inside its own message, which is not ours to parse.
            if (images.length === 1)
                return [missingImage(images[0], where)];
            const asked = images.map((image) => `${image.image} (container '${image.container}', ${label(image)})`).join(', ');
            return [`${where} lacks at least one of ${asked}; ECR did not say which`];
        }
        if (name === 'RepositoryNotFoundException') {
            return images.map((image) => `${image.image} (container '${image.container}'): ${where} does not exist`);
        }
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .awsFailure */ .MT)(`check that the images exist in ECR ${where}`, error, name === 'AccessDeniedException'
            ? "Grant 'ecr:DescribeImages' on the repository to the role this job runs as, or set 'verify-images: false'."
            : undefined);
    }
}
/**
 * Checks ECR images (grouped per repository, one request each) and returns the number checked.
 * `ecrFor` gives a client for the image's region, which need not be the action's; it is only
 * called when there is an ECR image, so other steps never load the ECR client.
 */
async function verifyImages(containers, ecrFor, onFound) {
    const ecrImages = [];
    const skipped = [];
    for (const container of containers) {
        if (!container.image || !container.name)
            continue;
        const parsed = parseEcrImage(container.name, container.image);
        if (parsed)
            ecrImages.push(parsed);
        else
            skipped.push(container.image);
    }
    if (skipped.length > 0) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`Not an ECR image, existence not checked: ${skipped.join(', ')}`);
    }
    const byRepository = new Map();
    for (const image of ecrImages) {
        const key = `${image.region}/${image.registryId}/${image.repository}`;
        byRepository.set(key, [...(byRepository.get(key) ?? []), image]);
    }
    const missing = (await Promise.all([...byRepository.values()].map(async (group) => checkRepository(await ecrFor(group[0].region), group, onFound)))).flat();
    if (missing.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`Image not found in ECR, nothing was registered: ${missing.join('; ')}. Push the image first, or fix the tag or digest in 'container-images'.`);
    }
    return ecrImages.length;
}


/***/ })

};
