// @ts-check
// The ECS Exec data channel of the emulator: sessions handed out by ExecuteCommand, the
// WebSocket endpoint they connect to, and the KMS operations a KMS-encrypted session needs.
import { randomBytes } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { KmsStore } from './kms.js';
import { Session } from './session.js';
import { endWithTask } from './task-stop.js';

const DATA_CHANNEL_PATH = '/v1/data-channel/';

/** @param {import('node:stream').Duplex} socket @param {string} status */
function refuseUpgrade(socket, status) {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export class ExecChannel {
  /**
   * @param {{ faults?: import('./session.js').ExecFaults, scenarioDir: string, log?: (entry: object) => void }} options
   */
  constructor(options) {
    this.faults = options.faults ?? {};
    this.scenarioDir = options.scenarioDir;
    /** @param {object} entry */
    this.log = (entry) => options.log?.({ source: 'exec', ...entry });
    /** @type {Map<string, Session>} */
    this.sessions = new Map();
    this.kms = new KmsStore();
    this.wss = new WebSocketServer({ noServer: true });
  }

  /**
   * Called by ExecuteCommand once the core has validated task, container and agent.
   * @param {import('./session.js').SessionParams & { baseUrl: string }} params
   * @returns {{ sessionId: string, streamUrl: string, tokenValue: string }}
   */
  createSession(params) {
    const sessionId = `ecs-execute-command-${randomBytes(9).toString('hex').slice(0, 17)}`;
    const tokenValue = randomBytes(96).toString('base64');
    if (params.kmsKeyId) this.kms.register(params.kmsKeyId, { region: params.region, account: params.account });
    const session = new Session({
      id: sessionId,
      token: tokenValue,
      params,
      faults: this.faults,
      scenarioDir: this.scenarioDir,
      kms: this.kms,
      log: (entry) => this.log({ sessionId, ...entry }),
      // The contract drops the socket of the first session only, so a retry can succeed.
      dropSocketAfterMessages: this.sessions.size === 0 ? this.faults.dropSocketAfterMessages : undefined,
    });
    this.sessions.set(sessionId, session);
    session.begin();
    this.log({ event: 'session.created', sessionId, task: params.taskArn, container: params.containerName, command: params.command, kms: Boolean(params.kmsKeyId) });
    const cell = randomBytes(24).toString('base64url');
    return { sessionId, streamUrl: `${params.baseUrl}${DATA_CHANNEL_PATH}${sessionId}?role=publish_subscribe&cell-number=${cell}`, tokenValue };
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   * @returns {boolean} whether the data channel took the socket
   */
  handleUpgrade(req, socket, head) {
    const url = new URL(req.url ?? '/', 'ws://localhost');
    if (!url.pathname.startsWith(DATA_CHANNEL_PATH)) return false;
    const sessionId = decodeURIComponent(url.pathname.slice(DATA_CHANNEL_PATH.length));
    const session = this.sessions.get(sessionId);
    if (!session) {
      this.log({ event: 'upgrade.refused', sessionId, reason: 'unknown session' });
      refuseUpgrade(socket, '404 Not Found');
      return true;
    }
    if (url.searchParams.get('role') !== 'publish_subscribe') {
      this.log({ event: 'upgrade.refused', sessionId, reason: `role '${url.searchParams.get('role')}'` });
      refuseUpgrade(socket, '400 Bad Request');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => session.attach(ws));
    return true;
  }

  /**
   * @param {string} operation the part after 'TrentService.' in X-Amz-Target
   * @param {any} input
   * @returns {{ status: number, body: object }}
   */
  handleKms(operation, input) {
    const result = this.kms.handle(operation, input);
    this.log({ event: 'kms.request', operation, keyId: input?.KeyId, status: result.status });
    return result;
  }

  /**
   * ECS stopped the task: its sessions end with it (see task-stop.js).
   * @param {string} taskArn @param {string} reason
   */
  taskStopped(taskArn, reason) {
    for (const session of this.sessions.values()) if (session.params.taskArn === taskArn) endWithTask(session, reason);
  }

  state() {
    return [...this.sessions.values()].map((session) => session.snapshot());
  }

  async close() {
    for (const session of this.sessions.values()) session.destroy('emulator shutting down');
    // Sockets still waiting for their opening frame belong to no session yet.
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise((resolve) => this.wss.close(() => resolve(undefined)));
  }
}
