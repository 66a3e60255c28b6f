export const id = 610;
export const ids = [610];
export const modules = {

/***/ 4610:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runSmokeCheck: () => (/* binding */ runSmokeCheck)
});

// UNUSED EXPORTS: RETRY_DELAY_MS

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(7454);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-kms/dist-cjs/index.js
var dist_cjs = __webpack_require__(2632);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/aws/arn.ts
var arn = __webpack_require__(1626);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js + 1 modules
var io = __webpack_require__(669);
;// CONCATENATED MODULE: ./src/exec/plugin.ts
/**
 * exec-client 'session-manager-plugin': the AWS binary speaks the data channel instead of the
 * native client, started with the arguments the AWS CLI uses (aws-cli
 * customizations/ecs/executecommand.py).
 */



const PLUGIN = 'session-manager-plugin';
/** How long the plugin gets to end after SIGTERM before it is killed. */
const PLUGIN_KILL_GRACE_MS = 2000;
async function requirePlugin() {
    const found = await io/* which */.K7(PLUGIN, false);
    if (!found) {
        throw new errors/* ActionError */.lZ(`exec-client is '${PLUGIN}' but ${PLUGIN} is not on PATH. Install it in an earlier step (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html), or use exec-client: native, which needs no binary.`);
    }
    return found;
}
/**
 * Spawned directly, not through @actions/exec: that one echoes the arguments (they carry the
 * session token) and cannot end the process, which would then outlive smoke-timeout-seconds and
 * keep the step from ending. On `stop`: SIGTERM, then SIGKILL after PLUGIN_KILL_GRACE_MS.
 */
