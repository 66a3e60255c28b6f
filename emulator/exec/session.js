// @ts-check
// One ECS Exec session as the SSM service and the agent (container mode) behave towards the
// client: the opening frame with the token, the optional KMS handshake, the pty with its
// command, acknowledged and resent output, ordered input, and channel_closed at the end.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { decodeMessage, encodeMessage, MessageType, PayloadType } from './codec.js';
import {
  DEFAULT_HANDSHAKE_TIMEOUT_MS, DEFAULT_IDLE_SECONDS, DEFAULT_RESEND_MS, DRAIN_LIMIT_MS, IDLE_OUTPUT,
  RESEND_TICK_MS, WS_NORMAL, WS_POLICY_VIOLATION,
} from './constants.js';
import { startHandshake } from './handshake.js';
import { onAck, onInput } from './inbound.js';
import { deliverBuffered, flushHeld, resendOldest } from './outbound.js';
import { schedulePty } from './pty.js';
import { sleep, toBuffer, tokenMatches } from './util.js';

/**
 * @typedef {object} ExecFaults
 * @property {boolean} [reorder]
 * @property {boolean} [duplicate]
 * @property {boolean} [withholdAckOfFirstInput]
 * @property {number} [dropSocketAfterMessages]
 * @property {number} [resendUnackedAfterMs]
 * @property {number} [handshakeTimeoutMs]
 * @property {'drop' | 'channelClosed'} [taskStopEndsSession]
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
 * @property {{ name: string, value?: string }[]} [environment] the container's task definition `environment`
 * @property {string} region
 * @property {string} account
 */

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
    /** @type {'waiting'|'open'|'dropped'|'closed by client'} the client's WebSocket; the command does not depend on it */
    this.connection = 'waiting';
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
    this.connection = 'open';
    if (this.status === 'created') this.status = 'open';
    this.openedAt = new Date().toISOString();
    this.client = { clientId: opening.ClientId, clientVersion: opening.ClientVersion };
    this.log({ event: 'session.opened', clientVersion: opening.ClientVersion });
    ws.on('message', (frame, binary) => this.onFrame(toBuffer(frame), binary));
    ws.on('close', (code) => this.onSocketClose(code));
    this.timers.resend = setInterval(() => resendOldest(this), Math.min(RESEND_TICK_MS, this.resendAfterMs));
    if (this.params.kmsKeyId) startHandshake(this);
    else deliverBuffered(this);
  }

  /**
   * ExecuteCommand succeeded: the agent starts the command now, not when the client connects
   * (reference ecs-exec-data-channel.md section 6). With a KMS key the command waits for the
   * handshake, which needs the client (section 5).
   */
  begin() {
    if (!this.params.kmsKeyId) schedulePty(this);
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
    if (message.messageType === MessageType.INPUT) return onInput(this, message);
    if (message.messageType === MessageType.ACK) return onAck(this, message);
    this.log({ event: 'frame.ignored', messageType: message.messageType });
  }

  /** @param {string} reason */
  malformed(reason) {
    this.stats.malformed += 1;
    this.log({ event: 'frame.malformed', reason });
  }

  /** @param {Buffer} frame */
  send(frame) {
    if (this.ws && this.ws.readyState === this.ws.OPEN) {
      this.ws.send(frame);
      this.stats.framesOut += 1;
    }
  }

  /** @param {number} code */
  onSocketClose(code) {
    if (this.finished || this.connection === 'dropped') return;
    this.log({ event: 'session.client-closed', code });
    // A client that disconnects does not stop the command (reference ecs-exec-data-channel.md section 6).
    this.connection = 'closed by client';
    if (this.handshake && this.handshake.phase !== 'complete') void this.endSession('failed', `client closed the WebSocket (code ${code}) during the handshake`, '');
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
    flushHeld(this);
    // Output waits in the agent's buffer for a client that has not connected yet (reference
    // section 6), and so does channel_closed, which is sent over the client's socket: a command
    // that ended before its client connected, with or without output, still ends that client's
    // session with channel_closed. The service closes a session left idle this long anyway.
    const idleDeadline = Date.now() + (this.behaviour.execIdleCloseSeconds ?? DEFAULT_IDLE_SECONDS) * 1000;
    while (this.connection === 'waiting' && Date.now() < idleDeadline && !this.finished) await sleep(20);
    const deadline = Date.now() + DRAIN_LIMIT_MS;
    while (this.unacked.size > 0 && this.connection === 'open' && Date.now() < deadline && !this.finished) await sleep(20);
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
      connection: this.connection,
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
