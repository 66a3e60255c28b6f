/** Test doubles for the exec client: a clock that never waits, and a scripted agent behind an in-memory socket. */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/clock.js';
import { type ClientMessage, decodeMessage, encodeMessage, MessageType, PayloadType } from '../../src/exec/codec.js';
import type { WebSocketLike } from '../../src/exec/session.js';

/**
 * Time moves only when everything else is idle: a sleep resolves on the next macrotask
 * (after all pending socket traffic, which is delivered on microtasks), jumping the clock.
 */
export class IdleClock implements Clock {
  time = 1_760_000_000_000;
  readonly sleeps: number[] = [];
  now = (): number => this.time;
  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      this.sleeps.push(ms);
      if (signal?.aborted) return resolve();
      const at = this.time + ms;
      signal?.addEventListener('abort', () => resolve(), { once: true });
      setImmediate(() => {
        if (signal?.aborted) return;
        this.time = Math.max(this.time, at);
        resolve();
      });
    });
}

export function message(partial: Partial<ClientMessage> & { payload: Buffer }): ClientMessage {
  return {
    messageType: MessageType.OutputStreamData,
    schemaVersion: 1,
    createdDate: 1_760_000_000_000,
    sequenceNumber: 0,
    flags: 0,
    messageId: randomUUID(),
    payloadType: PayloadType.Output,
    ...partial,
  };
}

/** The service side of one session, driven by the test's script. */
export class FakeAgent {
  readonly texts: string[] = [];
  readonly inputs: ClientMessage[] = [];
  readonly acks: ClientMessage[] = [];
  /** Clock time of each input frame received (resends included). */
  readonly inputTimes: number[] = [];
  closedByClient = false;
  private outSeq = 0;
  readonly socket: FakeSocket;

  constructor(
    private readonly clock: Clock,
    /** Called for every input_stream_data frame, resends included. */
    public onInput: (input: ClientMessage, agent: FakeAgent) => void = () => undefined,
    public onOpen: (agent: FakeAgent) => void = () => undefined,
  ) {
    this.socket = new FakeSocket(this);
  }

  /** What the socket delivered from the client. */
  frame(data: Buffer | string): void {
    if (typeof data === 'string') {
      this.texts.push(data);
      this.onOpen(this);
      return;
    }
    const decoded = decodeMessage(data);
    if (decoded.messageType === MessageType.Acknowledge) {
      this.acks.push(decoded);
      return;
    }
    this.inputs.push(decoded);
    this.inputTimes.push(this.clock.now());
    this.onInput(decoded, this);
  }

  ack(input: ClientMessage): void {
    const content = {
      AcknowledgedMessageType: input.messageType,
      AcknowledgedMessageId: input.messageId,
      AcknowledgedMessageSequenceNumber: input.sequenceNumber,
      IsSequentialMessage: true,
    };
    this.deliver(message({ messageType: MessageType.Acknowledge, flags: 3, payloadType: 0, payload: Buffer.from(JSON.stringify(content)) }));
  }

  /** Sends output with the next sequence number (or the one given, for reordering). */
  output(payload: Buffer | string, payloadType: number = PayloadType.Output, sequenceNumber = this.outSeq++): ClientMessage {
    const sent = message({ sequenceNumber, payloadType, payload: Buffer.from(payload) });
    this.deliver(sent);
    return sent;
  }

  closeChannel(output = ''): void {
    const body = { MessageId: randomUUID(), CreatedDate: '2025-10-09T10:00:00Z', DestinationId: 'ecs:demo_t_r', SessionId: 's', MessageType: 'channel_closed', SchemaVersion: 1, Output: output };
    this.deliver(message({ messageType: MessageType.ChannelClosed, payloadType: 0, payload: Buffer.from(JSON.stringify(body)) }));
  }

  deliver(sent: ClientMessage): void {
    this.socket.emitLater('message', encodeMessage(sent), true);
  }

  /** The socket goes away without channel_closed. */
  drop(code = 1006): void {
    this.socket.emitLater('close', code, Buffer.from(''));
  }

  /** The client's acknowledgements, as parsed JSON, in order. */
  ackContents(): Array<Record<string, unknown>> {
    return this.acks.map((a) => JSON.parse(a.payload.toString()) as Record<string, unknown>);
  }
}

export class FakeSocket extends EventEmitter implements WebSocketLike {
  constructor(private readonly agent: FakeAgent) {
    super();
    this.emitLater('open');
  }

  send(data: Buffer | string): void {
    queueMicrotask(() => this.agent.frame(data));
  }

  close(): void {
    this.agent.closedByClient = true;
  }

  emitLater(event: string, ...args: unknown[]): void {
    queueMicrotask(() => this.emit(event, ...args));
  }
}

/** A standard agent: acks the terminal size, prints `lines`, closes the channel. */
export function printingAgent(clock: Clock, lines: string): FakeAgent {
  return new FakeAgent(clock, (input, agent) => {
    agent.ack(input);
    if (input.payloadType === PayloadType.Size && input.sequenceNumber === 0 && agent.inputs.length === 1) {
      agent.output(lines);
      agent.closeChannel();
    }
  });
}
