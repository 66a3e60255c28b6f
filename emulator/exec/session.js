// @ts-check
// One ECS Exec session as the SSM service and the agent (container mode) behave towards the
// client: the opening frame with the token, the optional KMS handshake, the pty with its
// command, acknowledged and resent output, ordered input, and channel_closed at the end.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openGcm, sealGcm } from './aes-gcm.js';
import { decodeMessage, encodeAck, encodeMessage, MessageType, PayloadType } from './codec.js';
import { startCommand } from './process.js';
import { splitCommand } from './shlex.js';

/** Input before the agent's pty exists is dropped unacknowledged (the client must resend). */
const PTY_START_DELAY_MS = 100;
/** The agent's StreamDataPayloadSize. */
const OUTPUT_CHUNK_BYTES = 1024;
/** The agent waits this long for its outgoing buffer to empty before the session closes. */
const DRAIN_LIMIT_MS = 2000;
const RESEND_TICK_MS = 100;
const REORDER_HOLD_MS = 150;
const DEFAULT_RESEND_MS = 1000;
const DEFAULT_HANDSHAKE_TIMEOUT_MS = 15000;
const DEFAULT_IDLE_SECONDS = 1200;
const AGENT_VERSION = '3.3.1802.0';
const HOST_PATH = ['/usr/local/bin', '/usr/bin', '/bin'];
const IDLE_OUTPUT = 'Your session timed out due to inactivity and has been terminated.';
const HANDSHAKE_TIMEOUT_OUTPUT = 'Handshake timed out. Please ensure that you have the latest version of the session manager plugin.';
const CHALLENGE_TIMEOUT_OUTPUT = 'Timed out waiting for encryption challenge.';
const KMS_CUSTOMER_MESSAGE = 'This session is encrypted using AWS KMS.';
const WS_NORMAL = 1000;
const WS_POLICY_VIOLATION = 1008;

/**
 * @typedef {object} ExecFaults
 * @property {boolean} [reorder]
 * @property {boolean} [duplicate]
 * @property {boolean} [withholdAckOfFirstInput]
 * @property {number} [dropSocketAfterMessages]
 * @property {number} [resendUnackedAfterMs]
 * @property {number} [handshakeTimeoutMs]
 */

/**
 * @typedef {object} SessionParams
 * @property {string} clusterArn
 * @property {string} taskArn
 * @property {string} taskId
 * @property {string} containerName
 * @property {string} command
 * @property {{ shell?: boolean, execPath?: string[], execIdleCloseSeconds?: number }} [behaviour]
 * @property {string} [kmsKeyId]
 * @property {string} [runtimeId] the container's runtimeId from DescribeTasks: part of the SSM target
 * @property {string} region
 * @property {string} account
 */

