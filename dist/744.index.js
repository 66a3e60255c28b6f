export const id = 744;
export const ids = [744];
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

/***/ 8043:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oh: () => (/* binding */ describeTaskDefinition),
  eQ: () => (/* binding */ registerTaskDefinition),
  JW: () => (/* binding */ reusableRevision)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/aws/errors.ts
var aws_errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/task-definition/load.ts + 2 modules
var load = __webpack_require__(9196);
;// CONCATENATED MODULE: ./src/task-definition/compare.ts

const CONTAINER_DEFAULTS = { cpu: 0, essential: true };
const TASK_DEFAULTS = { enableFaultInjection: false };
function withoutDefaults(value, defaults) {
    return Object.fromEntries(Object.entries(value).filter(([key, child]) => defaults[key] !== child));
}
function byKey(key) {
    return (a, b) => key(a).localeCompare(key(b));
}
function normalizeContainer(container, awsvpc) {
    const result = withoutDefaults(container, CONTAINER_DEFAULTS);
    for (const list of ['environment', 'secrets']) {
        if (Array.isArray(result[list]))
            result[list] = [...result[list]].sort(byKey((item) => String(item.name)));
    }
    if (Array.isArray(result.portMappings)) {
        result.portMappings = result.portMappings
            .map((mapping) => {
            const normalized = { protocol: 'tcp', ...mapping };
            if (awsvpc && normalized.hostPort === undefined)
                normalized.hostPort = normalized.containerPort;
            return normalized;
        })
            .sort(byKey((m) => `${String(m.containerPort).padStart(6, '0')}/${m.protocol}/${m.name ?? ''}`));
    }
    return result;
}
/** A comparable form of a task definition (request or describe output) and its tags. */
function canonical(definition, tags) {
    // Both sides get the cleaning the file gets, so a value ECS stores empty compares as absent.
    const pruned = ((0,load/* dropEmpty */.nV)(definition) ?? {});
    for (const field of [...load/* OUTPUT_ONLY_FIELDS */.d8, 'tags'])
        delete pruned[field];
    const task = withoutDefaults(pruned, TASK_DEFAULTS);
    const awsvpc = task.networkMode === 'awsvpc';
    if (Array.isArray(task.containerDefinitions)) {
        task.containerDefinitions = task.containerDefinitions.map((c) => normalizeContainer(c, awsvpc));
    }
    const sortedTags = [...(tags ?? [])].sort(byKey((tag) => String(tag.key)));
    return sortKeys({ task, tags: sortedTags });
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if ((0,load/* isObject */.Gv)(value)) {
        return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
    }
    return value;
}
function sameTaskDefinition(request, registered, tags) {
    const wanted = canonical(request, request.tags);
    const existing = canonical(registered, tags);
    return JSON.stringify(wanted) === JSON.stringify(existing);
}

;// CONCATENATED MODULE: ./src/task-definition/register.ts
/**
 * Registered revisions: look one up (and vet a revision a user named), register a new one,
 * or reuse the service's current one when it is identical (skip-unchanged).
 */




/**
 * A registered revision. With `inputName` it is one a user named to deploy ('task-definition-arn',
 * 'rollback-to'): it must exist and be ACTIVE, and a failure is reported against that input.
 * `tags` adds the revision's tags (skip-unchanged compares them).
 */
async function describeTaskDefinition(ecs, taskDefinition, options = {}) {
    const { inputName } = options;
    let answer;
    try {
        answer = await ecs.send(new dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition, ...(options.tags && { include: ['TAGS'] }) }));
    }
    catch (error) {
        if (inputName && (0,aws_errors/* awsErrorName */.ZH)(error) === 'ClientException') {
            throw new errors/* ActionError */.lZ(`Invalid input '${inputName}': '${taskDefinition}' is not a registered task definition revision (DescribeTaskDefinition said: ${(0,errors/* errorMessage */.gJ)(error)}). Expected 'family:revision' or a task definition ARN that exists in this account and region.`);
        }
        throw (0,aws_errors/* awsFailure */.MT)(`describe the task definition '${taskDefinition}'`, error);
    }
    const found = answer.taskDefinition;
    if (!found?.taskDefinitionArn)
        throw new errors/* ActionError */.lZ(`DescribeTaskDefinition returned no task definition for '${taskDefinition}'.`);
    if (inputName && found.status && found.status !== 'ACTIVE') {
        throw new errors/* ActionError */.lZ(`Invalid input '${inputName}': '${taskDefinition}' is ${found.status}, and ECS cannot deploy an inactive revision. Register it again, or name an ACTIVE revision.`);
    }
    return { taskDefinition: found, tags: answer.tags ?? [] };
}
async function registerTaskDefinition(ecs, request) {
    try {
        const answer = await ecs.send(new dist_cjs/* RegisterTaskDefinitionCommand */.$Hl(request));
        return answer.taskDefinition.taskDefinitionArn;
    }
    catch (error) {
        const message = (0,errors/* errorMessage */.gJ)(error);
        const hint = /PassRole|Role is not valid/i.test(message) ? aws_errors/* PASS_ROLE_HINT */.XY : undefined;
        throw (0,aws_errors/* awsFailure */.MT)(`register a new revision of the task definition family '${request.family}'`, error, hint);
    }
}
/**
 * The service's current revision when it equals `request` (so no duplicate is registered),
 * otherwise undefined.
 */
async function reusableRevision(ecs, request, current) {
    if (!current)
        return undefined;
    const { taskDefinition, tags } = await describeTaskDefinition(ecs, current, { tags: true });
    if (taskDefinition.family !== request.family)
        return undefined;
    return sameTaskDefinition(request, taskDefinition, tags) ? taskDefinition.taskDefinitionArn : undefined;
}


/***/ }),

/***/ 4262:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ WatchStopped)
/* harmony export */ });
/**
 * The abort reason with which a release stops watching one of its services (another one failed):
 * not a cancellation, so the watch ends without the cancel's last look and wording, and the
 * release then rolls the service back by the state it finds. A module of its own, so the release's
 * first phase can name it without loading the watch.
 */
class WatchStopped extends Error {
}


/***/ })

};
