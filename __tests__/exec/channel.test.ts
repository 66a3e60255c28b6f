import { describe, expect, it } from '@jest/globals';
import { DataChannel, INITIAL_RETRANSMISSION_MS, MAX_RETRANSMISSION_MS } from '../../src/exec/channel.js';
import { type ClientMessage, MessageType, PayloadType } from '../../src/exec/codec.js';
import { message } from './helpers.js';

function output(sequenceNumber: number, text = `out ${sequenceNumber}`): ClientMessage {
  return message({ sequenceNumber, payload: Buffer.from(text) });
}

function ackOf(input: ClientMessage): ClientMessage {
  const content = {
    AcknowledgedMessageType: 'input_stream_data',
    AcknowledgedMessageId: input.messageId,
    AcknowledgedMessageSequenceNumber: input.sequenceNumber,
    IsSequentialMessage: true,
  };
  return message({ messageType: MessageType.Acknowledge, payloadType: 0, flags: 3, payload: Buffer.from(JSON.stringify(content)) });
}

/** Feeds a scripted sequence; returns the delivered sequence numbers and the acked ones. */
function run(sequence: number[]): { delivered: number[]; acked: number[] } {
  const channel = new DataChannel(() => 1000);
  const delivered: number[] = [];
  const acked: number[] = [];
  for (const seq of sequence) {
    const step = channel.receive(output(seq));
    delivered.push(...step.deliver.map((m) => m.sequenceNumber));
    acked.push(...step.send.map((m) => JSON.parse(m.payload.toString()).AcknowledgedMessageSequenceNumber as number));
  }
  return { delivered, acked };
}

describe('DataChannel ordering', () => {
  it.each([
    ['in order', [0, 1, 2], [0, 1, 2], [0, 1, 2]],
    ['out of order, drained when the gap fills', [1, 2, 0], [0, 1, 2], [1, 2, 0]],
    ['a duplicate of a delivered message: acked again, dropped', [0, 1, 0, 1, 2], [0, 1, 2], [0, 1, 0, 1, 2]],
    ['a duplicate of a buffered message: acked, delivered once', [2, 2, 0, 1], [0, 1, 2], [2, 2, 0, 1]],
    ['a gap never filled: later messages wait', [0, 2, 3], [0], [0, 2, 3]],
    ['reversed', [4, 3, 2, 1, 0], [0, 1, 2, 3, 4], [4, 3, 2, 1, 0]],
  ])('%s', (_name, sequence, delivered, acked) => {
    expect(run(sequence)).toEqual({ delivered, acked });
  });

  it('acknowledges with the exact id and type of the message', () => {
    const channel = new DataChannel(() => 5000, () => 'ffeeddcc-bbaa-9988-7766-554433221100');
    const out = output(0);
    const [ack] = channel.receive(out).send;
    expect(ack).toMatchObject({ messageType: 'acknowledge', messageId: 'ffeeddcc-bbaa-9988-7766-554433221100', createdDate: 5000, flags: 3 });
    expect(JSON.parse(ack.payload.toString())).toEqual({
      AcknowledgedMessageType: 'output_stream_data',
      AcknowledgedMessageId: out.messageId,
      AcknowledgedMessageSequenceNumber: 0,
      IsSequentialMessage: true,
    });
  });

  it.each([MessageType.Acknowledge, MessageType.StartPublication, MessageType.PausePublication])('never acknowledges %s', (type) => {
    const channel = new DataChannel(() => 0);
    const payload = type === MessageType.Acknowledge ? ackOf(channel.input(PayloadType.Size, Buffer.from('{}'))).payload : Buffer.from('');
    expect(channel.receive(message({ messageType: type, payloadType: 0, payload }))).toEqual({ send: [], deliver: [] });
  });

  it('reports channel_closed with its Output and does not acknowledge it', () => {
    const channel = new DataChannel(() => 0);
    const body = { MessageId: 'x', CreatedDate: '', DestinationId: 'd', SessionId: 's', MessageType: 'channel_closed', SchemaVersion: 1, Output: 'idle timeout' };
    const step = channel.receive(message({ messageType: MessageType.ChannelClosed, payloadType: 0, payload: Buffer.from(JSON.stringify(body)) }));
    expect(step).toEqual({ send: [], deliver: [], closed: 'idle timeout' });
  });
});

describe('DataChannel resends', () => {
  it('numbers our input from 0 and resends the oldest unacknowledged one with backoff up to 1 s', () => {
    let now = 0;
    const channel = new DataChannel(() => now);
    const size = channel.input(PayloadType.Size, Buffer.from('{"cols":200,"rows":50}'));
    const second = channel.input(PayloadType.HandshakeResponse, Buffer.from('{}'));
    expect([size.sequenceNumber, second.sequenceNumber]).toEqual([0, 1]);
    expect(size).toMatchObject({ messageType: 'input_stream_data', flags: 0, schemaVersion: 1 });

    const resendTimes: number[] = [];
    for (now = 0; now <= 4000; now += 50) {
      for (const resent of channel.resendDue()) {
        expect(resent).toBe(size);
        resendTimes.push(now);
      }
    }
    expect(INITIAL_RETRANSMISSION_MS).toBe(200);
    expect(MAX_RETRANSMISSION_MS).toBe(1000);
    // 200, then +400, +800, then capped at +1000.
    expect(resendTimes).toEqual([200, 600, 1400, 2400, 3400]);
  });

  it('moves on to the next message once the oldest is acknowledged, and stops when all are', () => {
    let now = 0;
    const channel = new DataChannel(() => now);
    const first = channel.input(PayloadType.Size, Buffer.from('a'));
    const second = channel.input(PayloadType.Output, Buffer.from('b'));
    channel.receive(ackOf(first));
    now = 199;
    expect(channel.resendDue()).toEqual([]);
    now = 200;
    expect(channel.resendDue()).toEqual([second]);
    channel.receive(ackOf(second));
    expect(channel.nextResendAt()).toBeUndefined();
    now = 10_000;
    expect(channel.resendDue()).toEqual([]);
  });

  it('ignores an acknowledgement of something it never sent', () => {
    const channel = new DataChannel(() => 0);
    const sent = channel.input(PayloadType.Size, Buffer.from('a'));
    channel.receive(ackOf({ ...sent, sequenceNumber: 9 }));
    expect(channel.nextResendAt()).toBe(200);
  });
});
