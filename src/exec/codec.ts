/**
 * The binary message format of the Session Manager data channel (big-endian, 120-byte
 * header, then the payload). Layout: shared/reference/ecs-exec-data-channel.md section 2.
 */
import { createHash, randomUUID } from 'node:crypto';

export const HEADER_LENGTH = 116;
const PAYLOAD_OFFSET = HEADER_LENGTH + 4;
const MESSAGE_TYPE_BYTES = 32;

export const MessageType = {
  InputStreamData: 'input_stream_data',
  OutputStreamData: 'output_stream_data',
  Acknowledge: 'acknowledge',
  ChannelClosed: 'channel_closed',
  StartPublication: 'start_publication',
  PausePublication: 'pause_publication',
} as const;

export const PayloadType = {
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
} as const;

export interface ClientMessage {
  messageType: string;
  schemaVersion: number;
  /** Epoch milliseconds; the service rejects zero. */
  createdDate: number;
  sequenceNumber: number;
  flags: number;
  /** Lowercase, hyphenated UUID. */
  messageId: string;
  payloadType: number;
  payload: Buffer;
}

/** A frame that is not a valid data channel message; the session cannot trust anything after it. */
export class CodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodecError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The wire form of a message id: the UUID's second 8 bytes first, then its first 8. */
export function uuidToWire(uuid: string): Buffer {
  const lower = uuid.toLowerCase();
  if (!UUID.test(lower)) throw new CodecError(`'${uuid}' is not a UUID`);
  const bytes = Buffer.from(lower.replace(/-/g, ''), 'hex');
  return Buffer.concat([bytes.subarray(8, 16), bytes.subarray(0, 8)]);
}

export function uuidFromWire(wire: Buffer): string {
  const hex = Buffer.concat([wire.subarray(8, 16), wire.subarray(0, 8)]).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function digest(payload: Buffer): Buffer {
  return createHash('sha256').update(payload).digest();
}

export function encodeMessage(message: ClientMessage): Buffer {
  const type = Buffer.from(message.messageType, 'ascii');
  if (type.length > MESSAGE_TYPE_BYTES) throw new CodecError(`message type '${message.messageType}' is longer than 32 bytes`);
  const frame = Buffer.alloc(PAYLOAD_OFFSET + message.payload.length);
  frame.writeUInt32BE(HEADER_LENGTH, 0);
  frame.fill(0x20, 4, 4 + MESSAGE_TYPE_BYTES);
  type.copy(frame, 4);
  frame.writeUInt32BE(message.schemaVersion, 36);
  frame.writeBigUInt64BE(BigInt(message.createdDate), 40);
  frame.writeBigInt64BE(BigInt(message.sequenceNumber), 48);
  frame.writeBigUInt64BE(BigInt(message.flags), 56);
  uuidToWire(message.messageId).copy(frame, 64);
  digest(message.payload).copy(frame, 80);
  frame.writeUInt32BE(message.payloadType, 112);
  frame.writeUInt32BE(message.payload.length, HEADER_LENGTH);
  message.payload.copy(frame, PAYLOAD_OFFSET);
  return frame;
}

export function decodeMessage(frame: Buffer): ClientMessage {
  if (frame.length < PAYLOAD_OFFSET) throw new CodecError(`frame of ${frame.length} bytes is shorter than a header`);
  const headerLength = frame.readUInt32BE(0);
  if (headerLength !== HEADER_LENGTH) throw new CodecError(`header length ${headerLength}, expected ${HEADER_LENGTH}`);
  const payloadLength = frame.readUInt32BE(HEADER_LENGTH);
  if (frame.length !== PAYLOAD_OFFSET + payloadLength) {
    throw new CodecError(`payload length ${payloadLength} does not match a frame of ${frame.length} bytes`);
  }
  const payload = Buffer.from(frame.subarray(PAYLOAD_OFFSET));
  if (!digest(payload).equals(frame.subarray(80, 112))) throw new CodecError('payload digest does not match its SHA-256');
  return {
    messageType: frame
      .subarray(4, 4 + MESSAGE_TYPE_BYTES)
      .toString('ascii')
      .replace(/[\s\0]+$/, ''),
    schemaVersion: frame.readUInt32BE(36),
    createdDate: Number(frame.readBigUInt64BE(40)),
    sequenceNumber: Number(frame.readBigInt64BE(48)),
    flags: Number(frame.readBigUInt64BE(56)),
    messageId: uuidFromWire(frame.subarray(64, 80)),
    payloadType: frame.readUInt32BE(112),
    payload,
  };
}

/** The acknowledgement of one output_stream_data message, in the exact form the service expects. */
export function acknowledgement(of: ClientMessage, now: number, messageId: string = randomUUID()): ClientMessage {
  const content = {
    AcknowledgedMessageType: of.messageType,
    AcknowledgedMessageId: of.messageId,
    AcknowledgedMessageSequenceNumber: of.sequenceNumber,
    IsSequentialMessage: true,
  };
  return {
    messageType: MessageType.Acknowledge,
    schemaVersion: 1,
    createdDate: now,
    sequenceNumber: 0,
    flags: 3,
    messageId,
    payloadType: 0,
    payload: Buffer.from(JSON.stringify(content)),
  };
}

export interface AcknowledgeContent {
  AcknowledgedMessageType: string;
  AcknowledgedMessageId: string;
  AcknowledgedMessageSequenceNumber: number;
  IsSequentialMessage: boolean;
}

export function parseAcknowledgement(message: ClientMessage): AcknowledgeContent {
  const content = parseJson(message) as Partial<AcknowledgeContent>;
  if (typeof content.AcknowledgedMessageSequenceNumber !== 'number') {
    throw new CodecError('acknowledge message without AcknowledgedMessageSequenceNumber');
  }
  return content as AcknowledgeContent;
}

export function parseJson(message: ClientMessage): unknown {
  try {
    return JSON.parse(message.payload.toString('utf8'));
  } catch {
    throw new CodecError(`${message.messageType} payload (type ${message.payloadType}) is not JSON`);
  }
}
