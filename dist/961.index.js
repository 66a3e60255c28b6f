export const id = 961;
export const ids = [961];
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

/***/ 2471:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S$: () => (/* binding */ fixLine),
/* harmony export */   il: () => (/* binding */ splitExplanation),
/* harmony export */   mC: () => (/* binding */ LOGS_UNAVAILABLE_PREFIX),
/* harmony export */   sQ: () => (/* binding */ logExcerpt)
/* harmony export */ });
/* unused harmony exports FIX_PREFIX, LOG_HEADER_PREFIX, LOG_LINE_PREFIX */
/**
 * The lines of an explanation that carry a fix or a log excerpt, written by the watch and the
 * release task and picked out by the job summary, which puts them first.
 */
const FIX_PREFIX = '  fix: ';
const LOG_HEADER_PREFIX = '  last log lines of ';
const LOGS_UNAVAILABLE_PREFIX = '  logs: ';
const LOG_LINE_PREFIX = '    | ';
/** A group headline of describeStoppedTasks: "2 tasks of web:3 stopped (TaskFailedToStart): ...". */
const CAUSE = /^\d+ tasks? of \S+ stopped \(/;
/**
 * Tasks the service scheduler stopped to scale in ("Scaling activity initiated by (deployment …)"):
 * a rollback stopping the failed revision's last tasks, or a lower desired count. Not failures.
 */
const SCALED_IN = /^\d+ tasks? of \S+ stopped \(ServiceSchedulerInitiated\): Scaling activity initiated by /;
function fixLine(hint) {
    return `${FIX_PREFIX}${hint}`;
}
function logExcerpt(header, lines) {
    return [`${LOG_HEADER_PREFIX}${header}:`, ...lines.flatMap((text) => text.split(/\r?\n|\r/)).map((line) => `${LOG_LINE_PREFIX}${line}`)];
}
function splitExplanation(lines) {
    const split = { causes: [], scaledIn: [], logs: [], unavailable: [], details: [] };
    let group;
    for (const line of lines) {
        if (line.startsWith(FIX_PREFIX)) {
            if (group)
                group.fix = line.slice(FIX_PREFIX.length);
        }
        else if (line.startsWith(LOG_HEADER_PREFIX)) {
            split.logs.push({ header: line.slice(LOG_HEADER_PREFIX.length).replace(/:$/, ''), lines: [] });
        }
        else if (line.startsWith(LOG_LINE_PREFIX)) {
            split.logs.at(-1)?.lines.push(line.slice(LOG_LINE_PREFIX.length));
        }
        else if (line.startsWith(LOGS_UNAVAILABLE_PREFIX)) {
            split.unavailable.push(line.slice(LOGS_UNAVAILABLE_PREFIX.length));
        }
        else if (CAUSE.test(line)) {
            group = { cause: line, containers: [] };
            (SCALED_IN.test(line) ? split.scaledIn : split.causes).push(group);
        }
        else if (group && line.startsWith('  ')) {
            group.containers.push(line.trim());
        }
        else {
            group = undefined;
            split.details.push(line);
        }
    }
    return split;
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


/***/ }),

/***/ 7961:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  writeSummary: () => (/* binding */ writeSummary)
});

// UNUSED EXPORTS: codeBlock, consoleUrl, escapeMarkdown, renderSummary, revisionNames

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./src/aws/arn.ts
var arn = __webpack_require__(1626);
// EXTERNAL MODULE: ./src/digests/report.ts
var digests_report = __webpack_require__(7535);
;// CONCATENATED MODULE: ./src/timings/section.ts
function timingsSection(timings, escape) {
    if (!timings || timings.phases.length === 0)
        return undefined;
    const rows = timings.phases.map((phase) => `| ${escape(phase.label)} | ${phase.seconds.toFixed(1)} | ${timings.wallSeconds > 0 ? Math.round((phase.seconds / timings.wallSeconds) * 100) : 0}% |`);
    const advice = timings.advice.map((item) => `- ${escape(item.text)} ([AWS documentation](${item.documentation}))`);
    return [
        '### Where the time went',
        `${timings.wallSeconds.toFixed(1)} s from the revision step to the verdict, along the critical path (the phases that determined the end):`,
        ['| Phase | Seconds | Share |', '|---|---|---|', ...rows].join('\n'),
        ...(advice.length > 0 ? [`**Advice**, from this deploy's own numbers:\n\n${advice.join('\n')}`] : []),
        ...timings.notes.map((note) => `ℹ️ ${escape(note)}`),
    ].join('\n\n');
}

