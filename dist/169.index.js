export const id = 169;
export const ids = [169];
export const modules = {

/***/ 7535:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Np: () => (/* binding */ digestEntries),
/* harmony export */   U1: () => (/* binding */ digestSection),
/* harmony export */   ZT: () => (/* binding */ digestsOutput)
/* harmony export */ });
/** One entry per container, as the output `image-digests` (and each entry of `services-result`) carries it. */
function digestEntries(outcome) {
    return outcome.containers.map((c) => ({
        container: c.container,
        image: c.image,
        expectedDigest: c.expected ?? null,
        expectedFrom: c.source,
        platformDigests: c.platforms,
        resolvedDigest: c.resolved ?? null,
        taskDigests: c.tasks,
        verdict: c.verdict,
        note: c.note,
    }));
}
/** The output `image-digests`: the entries as JSON. */
function digestsOutput(outcome) {
    return JSON.stringify(digestEntries(outcome));
}
const VERDICT = {
    match: '✅ match',
    mismatch: '❌ another image',
    skipped: 'ℹ️ not checked',
    unverified: '⚠️ not verified',
};
/** Digests and image names hold no Markdown, but a backtick or a bar would break the table: such text is escaped instead. */
function code(text, escape) {
    return /[`|\n]/.test(text) ? escape(text) : `\`${text}\``;
}
function heading(outcome) {
    if (outcome.error)
        return '### ❌ Image digests: the check could not run';
    if (!outcome.passed)
        return '### ❌ Image digests: a container runs another image than the one registered';
    return '### Image digests';
}
/** The summary's section: where it was checked, a row per container, the notes, and the rollback after a mismatch. */
function digestSection(outcome, escape) {
    const where = outcome.stage === 'pause' ? 'in the green tasks at the PAUSE hook, before the action answered it' : 'after the deployment completed';
    const rows = outcome.containers.map((c) => {
        const expected = c.expected ? `${code(c.expected, escape)}${c.platforms.length > 0 ? ` (image index; its ${c.platforms.length} platform image(s) match too)` : ''}` : '';
        // The recorded digest again reads "same", so a differing one stands out.
        const show = (digest) => (digest === c.expected ? 'same' : code(digest, escape));
        const tasks = c.tasks.map(show).join(', ');
        return `| ${code(c.container, escape)} | ${code(c.image, escape)} | ${expected} | ${c.resolved ? show(c.resolved) : ''} | ${tasks} | ${VERDICT[c.verdict]} |`;
    });
    const table = ['| Container | Image | Recorded digest | ECS resolved | Tasks run | Verdict |', '|---|---|---|---|---|---|', ...rows].join('\n');
    const notes = outcome.containers.map((c) => `- ${escape(c.container)}: ${escape(c.note)}`).join('\n');
    const rollback = outcome.rollback
        ? `#### Rollback after the image digest check\n\n${outcome.rollback.verdict === 'deployed' ? '✅' : '❌'} ${escape(outcome.rollback.sentence)}`
        : undefined;
    return [
        heading(outcome),
        `Checked ${where}, ${outcome.tasksChecked} RUNNING task(s) of the revision read.`,
        ...(outcome.error ? [`❌ ${escape(outcome.error)}`] : []),
        ...(rows.length > 0 ? [table, notes] : []),
        ...(rollback ? [rollback] : []),
    ].join('\n\n');
}


/***/ }),

/***/ 1169:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  failureMessage: () => (/* binding */ failureMessage),
  setOutputs: () => (/* binding */ setOutputs)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/digests/report.ts
var digests_report = __webpack_require__(7535);
;// CONCATENATED MODULE: ./src/schedules/output.ts
function scheduledTasksOutput(report) {
    return report.tasks.map((task) => ({
        kind: task.kind,
        name: task.name,
        ...(task.kind === 'rule' ? { eventBus: task.scope, targetId: task.targetId } : { group: task.scope }),
        family: task.family,
        pin: task.pin,
        from: task.from,
        to: task.to,
        moved: task.moved,
        note: task.note,
    }));
}

// EXTERNAL MODULE: ./src/report/release.ts
var release = __webpack_require__(1383);
;// CONCATENATED MODULE: ./src/report/outputs.ts
/** The step's outputs and its failure message, from the run's report. */




