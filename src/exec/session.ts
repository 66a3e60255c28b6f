/**
 * One ECS Exec session over a WebSocket: the opening frame, then binary messages until the
 * service sends channel_closed. Waits go through the Clock, so tests drive time.
 */
import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { Clock } from '../clock.js';
import { ActionError, errorMessage } from '../errors.js';
import { DataChannel } from './channel.js';
import { type ClientMessage, CodecError, decodeMessage, encodeMessage, parseJson, PayloadType } from './codec.js';
import { answerChallenge, answerHandshake, createSessionCipher, type HandshakeRequest, type SessionCipher } from './kms.js';

/**
 * The version of session-manager-plugin whose protocol this client speaks. The agent decides
 * from the client version which features (handshake, encryption) the client understands.
 */
export const EXEC_CLIENT_VERSION = '1.2.694.0';
export const TERMINAL_SIZE = { cols: 200, rows: 50 };

/** The session ExecuteCommand started: where to connect and with what token. */
export interface ExecSession {
  sessionId: string;
  streamUrl: string;
  tokenValue: string;
  clusterArn: string;
  taskArn: string;
  containerName: string;
}

export type SocketData = Buffer | ArrayBuffer | Buffer[];

/** The part of a `ws` WebSocket the session uses; tests hand in fakes. */
export interface WebSocketLike {
  send(data: Buffer | string): void;
  close(code?: number): void;
  on(event: 'open', listener: () => void): unknown;
  on(event: 'message', listener: (data: SocketData, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface SessionOptions {
  streamUrl: string;
  tokenValue: string;
  sessionId: string;
  /** `ecs:<cluster>_<taskId>_<runtimeId>`; part of the KMS encryption context. */
  targetId: string;
  openSocket: (url: string) => WebSocketLike;
  clock: Clock;
  /** Clock time by which the session must have ended. */
  deadline: number;
  signal?: AbortSignal;
  /** Called only if the agent asks for KMS encryption. */
  kms?: () => KMSClient;
}

export type SessionResult =
  /** The service closed the channel: the command ended (or the service ended it, see reason). */
  | { kind: 'closed'; output: string; reason: string }
  /**
   * The socket failed or closed without channel_closed: worth another attempt. `commandMayHaveStarted`:
   * the agent may be running the command anyway (it starts it without waiting for the client,
   * except behind a KMS handshake, which the client must finish first; reference sections 5 and 6).
   */
  | { kind: 'dropped'; output: string; detail: string; commandMayHaveStarted: boolean }
  | { kind: 'timed-out'; output: string };

type SocketEvent =
  | { type: 'open' }
  | { type: 'message'; data: Buffer; isBinary: boolean }
  | { type: 'close'; code: number; reason: string }
  | { type: 'error'; error: Error };

/** Socket events in arrival order; `next` waits for one or for the clock. */
class EventQueue {
  private readonly items: SocketEvent[] = [];
  private wake?: () => void;

  push(event: SocketEvent): void {
    this.items.push(event);
    this.wake?.();
  }

  async next(clock: Clock, ms: number, signal?: AbortSignal): Promise<SocketEvent | undefined> {
    if (this.items.length === 0 && ms > 0 && !signal?.aborted) {
      const stop = new AbortController();
      const abort = (): void => stop.abort();
      signal?.addEventListener('abort', abort, { once: true });
      const arrived = new Promise<void>((resolve) => (this.wake = resolve));
      await Promise.race([arrived, clock.sleep(ms, stop.signal)]);
      this.wake = undefined;
      stop.abort();
      signal?.removeEventListener('abort', abort);
    }
    return this.items.shift();
  }
}

function toBuffer(data: SocketData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export async function runSession(options: SessionOptions): Promise<SessionResult> {
  return new Session(options).run();
}

class Session {
  private readonly channel: DataChannel;
  private readonly events = new EventQueue();
  private readonly output: Buffer[] = [];
  private socket?: WebSocketLike;
  private cipher?: SessionCipher;
  /** Without KMS the agent starts the command at once; with it, not before the challenge is answered. */
  private commandMayHaveStarted: boolean;

  constructor(private readonly options: SessionOptions) {
    this.channel = new DataChannel(() => options.clock.now());
    this.commandMayHaveStarted = options.kms === undefined;
  }

  async run(): Promise<SessionResult> {
    try {
      this.socket = this.options.openSocket(this.options.streamUrl);
    } catch (error) {
      return this.dropped(`could not open the WebSocket: ${errorMessage(error)}`);
    }
    this.socket.on('open', () => this.events.push({ type: 'open' }));
    this.socket.on('message', (data, isBinary) => this.events.push({ type: 'message', data: toBuffer(data), isBinary }));
    this.socket.on('close', (code, reason) => this.events.push({ type: 'close', code, reason: reason.toString() }));
    this.socket.on('error', (error) => this.events.push({ type: 'error', error }));
    try {
      return await this.loop();
    } finally {
      this.close();
    }
  }

  private async loop(): Promise<SessionResult> {
    const { clock, deadline, signal } = this.options;
    for (;;) {
      if (signal?.aborted) throw new ActionError('The smoke check was cancelled.');
      const now = clock.now();
      if (now >= deadline) return { kind: 'timed-out', output: this.text() };
      for (const message of this.channel.resendDue()) this.send(message);
      const wakeAt = Math.min(deadline, this.channel.nextResendAt() ?? deadline);
      const event = await this.events.next(clock, wakeAt - now, signal);
      if (event === undefined) continue;
      const result = await this.handle(event);
      if (result) return result;
    }
  }

  private async handle(event: SocketEvent): Promise<SessionResult | undefined> {
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
          core.debug(`exec session: ignored a text frame of ${event.data.length} bytes`);
          return undefined;
        }
        try {
          return await this.receive(decodeMessage(event.data));
        } catch (error) {
          if (error instanceof CodecError) return this.dropped(`unreadable message from the service: ${error.message}`);
          throw error;
        }
    }
  }

  /** The token frame must come first; the terminal size is the first input, as the plugin does. */
  private opened(): void {
    const opening = {
      MessageSchemaVersion: '1.0',
      RequestId: randomUUID(),
      TokenValue: this.options.tokenValue,
      ClientId: randomUUID(),
      ClientVersion: EXEC_CLIENT_VERSION,
    };
    this.socket!.send(JSON.stringify(opening));
    this.input(PayloadType.Size, Buffer.from(JSON.stringify(TERMINAL_SIZE)));
  }

  private async receive(message: ClientMessage): Promise<SessionResult | undefined> {
    const step = this.channel.receive(message);
    for (const reply of step.send) this.send(reply);
    for (const delivered of step.deliver) await this.process(delivered);
    if (step.closed !== undefined) return { kind: 'closed', output: this.text(), reason: step.closed };
    return undefined;
  }

  private async process(message: ClientMessage): Promise<void> {
    switch (message.payloadType) {
      case PayloadType.Output:
      case PayloadType.StdErr:
        this.output.push(this.cipher ? this.decrypt(message.payload) : message.payload);
        return;
      case PayloadType.HandshakeRequest:
        return this.handshake(parseJson(message) as HandshakeRequest);
      case PayloadType.EncChallengeRequest:
        if (!this.cipher) throw new ActionError('The exec agent sent an encryption challenge without asking for KMS encryption first.');
        try {
          this.input(PayloadType.EncChallengeResponse, answerChallenge(message.payload, this.cipher));
          this.commandMayHaveStarted = true;
        } catch (error) {
          throw new ActionError(`Could not answer the exec agent's KMS encryption challenge: ${errorMessage(error)}`);
        }
        return;
      default:
        core.debug(`exec session: payload type ${message.payloadType} needs no action`);
    }
  }

  private async handshake(request: HandshakeRequest): Promise<void> {
    const { kms, sessionId, targetId, clock, deadline, signal } = this.options;
    const answer = await answerHandshake(request, EXEC_CLIENT_VERSION, async (keyId) => {
      if (!kms) throw new Error('no KMS client is available');
      return createSessionCipher(kms(), keyId, { sessionId, targetId }, { clock, deadline, signal });
    });
    this.input(PayloadType.HandshakeResponse, Buffer.from(JSON.stringify(answer.response)));
    if (answer.failure) throw answer.failure;
    this.cipher = answer.cipher;
  }

  private decrypt(sealed: Buffer): Buffer {
    try {
      return this.cipher!.decrypt(sealed);
    } catch (error) {
      throw new ActionError(`Could not decrypt the exec session's output with the KMS data key: ${errorMessage(error)}`);
    }
  }

  private input(payloadType: number, payload: Buffer): void {
    this.send(this.channel.input(payloadType, payload));
  }

  private send(message: ClientMessage): void {
    this.socket!.send(encodeMessage(message));
  }

  private dropped(detail: string): SessionResult {
    return { kind: 'dropped', output: this.text(), detail, commandMayHaveStarted: this.commandMayHaveStarted };
  }

  private text(): string {
    return Buffer.concat(this.output).toString('utf8');
  }

  private close(): void {
    try {
      this.socket?.close();
    } catch (error) {
      core.debug(`exec session: closing the WebSocket failed: ${errorMessage(error)}`);
    }
  }
}