const runPluginProcess = async (args, stop) => {
    const chunks = [];
    const child = (0,external_node_child_process_.spawn)(await requirePlugin(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (data) => chunks.push(data));
    child.stderr.on('data', (data) => chunks.push(data));
    let killer;
    const end = () => {
        child.kill('SIGTERM');
        killer = setTimeout(() => child.kill('SIGKILL'), PLUGIN_KILL_GRACE_MS);
    };
    if (stop.aborted)
        end();
    else
        stop.addEventListener('abort', end, { once: true });
    const exitCode = await new Promise((resolve, reject) => {
        child.once('error', reject);
        child.once('close', (code) => resolve(code ?? -1));
    }).finally(() => {
        clearTimeout(killer);
        stop.removeEventListener('abort', end);
    });
    return { exitCode, output: Buffer.concat(chunks).toString('utf8') };
};
/** The ECS endpoint the SDK uses, which the plugin passes on to its own calls. */
async function ecsEndpointUrl(ecs, region) {
    const custom = ecs.config.endpoint ? await ecs.config.endpoint() : undefined;
    if (custom)
        return `${custom.protocol}//${custom.hostname}${custom.port ? `:${custom.port}` : ''}${custom.path}`;
    const resolved = ecs.config.endpointProvider({
        Region: region,
        UseFIPS: await ecs.config.useFipsEndpoint(),
        UseDualStack: await ecs.config.useDualstackEndpoint(),
    });
    return resolved.url.toString().replace(/\/$/, '');
}
function pluginArguments(session, region, target, endpointUrl) {
    const { sessionId, streamUrl, tokenValue } = session;
    return [JSON.stringify({ sessionId, streamUrl, tokenValue }), region, 'StartSession', '', JSON.stringify({ Target: target }), endpointUrl];
}
/** The plugin prints these around the command's output; they name the session, so no output can match by accident. */
function withoutBanners(output, sessionId) {
    const banner = new RegExp(`^(Starting session with SessionId: ${sessionId}|Exiting session with sessionId: ${sessionId}\\.|SessionId: ${sessionId} : .*)\\r?$`);
    return output
        .split('\n')
        .filter((line) => !banner.test(line))
        .join('\n')
        .replace(/\s+$/, '\n');
}
/**
 * Runs the plugin to the end of the session; at the deadline (or on cancellation) the plugin is
 * ended and waited for, so no process outlives the check.
 */
async function runPluginSession(options) {
    const { session, clock, deadline, signal } = options;
    const stop = new AbortController();
    const timerStop = new AbortController();
    const timer = clock.sleep(Math.max(0, deadline - clock.now()), AbortSignal.any([timerStop.signal, ...(signal ? [signal] : [])]));
    const run = options.run(pluginArguments(session, options.region, options.target, options.endpointUrl), stop.signal);
    let ended = false;
    void timer.then(() => {
        if (!ended)
            stop.abort();
    });
    const finished = await run.finally(() => {
        ended = true;
        timerStop.abort();
    });
    if (signal?.aborted)
        throw new errors/* ActionError */.lZ('The smoke check was cancelled.');
    const output = withoutBanners(finished.output, session.sessionId);
    if (stop.signal.aborted)
        return { kind: 'timed-out', output };
    // ExecuteCommand succeeded before the plugin started, so the agent may be running the command.
    if (finished.exitCode !== 0)
        return { kind: 'dropped', output, detail: `${PLUGIN} exited with status ${finished.exitCode}`, commandMayHaveStarted: true };
    return { kind: 'closed', output, reason: '' };
}

// EXTERNAL MODULE: ./src/task-definition/register.ts + 1 modules
var register = __webpack_require__(8043);
// EXTERNAL MODULE: ./node_modules/ws/wrapper.mjs
var wrapper = __webpack_require__(2977);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/exec/codec.ts
/**
 * The binary message format of the Session Manager data channel (big-endian, 120-byte
 * header, then the payload). Layout: shared/reference/ecs-exec-data-channel.md section 2.
 */

const HEADER_LENGTH = 116;
const PAYLOAD_OFFSET = HEADER_LENGTH + 4;
const MESSAGE_TYPE_BYTES = 32;
const MessageType = {
    InputStreamData: 'input_stream_data',
    OutputStreamData: 'output_stream_data',
    Acknowledge: 'acknowledge',
    ChannelClosed: 'channel_closed',
    StartPublication: 'start_publication',
    PausePublication: 'pause_publication',
};
const PayloadType = {
    Output: 1,
    Error: 2,
    Size: 3,
    Parameter: 4,
    HandshakeRequest: 5,
    HandshakeResponse: 6,
    HandshakeComplete: 7,
    EncChallengeRequest: 8,
    EncChallengeResponse: 9,
    Flag: 10,
    StdErr: 11,
    ExitCode: 12,
};
/** A frame that is not a valid data channel message; the session cannot trust anything after it. */
class CodecError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CodecError';
    }
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The wire form of a message id: the UUID's second 8 bytes first, then its first 8. */
function uuidToWire(uuid) {
    const lower = uuid.toLowerCase();
    if (!UUID.test(lower))
        throw new CodecError(`'${uuid}' is not a UUID`);
    const bytes = Buffer.from(lower.replace(/-/g, ''), 'hex');
    return Buffer.concat([bytes.subarray(8, 16), bytes.subarray(0, 8)]);
}
function uuidFromWire(wire) {
    const hex = Buffer.concat([wire.subarray(8, 16), wire.subarray(0, 8)]).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
function digest(payload) {
    return (0,external_node_crypto_.createHash)('sha256').update(payload).digest();
}
function encodeMessage(message) {
    const type = Buffer.from(message.messageType, 'ascii');
    if (type.length > MESSAGE_TYPE_BYTES)
        throw new CodecError(`message type '${message.messageType}' is longer than 32 bytes`);
    const frame = Buffer.alloc(PAYLOAD_OFFSET + message.payload.length);
    frame.writeUInt32BE(HEADER_LENGTH, 0);
    frame.fill(0x20, 4, 4 + MESSAGE_TYPE_BYTES);
    type.copy(frame, 4);
    frame.writeUInt32BE(message.schemaVersion, 36);
    frame.writeBigUInt64BE(BigInt(message.createdDate), 40);
    frame.writeBigInt64BE(BigInt(message.sequenceNumber), 48);
    frame.writeBigUInt64BE(BigInt(message.flags), 56);
    uuidToWire(message.messageId).copy(frame, 64);
    digest(message.payload).copy(frame, 80);
    frame.writeUInt32BE(message.payloadType, 112);
    frame.writeUInt32BE(message.payload.length, HEADER_LENGTH);
    message.payload.copy(frame, PAYLOAD_OFFSET);
    return frame;
}
function decodeMessage(frame) {
    if (frame.length < PAYLOAD_OFFSET)
        throw new CodecError(`frame of ${frame.length} bytes is shorter than a header`);
    const headerLength = frame.readUInt32BE(0);
    if (headerLength !== HEADER_LENGTH)
        throw new CodecError(`header length ${headerLength}, expected ${HEADER_LENGTH}`);
    const payloadLength = frame.readUInt32BE(HEADER_LENGTH);
    if (frame.length !== PAYLOAD_OFFSET + payloadLength) {
        throw new CodecError(`payload length ${payloadLength} does not match a frame of ${frame.length} bytes`);
    }
    const payload = Buffer.from(frame.subarray(PAYLOAD_OFFSET));
    if (!digest(payload).equals(frame.subarray(80, 112)))
        throw new CodecError('payload digest does not match its SHA-256');
    return {
        messageType: frame
            .subarray(4, 4 + MESSAGE_TYPE_BYTES)
            .toString('ascii')
            .replace(/[\s\0]+$/, ''),
        schemaVersion: frame.readUInt32BE(36),
        createdDate: Number(frame.readBigUInt64BE(40)),
        sequenceNumber: Number(frame.readBigInt64BE(48)),
        flags: Number(frame.readBigUInt64BE(56)),
        messageId: uuidFromWire(frame.subarray(64, 80)),
        payloadType: frame.readUInt32BE(112),
        payload,
    };
}
/** The acknowledgement of one output_stream_data message, in the exact form the service expects. */
function acknowledgement(of, now, messageId = (0,external_node_crypto_.randomUUID)()) {
    const content = {
        AcknowledgedMessageType: of.messageType,
        AcknowledgedMessageId: of.messageId,
        AcknowledgedMessageSequenceNumber: of.sequenceNumber,
        IsSequentialMessage: true,
    };
    return {
        messageType: MessageType.Acknowledge,
        schemaVersion: 1,
        createdDate: now,
        sequenceNumber: 0,
        flags: 3,
        messageId,
        payloadType: 0,
        payload: Buffer.from(JSON.stringify(content)),
    };
}
function parseAcknowledgement(message) {
    const content = parseJson(message);
    if (typeof content.AcknowledgedMessageSequenceNumber !== 'number') {
        throw new CodecError('acknowledge message without AcknowledgedMessageSequenceNumber');
    }
    return content;
}
function parseJson(message) {
    try {
        return JSON.parse(message.payload.toString('utf8'));
    }
    catch {
        throw new CodecError(`${message.messageType} payload (type ${message.payloadType}) is not JSON`);
    }
}

;// CONCATENATED MODULE: ./src/exec/channel.ts
/**
 * Ordering, acknowledgements and resends of the data channel, as a state machine with no
 * I/O and no timers: the session feeds it decoded messages and the time, and puts what it
 * returns on the socket. Rules: shared/reference/ecs-exec-data-channel.md section 3.
 */


const INITIAL_RETRANSMISSION_MS = 200;
const MAX_RETRANSMISSION_MS = 1000;
/** Out-of-order messages kept at most; beyond it they go unacknowledged so the agent resends them later. */
const FUTURE_CAPACITY = 10_000;
class DataChannel {
    now;
    newId;
    expected = 0;
    future = new Map();
    nextSequence = 0;
    unacked = [];
    constructor(now, newId = external_node_crypto_.randomUUID) {
        this.now = now;
        this.newId = newId;
    }
    /** Handles one decoded incoming message. */
    receive(message) {
        switch (message.messageType) {
            case MessageType.OutputStreamData:
                return this.receiveOutput(message);
            case MessageType.Acknowledge:
                this.acknowledged(parseAcknowledgement(message).AcknowledgedMessageSequenceNumber);
                return { send: [], deliver: [] };
            case MessageType.ChannelClosed:
                return { send: [], deliver: [], closed: closedOutput(message) };
            default:
                // start_publication / pause_publication and anything newer need no answer.
                return { send: [], deliver: [] };
        }
    }
    /** Builds our next input_stream_data message and tracks it until the agent acknowledges it. */
    input(payloadType, payload) {
        const message = {
            messageType: MessageType.InputStreamData,
            schemaVersion: 1,
            createdDate: this.now(),
            sequenceNumber: this.nextSequence++,
            flags: 0,
            messageId: this.newId(),
            payloadType,
            payload,
        };
        this.unacked.push({ message, sentAt: this.now(), timeout: INITIAL_RETRANSMISSION_MS });
        return message;
    }
    /**
     * The oldest unacknowledged input, when its retransmission timeout has passed. Only the
     * oldest: the agent processes input in order, so later ones wait for it anyway.
     */
    resendDue() {
        const oldest = this.unacked[0];
        if (oldest === undefined || this.now() < oldest.sentAt + oldest.timeout)
            return [];
        oldest.sentAt = this.now();
        oldest.timeout = Math.min(oldest.timeout * 2, MAX_RETRANSMISSION_MS);
        return [oldest.message];
    }
    /** When `resendDue` will next have something, or undefined when everything is acknowledged. */
    nextResendAt() {
        const oldest = this.unacked[0];
        return oldest === undefined ? undefined : oldest.sentAt + oldest.timeout;
    }
    acknowledged(sequenceNumber) {
        const at = this.unacked.findIndex((p) => p.message.sequenceNumber === sequenceNumber);
        if (at >= 0)
            this.unacked.splice(at, 1);
    }
    receiveOutput(message) {
        const ack = acknowledgement(message, this.now(), this.newId());
        const seq = message.sequenceNumber;
        if (seq < this.expected)
            return { send: [ack], deliver: [] };
        if (seq > this.expected) {
            if (!this.future.has(seq) && this.future.size >= FUTURE_CAPACITY)
                return { send: [], deliver: [] };
            this.future.set(seq, message);
            return { send: [ack], deliver: [] };
        }
        const deliver = [message];
        this.expected++;
        for (let next = this.future.get(this.expected); next; next = this.future.get(this.expected)) {
            this.future.delete(this.expected);
            deliver.push(next);
            this.expected++;
        }
        return { send: [ack], deliver };
    }
}
function closedOutput(message) {
    if (message.payload.length === 0)
        return '';
    try {
        const body = parseJson(message);
        return typeof body.Output === 'string' ? body.Output : '';
    }
    catch {
        return message.payload.toString('utf8');
    }
}

// EXTERNAL MODULE: ./src/aws/errors.ts
var aws_errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/retry.ts
var retry = __webpack_require__(2495);
;// CONCATENATED MODULE: ./src/exec/kms.ts
/**
 * The handshake the agent starts when the cluster sets executeCommandConfiguration.kmsKeyId:
 * a 64-byte KMS data key, split in two AES-256-GCM keys, proved with an encrypted challenge.
 * Field names follow aws/session-manager-plugin (src/message, src/encryption) and
 * aws/amazon-ssm-agent (agent/session/contracts/model.go).
 */





const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 64;
const ActionStatus = { Success: 1, Failed: 2, Unsupported: 3 };
/** `nonce (12) || ciphertext || tag (16)`, the layout of Go's `gcm.Seal` with the nonce prefixed. */
function seal(key, plain, nonce = (0,external_node_crypto_.randomBytes)(NONCE_BYTES)) {
    const cipher = (0,external_node_crypto_.createCipheriv)('aes-256-gcm', key, nonce);
    return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}
function kms_open(key, sealed) {
    if (sealed.length < NONCE_BYTES + TAG_BYTES)
        throw new Error(`sealed payload of ${sealed.length} bytes is too short`);
    const decipher = (0,external_node_crypto_.createDecipheriv)('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}
/** First half decrypts what the agent sends, second half encrypts what we send. */
function sessionCipher(plainTextKey, cipherTextKey) {
    if (plainTextKey.length !== DATA_KEY_BYTES)
        throw new Error(`data key of ${plainTextKey.length} bytes, expected ${DATA_KEY_BYTES}`);
    const decryptionKey = plainTextKey.subarray(0, DATA_KEY_BYTES / 2);
    const encryptionKey = plainTextKey.subarray(DATA_KEY_BYTES / 2);
    return {
        cipherTextKey,
        encrypt: (plain) => seal(encryptionKey, plain),
        decrypt: (sealed) => kms_open(decryptionKey, sealed),
    };
}
/** GenerateDataKey, retried through throttling and 5xx within the session's deadline. */
async function createSessionCipher(kms, keyId, identity, budget) {
    try {
        const request = {
            KeyId: keyId,
            NumberOfBytes: DATA_KEY_BYTES,
            EncryptionContext: { 'aws:ssm:SessionId': identity.sessionId, 'aws:ssm:TargetId': identity.targetId },
        };
        const answer = await (0,retry/* retryTransient */.jh)(`KMS GenerateDataKey with key '${keyId}'`, () => kms.send(new dist_cjs/* GenerateDataKeyCommand */.OhQ(request)), budget);
        if (!answer.Plaintext || !answer.CiphertextBlob)
            throw new Error('GenerateDataKey returned no key');
        return sessionCipher(Buffer.from(answer.Plaintext), Buffer.from(answer.CiphertextBlob));
    }
    catch (error) {
        throw (0,aws_errors/* awsFailure */.MT)(`generate a data key with KMS key '${keyId}' for the encrypted exec session (the cluster sets executeCommandConfiguration.kmsKeyId)`, error, `Grant 'kms:GenerateDataKey' on that key to the role this job runs as (the task role needs 'kms:Decrypt' on it).`);
    }
}
/** Answers every requested action; the agent ends the session if one fails. */
async function answerHandshake(request, clientVersion, makeCipher) {
    const answer = { response: { ClientVersion: clientVersion, ProcessedClientActions: [], Errors: [] } };
    for (const action of request.RequestedClientActions ?? []) {
        const processed = await processAction(action, makeCipher, answer);
        answer.response.ProcessedClientActions.push(processed);
        if (processed.Error)
            answer.response.Errors.push(processed.Error);
    }
    return answer;
}
async function processAction(action, makeCipher, answer) {
    const done = (status, result, error = '') => ({
        ActionType: action.ActionType,
        ActionStatus: status,
        ActionResult: result,
        Error: error,
    });
    switch (action.ActionType) {
        case 'SessionType':
            return done(ActionStatus.Success, null);
        case 'KMSEncryption': {
            const keyId = action.ActionParameters?.KMSKeyId;
            try {
                if (typeof keyId !== 'string' || keyId === '')
                    throw new Error('the agent named no KMSKeyId');
                answer.cipher = await makeCipher(keyId);
                return done(ActionStatus.Success, { KMSCipherTextKey: answer.cipher.cipherTextKey.toString('base64') });
            }
            catch (error) {
                answer.failure =
                    error instanceof errors/* ActionError */.lZ
                        ? error
                        : new errors/* ActionError */.lZ(`Could not set up the KMS-encrypted exec session (cluster executeCommandConfiguration.kmsKeyId): ${(0,errors/* errorMessage */.gJ)(error)}`);
                return done(ActionStatus.Failed, null, `Failed to process action KMSEncryption: ${(0,errors/* errorMessage */.gJ)(error)}`);
            }
        }
        default:
            return done(ActionStatus.Unsupported, null, `Unsupported action ${action.ActionType}`);
    }
}
/** The agent's proof that both sides hold the key: decrypt its challenge, encrypt it back. */
function answerChallenge(payload, cipher) {
    const request = JSON.parse(payload.toString('utf8'));
    if (typeof request.Challenge !== 'string')
        throw new Error('EncChallengeRequest without a Challenge');
    const plain = cipher.decrypt(Buffer.from(request.Challenge, 'base64'));
    return Buffer.from(JSON.stringify({ Challenge: cipher.encrypt(plain).toString('base64') }));
}

;// CONCATENATED MODULE: ./src/exec/session.ts
/**
 * One ECS Exec session over a WebSocket: the opening frame, then binary messages until the
 * service sends channel_closed. Waits go through the Clock, so tests drive time.
 */






/**
 * The version of session-manager-plugin whose protocol this client speaks. The agent decides
 * from the client version which features (handshake, encryption) the client understands.
 */
const EXEC_CLIENT_VERSION = '1.2.694.0';
const TERMINAL_SIZE = { cols: 200, rows: 50 };
/** Socket events in arrival order; `next` waits for one or for the clock. */
class EventQueue {
    items = [];
    wake;
    push(event) {
        this.items.push(event);
        this.wake?.();
    }
    async next(clock, ms, signal) {
        if (this.items.length === 0 && ms > 0 && !signal?.aborted) {
            const stop = new AbortController();
            const abort = () => stop.abort();
            signal?.addEventListener('abort', abort, { once: true });
            const arrived = new Promise((resolve) => (this.wake = resolve));
            await Promise.race([arrived, clock.sleep(ms, stop.signal)]);
            this.wake = undefined;
            stop.abort();
            signal?.removeEventListener('abort', abort);
        }
        return this.items.shift();
    }
}
function toBuffer(data) {
    if (Buffer.isBuffer(data))
        return data;
    if (Array.isArray(data))
        return Buffer.concat(data);
    return Buffer.from(data);
}
async function runSession(options) {
    return new Session(options).run();
}
class Session {
    options;
    channel;
    events = new EventQueue();
    output = [];
    socket;
    cipher;
    /** Without KMS the agent starts the command at once; with it, not before the challenge is answered. */
    commandMayHaveStarted;
    constructor(options) {
        this.options = options;
        this.channel = new DataChannel(() => options.clock.now());
        this.commandMayHaveStarted = options.kms === undefined;
    }
    async run() {
        try {
            this.socket = this.options.openSocket(this.options.streamUrl);
        }
        catch (error) {
            return this.dropped(`could not open the WebSocket: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
        this.socket.on('open', () => this.events.push({ type: 'open' }));
        this.socket.on('message', (data, isBinary) => this.events.push({ type: 'message', data: toBuffer(data), isBinary }));
        this.socket.on('close', (code, reason) => this.events.push({ type: 'close', code, reason: reason.toString() }));
        this.socket.on('error', (error) => this.events.push({ type: 'error', error }));
        try {
            return await this.loop();
        }
        finally {
            this.close();
        }
    }
    async loop() {
        const { clock, deadline, signal } = this.options;
        for (;;) {
            if (signal?.aborted)
                throw new errors/* ActionError */.lZ('The smoke check was cancelled.');
            const now = clock.now();
            if (now >= deadline)
                return { kind: 'timed-out', output: this.text() };
            for (const message of this.channel.resendDue())
                this.send(message);
            const wakeAt = Math.min(deadline, this.channel.nextResendAt() ?? deadline);
            const event = await this.events.next(clock, wakeAt - now, signal);
            if (event === undefined)
                continue;
            const result = await this.handle(event);
            if (result)
                return result;
        }
    }
    async handle(event) {
        switch (event.type) {
            case 'open':
                this.opened();
                return undefined;
            case 'close':
                return this.dropped(`the WebSocket closed (code ${event.code}${event.reason ? `, ${event.reason}` : ''}) before the service closed the channel`);
            case 'error':
                return this.dropped(`WebSocket error: ${event.error.message}`);
            case 'message':
                if (!event.isBinary) {
                    core/* debug */.Yz(`exec session: ignored a text frame of ${event.data.length} bytes`);
                    return undefined;
                }
                try {
                    return await this.receive(decodeMessage(event.data));
                }
                catch (error) {
                    if (error instanceof CodecError)
                        return this.dropped(`unreadable message from the service: ${error.message}`);
                    throw error;
                }
        }
    }
    /** The token frame must come first; the terminal size is the first input, as the plugin does. */
    opened() {
        const opening = {
            MessageSchemaVersion: '1.0',
            RequestId: (0,external_node_crypto_.randomUUID)(),
            TokenValue: this.options.tokenValue,
            ClientId: (0,external_node_crypto_.randomUUID)(),
            ClientVersion: EXEC_CLIENT_VERSION,
        };
        this.socket.send(JSON.stringify(opening));
        this.input(PayloadType.Size, Buffer.from(JSON.stringify(TERMINAL_SIZE)));
    }
    async receive(message) {
        const step = this.channel.receive(message);
        for (const reply of step.send)
            this.send(reply);
        for (const delivered of step.deliver)
            await this.process(delivered);
        if (step.closed !== undefined)
            return { kind: 'closed', output: this.text(), reason: step.closed };
        return undefined;
    }
    async process(message) {
        switch (message.payloadType) {
            case PayloadType.Output:
            case PayloadType.StdErr:
                this.output.push(this.cipher ? this.decrypt(message.payload) : message.payload);
                return;
            case PayloadType.HandshakeRequest:
                return this.handshake(parseJson(message));
            case PayloadType.EncChallengeRequest:
                if (!this.cipher)
                    throw new errors/* ActionError */.lZ('The exec agent sent an encryption challenge without asking for KMS encryption first.');
                try {
                    this.input(PayloadType.EncChallengeResponse, answerChallenge(message.payload, this.cipher));
                    this.commandMayHaveStarted = true;
                }
                catch (error) {
                    throw new errors/* ActionError */.lZ(`Could not answer the exec agent's KMS encryption challenge: ${(0,errors/* errorMessage */.gJ)(error)}`);
                }
                return;
            default:
                core/* debug */.Yz(`exec session: payload type ${message.payloadType} needs no action`);
        }
    }
    async handshake(request) {
        const { kms, sessionId, targetId, clock, deadline, signal } = this.options;
        const answer = await answerHandshake(request, EXEC_CLIENT_VERSION, async (keyId) => {
            if (!kms)
                throw new Error('no KMS client is available');
            return createSessionCipher(kms(), keyId, { sessionId, targetId }, { clock, deadline, signal });
        });
        this.input(PayloadType.HandshakeResponse, Buffer.from(JSON.stringify(answer.response)));
        if (answer.failure)
            throw answer.failure;
        this.cipher = answer.cipher;
    }
    decrypt(sealed) {
        try {
            return this.cipher.decrypt(sealed);
        }
        catch (error) {
            throw new errors/* ActionError */.lZ(`Could not decrypt the exec session's output with the KMS data key: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    input(payloadType, payload) {
        this.send(this.channel.input(payloadType, payload));
    }
    send(message) {
        this.socket.send(encodeMessage(message));
    }
    dropped(detail) {
        return { kind: 'dropped', output: this.text(), detail, commandMayHaveStarted: this.commandMayHaveStarted };
    }
    text() {
        return Buffer.concat(this.output).toString('utf8');
    }
    close() {
        try {
            this.socket?.close();
        }
        catch (error) {
            core/* debug */.Yz(`exec session: closing the WebSocket failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/exec/terminal.ts
/**
 * Turns what a pty printed into plain text for logs, step outputs and the job summary.
 */
/* eslint-disable no-control-regex -- matching control characters is the point of this module */
/** CSI (colours, cursor moves), OSC (window titles, hyperlinks), DCS/SOS/PM/APC strings, and two-byte escapes. */
const ESCAPES = [
    /\x1b\[[0-?]*[ -/]*[@-~]/g,
    /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g,
    /\x1b[PX^_][^\x1b]*\x1b\\/g,
    /\x1b[ -/]*[0-~]/g,
];
/** C0 controls other than tab and newline, DEL, and the 8-bit CSI introducer. */
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f\x9b]/g;
/* eslint-enable no-control-regex */
function stripTerminal(text) {
    let plain = text;
    for (const escape of ESCAPES)
        plain = plain.replace(escape, '');
    return plain.replace(CONTROLS, '');
}
/** Keeps the end of `text` (where failures usually are), at most `max` characters in all. */
function keepTail(text, max) {
    if (text.length <= max)
        return text;
    const note = '…\n';
    let tail = text.slice(text.length - (max - note.length));
    // Never start on the second half of a surrogate pair.
    if (/^[\udc00-\udfff]/.test(tail))
        tail = tail.slice(1);
    return note + tail;
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/untrusted.ts
var untrusted = __webpack_require__(873);
// EXTERNAL MODULE: ./src/smoke/tasks.ts
var tasks = __webpack_require__(1527);
;// CONCATENATED MODULE: ./src/smoke/preflight.ts
/**
 * What must hold before ExecuteCommand can work, checked from the ECS API so that each
 * failure names its fix instead of surfacing as an opaque TargetNotConnectedException.
 * After amazon-ecs-exec-checker; shared/reference/ecs-deployments.md "ECS Exec prerequisites".
 */









const AGENT_POLL_MS = 5000;
/**
 * Raised for what a later attempt may not meet (the agent not running yet, a dropped session);
 * smoke-retries applies. `commandStarted`: ExecuteCommand had succeeded, so the agent may be
 * running the command to its end whatever became of the session, and another attempt may run it twice.
 */
class TransientExecError extends errors/* ActionError */.lZ {
    commandStarted;
    constructor(message, commandStarted = false) {
        super(message);
        this.commandStarted = commandStarted;
        this.name = 'TransientExecError';
    }
}
/** The IAM policy the task role needs for ECS Exec, to print where it is missing. */
function taskRolePolicy(kmsKeyId) {
    const statements = [
        {
            Effect: 'Allow',
            Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
            Resource: '*',
        },
    ];
    if (kmsKeyId)
        statements.push({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: kmsKeyId });
    return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}
/** The cluster's exec KMS key, if it sets one: then every session starts with a KMS handshake. */
async function clusterExecKmsKey(ecs, cluster, budget) {
    const attempt = `describe cluster '${cluster}'`;
    try {
        const request = { clusters: [cluster], include: ['CONFIGURATIONS'] };
        const answer = await (0,retry/* retryTransient */.jh)(`DescribeClusters (${attempt})`, () => ecs.send(new client_ecs_dist_cjs/* DescribeClustersCommand */._2_(request)), budget);
        const found = answer.clusters?.[0];
        if (!found || found.status === 'INACTIVE') {
            const reason = answer.failures?.[0]?.reason ?? found?.status ?? 'MISSING';
            throw new errors/* ActionError */.lZ(`Could not ${attempt}: ${reason}. Check 'cluster' names an active cluster in this region.`);
        }
        return found.configuration?.executeCommandConfiguration?.kmsKeyId || undefined;
    }
    catch (error) {
        throw (0,aws_errors/* awsFailure */.MT)(attempt, error);
    }
}
/** `smoke-container`, or the first essential container (containers are essential unless marked otherwise). */
function chooseContainer(taskDefinition, name) {
    const containers = taskDefinition.containerDefinitions ?? [];
    const names = containers.map((c) => `'${c.name}'`).join(', ') || 'none';
    const family = `${taskDefinition.family}:${taskDefinition.revision}`;
    if (name !== undefined) {
        const named = containers.find((c) => c.name === name);
        if (!named)
            throw new errors/* ActionError */.lZ(`smoke-container '${name}' is not a container of ${family}; its containers are ${names}.`);
        return named;
    }
    const essential = containers.find((c) => c.essential !== false);
    if (!essential)
        throw new errors/* ActionError */.lZ(`${family} has no essential container to smoke-check (containers: ${names}); set smoke-container.`);
    return essential;
}
/** Settings of the task definition that stop the exec agent; warnings for the ones that only hurt. */
function checkTaskDefinition(taskDefinition, container, kmsKeyId) {
    const family = `${taskDefinition.family}:${taskDefinition.revision}`;
    if (container.readonlyRootFilesystem) {
        throw new errors/* ActionError */.lZ(`Container '${container.name}' of ${family} sets readonlyRootFilesystem: true, which keeps the ECS Exec agent from starting. Set it to false (or mount writable volumes the agent needs) to smoke-check this container.`);
    }
    if (!taskDefinition.taskRoleArn) {
        throw new errors/* ActionError */.lZ(`${family} has no task role, and the ECS Exec agent needs one. Set taskRoleArn to a role with this policy, then deploy again:\n${taskRolePolicy(kmsKeyId)}`);
    }
    if (!container.linuxParameters?.initProcessEnabled) {
        core/* warning */.$e(`Container '${container.name}' of ${family} does not set linuxParameters.initProcessEnabled: true; processes started by ECS Exec may be left behind as zombies.`);
    }
}
function fargateTooOld(task) {
    if (task.launchType !== 'FARGATE' || !task.platformVersion || task.platformFamily === 'WINDOWS')
        return false;
    const [major, minor] = task.platformVersion.split('.').map(Number);
    return Number.isFinite(major) && (major < 1 || (major === 1 && minor < 4));
}
/** The task's exec readiness, read once. `wait` means the agent is still starting. */
function execReadiness(task, containerName, kmsKeyId) {
    const id = (0,arn/* lastSegment */.m)(task.taskArn ?? '');
    const gone = (0,tasks/* goneReason */.q9)(task);
    if (gone)
        throw new tasks/* TaskGoneError */.p3(task.taskArn ?? '', gone);
    if (!task.enableExecuteCommand) {
        throw new errors/* ActionError */.lZ(`Task ${id} was started without ECS Exec (enableExecuteCommand is false). Set enable-execute-command: true (or the service's enableExecuteCommand) and force a new deployment: tasks started before it was set cannot be reached.`);
    }
    if (fargateTooOld(task)) {
        throw new errors/* ActionError */.lZ(`Task ${id} runs on Fargate platform ${task.platformVersion}; ECS Exec needs 1.4.0 or later. Set the service's platformVersion to LATEST or 1.4.0.`);
    }
    const container = task.containers?.find((c) => c.name === containerName);
    if (!container) {
        const names = (task.containers ?? []).map((c) => `'${c.name}'`).join(', ');
        throw new errors/* ActionError */.lZ(`Task ${id} has no container '${containerName}' (it has ${names}).`);
    }
    const agent = container.managedAgents?.find((a) => a.name === constants/* EXEC_AGENT */.i9);
    if (agent?.lastStatus === 'RUNNING')
        return { ready: container };
    if (agent?.lastStatus === 'STOPPED') {
        throw new errors/* ActionError */.lZ(`The ECS Exec agent in container '${containerName}' of task ${id} stopped${agent.reason ? `: ${agent.reason}` : ''}. It needs a writable root filesystem and a task role with this policy:\n${taskRolePolicy(kmsKeyId)}`);
    }
    return { wait: `the ECS Exec agent in container '${containerName}' of task ${id} is ${agent?.lastStatus ?? 'not reported yet'}` };
}
/** Re-reads the task until the exec agent in the container is RUNNING; returns that container. */
async function waitForExecAgent(ecs, wait) {
    let logged = false;
    for (;;) {
        const [task] = await (0,tasks/* describeTasks */.yz)(ecs, wait.cluster, [wait.taskArn], wait);
        if (!task)
            throw new tasks/* TaskGoneError */.p3(wait.taskArn, (0,tasks/* goneReason */.q9)(task));
        const state = execReadiness(task, wait.container, wait.kmsKeyId);
        if ('ready' in state)
            return state.ready;
        const now = wait.clock.now();
        if (now >= wait.deadline || wait.signal?.aborted) {
            throw new TransientExecError(`Gave up waiting: ${state.wait}. The agent usually starts within a minute of the container; raise smoke-timeout-seconds if it needs longer.`);
        }
        if (!logged)
            core/* info */.pq((0,untrusted/* inert */.t)(`Waiting: ${state.wait}.`));
        logged = true;
        await wait.clock.sleep(Math.min(AGENT_POLL_MS, wait.deadline - now), wait.signal);
    }
}

;// CONCATENATED MODULE: ./src/smoke/execute.ts
/**
 * The ExecuteCommand call: starts the session and hands back its credentials, masked at once.
 * Once it has succeeded the agent runs the command to its end whatever the session does
 * (reference ecs-exec-data-channel.md section 6), so what happens before that point is retried
 * silently and what may have started a command is never retried without saying so.
 */







function hintFor(error, request) {
    switch ((0,aws_errors/* awsErrorName */.ZH)(error)) {
        case 'TargetNotConnectedException':
            return (`The ECS Exec agent in the task is not connected to Systems Manager. Right after a task starts this passes by itself; if it persists, ` +
                `check that the task can reach ssmmessages.${request.region}.amazonaws.com (a NAT gateway, or a VPC endpoint for ssmmessages) ` +
                `and that the task role has this policy:\n${taskRolePolicy(request.kmsKeyId)}`);
        case 'InvalidParameterException':
            return 'ECS Exec is not enabled on this task or its agent is not running: set enable-execute-command: true and force a new deployment (tasks started before it was set cannot be reached).';
        case 'AccessDeniedException':
            return `Grant 'ecs:ExecuteCommand' on cluster '${request.cluster}' and its tasks to the role this job runs as${request.kmsKeyId ? `, and 'kms:GenerateDataKey' on ${request.kmsKeyId}` : ''}.`;
        case 'ClusterNotFoundException':
            return `Check that 'cluster' names an existing cluster in ${request.region}.`;
        default:
            return undefined;
    }
}
/**
 * An attempt that got no HTTP answer (connection reset, timeout) may have reached ECS and started
 * the command; an answered one (throttling, 5xx, any 4xx) did not start it.
 */
function unanswered(error) {
    const sdkError = error;
    return typeof error === 'object' && error !== null && sdkError?.$response === undefined && sdkError?.$metadata?.httpStatusCode === undefined;
}
/** Counts the attempts the SDK's own retries make that get no answer (they happen inside one `send`). */
function watchAttempts(command, onUnanswered) {
    command.middlewareStack.add((next) => async (args) => {
        try {
            return await next(args);
        }
        catch (error) {
            if (unanswered(error))
                onUnanswered();
            throw error;
        }
    }, { step: 'deserialize', priority: 'high', name: 'edvUnansweredAttempts' });
    return command;
}
/**
 * ExecuteCommand, retried through throttling and 5xx within the budget. An InvalidParameterException
 * on a task that has meanwhile stopped is a TaskGoneError, so that another task can stand in.
 */
async function executeCommand(ecs, request, budget) {
    const id = (0,arn/* lastSegment */.m)(request.taskArn);
    let unansweredAttempts = 0;
    const input = { cluster: request.cluster, task: request.taskArn, container: request.container, command: request.command, interactive: true };
    let answer;
    try {
        const count = () => unansweredAttempts++;
        answer = await (0,retry/* retryTransient */.jh)(`ExecuteCommand on task ${id}`, async () => {
            try {
                return await ecs.send(watchAttempts(new client_ecs_dist_cjs/* ExecuteCommandCommand */.apx(input), count));
            }
            catch (error) {
                if (unanswered(error))
                    count();
                throw error;
            }
        }, budget);
    }
    catch (error) {
        if ((0,aws_errors/* awsErrorName */.ZH)(error) === 'InvalidParameterException') {
            const [task] = await (0,tasks/* describeTasks */.yz)(ecs, request.cluster, [request.taskArn], budget);
            const gone = (0,tasks/* goneReason */.q9)(task);
            if (gone)
                throw new tasks/* TaskGoneError */.p3(request.taskArn, gone);
        }
        const failure = (0,aws_errors/* awsFailure */.MT)(`start ECS Exec in container '${request.container}' of task ${id}`, error, hintFor(error, request));
        throw (0,aws_errors/* awsErrorName */.ZH)(error) === 'TargetNotConnectedException' ? new TransientExecError(failure.message) : failure;
    }
    const session = answer.session;
    // Before anything else can see the answer: the token is a credential for the session.
    if (session?.tokenValue)
        core/* setSecret */.Pq(session.tokenValue);
    if (!session?.sessionId || !session.streamUrl || !session.tokenValue) {
        throw new TransientExecError(`ExecuteCommand on task ${id} returned no session to connect to.`, true);
    }
    return {
        session: {
            sessionId: session.sessionId,
            streamUrl: session.streamUrl,
            tokenValue: session.tokenValue,
            clusterArn: answer.clusterArn ?? request.cluster,
            taskArn: answer.taskArn ?? request.taskArn,
            containerName: answer.containerName ?? request.container,
        },
        unansweredAttempts,
    };
}
/** The session's SSM target, as the AWS CLI builds it: `ecs:<cluster name>_<task id>_<container runtime id>`. */
function execTarget(session, runtimeId) {
    return `ecs:${(0,arn/* lastSegment */.m)(session.clusterArn)}_${(0,arn/* lastSegment */.m)(session.taskArn)}_${runtimeId}`;
}

;// CONCATENATED MODULE: ./src/smoke/marker.ts
/**
 * Getting a trustworthy exit status out of ECS Exec, which never reports one: the command runs
 * inside a shell that prints the status behind a fresh random nonce as its very last act.
 * The agent splits the command like shlex and executes the words directly (no shell), so the
 * wrapped command must split back into exactly [shell, '-c', script].
 */


/** Unguessable per run: output produced before the run cannot contain it. */
function newNonce() {
    return `edv-${(0,external_node_crypto_.randomBytes)(16).toString('hex')}`;
}
const PLAIN_WORD = /^[A-Za-z0-9_/.,:=+@%-]+$/;
/** Quotes one word so that a POSIX shell, and shlex, read it back unchanged. */
function quoteWord(word) {
    if (PLAIN_WORD.test(word))
        return word;
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
/**
 * `<shell> -c '( <command> ); printf "\n<nonce>:$?"'` in effect. The subshell keeps an `exit`
 * in the command from skipping the status line; the newlines keep a trailing comment or an
 * unterminated here-document in the command from swallowing it; the leading `\n` puts the
 * status on a line of its own even when the command's output did not end with one.
 */
function wrapCommand(command, shell, nonce) {
    if (command.includes('\0'))
        throw new errors/* InputError */.dz('smoke-command', command.replace(/\0/g, '\\0'), 'a command without NUL characters');
    const script = `(\n${command}\n)\nprintf '\\n%s:%s\\n' ${nonce} "$?"`;
    return `${quoteWord(shell)} -c ${quoteWord(script)}`;
}
/**
 * Finds the status line: a line that is exactly `<nonce>:<digits>`, with nothing but blank
 * lines after it. The nonce is secret only until the command starts (a process can read its
 * parent's command line), so a second status line means the command printed one itself, and
 * output after it means a process outlived the shell: either way no status is trusted.
 */
function parseMarkedOutput(raw, nonce, shell) {
    const lines = raw.split(/\r?\n/);
    const pattern = new RegExp(`^${nonce}:(\\d{1,3})$`);
    const found = lines.flatMap((line, index) => (pattern.test(line) ? [index] : []));
    if (found.length === 0) {
        return {
            output: raw,
            problem: `the exit status line never arrived: the command did not finish, or '${shell}' is not in the image (set smoke-shell to the image's shell, or 'none' for images without one)`,
        };
    }
    const at = found[found.length - 1];
    const output = lines.slice(0, at).join('\n');
    if (found.length > 1) {
        return { output: lines.filter((_, index) => !found.includes(index)).join('\n'), problem: `the output holds ${found.length} exit status lines of this run; the command printed one itself, so none can be trusted` };
    }
    const after = lines.slice(at + 1);
    if (after.some((line) => line.trim() !== '')) {
        return {
            output: `${output}\n${after.join('\n')}`,
            problem: 'output continued after the exit status line (a background process still writing?), so the status cannot be trusted',
        };
    }
    return { output, exitCode: Number(pattern.exec(lines[at])[1]) };
}

;// CONCATENATED MODULE: ./src/smoke/attempt.ts
/**
 * One attempt of the smoke command in one task: wait for its exec agent, ExecuteCommand, run the
 * session (native client or session-manager-plugin), judge the run by its exit status.
 */











const defaultSocket = (url) => new wrapper/* default */.Ay(url);
/** smoke-timeout-seconds from now: the budget of each step of the check, AWS retries included. */
function stepBudget(plan) {
    const { clock, signal } = plan.deps;
    return { clock, deadline: clock.now() + plan.params.smoke.timeoutSeconds * 1000, signal };
}
/** A TaskGoneError when the task no longer runs; else nothing. */
async function throwIfGone(plan, taskArn, commandStarted) {
    const [task] = await (0,tasks/* describeTasks */.yz)(plan.ecs, plan.params.cluster, [taskArn], stepBudget(plan));
    const gone = (0,tasks/* goneReason */.q9)(task);
    if (gone)
        throw new tasks/* TaskGoneError */.p3(taskArn, gone, commandStarted);
}
async function attemptOnce(plan, taskArn) {
    const { ecs, params, deps, container, kmsKeyId } = plan;
    const { clock, signal } = deps;
    const id = (0,arn/* lastSegment */.m)(taskArn);
    const timeoutMs = params.smoke.timeoutSeconds * 1000;
    const budget = stepBudget(plan);
    const ready = await waitForExecAgent(ecs, { cluster: params.cluster, taskArn, container, kmsKeyId, clock, deadline: budget.deadline, signal });
    const started = clock.now();
    const request = { cluster: params.cluster, taskArn, container, command: plan.command, region: params.region, kmsKeyId };
    const { session, unansweredAttempts } = await executeCommand(ecs, request, budget);
    const twice = unansweredAttempts > 0 ? 'ExecuteCommand got no answer on an earlier attempt and was sent again; if that attempt reached ECS, it started the command too' : undefined;
    if (twice)
        core/* warning */.$e(`Task ${id}: the command may run twice: ${twice}.`);
    const deadline = started + timeoutMs;
    const target = execTarget(session, ready.runtimeId ?? '');
    const result = plan.endpointUrl
        ? await runPluginSession({ session, region: params.region, target, endpointUrl: plan.endpointUrl, clock, deadline, signal, run: deps.runPlugin ?? runPluginProcess })
        : await runSession({
            streamUrl: session.streamUrl,
            tokenValue: session.tokenValue,
            sessionId: session.sessionId,
            targetId: target,
            openSocket: deps.openSocket ?? defaultSocket,
            clock,
            deadline,
            signal,
            kms: kmsKeyId ? plan.kms : undefined,
        });
    if (result.kind === 'dropped') {
        await throwIfGone(plan, taskArn, result.commandMayHaveStarted);
        throw new TransientExecError(`The exec session on task ${id} failed: ${result.detail}.`, result.commandMayHaveStarted);
    }
    const judged = judge(plan, taskArn, result, clock.now() - started);
    // A session that ended without the status line may have ended with its task (Spot reclaim).
    if (result.kind === 'closed' && plan.nonce !== undefined && judged.exitCode === undefined)
        await throwIfGone(plan, taskArn, true);
    return { ...judged, ...(twice && { twice }) };
}
function judge(plan, taskArn, result, durationMs) {
    const { smoke } = plan.params;
    const base = { taskArn, container: plan.container, durationMs };
    const marked = plan.nonce === undefined ? { output: result.output } : parseMarkedOutput(result.output, plan.nonce, smoke.shell);
    const text = stripTerminal(marked.output);
    const output = keepTail(text, constants/* MAX_SMOKE_OUTPUT_CHARS */.Nf);
    if (result.kind === 'timed-out') {
        return { ...base, output, passed: false, reason: `did not finish within smoke-timeout-seconds (${smoke.timeoutSeconds}s)` };
    }
    const closedBy = result.reason ? ` (the service closed the session: ${result.reason})` : '';
    if ('problem' in marked && marked.problem !== undefined)
        return { ...base, output, passed: false, reason: `${marked.problem}${closedBy}` };
    const exitCode = 'exitCode' in marked ? marked.exitCode : undefined;
    if (exitCode !== undefined && exitCode !== 0)
        return { ...base, exitCode, output, passed: false, reason: `exit status ${exitCode}` };
    const status = exitCode === undefined ? 'exit status unknown (smoke-shell none)' : 'exit status 0';
    if (smoke.expect && !smoke.expect.test(text)) {
        return { ...base, exitCode, output, passed: false, reason: `${status}, but the output did not match ${smoke.expect}` };
    }
    return { ...base, exitCode, output, passed: true, reason: smoke.expect ? `${status}, output matched ${smoke.expect}` : status };
}

// EXTERNAL MODULE: ./src/watch/wording.ts
var wording = __webpack_require__(9459);
;// CONCATENATED MODULE: ./src/smoke/check.ts
/**
 * The smoke check: runs smoke-command in the chosen tasks through ECS Exec and judges each run by
 * its real exit status (see marker.ts) and smoke-expect.
 *
 * The verdict, task by task:
 * - Transient AWS faults (throttling, 5xx, resets, timeouts) are retried within smoke-timeout-seconds
 *   per step and decide nothing.
 * - A task that stops before or during its check (Spot reclaim, scale-in) is replaced by another
 *   RUNNING task of the revision; only when none is left is that task "could not be checked".
 * - A task that cannot be reached (agent never ready, session failing after smoke-retries) is "could
 *   not be checked"; the tasks already checked keep their results.
 * - The check passes only if every task it set out to check was checked and passed. It fails if
 *   any checked task failed. If no task could be checked it "could not run". If some passed and
 *   the others could not be checked it does not pass, and says exactly which were checked.
 * - Retries before ExecuteCommand succeeded are silent. Once it has, the agent runs the command to
 *   its end whatever the session does, so any later retry warns, in the log and in the task's
 *   result, that the command may have run twice (the README asks for a command safe to repeat).
 */














/** A task's result, and what the sentence must say beyond passed or failed. */
/** First pause between attempts; doubles per retry. */
const RETRY_DELAY_MS = 2000;
async function runSmokeCheck(ecs, params, deps) {
    const { smoke } = params;
    if (smoke.shell === 'none') {
        if (!smoke.expect) {
            throw new errors/* ActionError */.lZ("smoke-shell is 'none', so the command's exit status cannot be known, and smoke-expect is empty: no verdict is possible. Set smoke-expect to a regular expression the output must match, or set smoke-shell to the image's shell.");
        }
        core/* info */.pq(`smoke-shell is 'none': the exit status cannot be known; only smoke-expect ${smoke.expect} judges the output.`);
    }
    const budget = { clock: deps.clock, deadline: deps.clock.now() + smoke.timeoutSeconds * 1000, signal: deps.signal };
    const kmsKeyId = await clusterExecKmsKey(ecs, params.cluster, budget);
    if (kmsKeyId)
        core/* info */.pq(`Cluster '${params.cluster}' encrypts exec sessions with KMS key ${kmsKeyId}.`);
    const endpointUrl = smoke.client === 'session-manager-plugin' ? (await requirePlugin(), await ecsEndpointUrl(ecs, params.region)) : undefined;
    const { taskDefinition } = await (0,register/* describeTaskDefinition */.oh)((0,retry/* retryingClient */.Ux)(ecs, 'DescribeTaskDefinition', budget), params.taskDefinitionArn);
    const container = chooseContainer(taskDefinition, smoke.container);
    checkTaskDefinition(taskDefinition, container, kmsKeyId);
    const pool = await tasks/* TaskPool */.YE.open(ecs, { ...params, wanted: smoke.tasks }, budget);
    const whose = params.startedBy === undefined ? '' : ` started by our deployment ${params.startedBy}`;
    core/* info */.pq(`Checking ${(0,wording/* plural */.LS)(pool.count, 'task')} of ${params.taskDefinitionArn}${whose}, container '${container.name}'.`);
    const kms = lazyKms(deps.kms, params.region);
    const records = [];
    for (let slot = 0; slot < pool.count; slot++) {
        const nonce = smoke.shell === 'none' ? undefined : newNonce();
        const command = nonce === undefined ? smoke.command : wrapCommand(smoke.command, smoke.shell, nonce);
        const plan = { ecs, params, deps, container: container.name, kmsKeyId, kms, command, nonce, endpointUrl };
        records.push(await checkSlot(plan, pool));
    }
    return outcome(smoke.command, records);
}
function outcome(command, records) {
    const checked = records.filter((r) => !r.unreachable);
    if (checked.length === 0) {
        const reasons = [...new Set(records.map((r) => r.reason.replace(/^could not be checked: /, '')))];
        return { passed: false, command, tasks: [], error: reasons.join('; ') };
    }
    return { passed: records.every((r) => r.passed), command, tasks: records };
}
function lazyKms(given, region) {
    let client = typeof given === 'function' ? undefined : given;
    return () => (client ??= typeof given === 'function' ? given() : new dist_cjs/* KMSClient */.pgq({ region, customUserAgent: constants/* USER_AGENT */._O }));
}
/** One of the tasks to check: another RUNNING task of the revision stands in for one that stops. */
async function checkSlot(plan, pool) {
    const twice = [];
    let gone;
    for (;;) {
        let task;
        try {
            task = await pool.take(stepBudget(plan));
        }
        catch (error) {
            if (plan.deps.signal?.aborted || !(error instanceof errors/* ActionError */.lZ))
                throw error;
            return unreachable(plan, gone?.taskArn ?? '', `${gone ? `${gone.message} ` : ''}Looking for another task failed: ${error.message}`, 1, twice);
        }
        if (!task) {
            const left = `no other RUNNING task of ${plan.params.taskDefinitionArn} is left to check`;
            return unreachable(plan, gone?.taskArn ?? '', gone ? `${gone.message} And ${left}.` : `${left}.`, 1, twice);
        }
        try {
            return await checkTask(plan, task, twice);
        }
        catch (error) {
            if (!(error instanceof tasks/* TaskGoneError */.p3))
                throw error;
            gone = error;
            if (error.commandStarted) {
                twice.push(`it had started in task ${(0,arn/* lastSegment */.m)(error.taskArn)}, which then stopped`);
                core/* warning */.$e(`${error.message} ExecuteCommand had started the command there, so it may have run in part or to its end: running it in another task may run it twice.`);
            }
            else {
                core/* info */.pq((0,untrusted/* inert */.t)(`${error.message} Checking another RUNNING task of the revision instead.`));
            }
        }
    }
}
/** Attempts on one task: transient failures are retried (smoke-retries), a finished run never is. */
async function checkTask(plan, task, twice) {
    const { smoke } = plan.params;
    const { clock, signal } = plan.deps;
    const id = (0,arn/* lastSegment */.m)(task.taskArn);
    for (let attempt = 1;; attempt++) {
        core/* info */.pq(`Task ${id}: running the smoke command${attempt > 1 ? ` (attempt ${attempt} of ${smoke.retries + 1})` : ''}.`);
        try {
            const result = await attemptOnce(plan, task.taskArn);
            if (result.twice)
                twice.push(result.twice);
            return finished(result, attempt, twice);
        }
        catch (error) {
            if (error instanceof tasks/* TaskGoneError */.p3 || signal?.aborted || !(error instanceof errors/* ActionError */.lZ))
                throw error;
            if (!(error instanceof TransientExecError) || attempt > smoke.retries) {
                const detail = error instanceof TransientExecError && attempt > 1 ? `${error.message} (after ${attempt} attempts on task ${id})` : error.message;
                return unreachable(plan, task.taskArn, detail, attempt, twice);
            }
            const delay = (0,retry/* jittered */.et)(RETRY_DELAY_MS * 2 ** (attempt - 1), clock);
            if (error.commandStarted) {
                twice.push(`a session dropped after ExecuteCommand had started the command (${error.message.replace(/\.$/, '')})`);
                core/* warning */.$e(`Task ${id}: ${error.message} ExecuteCommand had already started the command, and the agent runs it to its end whatever the session does: retrying in ${(delay / 1000).toFixed(1)} s runs it again, so it may run twice.`);
            }
            else {
                core/* info */.pq((0,untrusted/* inert */.t)(`Task ${id}: ${error.message} The command has not started; retrying in ${(delay / 1000).toFixed(1)} s.`));
            }
            await clock.sleep(delay, signal);
        }
    }
}
function finished(result, attempts, twice) {
    const { twice: _ignored, ...rest } = result;
    const record = { ...rest, attempts };
    if (twice.length > 0) {
        record.mayHaveRunTwice = twice.join('; ');
        record.reason = `${record.reason} ⚠ the command may have run twice: ${record.mayHaveRunTwice}`;
    }
    log(record);
    return record;
}
function unreachable(plan, taskArn, detail, attempts, twice) {
    const record = { taskArn, container: plan.container, passed: false, reason: `could not be checked: ${detail}`, durationMs: 0, output: '', attempts, unreachable: true };
    if (twice.length > 0)
        record.mayHaveRunTwice = twice.join('; ');
    core/* warning */.$e(`Task ${(0,arn/* lastSegment */.m)(taskArn) || '(none)'}: ${record.reason}`);
    return record;
}
function log(result) {
    const id = (0,arn/* lastSegment */.m)(result.taskArn);
    const line = `Task ${id}: ${result.passed ? 'passed' : 'FAILED'}, ${result.reason} (${(result.durationMs / 1000).toFixed(1)}s).`;
    if (result.passed && !result.mayHaveRunTwice)
        core/* info */.pq((0,untrusted/* inert */.t)(line));
    else
        core/* warning */.$e(line);
    if (result.output)
        core/* info */.pq((0,untrusted/* inert */.t)(result.output.replace(/^/gm, '  | ')));
}


/***/ }),

/***/ 1527:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YE: () => (/* binding */ TaskPool),
/* harmony export */   p3: () => (/* binding */ TaskGoneError),
/* harmony export */   q9: () => (/* binding */ goneReason),
/* harmony export */   yz: () => (/* binding */ describeTasks),
/* harmony export */   zz: () => (/* binding */ listRunningTaskArns)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(212);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
/* harmony import */ var _aws_arn_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1626);
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2495);
/* harmony import */ var _watch_wording_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9459);
/**
 * The tasks a smoke check runs in: listed and described through transient faults, newest first,
 * and replaced by another RUNNING task of the revision when one stops (Fargate Spot reclaim,
 * scale-in) before its check is done. After a deployment they are the tasks our service
 * deployment started, not any task of the revision: a reused revision's old (blue) tasks run the
 * same task definition.
 */






const DESCRIBE_TASKS_BATCH = 100;
/** The task stopped or is stopping: nothing more can run in it, another task may stand in. */
class TaskGoneError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ {
    taskArn;
    why;
    commandStarted;
    constructor(taskArn, why, 
    /** ExecuteCommand had succeeded in it: the command may have run, in part or to its end. */
    commandStarted = false) {
        super(`Task ${(0,_aws_arn_js__WEBPACK_IMPORTED_MODULE_4__/* .lastSegment */ .m)(taskArn)} ${why}, so nothing more can run in it.`);
        this.taskArn = taskArn;
        this.why = why;
        this.commandStarted = commandStarted;
        this.name = 'TaskGoneError';
    }
}
/** Why nothing can run in the task any more; undefined while it runs and is meant to. */
function goneReason(task) {
    if (!task)
        return 'is gone (DescribeTasks no longer finds it)';
    if (task.lastStatus === 'RUNNING' && task.desiredStatus !== 'STOPPED')
        return undefined;
    const stop = [task.stopCode, task.stoppedReason].filter(Boolean).join(': ');
    const state = task.lastStatus === 'RUNNING' ? 'stopping' : `${task.lastStatus}`;
    return `is ${state}${stop ? ` (${stop})` : ''}`;
}
async function listRunningTaskArns(ecs, cluster, service, budget) {
    const arns = [];
    let nextToken;
    const what = `list the running tasks of service '${service}'`;
    try {
        do {
            const request = { cluster, serviceName: service, desiredStatus: 'RUNNING', nextToken };
            const page = await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retryTransient */ .jh)(`ListTasks (${what})`, () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__/* .ListTasksCommand */ .MYg(request)), budget);
            arns.push(...(page.taskArns ?? []));
            nextToken = page.nextToken;
        } while (nextToken);
    }
    catch (error) {
        throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsFailure */ .MT)(what, error);
    }
    return arns;
}
async function describeTasks(ecs, cluster, taskArns, budget) {
    const tasks = [];
    for (let at = 0; at < taskArns.length; at += DESCRIBE_TASKS_BATCH) {
        const batch = taskArns.slice(at, at + DESCRIBE_TASKS_BATCH);
        const what = `describe tasks ${batch.map(_aws_arn_js__WEBPACK_IMPORTED_MODULE_4__/* .lastSegment */ .m).join(', ')}`;
        try {
            const answer = await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retryTransient */ .jh)(`DescribeTasks (${what})`, () => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__/* .DescribeTasksCommand */ .z8X({ cluster, tasks: batch })), budget);
            tasks.push(...(answer.tasks ?? []));
        }
        catch (error) {
            throw (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsFailure */ .MT)(what, error);
        }
    }
    return tasks;
}
/** The RUNNING tasks of the revision (started by the deployment, when one is named), newest first. */
async function runningTasksOf(ecs, choice, budget) {
    const arns = await listRunningTaskArns(ecs, choice.cluster, choice.service, budget);
    const ours = (await describeTasks(ecs, choice.cluster, arns, budget))
        .filter((t) => t.taskDefinitionArn === choice.taskDefinitionArn && (choice.startedBy === undefined || t.startedBy === choice.startedBy))
        .filter((t) => goneReason(t) === undefined)
        .sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0));
    return { ours, listed: arns.length };
}
/**
 * The tasks to check (`count` of them, newest first) and the ones that may stand in for a task
 * that stops: the rest of the first listing, then whatever a fresh listing finds.
 */
