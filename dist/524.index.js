export const id = 524;
export const ids = [524];
export const modules = {

/***/ 8524:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LogTail: () => (/* binding */ LogTail),
/* harmony export */   lastLines: () => (/* binding */ lastLines),
/* harmony export */   logsClient: () => (/* binding */ logsClient),
/* harmony export */   unreadable: () => (/* binding */ unreadable)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2684);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9378);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7242);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * Reading a container's CloudWatch Logs stream: its last lines (explanations) and a tail that
 * follows `nextForwardToken` (the release task). Loaded on demand, so steps that never read
 * logs do not pay for the CloudWatch Logs client at start-up.
 */




const clients = new Map();
/** One client per region: awslogs-region may differ from the cluster's. Honours AWS_ENDPOINT_URL like the others. */
function logsClient(region, maxAttempts) {
    const key = `${region}/${maxAttempts}`;
    if (!clients.has(key))
        clients.set(key, new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_2__/* .CloudWatchLogsClient */ .TFr({ region, maxAttempts, retryMode: 'standard', customUserAgent: _constants_js__WEBPACK_IMPORTED_MODULE_3__/* .USER_AGENT */ ._O }));
    return clients.get(key);
}
/** GetLogEvents caps a page at 10,000 events; the last N lines come from the end of the stream. */
const MAX_LIMIT = 10_000;
async function lastLines(logs, source, count, signal) {
    const answer = await logs.send(new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_2__/* .GetLogEventsCommand */ .h7S({ logGroupName: source.group, logStreamName: source.stream, startFromHead: false, limit: Math.min(count, MAX_LIMIT) }), { abortSignal: signal });
    return (answer.events ?? []).map((event) => event.message ?? '').slice(-count);
}
/**
 * Follows a stream from its head: each `next()` returns the lines written since the last call.
 * The stream may not exist yet (the container has not written anything): that is no lines.
 */
class LogTail {
    logs;
    source;
    token;
    constructor(logs, source) {
        this.logs = logs;
        this.source = source;
    }
    async next(signal) {
        const lines = [];
        // The same forward token back means nothing new yet (GetLogEvents, CloudWatch Logs API reference).
        for (let page = 0; page < 20; page++) {
            let answer;
            try {
                answer = await this.logs.send(new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_2__/* .GetLogEventsCommand */ .h7S({ logGroupName: this.source.group, logStreamName: this.source.stream, startFromHead: true, nextToken: this.token }), { abortSignal: signal });
            }
            catch (error) {
                if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsErrorName */ .ZH)(error) === 'ResourceNotFoundException' && this.token === undefined)
                    return lines;
                throw error;
            }
            lines.push(...(answer.events ?? []).map((event) => event.message ?? ''));
            const same = answer.nextForwardToken === undefined || answer.nextForwardToken === this.token;
            this.token = answer.nextForwardToken ?? this.token;
            if (same || (answer.events ?? []).length === 0)
                break;
        }
        return lines;
    }
}
/** Why the lines cannot be shown, in one line with what to do; undefined when the error is not one the user can act on. */
function unreadable(source, error) {
    const name = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsErrorName */ .ZH)(error);
    const where = `stream ${source.stream} in ${source.group}`;
    if (name === 'AccessDeniedException')
        return `The log lines of ${where} are not shown: the action may not read them (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}); grant logs:GetLogEvents and logs:FilterLogEvents on the log group ${source.group}.`;
    if (name === 'ResourceNotFoundException')
        return `The log lines are not shown: ${where} does not exist in ${source.region} (the container wrote nothing, or its logs expired).`;
    return `The log lines of ${where} could not be read: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}.`;
}


/***/ })

};
