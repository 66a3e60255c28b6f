/**
 * Ordering, acknowledgements and resends of the data channel, as a state machine with no
 * I/O and no timers: the session feeds it decoded messages and the time, and puts what it
 * returns on the socket. Rules: shared/reference/ecs-exec-data-channel.md section 3.
 */
import { randomUUID } from 'node:crypto';
import { acknowledgement, type ClientMessage, MessageType, parseAcknowledgement, parseJson } from './codec.js';

export const INITIAL_RETRANSMISSION_MS = 200;
export const MAX_RETRANSMISSION_MS = 1000;
/** Out-of-order messages kept at most; beyond it they go unacknowledged so the agent resends them later. */
const FUTURE_CAPACITY = 10_000;

export interface ChannelStep {
  /** Messages to put on the socket, in this order. */
  send: ClientMessage[];
  /** output_stream_data messages in sequence order, each exactly once. */
  deliver: ClientMessage[];
  /** Set when the service closed the channel: its `Output` (a reason, often empty). */
  closed?: string;
}

interface Pending {
  message: ClientMessage;
  sentAt: number;
  timeout: number;
}

export class DataChannel {
  private expected = 0;
  private readonly future = new Map<number, ClientMessage>();
  private nextSequence = 0;
  private readonly unacked: Pending[] = [];

  constructor(
    private readonly now: () => number,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Handles one decoded incoming message. */
  receive(message: ClientMessage): ChannelStep {
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
  input(payloadType: number, payload: Buffer): ClientMessage {
    const message: ClientMessage = {
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
  resendDue(): ClientMessage[] {
    const oldest = this.unacked[0];
    if (oldest === undefined || this.now() < oldest.sentAt + oldest.timeout) return [];
    oldest.sentAt = this.now();
    oldest.timeout = Math.min(oldest.timeout * 2, MAX_RETRANSMISSION_MS);
    return [oldest.message];
  }

  /** When `resendDue` will next have something, or undefined when everything is acknowledged. */
  nextResendAt(): number | undefined {
    const oldest = this.unacked[0];
    return oldest === undefined ? undefined : oldest.sentAt + oldest.timeout;
  }

  private acknowledged(sequenceNumber: number): void {
    const at = this.unacked.findIndex((p) => p.message.sequenceNumber === sequenceNumber);
    if (at >= 0) this.unacked.splice(at, 1);
  }

  private receiveOutput(message: ClientMessage): ChannelStep {
    const ack = acknowledgement(message, this.now(), this.newId());
    const seq = message.sequenceNumber;
    if (seq < this.expected) return { send: [ack], deliver: [] };
    if (seq > this.expected) {
      if (!this.future.has(seq) && this.future.size >= FUTURE_CAPACITY) return { send: [], deliver: [] };
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

function closedOutput(message: ClientMessage): string {
  if (message.payload.length === 0) return '';
  try {
    const body = parseJson(message) as { Output?: unknown };
    return typeof body.Output === 'string' ? body.Output : '';
  } catch {
    return message.payload.toString('utf8');
  }
}