;// CONCATENATED MODULE: ./src/schedules/summary.ts
function heading(report) {
    const moved = report.tasks.filter((task) => task.moved).length;
    if (report.error)
        return 'Scheduled tasks: could not all be listed';
    if (report.failure)
        return `Scheduled tasks: moving failed${report.restore && report.restore.failed.length === 0 ? ', what was moved is restored' : ''}`;
    if (report.tasks.length === 0)
        return 'Scheduled tasks: none in the cluster runs the deployed family';
    if (report.mode === 'move')
        return moved > 0 ? `Scheduled tasks: ${moved} moved` : 'Scheduled tasks: none moved';
    return "Scheduled tasks (scheduled-tasks: 'report', nothing is moved)";
}
function icon(task) {
    if (task.moved)
        return task.note.startsWith('moved to') ? '❌' : '✅';
    if (task.pin === 'family')
        return '⚠️';
    if (task.note.includes('then restored'))
        return '↩️';
    return task.note.endsWith('the write failed') ? '❌' : '➖';
}
function scheduledTasksSection(report, md) {
    const lines = [
        ...(report.error ? [`❌ ${md.escape(report.error)}`] : []),
        ...(report.failure ? [`❌ ${md.escape(report.failure)}`] : []),
        ...(report.restore?.restored ?? []).map((line) => `↩️ Restored ${md.escape(line)}.`),
        ...(report.restore?.failed ?? []).map((line) => `❌ Could not restore ${md.escape(line)}`),
        ...report.warnings.map((warning) => `⚠️ ${md.escape(warning)}`),
    ];
    const rows = report.tasks.map((task) => [
        icon(task),
        task.kind,
        `${md.code(task.name)}${task.targetId ? ` (target ${md.code(task.targetId)})` : ''}`,
        md.code(task.scope),
        md.code(task.from),
        md.code(task.to),
        md.escape(task.note),
    ]);
    return [
        `### ${md.escape(heading(report))}`,
        ...lines,
        ...(rows.length > 0 ? [md.table(['', 'Kind', 'Name', 'Bus or group', 'Ran', 'Runs now', 'Note'], rows)] : []),
    ].join('\n\n');
}

// EXTERNAL MODULE: ./src/watch/events.ts
var events = __webpack_require__(94);
// EXTERNAL MODULE: ./src/report/diagnosis.ts
var diagnosis = __webpack_require__(2471);
// EXTERNAL MODULE: ./src/report/release.ts
var release = __webpack_require__(1383);
// EXTERNAL MODULE: ./src/report/types.ts
var types = __webpack_require__(2563);
;// CONCATENATED MODULE: ./src/report/summary.ts
/**
 * The job summary: the outcome first, in one sentence, then what a reader needs to check it
 * (revisions, a console link, the timeline, why it failed, the smoke check, the events).
 * Everything that came from ECS or a container is escaped so it cannot break the Markdown.
 */









