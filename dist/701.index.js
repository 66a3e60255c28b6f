export const id = 701;
export const ids = [701];
export const modules = {

/***/ 9378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MT: () => (/* binding */ awsFailure),
/* harmony export */   U0: () => (/* binding */ isServiceDeploymentsUnavailable),
/* harmony export */   XY: () => (/* binding */ PASS_ROLE_HINT),
/* harmony export */   ZH: () => (/* binding */ awsErrorName),
/* harmony export */   _j: () => (/* binding */ isCredentialError),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   w7: () => (/* binding */ isAccessDenied)
/* harmony export */ });
/* unused harmony export isThrottling */
/* harmony import */ var _smithy_core_retry__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3609);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/**
 * Reading SDK errors (their name, HTTP status, kind) and wrapping them as
 * "what was attempted: what AWS said. what to do".
 */


const UNAVAILABLE_OPERATION = new Set(['UnknownOperationException', 'UnsupportedOperationException', 'UnsupportedOperation']);
const PASS_ROLE_HINT = "The role running this job must be allowed 'iam:PassRole' on the task definition's executionRoleArn and taskRoleArn (with condition iam:PassedToService = ecs-tasks.amazonaws.com).";
/** The AWS error code (`__type` / exception name) of an SDK error, if it has one. */
function awsErrorName(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const named = error;
    for (const candidate of [named.name, named.Code, named.code]) {
        if (typeof candidate === 'string' && candidate !== 'Error')
            return candidate;
    }
    return undefined;
}
const CREDENTIAL_ERRORS = new Set([
    'ExpiredTokenException',
    'ExpiredToken',
    'InvalidClientTokenId',
    'UnrecognizedClientException',
    'InvalidSignatureException',
    'SignatureDoesNotMatch',
    'CredentialsProviderError',
]);
function isCredentialError(error) {
    const name = awsErrorName(error);
    return name !== undefined && CREDENTIAL_ERRORS.has(name);
}
function isAccessDenied(error) {
    const name = awsErrorName(error);
    return name === 'AccessDeniedException' || name === 'AccessDenied';
}
function isThrottling(error) {
    return typeof error === 'object' && error !== null && (0,_smithy_core_retry__WEBPACK_IMPORTED_MODULE_1__.isThrottlingError)(error);
}
/**
 * Whether asking again may get another answer: throttling, a 5xx, a connection reset or refused,
 * a timeout, or an error the service marked retryable. The SDK's own classification (the one its
 * retry strategy uses), so a phase retries exactly what the SDK would have retried.
 */
function isTransient(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const sdkError = error;
    return (0,_smithy_core_retry__WEBPACK_IMPORTED_MODULE_1__.isThrottlingError)(sdkError) || (0,_smithy_core_retry__WEBPACK_IMPORTED_MODULE_1__.isTransientError)(sdkError) || (0,_smithy_core_retry__WEBPACK_IMPORTED_MODULE_1__.isServerError)(sdkError);
}
/** A hint for the errors whose fix does not depend on the call that failed. */
function genericHint(error) {
    const name = awsErrorName(error);
    const message = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error);
    // The SDK's provider chain found nothing at all: not a credential to refresh, one to provide.
    if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
        return 'No AWS credentials were found: add aws-actions/configure-aws-credentials before this step (for OIDC, the job needs permissions id-token: write).';
    }
    if (isCredentialError(error)) {
        return 'The AWS credentials are invalid or expired: refresh them (for example with aws-actions/configure-aws-credentials and a longer role-duration-seconds) and run the job again.';
    }
    if (/Region is missing/i.test(message)) {
        return "No AWS region is set: set AWS_REGION (aws-actions/configure-aws-credentials does) or the step's env.";
    }
    if (isAccessDenied(error)) {
        const action = /not authorized to perform: ([\w:*-]+)/.exec(message)?.[1];
        return action
            ? `Grant '${action}' to the role this job runs as.`
            : 'Grant the missing permission to the role this job runs as (see the README for the minimal IAM policy).';
    }
    if (isThrottling(error)) {
        return "AWS throttled the request after every retry: raise 'max-retries' or spread out concurrent deployments.";
    }
    return undefined;
}
/**
 * Wraps an SDK error as "Could not <attempt>: <Name>: <AWS message>. <hint>".
 * `hint` wins over the generic hints because it knows the call.
 */
