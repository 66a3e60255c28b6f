export const id = 966;
export const ids = [966,834];
export const modules = {

/***/ 1966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployMode: () => (/* binding */ deployMode)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/context.ts
var src_context = __webpack_require__(788);
// EXTERNAL MODULE: ./src/service/describe.ts
var describe = __webpack_require__(8122);
// EXTERNAL MODULE: ./src/task-definition/load.ts + 2 modules
var load = __webpack_require__(9196);
// EXTERNAL MODULE: ./src/task-definition/register.ts + 1 modules
var register = __webpack_require__(8043);
// EXTERNAL MODULE: ./src/watch/judge.ts
var judge = __webpack_require__(6852);
// EXTERNAL MODULE: ./src/release/fail.ts
var fail = __webpack_require__(809);
// EXTERNAL MODULE: ./src/release/files.ts
var files = __webpack_require__(3834);
;// CONCATENATED MODULE: ./src/release/limit.ts
/** At most `count` calls in flight at once; the others wait their turn, in order. */
function limiter(count) {
    let running = 0;
    const waiting = [];
    return async (fn) => {
        if (running < count)
            running += 1;
        // A call that ends hands its slot to the next in line, so no newcomer can slip in between.
        else
            await new Promise((resolve) => waiting.push(resolve));
        try {
            return await fn();
        }
        finally {
            const next = waiting.shift();
            if (next)
                next();
            else
                running -= 1;
        }
    };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
;// CONCATENATED MODULE: ./src/release/shared-poll.ts
/**
 * One poll for the whole release. Each service's watch reads DescribeServices (its service) and
 * DescribeServiceDeployments (its service deployment) through its own client from here; the reads
 * the services make in one round are sent together, as one request of each kind (at most 10
 * services and 20 ARNs, the APIs' limits), and each watch gets the answer it would have had
 * alone. So watching N services costs about one request per poll, not N. A round is sent once
 * every service that polls has asked, or one poll interval after the first ask, so a service
 * that stopped polling (a smoke check, its verdict) holds the others up at most once.
 */

/** DescribeServices: "You may specify up to 10 services"; DescribeServiceDeployments: "a maximum of 20 ARNs" (ECS API reference). */
const MAX_SERVICES_PER_REQUEST = 10;
const MAX_ARNS_PER_REQUEST = 20;
function failureFor(failures, key) {
    return (failures ?? []).filter((failure) => failure.arn === key || failure.arn?.endsWith(`/${key}`));
}
function chunks(items, size) {
    const result = [];
    for (let at = 0; at < items.length; at += size)
        result.push(items.slice(at, at + size));
    return result;
}
class SharedPoll {
    ecs;
    options;
    waiting = [];
    /** Services that poll: at first all, then those that asked within a poll interval. */
    polling;
    window;
    constructor(ecs, options) {
        this.ecs = ecs;
        this.options = options;
        this.polling = new Set(options.members);
    }
    /** The client a member's watch polls through; every other request goes straight to ECS. */
    clientFor(member) {
        const send = ((command, sendOptions) => {
            const ask = this.askOf(command);
            if (!ask || this.options.cancel.aborted)
                return this.ecs.send(command, sendOptions);
            return this.enqueue(member, ask.kind, ask.key, sendOptions?.abortSignal);
        });
        return Object.assign(Object.create(this.ecs), { send });
    }
    /** The member stopped polling (its watch ended): the next round does not wait for it. */
    leave(member) {
        this.polling.delete(member);
        if (this.waiting.length > 0 && this.everyoneAsked())
            void this.round();
    }
    askOf(command) {
        if (command instanceof dist_cjs/* DescribeServicesCommand */.H7c) {
            const { cluster, services, include } = command.input;
            if (services?.length === 1 && !include?.length && cluster === this.options.cluster)
                return { kind: 'service', key: services[0] };
        }
        if (command instanceof dist_cjs/* DescribeServiceDeploymentsCommand */.A6p) {
            const arns = command.input.serviceDeploymentArns;
            if (arns?.length === 1)
                return { kind: 'deployment', key: arns[0] };
        }
        return undefined;
    }
    enqueue(member, kind, key, signal) {
        return new Promise((resolve, reject) => {
            if (signal?.aborted)
                return reject(signal.reason);
            const ask = { member, kind, key, resolve, reject };
            const drop = () => {
                this.waiting = this.waiting.filter((other) => other !== ask);
                // Nobody left waiting: no round to time, and no timer to keep the process alive.
                if (this.waiting.length === 0)
                    this.closeWindow();
                reject(signal?.reason);
            };
            signal?.addEventListener('abort', drop, { once: true });
            ask.resolve = (answer) => {
                signal?.removeEventListener('abort', drop);
                resolve(answer);
            };
            ask.reject = (error) => {
                signal?.removeEventListener('abort', drop);
                reject(error);
            };
            this.polling.add(member);
            this.waiting.push(ask);
            if (this.everyoneAsked())
                void this.round();
            else if (!this.window)
                this.openWindow();
        });
    }
    everyoneAsked() {
        return [...this.polling].every((member) => this.waiting.some((ask) => ask.member === member));
    }
    closeWindow() {
        this.window?.abort();
        this.window = undefined;
    }
    openWindow() {
        const window = new AbortController();
        this.window = window;
        void this.options.clock.sleep(this.options.windowMs, window.signal).then(() => {
            if (window.signal.aborted)
                return;
            // Whoever did not ask within a poll interval is not polling now; it rejoins when it asks again.
            for (const member of [...this.polling])
                if (!this.waiting.some((ask) => ask.member === member))
                    this.polling.delete(member);
            void this.round();
        });
    }
    /** Sends the round's reads, one request per kind (per 10 services, per 20 ARNs), and answers each ask. */
    async round() {
        this.closeWindow();
        const asks = this.waiting;
        this.waiting = [];
        const services = asks.filter((ask) => ask.kind === 'service');
        const deployments = asks.filter((ask) => ask.kind === 'deployment');
        await Promise.all([
            ...chunks([...new Set(services.map((ask) => ask.key))], MAX_SERVICES_PER_REQUEST).map((keys) => this.describeServices(keys, services)),
            ...chunks([...new Set(deployments.map((ask) => ask.key))], MAX_ARNS_PER_REQUEST).map((keys) => this.describeDeployments(keys, deployments)),
        ]);
    }
    async describeServices(keys, asks) {
        const mine = asks.filter((ask) => keys.includes(ask.key));
        let answer;
        try {
            answer = await this.ecs.send(new dist_cjs/* DescribeServicesCommand */.H7c({ cluster: this.options.cluster, services: keys }));
        }
        catch (error) {
            for (const ask of mine)
                ask.reject(error);
            return;
        }
        for (const ask of mine) {
            const found = answer.services?.find((service) => service.serviceName === ask.key || service.serviceArn === ask.key);
            ask.resolve({ $metadata: answer.$metadata, services: found ? [found] : [], failures: failureFor(answer.failures, ask.key) });
        }
    }
    async describeDeployments(keys, asks) {
        const mine = asks.filter((ask) => keys.includes(ask.key));
        let answer;
        try {
            answer = await this.ecs.send(new dist_cjs/* DescribeServiceDeploymentsCommand */.A6p({ serviceDeploymentArns: keys }));
        }
        catch (error) {
            for (const ask of mine)
                ask.reject(error);
            return;
        }
        for (const ask of mine) {
            const found = answer.serviceDeployments?.find((sd) => sd.serviceDeploymentArn === ask.key);
            if (found)
                this.options.onServiceDeployment?.(ask.member, found);
            ask.resolve({ $metadata: answer.$metadata, serviceDeployments: found ? [found] : [], failures: failureFor(answer.failures, ask.key) });
        }
    }
}

;// CONCATENATED MODULE: ./src/release/open.ts
/**
 * The start of a release: every service described (and refused when it cannot be deployed)
 * before anything is written, what each ran recorded for its rollback, each service's revision
 * to deploy prepared (its file, or its current revision with 'container-images' applied), and
 * each service given its own view of the run.
 */










function memberReport(context, service) {
    return { mode: 'deploy', region: context.report.region, cluster: context.inputs.cluster, service, result: 'failed', sentence: '', timeline: [], events: [], explanation: [] };
}
/** The service's current revision with 'container-images' applied and 'task-definition-tags' added, as a request to register. */
async function currentRevision(context, current) {
    const { taskDefinition, tags } = await (0,register/* describeTaskDefinition */.oh)((0,src_context/* patientEcs */.xH)(context), current.taskDefinition, { tags: true });
    const source = `the current revision of service '${current.serviceName}' (${current.taskDefinition})`;
    const images = (0,files.imagesFor)((0,files.containerNames)(taskDefinition), context.inputs.containerImages);
    const extra = context.inputs.taskDefinitionTags.map(({ key, value }) => ({ key, value }));
    return (0,load/* prepareTaskDefinition */.Ww)({ taskDefinition, tags }, source, images, extra);
}
function hooks(release, member, limit) {
    const { clients } = release.context;
    return {
        update: (send) => limit(async () => {
            // Waiting for a turn to update, the service may have been stopped by another's failure.
            if (member.stop.signal.aborted)
                throw member.stop.signal.reason;
            member.updateSent = true;
            return send();
        }),
        failing: (why) => (0,fail/* failRelease */.YO)(release, member, why),
        pollEcs: release.poll ? release.poll.clientFor(member.spec.name) : clients.ecs,
    };
}
function addMember(release, index, current, limit) {
    const { context } = release;
    const spec = context.inputs.release.services[index];
    const single = context.inputs.release.services.length === 1;
    const stop = new AbortController();
    const report = single ? context.report : memberReport(context, spec.name);
    // A one-item 'services' list is a single-service run: the run's report names its service.
    report.service = spec.name;
    const member = { spec, current, stop, updateSent: false, settled: false, context };
    member.context = {
        ...context,
        inputs: { ...context.inputs, service: spec.name, smoke: spec.smoke, taskDefinitionInput: spec.taskDefinitionInput, taskDefinitionPath: spec.taskDefinitionPath },
        report,
        signal: AbortSignal.any([context.signal, stop.signal]),
    };
    member.context.member = hooks(release, member, limit);
    report.previousTaskDefinitionArn = current.taskDefinition;
    report.previousCompleted = (0,judge/* deploymentCompleted */.t5)(current);
    return member;
}
/** Describes every service and prepares the release; with no service (register only), a release of none. */
async function openRelease(context) {
    const { inputs, clients, clock, signal } = context;
    const specs = inputs.release.services;
    const release = { context, members: [] };
    if (specs.length > 1) {
        release.poll = new SharedPoll(clients.ecs, {
            cluster: inputs.cluster,
            members: specs.map((spec) => spec.name),
            clock,
            windowMs: inputs.pollIntervalSeconds * 1000,
            cancel: signal,
            onServiceDeployment: (name, sd) => watchedFailing(release, name, sd),
        });
    }
    const current = await Promise.all(specs.map((spec) => (0,describe/* serviceToDeploy */.Au)((0,src_context/* patientEcs */.xH)(context), inputs.cluster, spec.name, clients.region)));
    const limit = limiter(inputs.release.maxParallelUpdates);
    release.members = current.map((service, index) => addMember(release, index, service, limit));
    for (const member of release.members) {
        (0,describe/* logService */.C_)(member.current);
        const path = member.spec.taskDefinitionPath;
        member.prepared = !inputs.release.listed ? context.prepared : path ? context.files.get(path) : await currentRevision(context, member.current);
    }
    if (inputs.release.listed) {
        const prepared = release.members.map((member) => ({ service: member.spec.name, source: member.spec.taskDefinitionInput ? `'${member.spec.taskDefinitionInput}'` : `its current revision ${member.current.taskDefinition}`, prepared: member.prepared }));
        (0,files.checkOneDefinitionPerFamily)(prepared);
        (0,files.checkImagesUsed)(inputs.containerImages, prepared.flatMap(({ prepared: one }) => (one.request.containerDefinitions ?? []).map((c) => c.name ?? '')));
        core/* info */.pq(`The release: ${release.members.map((member) => `${member.spec.name} (${member.prepared.request.family})`).join(', ')} in cluster '${inputs.cluster}'.`);
    }
    return release;
}
/**
 * What the shared poll saw of a service's own deployment: a rollback under way, or a breaker or
 * alarm that triggered, fails the release at once, before that service's watch has followed its
 * rollback to the end.
 */
function watchedFailing(release, name, sd) {
    const member = release.members.find((one) => one.spec.name === name);
    // A service the release stopped, or rolls back itself, is not failing on its own.
    if (!member || member.settled || member.context.signal.aborted || member.releaseRollback)
        return;
    const failing = (0,judge/* isRollbackStatus */.$O)(sd.status) || sd.deploymentCircuitBreaker?.status === 'TRIGGERED' || sd.alarms?.status === 'TRIGGERED';
    if (failing)
        (0,fail/* failRelease */.YO)(release, member, `its deployment is failing (${sd.status}${sd.statusReason ? `: ${sd.statusReason}` : ''})`);
}

;// CONCATENATED MODULE: ./src/modes/deploy.ts

async function deployMode(context) {
    const runStartedAt = context.clock.now();
    const release = await openRelease(context);
    await (await Promise.all(/* import() */[__webpack_require__.e(527), __webpack_require__.e(142)]).then(__webpack_require__.bind(__webpack_require__, 6142))).deployOpenedRelease(context, release, runStartedAt);
}


/***/ }),