const MAX_EVENTS = 30;
function summary_icon(result) {
    if (types/* PASSING_RESULTS */.V.has(result))
        return '✅';
    return result === 'superseded' ? '⚠️' : '❌';
}
/** The AWS console's domain for a region's partition. */
function consoleDomain(region) {
    if (region.startsWith('cn-'))
        return 'console.amazonaws.cn';
    if (region.startsWith('us-gov-'))
        return 'console.amazonaws-us-gov.com';
    return 'console.aws.amazon.com';
}
/** The service's deployments page in the ECS console, or one deployment's page when its id (or ARN) is given. */
function consoleUrl(region, cluster, service, deploymentId) {
    const path = [
        'ecs/v2/clusters',
        encodeURIComponent((0,arn/* lastSegment */.m)(cluster)),
        'services',
        encodeURIComponent((0,arn/* lastSegment */.m)(service)),
        'deployments',
        ...(deploymentId ? [encodeURIComponent((0,arn/* lastSegment */.m)(deploymentId))] : []),
    ].join('/');
    return `https://${region}.${consoleDomain(region)}/${path}?region=${encodeURIComponent(region)}`;
}
/** Text from outside (ECS messages, reasons) as inert Markdown: one line, no markup, no HTML. */
function escapeMarkdown(text) {
    return text
        .replace(/\r?\n|\r/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]|~]/g, '\\$&')
        .replace(/^(\s*)([#+-]|\d+[.)])/, '$1\\$2');
}
/** Task definition ARNs as `family:revision`, the way the overview and every headline name revisions. */
function revisionNames(text) {
    return text.replace(/\barn:aws[\w-]*:ecs:[\w-]+:\d{12}:task-definition\/([\w-]+:\d+)\b/g, '$1');
}
/** Text from the run (sentences, labels, explanation lines) for the summary: revisions named alike, then escaped. */
function words(text) {
    return escapeMarkdown(revisionNames(text));
}
function code(text) {
    return /[`|\n]/.test(text) ? escapeMarkdown(text) : `\`${text}\``;
}
/** A fenced block whose fence is longer than any backtick run inside, so the content cannot close it. */
function codeBlock(text) {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return `${fence}text\n${text.replace(/\n$/, '')}\n${fence}`;
}
function table(header, rows) {
    return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}
/** A service's deployments (or its service deployment) in the ECS console. */
function serviceLink(report) {
    const label = report.serviceDeploymentArn ? escapeMarkdown((0,arn/* lastSegment */.m)(report.serviceDeploymentArn)) : 'deployments';
    return `[${label}](${consoleUrl(report.region, report.cluster, report.service, report.serviceDeploymentArn)})`;
}
function overview(report) {
    const rows = [['Result', code(report.result)], ['Cluster', code(report.cluster)]];
    if (report.service)
        rows.push(['Service', code(report.service)]);
    if (report.previousTaskDefinitionArn)
        rows.push(['Revision before', code((0,arn/* shortRevision */.w)(report.previousTaskDefinitionArn))]);
    if (report.taskDefinitionArn) {
        const label = report.mode === 'rollback' ? 'Revision rolled back to' : report.mode === 'run-task' ? 'Revision run' : 'Revision deployed';
        rows.push([label, `${code((0,arn/* shortRevision */.w)(report.taskDefinitionArn))}${report.registered ? ' (registered by this run)' : ''}`]);
    }
    if (report.runTask) {
        const task = report.runTask;
        const id = task.taskArn ? `${code((0,arn/* lastSegment */.m)(task.taskArn))}, ` : '';
        rows.push(['Release task', `${task.passed ? '✅' : '❌'} ${id}${words(task.reason)}`]);
    }
    if (report.rolledBackTo)
        rows.push(['Rolled back to', code((0,arn/* shortRevision */.w)(report.rolledBackTo))]);
    if (report.runningTaskDefinition)
        rows.push(['Service is on', code((0,arn/* shortRevision */.w)(report.runningTaskDefinition))]);
    if (report.service)
        rows.push(['ECS console', serviceLink(report)]);
    return table(['', ''], rows);
}
function timeline(report) {
    if (report.timeline.length === 0)
        return undefined;
    // Sorted by the instant (stable, so equal instants keep the order they were recorded in).
    const entries = [...report.timeline].sort((a, b) => a.at.getTime() - b.at.getTime());
    return `### Timeline\n\n${table(['Time (UTC)', 'Step'], entries.map((entry) => [(0,events/* formatTime */.f)(entry.at), words(entry.label)]))}`;
}
/** Indented explanation lines (container details) become nested items under their task group. */
function explanation(lines, heading) {
    if (lines.length === 0)
        return undefined;
    const items = lines.map((line) => (line.startsWith('  ') ? `  - ${words(line.trim())}` : `- ${words(line)}`));
    return `### ${heading}\n\n${items.join('\n')}`;
}
/** A group of stopped tasks as a list item, its container lines (and its fix, when asked) nested. */
function groupItem(group, withFix) {
    const nested = [...group.containers.map((line) => `  - ${words(line)}`), ...(withFix && group.fix ? [`  - **Fix:** ${words(group.fix)}`] : [])];
    return [`- ${words(group.cause)}`, ...nested].join('\n');
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}
function smoke(outcome) {
    const verdict = outcome.passed ? 'passed' : 'failed';
    const rows = outcome.tasks.map((task) => [
        code((0,arn/* lastSegment */.m)(task.taskArn)),
        code(task.container),
        `${task.passed ? '✅' : '❌'} ${escapeMarkdown(task.reason)}`,
        task.exitCode === undefined ? 'unknown' : String(task.exitCode),
        seconds(task.durationMs),
        String(task.attempts),
    ]);
    const outputs = outcome.tasks
        .filter((task) => task.output !== '')
        .map((task) => `<details><summary>Output of task ${escapeMarkdown((0,arn/* lastSegment */.m)(task.taskArn))} (${escapeMarkdown(task.container)})</summary>\n\n${codeBlock(task.output)}\n\n</details>`);
    return [
        `### Smoke check ${outcome.error ? 'could not run' : verdict}`,
        `Command: ${code(outcome.command)}`,
        ...(outcome.error ? [`❌ ${words(outcome.error)}`] : []),
        ...(rows.length > 0 ? [table(['Task', 'Container', 'Result', 'Exit status', 'Duration', 'Attempts'], rows)] : []),
        ...outputs,
    ].join('\n\n');
}
function rollbackAfterSmoke(outcome) {
    return [
        '### Rollback after the failed smoke check',
        `${summary_icon(outcome.verdict)} ${words(outcome.sentence)}`,
        explanation(outcome.explanation, 'Why the rollback failed'),
    ]
        .filter((part) => part !== undefined)
        .join('\n\n');
}
function summary_events(report) {
    if (report.events.length === 0)
        return undefined;
    const shown = report.events.slice(-MAX_EVENTS);
    const omitted = report.events.length - shown.length;
    const note = omitted > 0 ? `\n\n${omitted} earlier events not shown.` : '';
    const rows = shown.map((event) => [(0,events/* formatTime */.f)(event.at), escapeMarkdown(event.message)]);
    return `### Service events\n\n${table(['Time (UTC)', 'Event'], rows)}${note}`;
}
/** Whether the headline already says this line (the explanation often opens with the headline's first sentence). */
function saidIn(sentence, line) {
    const plain = revisionNames(line).trim().replace(/\.$/, '');
    return plain !== '' && revisionNames(sentence).includes(plain);
}
/**
 * The explanation in three parts, each line once: the cause and its fix first (with the app's own
 * last log lines), then what else explains the failure and is not in the headline, then the tasks
 * ECS stopped to scale in, which are not failures.
 */
function summary_diagnosis(report) {
    const split = (0,diagnosis/* splitExplanation */.il)(report.explanation);
    // Groups with a fix are the failure; the others (tasks the scheduler replaced) stay in the details.
    const led = split.causes.some((c) => c.fix) ? split.causes.filter((c) => c.fix) : split.causes;
    const rest = split.causes.filter((group) => !led.includes(group));
    const hasLead = led.length > 0 || split.logs.length > 0;
    const lead = hasLead
        ? [
            '### Cause and fix',
            ...(led.length > 0 ? [led.map((group) => groupItem(group, true)).join('\n')] : []),
            ...split.logs.map(({ header, lines }) => `Last log lines of ${words(header)}:\n\n${codeBlock(lines.join('\n'))}`),
            ...split.unavailable.map((line) => `ℹ️ ${words(line)}`),
        ].join('\n\n')
        : undefined;
    const details = split.details.filter((line) => !saidIn(report.sentence, line));
    const items = [...details.map((line) => `- ${words(line)}`), ...rest.map((group) => groupItem(group, false))];
    if (!hasLead)
        items.push(...split.unavailable.map((line) => `- ${words(line)}`));
    const why = items.length > 0 ? `### Why it failed\n\n${items.join('\n')}` : undefined;
    const notFailures = split.scaledIn.length > 0
        ? `### Stopped to scale in, not failures\n\nECS stopped these tasks to scale in (a rollback replacing the new revision, or a lower desired count).\n\n${split.scaledIn.map((group) => groupItem(group, false)).join('\n')}`
        : undefined;
    return { lead, why, notFailures };
}
/** The whole summary as Markdown; the first line is the outcome, then the cause and fix, the log excerpt, the details. */
function renderSummary(report) {
    const { lead, why, notFailures } = summary_diagnosis(report);
    return [
        `## ${summary_icon(report.result)} ${words(report.sentence)}`,
        (0,release/* releaseRows */.P)(report, { code, escape: words, link: serviceLink }),
        lead,
        overview(report),
        timeline(report),
        why,
        notFailures,
        report.digests && (0,digests_report/* digestSection */.U1)(report.digests, escapeMarkdown),
        report.smoke && smoke(report.smoke),
        report.rollback && rollbackAfterSmoke(report.rollback),
        timingsSection(report.timings, escapeMarkdown),
        report.scheduledTasks && scheduledTasksSection(report.scheduledTasks, { escape: escapeMarkdown, code, table }),
        summary_events(report),
    ]
        .filter((part) => typeof part === 'string' && part !== '')
        .join('\n\n')
        .concat('\n');
}
async function writeSummary(report) {
    await core/* summary */.z.addRaw(renderSummary(report)).write();
}


/***/ }),

/***/ 94:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ formatTime),
/* harmony export */   v: () => (/* binding */ EventLog)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7454);
/* harmony import */ var _untrusted_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(873);


