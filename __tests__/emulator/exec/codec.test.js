import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { decodeMessage, encodeAck, encodeMessage, FrameError, uuidFromWire, uuidToWire } from '../../../emulator/exec/codec.js';

const MESSAGE_ID = '00112233-4455-6677-8899-aabbccddeeff';

/** The frame for a known message, assembled field by field from the reference table. */
function handBuilt(payload) {
  const header = Buffer.alloc(120);
  header.writeUInt32BE(116, 0);
  header.write('output_stream_data'.padEnd(32, ' '), 4, 'ascii');
  header.writeUInt32BE(1, 36);
  header.writeBigUInt64BE(1700000000123n, 40);
  header.writeBigInt64BE(7n, 48);
  header.writeBigUInt64BE(1n, 56);
  Buffer.from('8899aabbccddeeff0011223344556677', 'hex').copy(header, 64);
  createHash('sha256').update(payload).digest().copy(header, 80);
  header.writeUInt32BE(1, 112);
  header.writeUInt32BE(payload.length, 116);
  return Buffer.concat([header, payload]);
}

const known = {
  messageType: 'output_stream_data',
  schemaVersion: 1,
  createdDate: 1700000000123,
  sequenceNumber: 7,
  flags: 1,
  messageId: MESSAGE_ID,
  payloadType: 1,
  payload: Buffer.from('a\r\nb\r\n'),
};

describe('data channel frame codec', () => {
  it('writes every field at the offset in the reference table, with the UUID halves swapped', () => {
    expect(encodeMessage(known).equals(handBuilt(known.payload))).toBe(true);
  });

  it('reads back what it writes', () => {
    expect(decodeMessage(handBuilt(known.payload))).toEqual(known);
    expect(decodeMessage(encodeMessage({ ...known, payload: Buffer.alloc(0) })).payload).toEqual(Buffer.alloc(0));
  });

  it('swaps the UUID halves on the wire and back', () => {
    expect(uuidToWire(MESSAGE_ID).toString('hex')).toBe('8899aabbccddeeff0011223344556677');
    expect(uuidFromWire(uuidToWire(MESSAGE_ID))).toBe(MESSAGE_ID);
  });

  it('strips NUL padding as well as spaces from MessageType', () => {
    const frame = handBuilt(known.payload);
    frame.fill(0, 4 + 'output_stream_data'.length, 36);
    expect(decodeMessage(frame).messageType).toBe('output_stream_data');
  });

  const corrupt = (mutate) => {
    const frame = handBuilt(Buffer.from('payload'));
    mutate(frame);
    return frame;
  };
  it.each([
    ['a frame shorter than the header', Buffer.alloc(119), 'shorter than the 120-byte header'],
    ['a wrong HeaderLength', corrupt((f) => f.writeUInt32BE(120, 0)), 'HeaderLength is 120, expected 116'],
    ['a blank MessageType', corrupt((f) => f.fill(0x20, 4, 36)), 'MessageType is missing'],
    ['a zero CreatedDate', corrupt((f) => f.writeBigUInt64BE(0n, 40)), 'CreatedDate is missing'],
    ['a PayloadLength that disagrees with the frame', corrupt((f) => f.writeUInt32BE(3, 116)), 'PayloadLength is 3 but 7 payload bytes follow'],
    ['a payload that does not match its digest', corrupt((f) => (f[125] ^= 1)), 'PayloadDigest does not match'],
  ])('rejects %s', (_name, frame, message) => {
    expect(() => decodeMessage(frame)).toThrow(FrameError);
    expect(() => decodeMessage(frame)).toThrow(message);
  });

  it('acknowledges with sequence 0, flags 3, payload type 0 and the JSON the plugin sends', () => {
    const ack = decodeMessage(encodeAck({ ...known, messageType: 'input_stream_data' }));
    expect(ack).toMatchObject({ messageType: 'acknowledge', sequenceNumber: 0, flags: 3, payloadType: 0 });
    expect(ack.payload.toString()).toBe(
      `{"AcknowledgedMessageType":"input_stream_data","AcknowledgedMessageId":"${MESSAGE_ID}","AcknowledgedMessageSequenceNumber":7,"IsSequentialMessage":true}`,
    );
  });
});
