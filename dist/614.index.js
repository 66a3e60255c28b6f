export const id = 614;
export const ids = [614];
export const modules = {

/***/ 4614:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rollBackMember: () => (/* binding */ rollBackMember)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/aws/arn.ts
var aws_arn = __webpack_require__(1626);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/retry.ts
var retry = __webpack_require__(2495);
// EXTERNAL MODULE: ./src/context.ts
var src_context = __webpack_require__(788);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/rollback/pause-gate.ts
var pause_gate = __webpack_require__(5632);
// EXTERNAL MODULE: ./src/rollback/redeploy.ts
var redeploy = __webpack_require__(604);
// EXTERNAL MODULE: ./src/rollback/smoke-gates.ts
var smoke_gates = __webpack_require__(3264);
// EXTERNAL MODULE: ./src/rollback/writes.ts
var writes = __webpack_require__(2410);
// EXTERNAL MODULE: ./src/service/describe.ts
var describe = __webpack_require__(8122);
// EXTERNAL MODULE: ./src/watch/judge.ts
var judge = __webpack_require__(6852);
// EXTERNAL MODULE: ./src/watch/observer.ts + 3 modules
var watch_observer = __webpack_require__(344);
// EXTERNAL MODULE: ./src/watch/wording.ts
var wording = __webpack_require__(9459);
// EXTERNAL MODULE: ./src/watch/stages.ts
var stages = __webpack_require__(3780);
;// CONCATENATED MODULE: ./src/release/rollback-rules.ts


/** Our service deployment: the one the watch identified, else the service's current one if our update made it. */
function ourServiceDeployment(facts) {
    if (facts.ours)
        return facts.ours;
    const { service } = facts;
    const current = service.currentServiceDeployment;
    const primary = service.deployments?.find((deployment) => deployment.status === 'PRIMARY');
    if (current && current !== facts.previousServiceDeploymentArn && primary?.taskDefinition === facts.revision)
        return current;
    return undefined;
}
/** Without the Service Deployments API: our deployments[] entry decides, and the only way back is UpdateService. */
function byDeployments(facts, primary) {
    if (primary?.taskDefinition !== facts.revision) {
        return { action: 'none', ended: 'superseded', why: `it now deploys ${(0,aws_arn/* shortRevision */.w)(primary?.taskDefinition)}, not the release's ${(0,aws_arn/* shortRevision */.w)(facts.revision)}` };
    }
    return rollback_rules_redeploy(facts);
}
function rollback_rules_redeploy(facts) {
    const { previous, revision } = facts;
    if (!previous)
        return { action: 'none', ended: 'kept', why: 'it ran no revision before the release' };
    if (previous === revision)
        return { action: 'none', ended: 'kept', why: `it already ran ${(0,aws_arn/* shortRevision */.w)(previous)} before the release` };
    if (facts.previousCompleted === false) {
        return { action: 'none', ended: 'kept', why: `its earlier deployment of ${(0,aws_arn/* shortRevision */.w)(previous)} never completed, so that revision is not known to work` };
    }
    return { action: 'redeploy', to: previous };
}
function rollbackPlan(facts) {
    const { service, serviceDeployment: sd } = facts;
    if (!facts.updateSent)
        return { action: 'none', ended: 'kept', why: 'the release had not updated it' };
    if (service.currentServiceDeployment === facts.previousServiceDeploymentArn && service.taskDefinition === facts.previous && !facts.ours) {
        return { action: 'none', ended: 'kept', why: 'the update had not changed it' };
    }
    const ours = ourServiceDeployment(facts);
    if (!sd || !ours) {
        if (ours && service.currentServiceDeployment && service.currentServiceDeployment !== ours) {
            return { action: 'none', ended: 'superseded', why: `another deployment (${service.currentServiceDeployment}) replaced the release's` };
        }
        return byDeployments(facts, service.deployments?.find((deployment) => deployment.status === 'PRIMARY'));
    }
    if (service.currentServiceDeployment && service.currentServiceDeployment !== ours) {
        return { action: 'none', ended: 'superseded', why: `another deployment (${service.currentServiceDeployment}) replaced the release's` };
    }
    switch (sd.status) {
        case 'PENDING':
        case 'IN_PROGRESS': {
            const pause = (0,stages/* awaitingPause */.fs)(sd);
            return pause ? { action: 'continue', serviceDeploymentArn: ours, hookId: pause.hookId, stage: pause.stage } : { action: 'stop', serviceDeploymentArn: ours };
        }
        case 'ROLLBACK_REQUESTED':
        case 'ROLLBACK_IN_PROGRESS':
            return { action: 'follow', serviceDeploymentArn: ours };
        case 'ROLLBACK_SUCCESSFUL':
            return { action: 'none', ended: 'rolled-back', why: `its deployment was already rolled back (ROLLBACK_SUCCESSFUL)` };
        case 'ROLLBACK_FAILED':
            return { action: 'none', ended: 'failed', why: `its deployment's rollback failed (ROLLBACK_FAILED${sd.statusReason ? `: ${sd.statusReason}` : ''})` };
        case 'SUCCESSFUL':
            return rollback_rules_redeploy(facts);
        default:
            return { action: 'none', ended: 'superseded', why: `its deployment ended ${sd.status}${sd.statusReason ? ` (${sd.statusReason})` : ''} without the release` };
    }
}

;// CONCATENATED MODULE: ./src/release/roll-back-member.ts
/**
 * The release's rollback of a service that did not fail itself: the service is read, the rule
 * for the state it is in (rollback-rules.ts) decides, and only then is anything written, with
 * the writes of src/rollback/. Every way ends in what the service runs now.
 */















async function readMember(context, member, budget) {
    const { inputs, clients, report } = context;
    const ecs = (0,retry/* retryingClient */.Ux)(clients.ecs, `Reading service '${member.spec.name}'`, budget);
    const service = await (0,describe/* currentService */.hQ)(ecs, inputs.cluster, member.spec.name, budget.signal);
    const facts = {
        updateSent: member.updateSent,
        revision: report.taskDefinitionArn,
        previous: report.previousTaskDefinitionArn,
        previousCompleted: report.previousCompleted,
        previousServiceDeploymentArn: member.current.currentServiceDeployment,
        ours: report.serviceDeploymentArn,
        service,
    };
    const ours = ourServiceDeployment(facts);
    let serviceDeployment;
    try {
        serviceDeployment = ours ? await (0,describe/* describeServiceDeployment */.MH)(ecs, ours, budget.signal) : undefined;
    }
    catch (error) {
        if (!(0,errors/* isServiceDeploymentsUnavailable */.U0)(error))
            throw error;
    }
    return { service, facts: { ...facts, ours, serviceDeployment } };
}
/** Follows the rollback of our service deployment (requested by the release, or by ECS) to its end. */
async function followRollback(context, read, arn) {
    const { inputs, clock } = context;
    const options = (0,src_context/* watchOptions */.qt)(context);
    const target = {
        cluster: inputs.cluster,
        service: read.service.serviceName,
        taskDefinitionArn: read.facts.revision,
        previousTaskDefinitionArn: read.facts.previous,
        updatedAt: new Date(clock.now()),
        updateResponse: read.service,
    };
    const observer = new watch_observer/* DeploymentObserver */.O(context.member.pollEcs, target, options, undefined, true);
    observer.serviceDeploymentArn = arn;
    observer.deploymentId = read.service.deployments?.find((deployment) => deployment.taskDefinition === read.facts.revision)?.id;
    const result = await observer.poll(clock.now() + options.timeoutMs, (snapshot) => {
        const state = (0,judge/* rollbackState */.UQ)(snapshot, observer.deploymentId);
        return state.state === 'running' ? undefined : state;
    });
    const runs = () => (0,aws_arn/* shortRevision */.w)(observer.last?.service.taskDefinition ?? read.service.taskDefinition);
    context.report.runningTaskDefinition = observer.last?.service.taskDefinition ?? read.service.taskDefinition;
    if (result.kind === 'cancelled')
        return { ended: 'cancelled', sentence: (await observer.cancelled(`following the rollback of ${observer.what}`)).sentence };
    if (result.kind === 'fatal')
        return { ended: 'failed', sentence: observer.fatal(result.error, `following the rollback of ${observer.what}`).sentence };
    if (result.kind === 'timeout')
        return { ended: 'failed', sentence: `its rollback did not finish within ${(0,wording/* duration */.p0)(options.timeoutMs)}; it is on ${runs()}` };
    if (result.value.state === 'failed')
        return { ended: 'failed', sentence: `its rollback failed (${result.value.reason}); it is on ${runs()}` };
    context.report.rolledBackTo = result.value.to;
    context.report.runningTaskDefinition = result.value.to;
    return { ended: 'rolled-back', sentence: `rolled back to ${(0,aws_arn/* shortRevision */.w)(result.value.to)}, which it runs now` };
}
async function carryOut(release, context, read, plan, budget) {
    const { inputs, clients, report } = context;
    const name = read.service.serviceName;
    if (plan.action === 'redeploy') {
        core/* info */.pq(`Rolling back ${name}: its deployment had completed, so UpdateService to ${(0,aws_arn/* shortRevision */.w)(plan.to)}, the revision it ran before the release.`);
        const reason = `the release failed (${release.failure?.service}: ${release.failure?.why})`;
        // Another run may have deployed since the read: redeploy() checks again right before it writes.
        const expect = { serviceDeploymentArn: report.serviceDeploymentArn, taskDefinitionArn: report.taskDefinitionArn, what: `${report.taskDefinitionArn} was deployed by the release, which then failed` };
        const request = { cluster: inputs.cluster, service: name, taskDefinitionArn: plan.to, reason, region: clients.region, expect };
        // A pause of this rollback is answered (with the smoke check when the service has one), so ECS cannot put the release's revision back at expiry.
        const gate = (0,smoke_gates/* smokeGates */.e)(context, read.service.desiredCount).rollback;
        const outcome = await (0,redeploy/* redeploy */.jy)(context.member.pollEcs, request, (0,src_context/* watchOptions */.qt)(context), gate);
        report.runningTaskDefinition = outcome.runningTaskDefinition;
        if (outcome.verdict === 'superseded')
            return { ended: 'superseded', sentence: outcome.sentence.replace(/\.$/, '') };
        report.rollback = outcome;
        if (outcome.verdict !== 'deployed')
            return { ended: 'failed', sentence: `its rollback to ${(0,aws_arn/* shortRevision */.w)(plan.to)} ended '${outcome.verdict}': ${outcome.sentence}` };
        report.rolledBackTo = plan.to;
        return { ended: 'rolled-back', sentence: `rolled back to ${(0,aws_arn/* shortRevision */.w)(plan.to)}, which it runs now` };
    }
    if (plan.action === 'continue') {
        core/* info */.pq(`Rolling back ${name}: ContinueServiceDeployment ${plan.serviceDeploymentArn} hook ${plan.hookId} with action ROLLBACK (it is paused at ${plan.stage}).`);
        await (0,pause_gate/* continueDeployment */.vI)(clients.ecs, plan.serviceDeploymentArn, plan.hookId, 'ROLLBACK', budget);
    }
    else if (plan.action === 'stop') {
        core/* info */.pq(`Rolling back ${name}: StopServiceDeployment ${plan.serviceDeploymentArn} with stopType ROLLBACK (its deployment is in progress).`);
        await (0,writes/* stopWithRollback */.DD)(clients.ecs, plan.serviceDeploymentArn, budget);
    }
    else {
        core/* info */.pq(`${name}: its deployment is already rolling back (${read.facts.serviceDeployment?.status}); following it.`);
    }
    return followRollback(context, read, plan.serviceDeploymentArn);
}
/**
 * Puts `member` back after another service failed. It runs under the run's cancel only (the
 * member's own signal was aborted to stop it), and starts nothing once the run is cancelled.
 */
async function rollBackMember(release, member) {
    const run = release.context;
    const context = { ...member.context, signal: run.signal };
    const { report, clock } = context;
    if (run.signal.aborted)
        return { ended: 'cancelled', sentence: 'the run was cancelled before its rollback, so the action started none' };
    const budget = { clock, signal: run.signal, deadline: clock.now() + context.inputs.waitForMinutes * 60_000 };
    let read;
    try {
        read = await readMember(context, member, budget);
    }
    catch (error) {
        return { ended: 'failed', sentence: `it could not be read before its rollback, so nothing was written to it: ${(0,src_errors/* errorMessage */.gJ)(error)}` };
    }
    report.runningTaskDefinition = read.service.taskDefinition;
    const plan = rollbackPlan(read.facts);
    if (plan.action === 'none') {
        core/* info */.pq(`${member.spec.name}: ${plan.why}; nothing was written to it.`);
        return { ended: plan.ended, sentence: `${plan.why}; nothing was written to it, and it runs ${(0,aws_arn/* shortRevision */.w)(read.service.taskDefinition)}` };
    }
    (0,src_context/* mark */.Gy)(context, 'Release rollback started');
    try {
        return await carryOut(release, context, read, plan, budget);
    }
    catch (error) {
        core/* error */.z3(`ROLLBACK FAILED: service ${member.spec.name} is on ${report.runningTaskDefinition ?? '(unknown)'}: ${(0,src_errors/* errorMessage */.gJ)(error)} Deploy a working revision by hand.`);
        return { ended: 'failed', sentence: `its rollback failed (${(0,src_errors/* errorMessage */.gJ)(error)}); it is on ${(0,aws_arn/* shortRevision */.w)(report.runningTaskDefinition)}` };
    }
    finally {
        release.poll?.leave(member.spec.name);
    }
}


/***/ })

};