class TaskPool {
    ecs;
    choice;
    spares;
    count;
    tried = new Set();
    constructor(ecs, choice, spares, count) {
        this.ecs = ecs;
        this.choice = choice;
        this.spares = spares;
        this.count = count;
    }
    /** Exactly `wanted` RUNNING tasks of the revision, or a clear error. */
    static async open(ecs, choice, budget) {
        const { service, taskDefinitionArn, startedBy, wanted } = choice;
        const { ours, listed } = await runningTasksOf(ecs, choice, budget);
        const count = wanted === 'all' ? Math.max(ours.length, 1) : wanted;
        if (ours.length < count) {
            const others = listed - ours.length;
            const whose = startedBy === undefined ? '' : ` started by our deployment ${startedBy}`;
            const rest = startedBy === undefined ? 'of other revisions or not yet RUNNING' : 'of other deployments or not yet RUNNING';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`smoke-tasks asks for ${wanted === 'all' ? 'all tasks' : count} but service '${service}' has ${(0,_watch_wording_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .LS)(ours.length, 'RUNNING task')} of ${taskDefinitionArn}${whose}` +
                `${others > 0 ? ` (and ${others} ${rest})` : ''}. Lower smoke-tasks, or check why the tasks are not running.`);
        }
        return new TaskPool(ecs, choice, ours, count);
    }
    /** The next task not tried yet, or undefined when no RUNNING task of the revision is left. */
    async take(budget) {
        let next = this.spares.shift();
        if (!next)
            next = (await runningTasksOf(this.ecs, this.choice, budget)).ours.find((t) => !this.tried.has(t.taskArn));
        if (next)
            this.tried.add(next.taskArn);
        return next;
    }
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


/***/ })

};