/** @param {string} presented @param {string} expected */
function tokenMatches(presented, expected) {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** @param {import('ws').RawData} data */
function toBuffer(data) {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Session {
  /**
   * @param {{ id: string, token: string, params: SessionParams, faults: ExecFaults, scenarioDir: string,
   *   kms: import('./kms.js').KmsStore, log: (entry: object) => void, dropSocketAfterMessages?: number }} options
   */
  constructor(options) {
    this.id = options.id;
    this.token = options.token;
    this.params = options.params;
    this.faults = options.faults;
    this.scenarioDir = options.scenarioDir;
    this.kms = options.kms;
    this.log = options.log;
    this.dropSocketAfterMessages = options.dropSocketAfterMessages;
    this.behaviour = options.params.behaviour ?? {};
    this.resendAfterMs = this.faults.resendUnackedAfterMs ?? DEFAULT_RESEND_MS;
    this.handshakeTimeoutMs = this.faults.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    const clusterName = options.params.clusterArn.split('/').pop();
    // aws-cli's executecommand.py names the SSM target ecs:<cluster>_<taskId>_<runtimeId>.
    this.target = `ecs:${clusterName}_${options.params.taskId}_${options.params.runtimeId ?? options.params.taskId}`;

    /** @type {'created'|'open'|'handshake'|'starting'|'running'|'closing'|'closed'|'failed'|'dropped'|'disconnected'} */
    this.status = 'created';
    /** @type {import('ws').WebSocket | undefined} */
    this.ws = undefined;
    /** @type {number | null} */
    this.exitCode = null;
    /** @type {string | null} */
    this.closeReason = null;
    this.createdAt = new Date().toISOString();
    /** @type {string | null} */
    this.openedAt = null;
    /** @type {string | null} */
    this.closedAt = null;
    /** @type {{ clientId?: string, clientVersion?: string }} */
    this.client = {};
    /** @type {{ cols: number, rows: number } | null} */
    this.terminalSize = null;
    this.ending = false;
    this.finished = false;

    this.nextSequence = 0;
    /** @type {Map<number, { frame: Buffer, messageId: string, lastSent: number }>} */
    this.unacked = new Map();
    /** @type {{ frame: Buffer, sequence: number } | null} */
    this.held = null;
    this.expectedSequence = 0;
    /** @type {Map<number, import('./codec.js').Message>} */
    this.inputBuffer = new Map();
    this.firstInputSeen = false;
    this.firstTimeSends = 0;

    /** @type {{ startedAt: number, phase: 'response'|'challenge'|'complete', challenge?: Buffer } | null} */
    this.handshake = null;
    /** @type {{ encryptKey: Buffer, decryptKey: Buffer } | null} */
    this.encryption = null;
    /** @type {import('./process.js').RunningCommand | null} */
    this.command = null;
    /** @type {string | null} */
    this.workDir = null;
    /** @type {Record<string, NodeJS.Timeout | undefined>} */
    this.timers = {};

    this.stats = {
      framesIn: 0,
      framesOut: 0,
      messagesIn: 0,
      messagesOut: 0,
      acksSent: 0,
      acksReceived: 0,
      acksIgnored: 0,
      ackIdMismatches: 0,
      resends: 0,
      duplicatesSent: 0,
      reordered: 0,
      duplicatesDropped: 0,
      bufferedOutOfOrder: 0,
      droppedBeforePty: 0,
      withheldAcks: 0,
      ignoredDuringHandshake: 0,
      decryptFailures: 0,
      malformed: 0,
      rejectedOpens: 0,
      stdinBytes: 0,
      outputBytes: 0,
    };
  }

  /** @param {import('ws').WebSocket} ws */
  attach(ws) {
    ws.on('error', () => {});
    const timer = setTimeout(() => this.reject(ws, 'no opening frame'), this.handshakeTimeoutMs);
    ws.once('close', () => clearTimeout(timer));
    ws.once('message', (data, isBinary) => {
      clearTimeout(timer);
      this.open(ws, toBuffer(data), isBinary);
    });
  }

  /** @param {import('ws').WebSocket} ws @param {Buffer} data @param {boolean} isBinary */
  open(ws, data, isBinary) {
    /** @type {any} */
    let opening;
    try {
      opening = isBinary ? undefined : JSON.parse(data.toString('utf8'));
    } catch {
      opening = undefined;
    }
    if (opening === undefined) return this.reject(ws, 'first frame is not the JSON opening');
    if (typeof opening.TokenValue !== 'string' || !tokenMatches(opening.TokenValue, this.token)) {
      return this.reject(ws, 'missing or wrong TokenValue');
    }
    if (this.ws) return this.reject(ws, 'session was already opened');
    this.ws = ws;
    this.status = 'open';
    this.openedAt = new Date().toISOString();
    this.client = { clientId: opening.ClientId, clientVersion: opening.ClientVersion };
    this.log({ event: 'session.opened', clientVersion: opening.ClientVersion });
    ws.on('message', (frame, binary) => this.onFrame(toBuffer(frame), binary));
    ws.on('close', (code) => this.onSocketClose(code));
    this.timers.resend = setInterval(() => this.resendOldest(), Math.min(RESEND_TICK_MS, this.resendAfterMs));
    if (this.params.kmsKeyId) this.startHandshake();
    else this.schedulePty();
  }

  /** @param {import('ws').WebSocket} ws @param {string} reason */
  reject(ws, reason) {
    this.stats.rejectedOpens += 1;
    this.log({ event: 'session.rejected', reason });
    ws.close(WS_POLICY_VIOLATION, reason);
  }

  /** @param {Buffer} data @param {boolean} isBinary */
  onFrame(data, isBinary) {
    if (this.finished) return;
    this.stats.framesIn += 1;
    if (!isBinary) return this.malformed('text frame after the opening');
    /** @type {import('./codec.js').Message} */
    let message;
    try {
      message = decodeMessage(data);
    } catch (err) {
      return this.malformed(/** @type {Error} */ (err).message);
    }
    if (message.messageType === MessageType.INPUT) return this.onInput(message);
    if (message.messageType === MessageType.ACK) return this.onAck(message);
    this.log({ event: 'frame.ignored', messageType: message.messageType });
  }

  /** @param {string} reason */
  malformed(reason) {
    this.stats.malformed += 1;
    this.log({ event: 'frame.malformed', reason });
  }

  /** @param {import('./codec.js').Message} message */
  onAck(message) {
    /** @type {any} */
    let content;
    try {
      content = JSON.parse(message.payload.toString('utf8'));
    } catch {
      return this.malformed('acknowledge payload is not JSON');
    }
    const entry = this.unacked.get(content.AcknowledgedMessageSequenceNumber);
    if (!entry) {
      this.stats.acksIgnored += 1;
      return;
    }
    if (content.AcknowledgedMessageId !== entry.messageId) {
      // The agent matches on sequence number only; a wrong id still betrays a client codec bug.
      this.stats.ackIdMismatches += 1;
      this.log({ event: 'ack.id-mismatch', sequenceNumber: content.AcknowledgedMessageSequenceNumber, expected: entry.messageId, got: content.AcknowledgedMessageId });
    }
    this.unacked.delete(content.AcknowledgedMessageSequenceNumber);
    this.stats.acksReceived += 1;
  }

  /** The agent's handleStreamDataMessage: in order, buffered ahead, older ones discarded unacknowledged. */
  /** @param {import('./codec.js').Message} message */
  onInput(message) {
    this.stats.messagesIn += 1;
    if (this.faults.withholdAckOfFirstInput && !this.firstInputSeen) {
      this.firstInputSeen = true;
      this.stats.withheldAcks += 1;
      this.log({ event: 'fault.withheld-ack', sequenceNumber: message.sequenceNumber });
      return;
    }
    this.firstInputSeen = true;
    if (message.sequenceNumber < this.expectedSequence) {
      this.stats.duplicatesDropped += 1;
      return;
    }
    if (message.sequenceNumber > this.expectedSequence) {
      this.inputBuffer.set(message.sequenceNumber, message);
      this.stats.bufferedOutOfOrder += 1;
      this.sendAck(message);
      return;
    }
    if (!this.processInput(message)) return;
    this.sendAck(message);
    this.expectedSequence += 1;
    for (let next = this.inputBuffer.get(this.expectedSequence); next; next = this.inputBuffer.get(this.expectedSequence)) {
      if (!this.processInput(next)) break;
      this.inputBuffer.delete(this.expectedSequence);
      this.expectedSequence += 1;
    }
  }

  /**
   * @param {import('./codec.js').Message} message
   * @returns {boolean} false when the agent would not acknowledge it (not ready, or failed)
   */
  processInput(message) {
    let payload = message.payload;
    if (this.encryption && message.payloadType === PayloadType.Output) {
      try {
        payload = openGcm(this.encryption.decryptKey, payload);
      } catch (err) {
        this.stats.decryptFailures += 1;
        this.log({ event: 'input.decrypt-failed', sequenceNumber: message.sequenceNumber, reason: /** @type {Error} */ (err).message });
        return false;
      }
    }
    if (message.payloadType === PayloadType.HandshakeResponse) {
      this.onHandshakeResponse(payload);
      return true;
    }
    if (message.payloadType === PayloadType.EncChallengeResponse) {
      this.onChallengeResponse(payload);
      return true;
    }
    if (this.handshake && this.handshake.phase !== 'complete') {
      this.stats.ignoredDuringHandshake += 1;
      return true;
    }
    if (!this.command) {
      this.stats.droppedBeforePty += 1;
      return false;
    }
    if (message.payloadType === PayloadType.Output) this.writeStdin(payload);
    else if (message.payloadType === PayloadType.Size) return this.resize(payload);
    else this.log({ event: 'input.ignored', payloadType: message.payloadType });
    return true;
  }

  /** @param {Buffer} payload */
  resize(payload) {
    try {
      const size = JSON.parse(payload.toString('utf8'));
      this.terminalSize = { cols: size.cols, rows: size.rows };
      return true;
    } catch {
      this.malformed('size payload is not JSON');
      return false;
    }
  }

  /**
   * A pty line discipline with its defaults: CR becomes NL for the program, typed characters are
   * echoed, ^C interrupts the foreground process group and ^D ends input.
   * @param {Buffer} payload
   */
  writeStdin(payload) {
    const command = /** @type {import('./process.js').RunningCommand} */ (this.command);
    const toProgram = [];
    const echo = [];
    for (const byte of payload) {
      if (byte === 0x03) {
        command.signal('SIGINT');
        echo.push(0x5e, 0x43);
      } else if (byte === 0x04) {
        command.write(Buffer.from(toProgram.splice(0)));
        command.endInput();
      } else if (byte === 0x0d || byte === 0x0a) {
        toProgram.push(0x0a);
        echo.push(0x0d, 0x0a);
      } else {
        toProgram.push(byte);
        echo.push(byte);
      }
    }
    this.stats.stdinBytes += payload.length;
    command.write(Buffer.from(toProgram));
    if (echo.length > 0) this.emitOutput(Buffer.from(echo));
  }

  /** @param {import('./codec.js').Message} message */
  sendAck(message) {
    this.send(encodeAck(message));
    this.stats.acksSent += 1;
  }

  /** @param {Buffer} frame */
  send(frame) {
    if (this.ws && this.ws.readyState === this.ws.OPEN) {
      this.ws.send(frame);
      this.stats.framesOut += 1;
    }
  }

  /** @param {Buffer} data pty output, already CR-LF translated */
  emitOutput(data) {
    if (this.finished || this.ending) return;
    this.armIdle();
    this.stats.outputBytes += data.length;
    for (let offset = 0; offset < data.length && !this.finished; offset += OUTPUT_CHUNK_BYTES) {
      this.sendStream(PayloadType.Output, data.subarray(offset, offset + OUTPUT_CHUNK_BYTES));
    }
  }

  /** The agent's SendStreamDataMessage. @param {number} payloadType @param {Buffer} payload */
  sendStream(payloadType, payload) {
    if (payload.length === 0 || this.finished) return;
    const sequence = this.nextSequence;
    this.nextSequence += 1;
    const body = this.encryption && payloadType === PayloadType.Output ? sealGcm(this.encryption.encryptKey, payload) : payload;
    const messageId = randomUUID();
    const frame = encodeMessage({
      messageType: MessageType.OUTPUT,
      sequenceNumber: sequence,
      flags: sequence === 0 ? 1 : 0,
      messageId,
      payloadType,
      payload: body,
    });
    this.unacked.set(sequence, { frame, messageId, lastSent: Date.now() });
    this.stats.messagesOut += 1;
    if (payloadType === PayloadType.Output && this.faults.reorder) this.holdForReorder(frame, sequence);
    else this.transmit(frame, sequence, payloadType);
  }

  /** @param {Buffer} frame @param {number} sequence */
  holdForReorder(frame, sequence) {
    if (!this.held) {
      this.held = { frame, sequence };
      this.timers.held = setTimeout(() => this.flushHeld(), REORDER_HOLD_MS);
      return;
    }
    const earlier = this.held;
    this.held = null;
    clearTimeout(this.timers.held);
    this.transmit(frame, sequence, PayloadType.Output);
    this.stats.reordered += 1;
    this.transmit(earlier.frame, earlier.sequence, PayloadType.Output);
  }

  flushHeld() {
    if (!this.held) return;
    const { frame, sequence } = this.held;
    this.held = null;
    clearTimeout(this.timers.held);
    this.transmit(frame, sequence, PayloadType.Output);
  }

  /** @param {Buffer} frame @param {number} sequence @param {number} payloadType */
  transmit(frame, sequence, payloadType) {
    if (this.finished) return;
    const entry = this.unacked.get(sequence);
    if (entry) entry.lastSent = Date.now();
    this.send(frame);
    if (payloadType === PayloadType.Output && this.faults.duplicate && sequence % 2 === 0) {
      this.send(frame);
      this.stats.duplicatesSent += 1;
    }
    this.firstTimeSends += 1;
    if (this.dropSocketAfterMessages !== undefined && this.firstTimeSends >= this.dropSocketAfterMessages) this.drop();
  }

  /** The agent resends only the oldest unacknowledged message, once it is older than the timeout. */
  resendOldest() {
    if (this.finished) return;
    const oldest = this.unacked.entries().next();
    if (oldest.done) return;
    const [sequence, entry] = oldest.value;
    if (this.held?.sequence === sequence || Date.now() - entry.lastSent < this.resendAfterMs) return;
    this.send(entry.frame);
    entry.lastSent = Date.now();
    this.stats.resends += 1;
  }

  drop() {
    const reason = `fault: WebSocket dropped after ${this.firstTimeSends} output messages, without channel_closed`;
    this.log({ event: 'fault.socket-dropped', messagesSent: this.firstTimeSends });
    this.finish('dropped', reason);
    this.ws?.terminate();
  }

  /** @param {number} code */
  onSocketClose(code) {
    if (this.finished) return;
    this.log({ event: 'session.client-closed', code });
    this.finish('disconnected', `client closed the WebSocket (code ${code}) before channel_closed`);
  }

  startHandshake() {
    this.status = 'handshake';
    this.handshake = { startedAt: Date.now(), phase: 'response' };
    const request = {
      AgentVersion: AGENT_VERSION,
      RequestedClientActions: [
        {
          ActionType: 'SessionType',
          ActionParameters: { SessionType: 'InteractiveCommands', Properties: { linux: { commands: this.params.command, runAsElevated: false } } },
        },
        { ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: this.params.kmsKeyId } },
      ],
    };
    this.sendStream(PayloadType.HandshakeRequest, Buffer.from(JSON.stringify(request)));
    this.armHandshakeTimer(HANDSHAKE_TIMEOUT_OUTPUT);
  }

  /** @param {string} output */
  armHandshakeTimer(output) {
    clearTimeout(this.timers.handshake);
    this.timers.handshake = setTimeout(() => this.failHandshake(output), this.handshakeTimeoutMs);
  }

  /** @param {string} reason */
  failHandshake(reason) {
    clearTimeout(this.timers.handshake);
    this.log({ event: 'handshake.failed', reason });
    void this.endSession('failed', `handshake failed: ${reason}`, reason);
  }

  /** @param {Buffer} payload */
  onHandshakeResponse(payload) {
    if (this.handshake?.phase !== 'response') {
      this.log({ event: 'handshake.unexpected', payloadType: PayloadType.HandshakeResponse });
      return;
    }
    /** @type {any} */
    let response;
    try {
      response = JSON.parse(payload.toString('utf8'));
    } catch (err) {
      return this.failHandshake(`Unmarshalling of HandshakeResponse message failed, ${/** @type {Error} */ (err).message}`);
    }
    this.client.clientVersion = response.ClientVersion ?? this.client.clientVersion;
    /** @type {any[]} */
    const actions = Array.isArray(response.ProcessedClientActions) ? response.ProcessedClientActions : [];
    const failed = actions.find((action) => action.ActionStatus !== 1);
    if (failed) {
      return this.failHandshake(`${failed.ActionType} failed on client with status ${failed.ActionStatus} error: ${failed.Error ?? ''}`);
    }
    const kmsResult = actions.find((action) => action.ActionType === 'KMSEncryption')?.ActionResult;
    if (typeof kmsResult?.KMSCipherTextKey !== 'string') {
      return this.failHandshake('KMSEncryption failed on client: HandshakeResponse has no ActionResult.KMSCipherTextKey');
    }
    const context = { 'aws:ssm:SessionId': this.id, 'aws:ssm:TargetId': this.target };
    const dataKey = this.kms.decrypt(Buffer.from(kmsResult.KMSCipherTextKey, 'base64'), context);
    if ('error' in dataKey) {
      return this.failHandshake(`Fetching data key failed: Unable to retrieve data key, ${JSON.stringify(dataKey.error.body)} (expected EncryptionContext ${JSON.stringify(context)})`);
    }
    if (dataKey.plaintext.length !== 64) {
      return this.failHandshake(`Fetching data key failed: data key is ${dataKey.plaintext.length} bytes, expected 64`);
    }
    // The agent encrypts with the first half and decrypts with the second; the client mirrors it.
    this.encryption = { encryptKey: dataKey.plaintext.subarray(0, 32), decryptKey: dataKey.plaintext.subarray(32, 64) };
    const challenge = randomBytes(64);
    this.handshake.phase = 'challenge';
    this.handshake.challenge = challenge;
    this.sendStream(PayloadType.EncChallengeRequest, Buffer.from(JSON.stringify({ Challenge: sealGcm(this.encryption.encryptKey, challenge).toString('base64') })));
    this.armHandshakeTimer(CHALLENGE_TIMEOUT_OUTPUT);
  }

  /** @param {Buffer} payload */
  onChallengeResponse(payload) {
    const handshake = this.handshake;
    if (handshake?.phase !== 'challenge' || !this.encryption || !handshake.challenge) {
      this.log({ event: 'handshake.unexpected', payloadType: PayloadType.EncChallengeResponse });
      return;
    }
    /** @type {Buffer} */
    let answer;
    try {
      answer = openGcm(this.encryption.decryptKey, Buffer.from(JSON.parse(payload.toString('utf8')).Challenge, 'base64'));
    } catch (err) {
      return this.failHandshake(`Error decrypting encrypted text, ${/** @type {Error} */ (err).message}`);
    }
    if (!answer.equals(handshake.challenge)) return this.failHandshake('Encryption challenge does not match!');
    clearTimeout(this.timers.handshake);
    handshake.phase = 'complete';
    const complete = { HandshakeTimeToComplete: (Date.now() - handshake.startedAt) * 1e6, CustomerMessage: KMS_CUSTOMER_MESSAGE };
    this.sendStream(PayloadType.HandshakeComplete, Buffer.from(JSON.stringify(complete)));
    this.log({ event: 'handshake.complete' });
    this.schedulePty();
  }

  schedulePty() {
    this.status = 'starting';
    this.timers.pty = setTimeout(() => void this.startPty(), PTY_START_DELAY_MS);
  }

  async startPty() {
    if (this.finished || this.ending) return;
    /** @type {string[]} */
    let argv;
    try {
      argv = splitCommand(this.params.command);
    } catch (err) {
      return this.startFailed(`Failed to parse commands input: ${/** @type {Error} */ (err).message}`, null);
    }
    if (argv.length === 0) return this.startFailed('Failed to parse commands input: no command', null);
    const shell = this.behaviour.shell !== false;
    const execDirs = (this.behaviour.execPath ?? []).map((dir) => path.resolve(this.scenarioDir, dir));
    const pathDirs = shell ? [...execDirs, ...HOST_PATH] : execDirs;
    this.workDir = mkdtempSync(path.join(os.tmpdir(), 'ecs-exec-'));
    const cwd = path.join(this.workDir, 'root');
    mkdirSync(cwd);
    const started = await startCommand({
      argv,
      cwd,
      socketPath: path.join(this.workDir, 'pty.sock'),
      env: { PATH: pathDirs.join(':'), TERM: 'xterm-256color', LANG: 'C.UTF-8', HOME: cwd },
      pathDirs,
      shell,
      onOutput: (data) => this.emitOutput(data),
      onExit: (exitCode) => this.onCommandExit(exitCode),
    });
    if ('error' in started) return this.startFailed(`Failed to start pty: ${started.error}`, started.exitCode);
    this.command = started.command;
    if (this.finished || this.ending) {
      this.command.signal('SIGKILL');
      return;
    }
    this.status = 'running';
    this.log({ event: 'command.started', argv });
    this.armIdle();
  }

  /** @param {string} detail @param {number | null} exitCode */
  startFailed(detail, exitCode) {
    this.exitCode = exitCode;
    this.log({ event: 'command.start-failed', detail, exitCode });
    // shell.go: fmt.Errorf("Unable to start command: %s\n", err)
    void this.endSession('failed', `command could not start: ${detail}`, `Unable to start command: ${detail}\n`);
  }

  /** @param {number} exitCode */
  onCommandExit(exitCode) {
    this.exitCode = exitCode;
    this.log({ event: 'command.exited', exitCode });
    void this.endSession('closed', `command exited with status ${exitCode}`, '');
  }

  armIdle() {
    clearTimeout(this.timers.idle);
    const seconds = this.behaviour.execIdleCloseSeconds ?? DEFAULT_IDLE_SECONDS;
    this.timers.idle = setTimeout(() => {
      this.log({ event: 'session.idle', seconds });
      this.command?.signal('SIGKILL');
      void this.endSession('closed', `idle: no output for ${seconds} s`, IDLE_OUTPUT);
    }, seconds * 1000);
  }

  /**
   * Drains unacknowledged output (up to 2 s), then channel_closed and a normal close.
   * @param {'closed'|'failed'} status @param {string} reason @param {string} output
   */
  async endSession(status, reason, output) {
    if (this.ending || this.finished) return;
    this.ending = true;
    this.status = 'closing';
    clearTimeout(this.timers.idle);
    clearTimeout(this.timers.handshake);
    this.flushHeld();
    const deadline = Date.now() + DRAIN_LIMIT_MS;
    while (this.unacked.size > 0 && Date.now() < deadline && !this.finished) await sleep(20);
    if (this.finished) return;
    const messageId = randomUUID();
    const closed = {
      MessageId: messageId,
      CreatedDate: new Date().toISOString(),
      DestinationId: this.target,
      SessionId: this.id,
      MessageType: MessageType.CHANNEL_CLOSED,
      SchemaVersion: 1,
      Output: output,
    };
    this.send(encodeMessage({ messageType: MessageType.CHANNEL_CLOSED, messageId, payloadType: PayloadType.None, payload: Buffer.from(JSON.stringify(closed)) }));
    this.log({ event: 'session.closed', status, reason, unackedAtClose: this.unacked.size });
    this.finish(status, reason);
    this.ws?.close(WS_NORMAL);
  }

  /** @param {'closed'|'failed'|'dropped'|'disconnected'} status @param {string} reason */
  finish(status, reason) {
    if (this.finished) return;
    this.finished = true;
    this.status = status;
    this.closeReason = reason;
    this.closedAt = new Date().toISOString();
    for (const timer of Object.values(this.timers)) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    if (this.command && !this.command.exited()) this.command.signal('SIGKILL');
    if (this.workDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  /** @param {string} reason */
  destroy(reason) {
    if (!this.finished) this.finish(this.status === 'created' ? 'closed' : 'disconnected', reason);
    this.ws?.terminate();
  }

  snapshot() {
    return {
      id: this.id,
      task: this.params.taskArn,
      cluster: this.params.clusterArn,
      container: this.params.containerName,
      command: this.params.command,
      target: this.target,
      status: this.status,
      exitCode: this.exitCode,
      closeReason: this.closeReason,
      kmsKeyId: this.params.kmsKeyId ?? null,
      encrypted: this.encryption !== null,
      handshake: this.handshake?.phase ?? null,
      client: this.client,
      terminalSize: this.terminalSize,
      createdAt: this.createdAt,
      openedAt: this.openedAt,
      closedAt: this.closedAt,
      unacked: this.unacked.size,
      ...this.stats,
    };
  }
}