/** Words that mark an event as part of a failure's story rather than routine progress. */
const RELEVANT = /fail|unable|error|unhealthy|stopp|circuit breaker|roll(ing|ed)? ?back|insufficient|cannot|can't|denied|timed out|exceeded/i;
/** "2026-03-02 10:04:05Z": short, sortable, and unambiguous in a log or a table. */
function formatTime(at) {
    return at.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
/**
 * The service events seen while watching. ECS returns at most 100, newest first, on every
 * DescribeServices, so each is remembered by id and printed once, oldest first.
 */
class EventLog {
    lines = [];
    seen = new Set();
    since;
    /**
     * `since`: the earliest time, on AWS's clock, an event of our update can carry (identify.ts
     * `searchFrom`). `known`: the events the UpdateService answer already carried. They happened
     * before our update whatever the clocks say, so they are never printed as part of this deployment.
     */
    constructor(since, known = []) {
        this.since = since.getTime();
        for (const event of known)
            this.seen.add(EventLog.key(event));
    }
    static key(event) {
        return event.id ?? `${event.createdAt?.getTime()}|${event.message}`;
    }
    record(events) {
        const fresh = (events ?? []).filter((event) => {
            const key = EventLog.key(event);
            if (this.seen.has(key) || !event.createdAt || event.createdAt.getTime() < this.since)
                return false;
            this.seen.add(key);
            return true;
        });
        fresh.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
        for (const event of fresh) {
            const line = { at: event.createdAt, message: event.message ?? '' };
            this.lines.push(line);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_untrusted_js__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .t)(`${formatTime(line.at)}  ${line.message}`));
        }
    }
    /** The last few events that say something went wrong, or the last few at all when none does. */
    relevant(limit = 5) {
        const telling = this.lines.filter((line) => RELEVANT.test(line.message));
        return (telling.length > 0 ? telling : this.lines).slice(-limit);
    }
}


/***/ })

};
