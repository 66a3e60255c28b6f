// A deliberately small data-channel client for exercising the emulator's ExecChannel over a
// real loopback WebSocket. It is not the action's client: it acks and orders output the way
// the reference describes, and exposes every frame so tests can script misbehaviour.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { WebSocket } from 'ws';
import { ExecChannel } from '../../../emulator/exec/index.js';
import { decodeMessage, encodeMessage } from '../../../emulator/exec/codec.js';

export const TASK = {
  clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
  taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/0123456789abcdef0123456789abcdef',
  taskId: '0123456789abcdef0123456789abcdef',
  runtimeId: '0123456789abcdef0123456789abcdef-1234567890',
  containerName: 'web',
  region: 'us-east-1',
  account: '123456789012',
};
export const TARGET = `ecs:demo_${TASK.taskId}_${TASK.runtimeId}`;

/** @param {{ faults?: object, scenarioDir?: string }} [options] */
export async function startEmulator(options = {}) {
  const log = [];
  const channel = new ExecChannel({ faults: options.faults, scenarioDir: options.scenarioDir ?? process.cwd(), log: (e) => log.push(e) });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => {
    if (!channel.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `ws://127.0.0.1:${server.address().port}`;
  return {
    channel,
    log,
    /** @param {string} command @param {object} [extra] */
    createSession: (command, extra = {}) => channel.createSession({ baseUrl, ...TASK, command, behaviour: {}, ...extra }),
    close: async () => {
      await channel.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** @param {Buffer} key @param {Buffer} plaintext */
export function seal(key, plaintext) {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  return Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** @param {Buffer} key @param {Buffer} sealed */
export function open(key, sealed) {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
}

export class TestClient {
  /**
   * @param {{ streamUrl: string, tokenValue: string }} session
   * @param {{ token?: string, ackOutput?: (message: object, receipt: number) => boolean,
   *   onHandshake?: (client: TestClient, message: object) => void }} [options]
   */
  constructor(session, options = {}) {
    this.session = session;
    this.options = options;
    this.frames = [];
    this.output = Buffer.alloc(0);
    this.expected = 0;
    this.buffer = new Map();
    this.receipts = new Map();
    this.duplicatesSeen = 0;
    this.outOfOrderSeen = 0;
    this.acksReceived = [];
    this.channelClosed = null;
    this.nextInput = 0;
    /** @type {{ decrypt: Buffer, encrypt: Buffer } | null} */
    this.keys = null;
  }

  async connect() {
    this.ws = new WebSocket(this.session.streamUrl);
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.ws.on('message', (data, isBinary) => isBinary && this.onFrame(decodeMessage(data)));
    await new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
    this.ws.send(JSON.stringify({
      MessageSchemaVersion: '1.0',
      RequestId: randomUUID(),
      TokenValue: this.options.token ?? this.session.tokenValue,
      ClientId: randomUUID(),
      ClientVersion: 'test-client',
    }));
    return this;
  }

  onFrame(message) {
    this.frames.push(message);
    if (message.messageType === 'acknowledge') {
      this.acksReceived.push(JSON.parse(message.payload.toString()));
      return;
    }
    if (message.messageType === 'channel_closed') {
      this.channelClosed = JSON.parse(message.payload.toString());
      return;
    }
    if (message.messageType !== 'output_stream_data') return;
    const receipt = (this.receipts.get(message.sequenceNumber) ?? 0) + 1;
    this.receipts.set(message.sequenceNumber, receipt);
    if (this.options.ackOutput && !this.options.ackOutput(message, receipt)) return;
    this.ack(message);
    if (message.sequenceNumber < this.expected) {
      this.duplicatesSeen += 1;
      return;
    }
    if (message.sequenceNumber > this.expected) this.outOfOrderSeen += 1;
    this.buffer.set(message.sequenceNumber, message);
    for (let next = this.buffer.get(this.expected); next; next = this.buffer.get(this.expected)) {
      this.buffer.delete(this.expected);
      this.expected += 1;
      this.deliver(next);
    }
  }

  deliver(message) {
    if (message.payloadType === 1) {
      const payload = this.keys ? open(this.keys.decrypt, message.payload) : message.payload;
      this.output = Buffer.concat([this.output, payload]);
    } else if (this.options.onHandshake) {
      this.options.onHandshake(this, message);
    }
  }

  ack(message) {
    this.sendFrame(encodeMessage({
      messageType: 'acknowledge',
      flags: 3,
      payload: Buffer.from(JSON.stringify({
        AcknowledgedMessageType: message.messageType,
        AcknowledgedMessageId: message.messageId,
        AcknowledgedMessageSequenceNumber: message.sequenceNumber,
        IsSequentialMessage: true,
      })),
    }));
  }

  /** Builds an input frame with the next sequence number (or the one given) without sending it. */
  inputFrame(payloadType, payload, sequenceNumber = this.nextInput++) {
    return encodeMessage({ messageType: 'input_stream_data', sequenceNumber, payloadType, payload: Buffer.from(payload) });
  }

  sendFrame(frame) {
    this.ws.send(frame);
  }

  ackedInputs() {
    return this.acksReceived.map((a) => a.AcknowledgedMessageSequenceNumber);
  }

  text() {
    return this.output.toString('utf8');
  }
}

/** Polls until predicate() is truthy. */
export async function until(predicate, timeoutMs = 5000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
