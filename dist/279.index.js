export const id = 279;
export const ids = [279];
export const modules = {

/***/ 279:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rollbackMode: () => (/* binding */ rollbackMode)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/context.ts
var src_context = __webpack_require__(788);
// EXTERNAL MODULE: ./src/report/absorb.ts
var absorb = __webpack_require__(9161);
// EXTERNAL MODULE: ./src/rollback/redeploy.ts
var redeploy = __webpack_require__(604);
// EXTERNAL MODULE: ./src/rollback/smoke-gates.ts
var smoke_gates = __webpack_require__(3264);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/aws/errors.ts
var aws_errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/arn.ts
var arn = __webpack_require__(1626);
// EXTERNAL MODULE: ./src/service/describe.ts
var describe = __webpack_require__(8122);
// EXTERNAL MODULE: ./src/task-definition/register.ts + 1 modules
var register = __webpack_require__(8043);
;// CONCATENATED MODULE: ./src/rollback/target.ts
/** Which revision mode 'rollback' returns to: 'previous' (the last successful deployment of another revision) or one named. */







/** DescribeServiceRevisions takes at most 20 ARNs; the newest 20 successful deployments are plenty to look back on. */
const MAX_REVISIONS = 20;
/** ListTaskDefinitions pages (100 revisions each) to read when looking for an older revision. */
const MAX_PAGES = 5;
const TASK_DEFINITION_ARN = /task-definition\/([A-Za-z0-9_-]+):(\d+)$/;
/** mode 'rollback': resolves 'previous' or an explicit revision to a full task definition ARN. */
async function resolveRollbackTarget(ecs, cluster, service, rollbackTo, region) {
    // The deploy path's lookup: it also refuses services this action cannot deploy to.
    const found = await (0,describe/* serviceToDeploy */.Au)(ecs, cluster, service, region);
    const current = found.taskDefinition;
    if (!current)
        throw new errors/* ActionError */.lZ(`Service ${cluster}/${service} names no task definition, so there is nothing to roll back from.`);
    const currentServiceDeployment = found.currentServiceDeployment;
    if (rollbackTo !== 'previous')
        return { target: await confirmRevision(ecs, rollbackTo), current, currentServiceDeployment };
    const target = (await lastSuccessfulBefore(ecs, found, cluster, service)) ?? (await olderInFamily(ecs, current));
    if (!target) {
        throw new errors/* ActionError */.lZ(`No revision to roll back to: service ${cluster}/${service} runs ${(0,arn/* shortRevision */.w)(current)}, ECS records no earlier successful deployment of another revision, and the family has no ACTIVE revision older than it. Set 'rollback-to' to the revision you want.`);
    }
    core/* info */.pq(`Rolling back ${cluster}/${service} from ${(0,arn/* shortRevision */.w)(current)} to ${(0,arn/* shortRevision */.w)(target)}.`);
    return { target, current, currentServiceDeployment };
}
async function confirmRevision(ecs, revision) {
    const { taskDefinition } = await (0,register/* describeTaskDefinition */.oh)(ecs, revision, { inputName: 'rollback-to' });
    return taskDefinition.taskDefinitionArn;
}
/**
 * The revision of the newest SUCCESSFUL service deployment that deployed something other than
 * what runs now, from the Service Deployments API (every page, ordered by time here); undefined
 * when the API has none or is denied.
 */
async function lastSuccessfulBefore(ecs, service, cluster, name) {
    try {
        const successful = await (0,describe/* listServiceDeployments */.C0)(ecs, { cluster, service: name, status: ['SUCCESSFUL'] });
        const revisionArns = [
            ...new Set(successful
                .filter((brief) => brief.serviceDeploymentArn !== service.currentServiceDeployment && brief.targetServiceRevisionArn)
                .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))
                .map((brief) => brief.targetServiceRevisionArn)),
        ].slice(0, MAX_REVISIONS);
        if (revisionArns.length === 0)
            return undefined;
        const taskDefinitions = await (0,describe/* revisionTaskDefinitions */.Ns)(ecs, revisionArns);
        return revisionArns.map((arn) => taskDefinitions.get(arn)).find((arn) => arn && arn !== service.taskDefinition);
    }
    catch (error) {
        if (!(0,aws_errors/* isServiceDeploymentsUnavailable */.U0)(error))
            throw (0,aws_errors/* awsFailure */.MT)(`read the earlier service deployments of ${cluster}/${name}`, error);
        core/* warning */.$e(`The ECS Service Deployments API is not available to this job (${(0,errors/* errorMessage */.gJ)(error)}); taking the newest older revision of the family instead. Grant ecs:ListServiceDeployments and ecs:DescribeServiceRevisions for the last successful one.`);
        return undefined;
    }
}
/** The newest ACTIVE revision of the same family older than `current`. */
async function olderInFamily(ecs, current) {
    const parsed = TASK_DEFINITION_ARN.exec(current);
    if (!parsed)
        return undefined;
    const [, family, revisionText] = parsed;
    const revision = Number(revisionText);
    let nextToken;
    try {
        for (let page = 0; page < MAX_PAGES; page++) {
            const answer = await ecs.send(new dist_cjs/* ListTaskDefinitionsCommand */.Pse({ familyPrefix: family, status: 'ACTIVE', sort: 'DESC', nextToken }));
            // familyPrefix also matches longer families ('web' finds 'web-worker'), so compare the family exactly.
            const older = (answer.taskDefinitionArns ?? []).find((arn) => {
                const match = TASK_DEFINITION_ARN.exec(arn);
                return match?.[1] === family && Number(match[2]) < revision;
            });
            if (older)
                return older;
            nextToken = answer.nextToken;
            if (!nextToken)
                return undefined;
        }
    }
    catch (error) {
        throw (0,aws_errors/* awsFailure */.MT)(`list the ACTIVE revisions of task definition family '${family}'`, error);
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/modes/rollback.ts
/** mode 'rollback': return the service to 'previous' or a named revision, and watch that deployment. */







async function rollbackMode(context) {
    const { inputs, clients, report } = context;
    const service = inputs.service;
    const { target, current, currentServiceDeployment } = await core/* group */.Os('Rollback target', () => resolveRollbackTarget((0,src_context/* patientEcs */.xH)(context), inputs.cluster, service, inputs.rollbackTo, clients.region));
    report.previousTaskDefinitionArn = current;
    report.taskDefinitionArn = target;
    report.registered = false;
    core/* info */.pq(`Rolling ${(0,describe/* where */._M)(inputs.cluster, service)} back from ${current} to ${target}.`);
    // Another run may deploy between reading the target and redeploying: the redeploy then writes nothing.
    const expect = { serviceDeploymentArn: currentServiceDeployment, taskDefinitionArn: current, what: `${(0,describe/* where */._M)(inputs.cluster, service)} was to be rolled back from ${current}` };
    const request = { cluster: inputs.cluster, service, taskDefinitionArn: target, reason: `mode rollback (rollback-to: ${inputs.rollbackTo})`, region: clients.region, expect };
    // The redeploy's pauses: checked with the smoke command (smoke-stage auto), else continued.
    const { rollback } = (0,smoke_gates/* smokeGates */.e)(context, undefined);
    const outcome = await core/* group */.Os(`Redeploying ${target}`, () => (0,redeploy/* redeploy */.jy)(clients.ecs, request, (0,src_context/* watchOptions */.qt)(context), rollback));
    (0,absorb/* absorb */.e)(report, outcome);
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


/***/ })

};