function setOutputs(report) {
    const outputs = {
        result: report.result,
        'task-definition-arn': report.taskDefinitionArn,
        'previous-task-definition-arn': report.previousTaskDefinitionArn,
        registered: report.registered === undefined ? undefined : String(report.registered),
        'service-deployment-arn': report.serviceDeploymentArn,
        'rolled-back-to': report.rolledBackTo,
        'deploy-timings': report.timings && JSON.stringify(report.timings),
    };
    const services = (0,release/* serviceResults */.C)(report);
    if (services)
        outputs['services-result'] = JSON.stringify(services);
    if (report.runTask) {
        outputs['run-task-arn'] = report.runTask.taskArn;
        outputs['run-task-exit-code'] = report.runTask.exitCode === undefined ? '' : String(report.runTask.exitCode);
    }
    if (report.digests)
        outputs['image-digests'] = (0,digests_report/* digestsOutput */.ZT)(report.digests);
    const smoke = report.smoke;
    if (smoke && smoke.tasks.length > 0) {
        // The task that decided: a failed run first, then any run at all; an unreachable task has no run to show.
        const ran = smoke.tasks.filter((task) => !task.unreachable);
        const shown = ran.find((task) => !task.passed) ?? ran.at(-1) ?? smoke.tasks[smoke.tasks.length - 1];
        outputs['smoke-exit-code'] = shown.exitCode === undefined ? '' : String(shown.exitCode);
        outputs['smoke-output'] = shown.output;
    }
    if (report.scheduledTasks)
        outputs['scheduled-tasks'] = JSON.stringify(scheduledTasksOutput(report.scheduledTasks));
    for (const [name, value] of Object.entries(outputs)) {
        if (value !== undefined)
            core/* setOutput */.uH(name, value);
    }
}
/** Phrases with which a sentence already says what the service runs. */
const SAYS_WHAT_RUNS = [/The service runs /, /The service is moving to /, /, which (the service|it) runs now/];
/** The report's sentence, with what the service runs when the sentence does not already say it. */
function failureMessage(report) {
    const running = report.runningTaskDefinition;
    const sentence = report.sentence || `The run ended '${report.result}'.`;
    const told = sentence.includes(running ?? '\u0000') || SAYS_WHAT_RUNS.some((phrase) => phrase.test(sentence));
    return running && !told ? `${sentence} The service runs ${running}.` : sentence;
}


/***/ }),

/***/ 1383:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ serviceResults),
/* harmony export */   P: () => (/* binding */ releaseRows)
/* harmony export */ });
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1626);
/* harmony import */ var _digests_report_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7535);
/**
 * The per-service part of a deploy's outputs and job summary: the `services-result` output (one
 * JSON entry per service, for one service too) and, for a release of several, a row per service
 * right under the verdict.
 */


function smokeResult(smoke) {
    if (!smoke)
        return undefined;
    const decided = smoke.tasks.find((task) => !task.passed) ?? smoke.tasks.at(-1);
    return { passed: smoke.passed, ...(decided?.exitCode !== undefined && { exitCode: decided.exitCode }), ...(smoke.error && { error: smoke.error }), ...(smoke.cancelled && { cancelled: true }) };
}
function entry(one) {
    const { report } = one;
    const byRelease = one.byRelease?.ended === 'rolled-back';
    return {
        service: report.service,
        result: one.updated ? report.result : 'not-updated',
        sentence: report.sentence,
        taskDefinitionArn: report.taskDefinitionArn,
        previousTaskDefinitionArn: report.previousTaskDefinitionArn,
        registered: report.registered,
        serviceDeploymentArn: report.serviceDeploymentArn,
        rolledBackTo: report.rolledBackTo,
        runningTaskDefinition: report.runningTaskDefinition,
        rolledBackBecause: byRelease ? 'release' : report.rolledBackTo ? 'itself' : undefined,
        smoke: smokeResult(report.smoke),
        digests: report.digests && (0,_digests_report_js__WEBPACK_IMPORTED_MODULE_0__/* .digestEntries */ .Np)(report.digests),
    };
}
/** The `services-result` output: the release's services (one, with the single-service inputs). */
function serviceResults(report) {
    return report.services?.map(entry);
}
function status(one) {
    const { report } = one;
    if (!one.updated)
        return '⏸️ not updated';
    if (one.byRelease?.ended === 'rolled-back')
        return '↩️ rolled back by the release';
    if (report.result === 'deployed' || report.result === 'started')
        return `✅ ${report.result}`;
    if (report.result === 'rolled-back' || report.result === 'smoke-failed-rolled-back')
        return `❌ ${report.result}`;
    return `${report.result === 'superseded' ? '⚠️' : '❌'} ${report.result}`;
}
function checks(report) {
    if (!report.smoke)
        return '';
    const decided = smokeResult(report.smoke);
    if (decided.passed)
        return '✅ smoke check passed';
    if (report.smoke.cancelled)
        return '⏹️ smoke check stopped before its verdict';
    return `❌ smoke check ${decided.error ? 'could not run' : `failed${decided.exitCode === undefined ? '' : ` (exit status ${decided.exitCode})`}`}`;
}
/**
 * A row per service of a release of several: its verdict, the revision deployed, what it runs
 * now, its checks and its deployment in the console; then each service's sentence.
 */
function releaseRows(report, markdown) {
    if (!report.services || report.services.length < 2)
        return undefined;
    const { code, escape, link } = markdown;
    const rows = report.services.map((one) => {
        const own = one.report;
        return `| ${code(own.service)} | ${status(one)} | ${own.taskDefinitionArn ? code((0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_1__/* .shortRevision */ .w)(own.taskDefinitionArn)) : ''} | ${code((0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_1__/* .shortRevision */ .w)(own.runningTaskDefinition))} | ${checks(own)} | ${link(own)} |`;
    });
    const sentences = report.services.map((one) => `- **${escape(one.report.service)}**: ${escape(one.report.sentence)}`);
    return [
        ['| Service | Result | Revision deployed | Runs now | Checks | Deployment |', '|---|---|---|---|---|---|', ...rows].join('\n'),
        sentences.join('\n'),
    ].join('\n\n');
}


/***/ })

};
