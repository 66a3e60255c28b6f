// @ts-check
// Output towards the client: sequence numbers from 0, at most 1024 bytes a message, kept until
// acknowledged and resent (oldest first), with the reorder / duplicate / drop faults.
import { randomUUID } from 'node:crypto';
import { sealGcm } from './aes-gcm.js';
import { encodeMessage, MessageType, PayloadType } from './codec.js';
import { OUTPUT_CHUNK_BYTES, REORDER_HOLD_MS } from './constants.js';
/** @typedef {import('./session.js').Session} Session */

/** @param {Session} session @param {Buffer} data pty output, already CR-LF translated */
export function emitOutput(session, data) {
  if (session.finished || session.ending) return;
  session.armIdle();
  session.stats.outputBytes += data.length;
  for (let offset = 0; offset < data.length && !session.finished; offset += OUTPUT_CHUNK_BYTES) {
    sendStream(session, PayloadType.Output, data.subarray(offset, offset + OUTPUT_CHUNK_BYTES));
  }
}

/** @param {Session} session The agent's SendStreamDataMessage. @param {number} payloadType @param {Buffer} payload */
export function sendStream(session, payloadType, payload) {
  if (payload.length === 0 || session.finished) return;
  const sequence = session.nextSequence;
  session.nextSequence += 1;
  const body = session.encryption && payloadType === PayloadType.Output ? sealGcm(session.encryption.encryptKey, payload) : payload;
  const messageId = randomUUID();
  const frame = encodeMessage({
    messageType: MessageType.OUTPUT,
    sequenceNumber: sequence,
    flags: sequence === 0 ? 1 : 0,
    messageId,
    payloadType,
    payload: body,
  });
  session.unacked.set(sequence, { frame, messageId, lastSent: 0 });
  session.stats.messagesOut += 1;
  if (session.connection !== 'open') return;
  if (payloadType === PayloadType.Output && session.faults.reorder) holdForReorder(session, frame, sequence);
  else transmit(session, frame, sequence, payloadType);
}

/** @param {Session} session @param {Buffer} frame @param {number} sequence */
export function holdForReorder(session, frame, sequence) {
  if (!session.held) {
    session.held = { frame, sequence };
    session.timers.held = setTimeout(() => flushHeld(session), REORDER_HOLD_MS);
    return;
  }
  const earlier = session.held;
  session.held = null;
  clearTimeout(session.timers.held);
  transmit(session, frame, sequence, PayloadType.Output);
  session.stats.reordered += 1;
  transmit(session, earlier.frame, earlier.sequence, PayloadType.Output);
}

/** @param {Session} session */
export function flushHeld(session) {
  if (!session.held) return;
  const { frame, sequence } = session.held;
  session.held = null;
  clearTimeout(session.timers.held);
  transmit(session, frame, sequence, PayloadType.Output);
}

/** @param {Session} session @param {Buffer} frame @param {number} sequence @param {number} payloadType */
export function transmit(session, frame, sequence, payloadType) {
  if (session.finished || session.connection !== 'open') return;
  const entry = session.unacked.get(sequence);
  if (entry) entry.lastSent = Date.now();
  session.send(frame);
  if (payloadType === PayloadType.Output && session.faults.duplicate && sequence % 2 === 0) {
    session.send(frame);
    session.stats.duplicatesSent += 1;
  }
  session.firstTimeSends += 1;
  if (session.dropSocketAfterMessages !== undefined && session.firstTimeSends >= session.dropSocketAfterMessages) drop(session);
}

/** The agent resends only the oldest unacknowledged message, once it is older than the timeout. @param {Session} session */
export function resendOldest(session) {
  if (session.finished || session.connection !== 'open') return;
  const oldest = session.unacked.entries().next();
  if (oldest.done) return;
  const [sequence, entry] = oldest.value;
  if (session.held?.sequence === sequence || entry.lastSent === 0 || Date.now() - entry.lastSent < session.resendAfterMs) return;
  session.send(entry.frame);
  entry.lastSent = Date.now();
  session.stats.resends += 1;
}

/** @param {Session} session */
export function drop(session) {
  session.log({ event: 'fault.socket-dropped', messagesSent: session.firstTimeSends });
  // Only the socket goes: the command keeps running (reference ecs-exec-data-channel.md section 6).
  session.connection = 'dropped';
  session.ws?.terminate();
}

/**
 * Output made before the client connected waits in the agent's buffer; it goes out, in order,
 * once the client is there (reference ecs-exec-data-channel.md section 6).
 * @param {Session} session
 */
export function deliverBuffered(session) {
  for (const [sequence, entry] of [...session.unacked.entries()].sort((a, b) => a[0] - b[0])) {
    if (entry.lastSent === 0) transmit(session, entry.frame, sequence, PayloadType.Output);
  }
}
