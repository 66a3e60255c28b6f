import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  acknowledgement,
  CodecError,
  decodeMessage,
  encodeMessage,
  MessageType,
  PayloadType,
  uuidFromWire,
  uuidToWire,
} from '../../src/exec/codec.js';

const MESSAGE_ID = '00112233-4455-6677-8899-aabbccddeeff';

function known(): Parameters<typeof encodeMessage>[0] {
  return {
    messageType: MessageType.InputStreamData,
    schemaVersion: 1,
    createdDate: 1_760_000_000_123,
    sequenceNumber: 7,
    flags: 0,
    messageId: MESSAGE_ID,
    payloadType: PayloadType.Size,
    payload: Buffer.from('{"cols":200,"rows":50}'),
  };
}

describe('encodeMessage', () => {
  it('lays out the header field by field, big-endian', () => {
    const frame = encodeMessage(known());
    const payload = Buffer.from('{"cols":200,"rows":50}');
    expect(frame.length).toBe(120 + payload.length);
    expect(frame.readUInt32BE(0)).toBe(116);
    expect(frame.subarray(4, 36).toString('ascii')).toBe('input_stream_data'.padEnd(32, ' '));
    expect(frame.readUInt32BE(36)).toBe(1);
    expect(frame.readBigUInt64BE(40)).toBe(1_760_000_000_123n);
    expect(frame.readBigInt64BE(48)).toBe(7n);
    expect(frame.readBigUInt64BE(56)).toBe(0n);
    expect(frame.subarray(64, 80).toString('hex')).toBe('8899aabbccddeeff0011223344556677');
    expect(frame.subarray(80, 112)).toEqual(createHash('sha256').update(payload).digest());
    expect(frame.readUInt32BE(112)).toBe(3);
    expect(frame.readUInt32BE(116)).toBe(payload.length);
    expect(frame.subarray(120)).toEqual(payload);
  });

  it('swaps the UUID halves on the wire and back', () => {
    expect(uuidToWire(MESSAGE_ID).toString('hex')).toBe('8899aabbccddeeff0011223344556677');
    expect(uuidFromWire(Buffer.from('8899aabbccddeeff0011223344556677', 'hex'))).toBe(MESSAGE_ID);
  });
});

describe('decodeMessage', () => {
  it('round-trips any message', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(MessageType)),
        fc.uuid(),
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 12 }),
        (messageType, messageId, payload, sequenceNumber, payloadType) => {
          const original = { ...known(), messageType, messageId, sequenceNumber, payloadType, payload: Buffer.from(payload) };
          expect(decodeMessage(encodeMessage(original))).toEqual(original);
        },
      ),
    );
  });

  it('strips NUL padding as well as spaces from the message type', () => {
    const frame = encodeMessage({ ...known(), messageType: MessageType.Acknowledge });
    frame.fill(0, 4 + 'acknowledge'.length, 36);
    expect(decodeMessage(frame).messageType).toBe('acknowledge');
  });

  it.each([
    ['a payload that does not match its digest', (f: Buffer) => (f[f.length - 1] ^= 1), 'payload digest does not match'],
    ['a wrong header length', (f: Buffer) => f.writeUInt32BE(112, 0), 'header length 112'],
    ['a payload length beyond the frame', (f: Buffer) => f.writeUInt32BE(999, 116), 'payload length 999'],
  ])('rejects %s', (_name, corrupt, message) => {
    const frame = encodeMessage(known());
    corrupt(frame);
    expect(() => decodeMessage(frame)).toThrow(CodecError);
    expect(() => decodeMessage(frame)).toThrow(message);
  });

  it('rejects a frame shorter than a header', () => {
    expect(() => decodeMessage(Buffer.alloc(50))).toThrow('shorter than a header');
  });
});

describe('acknowledgement', () => {
  it('has the exact shape the service expects', () => {
    const output = { ...known(), messageType: MessageType.OutputStreamData, sequenceNumber: 12 };
    const ack = acknowledgement(output, 1_760_000_000_999, 'ffeeddcc-bbaa-9988-7766-554433221100');
    expect(ack).toMatchObject({ messageType: 'acknowledge', sequenceNumber: 0, flags: 3, payloadType: 0, createdDate: 1_760_000_000_999 });
    expect(ack.payload.toString()).toBe(
      `{"AcknowledgedMessageType":"output_stream_data","AcknowledgedMessageId":"${MESSAGE_ID}","AcknowledgedMessageSequenceNumber":12,"IsSequentialMessage":true}`,
    );
  });
});
