// @ts-check
// The binary frame of the Session Manager data channel, as the agent and the service write it
// (reference: ecs-exec-data-channel.md section 2; aws/session-manager-plugin src/message).
import { createHash, randomUUID } from 'node:crypto';

export const HEADER_LENGTH = 116;
const PAYLOAD_LENGTH_OFFSET = 116;
const PAYLOAD_OFFSET = 120;
const MESSAGE_TYPE_LENGTH = 32;

export const MessageType = Object.freeze({
  INPUT: 'input_stream_data',
  OUTPUT: 'output_stream_data',
  ACK: 'acknowledge',
  CHANNEL_CLOSED: 'channel_closed',
  START_PUBLICATION: 'start_publication',
  PAUSE_PUBLICATION: 'pause_publication',
});

export const PayloadType = Object.freeze({
  None: 0,
  Output: 1,
  Error: 2,
  Size: 3,
  Parameter: 4,
  HandshakeRequest: 5,
  HandshakeResponse: 6,
  HandshakeComplete: 7,
  EncChallengeRequest: 8,
  EncChallengeResponse: 9,
  Flag: 10,
  StdErr: 11,
  ExitCode: 12,
});

/**
 * @typedef {object} Message
 * @property {string} messageType
 * @property {number} schemaVersion
 * @property {number} createdDate epoch milliseconds
 * @property {number} sequenceNumber
 * @property {number} flags
 * @property {string} messageId lowercase hyphenated UUID
 * @property {number} payloadType
 * @property {Buffer} payload
 */

export class FrameError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'FrameError';
  }
}

/**
 * The wire carries the UUID as two big-endian longs, least significant half first,
 * so the 16 bytes are the UUID's bytes 8..15 followed by 0..7.
 * @param {string} uuid
 * @returns {Buffer}
 */
export function uuidToWire(uuid) {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new FrameError(`MessageId '${uuid}' is not a UUID`);
  const bytes = Buffer.from(hex, 'hex');
  return Buffer.concat([bytes.subarray(8, 16), bytes.subarray(0, 8)]);
}

/**
 * @param {Buffer} wire 16 bytes as found at offset 64
 * @returns {string}
 */
export function uuidFromWire(wire) {
  const hex = Buffer.concat([wire.subarray(8, 16), wire.subarray(0, 8)]).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * @param {{ messageType: string, sequenceNumber?: number, flags?: number, payloadType?: number,
 *   payload?: Buffer, messageId?: string, createdDate?: number, schemaVersion?: number }} message
 * @returns {Buffer}
 */
export function encodeMessage(message) {
  const payload = message.payload ?? Buffer.alloc(0);
  if (!/^[\x21-\x7e]{1,32}$/.test(message.messageType)) {
    throw new FrameError(`MessageType '${message.messageType}' must be 1-32 printable ASCII characters`);
  }
  const frame = Buffer.alloc(PAYLOAD_OFFSET + payload.length);
  frame.writeUInt32BE(HEADER_LENGTH, 0);
  frame.write(message.messageType.padEnd(MESSAGE_TYPE_LENGTH, ' '), 4, MESSAGE_TYPE_LENGTH, 'ascii');
  frame.writeUInt32BE(message.schemaVersion ?? 1, 36);
  frame.writeBigUInt64BE(BigInt(message.createdDate ?? Date.now()), 40);
  frame.writeBigInt64BE(BigInt(message.sequenceNumber ?? 0), 48);
  frame.writeBigUInt64BE(BigInt(message.flags ?? 0), 56);
  uuidToWire(message.messageId ?? randomUUID()).copy(frame, 64);
  createHash('sha256').update(payload).digest().copy(frame, 80);
  frame.writeUInt32BE(message.payloadType ?? PayloadType.None, 112);
  frame.writeUInt32BE(payload.length, PAYLOAD_LENGTH_OFFSET);
  payload.copy(frame, PAYLOAD_OFFSET);
  return frame;
}

/**
 * Parses and validates one frame; anything the agent would refuse throws FrameError.
 * @param {Buffer} frame
 * @returns {Message}
 */
export function decodeMessage(frame) {
  if (frame.length < PAYLOAD_OFFSET) {
    throw new FrameError(`frame of ${frame.length} bytes is shorter than the ${PAYLOAD_OFFSET}-byte header`);
  }
  const headerLength = frame.readUInt32BE(0);
  if (headerLength !== HEADER_LENGTH) {
    throw new FrameError(`HeaderLength is ${headerLength}, expected ${HEADER_LENGTH}`);
  }
  const messageType = frame.toString('ascii', 4, 4 + MESSAGE_TYPE_LENGTH).replace(/^[\0 ]+|[\0 ]+$/g, '');
  if (messageType === '') throw new FrameError('MessageType is missing');
  const createdDate = frame.readBigUInt64BE(40);
  if (createdDate === 0n) throw new FrameError('CreatedDate is missing');
  const payloadLength = frame.readUInt32BE(PAYLOAD_LENGTH_OFFSET);
  if (payloadLength !== frame.length - PAYLOAD_OFFSET) {
    throw new FrameError(`PayloadLength is ${payloadLength} but ${frame.length - PAYLOAD_OFFSET} payload bytes follow`);
  }
  const payload = Buffer.from(frame.subarray(PAYLOAD_OFFSET));
  const digest = frame.subarray(80, 112);
  if (!createHash('sha256').update(payload).digest().equals(digest)) {
    throw new FrameError('PayloadDigest does not match the SHA-256 of the payload');
  }
  return {
    messageType,
    schemaVersion: frame.readUInt32BE(36),
    createdDate: Number(createdDate),
    sequenceNumber: Number(frame.readBigInt64BE(48)),
    flags: Number(frame.readBigUInt64BE(56)),
    messageId: uuidFromWire(frame.subarray(64, 80)),
    payloadType: frame.readUInt32BE(112),
    payload,
  };
}

/**
 * The acknowledgement both sides send for each stream message (field order as the Go structs marshal).
 * @param {Message} acknowledged
 * @returns {Buffer}
 */
export function encodeAck(acknowledged) {
  const content = {
    AcknowledgedMessageType: acknowledged.messageType,
    AcknowledgedMessageId: acknowledged.messageId,
    AcknowledgedMessageSequenceNumber: acknowledged.sequenceNumber,
    IsSequentialMessage: true,
  };
  return encodeMessage({
    messageType: MessageType.ACK,
    sequenceNumber: 0,
    flags: 3,
    payloadType: PayloadType.None,
    payload: Buffer.from(JSON.stringify(content)),
  });
}