/***/ 809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qx: () => (/* binding */ stoppedByRelease),
/* harmony export */   YO: () => (/* binding */ failRelease),
/* harmony export */   lP: () => (/* binding */ startRollback)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var _watch_stopped_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4262);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1295);
/**
 * One verdict, all or nothing: the first failure of a service fails the release, and (with
 * rollback-on-failure and rollback-scope 'all') every other service is stopped where it is and
 * put back by its state. A service that failed itself rolls back on its own, as a single one does.
 */



/** Whether the release stopped this service (another one failed) before its own phases ended. */
function stoppedByRelease(member) {
    return member.stop.signal.reason instanceof _watch_stopped_js__WEBPACK_IMPORTED_MODULE_2__/* .WatchStopped */ .F;
}
/** Starts the release's rollback of a service once, after its own phases have ended. */
function startRollback(release, member) {
    // Loaded here: only a release with a failure rolls its other services back.
    const rollBack = async () => (await Promise.all(/* import() */[__webpack_require__.e(527), __webpack_require__.e(614)]).then(__webpack_require__.bind(__webpack_require__, 4614))).rollBackMember(release, member);
    member.releaseRollback ??= (0,_log_js__WEBPACK_IMPORTED_MODULE_1__/* .asService */ .S8)(member.spec.name, rollBack).then((ended) => (member.rolledBack = ended));
}
/** `member` failed on its own (its deployment or a check), for the reason `why`. */
function failRelease(release, member, why) {
    if (stoppedByRelease(member))
        return;
    member.failed ??= why;
    if (release.failure !== undefined)
        return;
    release.failure = { service: member.spec.name, why };
    const { inputs, signal } = release.context;
    if (release.members.length === 1 || signal.aborted)
        return;
    if (!inputs.rollbackOnFailure || inputs.release.rollbackScope === 'failed') {
        const why = inputs.rollbackOnFailure ? "rollback-scope is 'failed'" : "rollback-on-failure is 'false'";
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${member.spec.name} failed, so the release fails; the other services are not rolled back (${why}).`);
        return;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${member.spec.name} failed (${why}): the release fails, and every other service of it goes back to the revision it ran before.`);
    for (const other of release.members) {
        if (other === member || other.failed !== undefined)
            continue;
        if (other.settled)
            startRollback(release, other);
        else
            other.stop.abort(new _watch_stopped_js__WEBPACK_IMPORTED_MODULE_2__/* .WatchStopped */ .F(`${member.spec.name} failed, so the release rolls every service back`));
    }
}