function awsFailure(attempt, error, hint) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ)
        return error;
    const name = awsErrorName(error);
    const said = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error).trim() || '(no message)';
    const aws = name && !said.startsWith(name) ? `${name}: ${said}` : said;
    const fix = hint ?? genericHint(error);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Could not ${attempt}: ${fix ? `${sentence(aws)} ${fix}` : aws}`);
}
/** AWS's message ended as a sentence, so the hint after it reads as the next one. */
function sentence(text) {
    return /[.!?]["')\]]*$/.test(text) ? text : `${text}.`;
}
/** Errors meaning the Service Deployments API cannot be used here, so deployments[].rolloutState must do. */
function isServiceDeploymentsUnavailable(error) {
    return isAccessDenied(error) || UNAVAILABLE_OPERATION.has(awsErrorName(error) ?? '');
}


/***/ }),

/***/ 2495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ux: () => (/* binding */ retryingClient),
/* harmony export */   et: () => (/* binding */ jittered),
/* harmony export */   jh: () => (/* binding */ retryTransient)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9378);
/* harmony import */ var _untrusted_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(873);
/**
 * Retrying one AWS call through transient faults (throttling, 5xx, resets, timeouts) until the
 * phase's own deadline, after the SDK's attempts are spent. A transient fault never decides a
 * verdict; anything else is thrown at once.
 */




const FIRST_PAUSE_MS = 1_000;
const MAX_PAUSE_MS = 30_000;
/**
 * A backoff of `ms` with jitter: between half of it and all of it. Runs that were throttled
 * together (several jobs deploying at once) then come back apart instead of in step, and half
 * the wait always stays, so a throttled account still gets its pause. The clock's `random`
 * draws the spread, so tests stay deterministic.
 */
function jittered(ms, clock) {
    return clock.random ? Math.round(ms / 2 + (clock.random() * ms) / 2) : ms;
}
async function retryTransient(what, call, budget) {
    const { clock, deadline, signal } = budget;
    let pause = FIRST_PAUSE_MS;
    for (;;) {
        try {
            return await call();
        }
        catch (error) {
            const left = deadline - clock.now();
            if (!(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isTransient */ .dg)(error) || signal?.aborted || left <= 0)
                throw error;
            const wait = Math.min(jittered(pause, clock), left);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_untrusted_js__WEBPACK_IMPORTED_MODULE_3__/* .inert */ .t)(`${what}: AWS answered ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .awsErrorName */ .ZH)(error) ?? 'an error'} (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}); trying again in ${Math.ceil(wait / 1000)} s.`));
            await clock.sleep(wait, signal);
            if (signal?.aborted)
                throw error;
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
    }
}
/** For helpers that take a client: the same client, with every `send` retried through transient faults within the budget. */
function retryingClient(ecs, what, budget) {
    const send = ((command) => retryTransient(what, () => ecs.send(command), budget));
    return Object.assign(Object.create(ecs), { send });
}


/***/ }),

/***/ 788:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ logOptions),
/* harmony export */   Gy: () => (/* binding */ mark),
/* harmony export */   qt: () => (/* binding */ watchOptions),
/* harmony export */   xH: () => (/* binding */ patientEcs)
/* harmony export */ });
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2495);

function mark(context, label) {
    context.report.timeline.push({ label, at: new Date(context.clock.now()) });
}
/** How long one read before any change (describing the service, a revision) may retry through transient faults. */
const READ_BUDGET_MS = 60_000;
/** The ECS client for reads before any change: transient faults are retried for up to a minute. */
function patientEcs(context) {
    const budget = { clock: context.clock, signal: context.signal, deadline: context.clock.now() + READ_BUDGET_MS };
    return (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .retryingClient */ .Ux)(context.clients.ecs, 'Reading from ECS', budget);
}
function watchOptions(context) {
    const { inputs, clock, signal } = context;
    return {
        timeoutMs: inputs.waitForMinutes * 60_000,
        pollIntervalMs: inputs.pollIntervalSeconds * 1000,
        rollbackOnFailure: inputs.rollbackOnFailure,
        failFast: inputs.failFast,
        clock,
        signal,
        logs: logOptions(context),
    };
}
function logOptions(context) {
    return { lines: context.inputs.logLines, maxAttempts: context.inputs.maxAttempts, region: context.clients.region };
}


/***/ }),

/***/ 1701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   smokeMode: () => (/* binding */ smokeMode)
/* harmony export */ });
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(788);
/* harmony import */ var _service_describe_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8122);
/* harmony import */ var _smoke_verify_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4584);
/** mode 'smoke': the smoke check alone, on the tasks of the revision the service runs now. */



async function smokeMode(context) {
    const { inputs, clients, report } = context;
    const current = await (0,_service_describe_js__WEBPACK_IMPORTED_MODULE_1__/* .serviceToDeploy */ .Au)((0,_context_js__WEBPACK_IMPORTED_MODULE_0__/* .patientEcs */ .xH)(context), inputs.cluster, inputs.service, clients.region);
    (0,_service_describe_js__WEBPACK_IMPORTED_MODULE_1__/* .logService */ .C_)(current);
    report.taskDefinitionArn = current.taskDefinition;
    report.runningTaskDefinition = current.taskDefinition;
    report.smoke = await (0,_smoke_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .verifyWithSmoke */ .J)(context, current.taskDefinition);
    report.result = report.smoke.passed ? 'smoke-passed' : 'smoke-failed';
    report.sentence = `On ${(0,_service_describe_js__WEBPACK_IMPORTED_MODULE_1__/* .where */ ._M)(inputs.cluster, inputs.service)} (running ${current.taskDefinition}), ${(0,_smoke_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .smokeSentence */ .N)(report.smoke)}.`;
}


/***/ }),

/***/ 8122:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ serviceToDeploy),
/* harmony export */   C0: () => (/* binding */ listServiceDeployments),
/* harmony export */   C_: () => (/* binding */ logService),
/* harmony export */   MH: () => (/* binding */ describeServiceDeployment),
/* harmony export */   Ns: () => (/* binding */ revisionTaskDefinitions),
/* harmony export */   _M: () => (/* binding */ where),
/* harmony export */   hQ: () => (/* binding */ currentService),
/* harmony export */   tL: () => (/* binding */ glanceAfterCancel)
/* harmony export */ });
/* unused harmony export ServiceGoneError */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(212);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7242);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9378);
/**
 * Reading a service and its service deployments. Two contracts over one DescribeServices:
 * `serviceToDeploy` vets a service before anything is changed and words every error for the
 * user; `currentService` is the watch's poll, which lets SDK errors through so the poller can
 * tell a transient fault from a fatal one.
 */





function where(cluster, service) {
    return `service '${service}' in cluster '${cluster}'`;
}
/** The service is gone; there is nothing left to watch or roll back. */
class ServiceGoneError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ {
    constructor(cluster, service, detail) {
        super(`Service '${service}' in cluster '${cluster}' ${detail}: it was deleted (or never existed), so there is nothing left to watch. Check who deleted it, then recreate it or fix the 'cluster'/'service' inputs.`);
        this.name = 'ServiceGoneError';
    }
}
async function lookUp(ecs, cluster, service, signal) {
    const answer = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .DescribeServicesCommand */ .H7c({ cluster, services: [service] }), { abortSignal: signal });
    const found = answer.services?.find((candidate) => candidate.serviceName === service || candidate.serviceArn === service);
    return { found, failure: answer.failures?.[0]?.reason };
}
/** The service as it is now; refuses services this action cannot deploy safely. */
async function serviceToDeploy(ecs, cluster, service, region) {
    let lookup;
    try {
        lookup = await lookUp(ecs, cluster, service);
    }
    catch (error) {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .awsFailure */ .MT)(`describe ${where(cluster, service)}`, error, (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .awsErrorName */ .ZH)(error) === 'ClusterNotFoundException'
            ? `The cluster '${cluster}' does not exist in this account and region: check the 'cluster' input and AWS_REGION.`
            : undefined);
    }
    const { found, failure } = lookup;
    if (!found || found.status === 'INACTIVE') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`Could not find ${where(cluster, service)}${failure ? ` (AWS: ${failure})` : found ? ' (it was deleted)' : ''}. Check the 'service' and 'cluster' inputs and the region (${region}).`);
    }
    if (found.status === 'DRAINING') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`The ${where(cluster, service)} is being deleted (status DRAINING); it cannot be deployed to.`);
    }
    const controller = found.deploymentController?.type ?? 'ECS';
    if (controller !== 'ECS') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`The ${where(cluster, service)} uses the ${controller} deployment controller. This action deploys services on the ECS deployment controller (rolling, or ECS-native blue/green, linear and canary strategies). For ${controller === 'CODE_DEPLOY' ? 'CodeDeploy blue/green, deploy through CodeDeploy (e.g. aws-actions/amazon-ecs-deploy-task-definition with codedeploy-appspec)' : 'an EXTERNAL controller, deploy with your task sets'}, or migrate the service to the ECS controller.`);
    }
    return found;
}
/** The service for one poll. SDK errors pass through unwrapped; a deleted service is a ServiceGoneError. */
async function currentService(ecs, cluster, service, signal) {
    const { found, failure } = await lookUp(ecs, cluster, service, signal);
    if (!found)
        throw new ServiceGoneError(cluster, service, `was not found (${failure ?? 'no answer'})`);
    if (found.status === 'INACTIVE' || found.status === 'DRAINING') {
        throw new ServiceGoneError(cluster, service, `is ${found.status}`);
    }
    return found;
}
/** Undefined when ECS does not know the ARN (yet). */
async function describeServiceDeployment(ecs, serviceDeploymentArn, signal) {
    const answer = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .DescribeServiceDeploymentsCommand */ .A6p({ serviceDeploymentArns: [serviceDeploymentArn] }), {
        abortSignal: signal,
    });
    return answer.serviceDeployments?.find((found) => found.serviceDeploymentArn === serviceDeploymentArn);
}
/** ListServiceDeployments pages read at most (100 each); more is history no decision here needs. */
const MAX_DEPLOYMENT_PAGES = 10;
/**
 * Every page of ListServiceDeployments for `filter`, in whatever order ECS gives them: the API
 * documents no order, so callers sort by time themselves. SDK errors pass through.
 */
async function listServiceDeployments(ecs, filter, signal) {
    const briefs = [];
    let nextToken;
    for (let page = 0; page < MAX_DEPLOYMENT_PAGES; page++) {
        const answer = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .ListServiceDeploymentsCommand */ .jz8({ ...filter, maxResults: 100, ...(nextToken && { nextToken }) }), { abortSignal: signal });
        briefs.push(...(answer.serviceDeployments ?? []));
        nextToken = answer.nextToken;
        if (!nextToken)
            break;
    }
    return briefs;
}
/** The task definition of each service revision (at most 20 ARNs, DescribeServiceRevisions' limit). SDK errors pass through. */
async function revisionTaskDefinitions(ecs, serviceRevisionArns, signal) {
    const answer = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .DescribeServiceRevisionsCommand */ .oF5({ serviceRevisionArns }), { abortSignal: signal });
    return new Map((answer.serviceRevisions ?? []).flatMap((revision) => revision.serviceRevisionArn && revision.taskDefinition ? [[revision.serviceRevisionArn, revision.taskDefinition]] : []));
}
/**
 * One quick look after a cancel (the runner allows a few seconds): the service and, when known,
 * its service deployment, or undefined when they cannot be read in time.
 */
async function glanceAfterCancel(ecs, cluster, service, serviceDeploymentArn) {
    const signal = AbortSignal.timeout(_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .CANCEL_LOOK_MS */ .qs);
    try {
        const found = await currentService(ecs, cluster, service, signal);
        return { service: found, serviceDeployment: serviceDeploymentArn ? await describeServiceDeployment(ecs, serviceDeploymentArn, signal) : undefined };
    }
    catch {
        return undefined;
    }
}
function logService(service) {
    const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Service ${service.serviceName}: ${service.taskDefinition}, ${service.runningCount}/${service.desiredCount} running, circuit breaker ${breaker?.enable ? (breaker.rollback ? 'on with rollback' : 'on without rollback') : 'off'}, ECS Exec ${service.enableExecuteCommand ? 'on' : 'off'}.`);
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


/***/ })

};
