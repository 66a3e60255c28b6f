export const id = 775;
export const ids = [775];
export const modules = {

/***/ 3091:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runTaskMode: () => (/* binding */ runTaskMode)
/* harmony export */ });
/* harmony import */ var _release_task_phase_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3706);
/* harmony import */ var _service_describe_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8122);
/* harmony import */ var _deploy_phases_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6142);



async function runTaskMode(context) {
    const { inputs, clients, report } = context;
    let service;
    if (inputs.service) {
        service = await (0,_service_describe_js__WEBPACK_IMPORTED_MODULE_1__/* .serviceToDeploy */ .Au)(clients.ecs, inputs.cluster, inputs.service, clients.region);
        (0,_service_describe_js__WEBPACK_IMPORTED_MODULE_1__/* .logService */ .C_)(service);
    }
    if (context.prepared || inputs.taskDefinitionArn) {
        await (0,_deploy_phases_js__WEBPACK_IMPORTED_MODULE_2__.revisionToDeploy)(context, context.prepared, service);
    }
    else {
        report.taskDefinitionArn = service.taskDefinition;
        report.registered = false;
    }
    const passed = await (0,_release_task_phase_js__WEBPACK_IMPORTED_MODULE_0__/* .releaseTask */ .F)(context, report.taskDefinitionArn, service, 'nothing else was changed');
    if (!passed)
        return;
    report.result = inputs.runTask.waitForStop ? 'run-task-succeeded' : 'started';
    report.sentence = `The release task ${report.runTask?.taskArn?.split('/').pop()} of ${report.taskDefinitionArn?.split('/').pop()} ${inputs.runTask.waitForStop ? 'succeeded' : 'started'}${inputs.service ? ` where ${(0,_service_describe_js__WEBPACK_IMPORTED_MODULE_1__/* .where */ ._M)(inputs.cluster, inputs.service)} runs` : ''}: ${report.runTask?.reason}.`;
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