/***/ }),

/***/ 3834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkImagesUsed: () => (/* binding */ checkImagesUsed),
/* harmony export */   checkOneDefinitionPerFamily: () => (/* binding */ checkOneDefinitionPerFamily),
/* harmony export */   containerNames: () => (/* binding */ containerNames),
/* harmony export */   imagesFor: () => (/* binding */ imagesFor),
/* harmony export */   loadReleaseFiles: () => (/* binding */ loadReleaseFiles)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9196);
/**
 * The task definitions of a release of several services, checked before any AWS call: each
 * item's file (read, parsed and checked like 'task-definition'), with the 'container-images' that
 * name its containers. A family gets one revision per release, so two files of one family must
 * agree.
 */




/** The containers a parsed file or described revision names (bare, or wrapped as describe-task-definition prints it). */
function containerNames(parsed) {
    const definition = (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(parsed) && (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(parsed.taskDefinition) ? parsed.taskDefinition : parsed;
    const containers = (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(definition) && Array.isArray(definition.containerDefinitions) ? definition.containerDefinitions : [];
    return containers.flatMap((container) => ((0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .Gv)(container) && typeof container.name === 'string' ? [container.name] : []));
}
/** The 'container-images' lines that name a container of this definition: in a release, one image may serve some services only. */
function imagesFor(names, images) {
    return images.filter((image) => names.includes(image.container));
}
/** Every 'container-images' line must name a container of some task definition of the release. */
function checkImagesUsed(images, names) {
    const unused = images.find((image) => !names.includes(image.container));
    if (unused) {
        const known = [...new Set(names)].map((name) => `'${name}'`).join(', ') || 'none';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('container-images', unused.container, `a container of a task definition of the release (${known})`);
    }
}
/** A family gets one revision per release: services of one family must ask for the same definition. */
function checkOneDefinitionPerFamily(definitions) {
    for (const [index, one] of definitions.entries()) {
        const other = definitions.slice(0, index).find((earlier) => earlier.prepared.request.family === one.prepared.request.family);
        if (other && !(0,node_util__WEBPACK_IMPORTED_MODULE_1__.isDeepStrictEqual)(other.prepared.request, one.prepared.request)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`Invalid input 'services': services '${other.service}' and '${one.service}' give different task definitions of family '${one.prepared.request.family}' (${other.source}, ${one.source}). Expected the same definition for services that share a family: a release registers one revision per family.`);
        }
    }
}
/** Reads and checks each item's file once (items may share a file); undefined for the single-service inputs. */
async function loadReleaseFiles(inputs) {
    if (!inputs.release.listed)
        return undefined;
    const files = new Map();
    const definitions = [];
    const names = [];
    const tags = inputs.taskDefinitionTags.map(({ key, value }) => ({ key, value }));
    for (const spec of inputs.release.services) {
        if (!spec.taskDefinitionPath)
            continue;
        if (!files.has(spec.taskDefinitionPath)) {
            const { text, shown } = await (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .readTaskDefinitionFile */ .BD)(spec.taskDefinitionInput, spec.taskDefinitionPath);
            const parsed = await (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .parseTaskDefinitionText */ .$6)(text, shown);
            const own = containerNames(parsed);
            names.push(...own);
            const prepared = (0,_task_definition_load_js__WEBPACK_IMPORTED_MODULE_3__/* .prepareTaskDefinition */ .Ww)(parsed, shown, imagesFor(own, inputs.containerImages), tags);
            if (prepared.dropped.length > 0)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`${shown}: dropped fields that only describe-task-definition returns: ${prepared.dropped.join(', ')}.`);
            files.set(spec.taskDefinitionPath, prepared);
        }
        definitions.push({ service: spec.name, source: `'${spec.taskDefinitionInput}'`, prepared: files.get(spec.taskDefinitionPath) });
    }
    checkOneDefinitionPerFamily(definitions);
    // Items without a file take their service's current revision: their containers are known only after DescribeServices.
    if (inputs.release.services.every((spec) => spec.taskDefinitionPath))
        checkImagesUsed(inputs.containerImages, names);
    return files;
}


/***/ }),

/***/ 1295:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S8: () => (/* binding */ asService),
/* harmony export */   wW: () => (/* binding */ labelled)
/* harmony export */ });
/* unused harmony export labelOutput */
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6698);
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_async_hooks__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The job log of several services deployed at once: every line a service's phases print starts
 * with `[service]`, so interleaved lines stay readable. Groups cannot interleave, so a service's
 * `::group::` becomes a plain heading line and its `::endgroup::` is dropped; a message command
 * (`::error::`, `::warning::`, `::notice::`) keeps its command and gets the name in its message;
 * every other command (`::add-mask::`, `::stop-commands::` and its end token) is left untouched.
 */

const current = new node_async_hooks__WEBPACK_IMPORTED_MODULE_0__.AsyncLocalStorage();
const MESSAGE = /^(::(?:error|warning|notice)(?: [^:]*)?::)(.*)$/s;
function prefixed(line, name) {
    if (line === '')
        return line;
    if (line.startsWith('::group::'))
        return `[${name}] ▸ ${line.slice('::group::'.length)}`;
    if (line.startsWith('::endgroup::'))
        return undefined;
    const message = MESSAGE.exec(line);
    if (message)
        return `${message[1]}[${name}] ${message[2]}`;
    if (line.startsWith('::'))
        return line;
    return `[${name}] ${line}`;
}
/** What one write of the action's output becomes inside a service's phases. */
function labelOutput(text, name) {
    return text
        .split('\n')
        .map((line) => prefixed(line, name))
        .filter((line) => line !== undefined)
        .join('\n');
}
/**
 * Runs `during` (the services' phases) with stdout wrapped once: a write made inside a service's
 * phases (asService) is labelled with its name, any other passes as it is.
 */
async function labelled(during) {
    const write = process.stdout.write.bind(process.stdout);
    const label = (chunk, ...rest) => {
        const name = current.getStore();
        return write(name !== undefined && typeof chunk === 'string' ? labelOutput(chunk, name) : chunk, ...rest);
    };
    process.stdout.write = label;
    try {
        return await during();
    }
    finally {
        process.stdout.write = write;
    }
}
/** Runs one service's phases with its name on their lines. */
function asService(name, fn) {
    return current.run(name, fn);
}


/***/ })

};
