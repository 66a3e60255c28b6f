// @ts-check
// What the client sends: acknowledgements of output, and input in sequence order (the agent's
// handleStreamDataMessage), routed to the handshake or the pty.
import { openGcm } from './aes-gcm.js';
import { encodeAck, PayloadType } from './codec.js';
import { onChallengeResponse, onHandshakeResponse } from './handshake.js';
import { resize, writeStdin } from './pty.js';
/** @typedef {import('./session.js').Session} Session */

/** @param {Session} session @param {import('./codec.js').Message} message */
export function onAck(session, message) {
  /** @type {any} */
  let content;
  try {
    content = JSON.parse(message.payload.toString('utf8'));
  } catch {
    return session.malformed('acknowledge payload is not JSON');
  }
  const entry = session.unacked.get(content.AcknowledgedMessageSequenceNumber);
  if (!entry) {
    session.stats.acksIgnored += 1;
    return;
  }
  if (content.AcknowledgedMessageId !== entry.messageId) {
    // The agent matches on sequence number only; a wrong id still betrays a client codec bug.
    session.stats.ackIdMismatches += 1;
    session.log({ event: 'ack.id-mismatch', sequenceNumber: content.AcknowledgedMessageSequenceNumber, expected: entry.messageId, got: content.AcknowledgedMessageId });
  }
  session.unacked.delete(content.AcknowledgedMessageSequenceNumber);
  session.stats.acksReceived += 1;
}

/** The agent's handleStreamDataMessage: in order, buffered ahead, older ones discarded unacknowledged. @param {Session} session @param {import('./codec.js').Message} message */
export function onInput(session, message) {
  session.stats.messagesIn += 1;
  if (session.faults.withholdAckOfFirstInput && !session.firstInputSeen) {
    session.firstInputSeen = true;
    session.stats.withheldAcks += 1;
    session.log({ event: 'fault.withheld-ack', sequenceNumber: message.sequenceNumber });
    return;
  }
  session.firstInputSeen = true;
  if (message.sequenceNumber < session.expectedSequence) {
    session.stats.duplicatesDropped += 1;
    return;
  }
  if (message.sequenceNumber > session.expectedSequence) {
    session.inputBuffer.set(message.sequenceNumber, message);
    session.stats.bufferedOutOfOrder += 1;
    sendAck(session, message);
    return;
  }
  if (!processInput(session, message)) return;
  sendAck(session, message);
  session.expectedSequence += 1;
  for (let next = session.inputBuffer.get(session.expectedSequence); next; next = session.inputBuffer.get(session.expectedSequence)) {
    if (!processInput(session, next)) break;
    session.inputBuffer.delete(session.expectedSequence);
    session.expectedSequence += 1;
  }
}

/**
 * @param {Session} session
 * @param {import('./codec.js').Message} message
 * @returns {boolean} false when the agent would not acknowledge it (not ready, or failed)
 */
export function processInput(session, message) {
  let payload = message.payload;
  if (session.encryption && message.payloadType === PayloadType.Output) {
    try {
      payload = openGcm(session.encryption.decryptKey, payload);
    } catch (err) {
      session.stats.decryptFailures += 1;
      session.log({ event: 'input.decrypt-failed', sequenceNumber: message.sequenceNumber, reason: /** @type {Error} */ (err).message });
      return false;
    }
  }
  if (message.payloadType === PayloadType.HandshakeResponse) {
    onHandshakeResponse(session, payload);
    return true;
  }
  if (message.payloadType === PayloadType.EncChallengeResponse) {
    onChallengeResponse(session, payload);
    return true;
  }
  if (session.handshake && session.handshake.phase !== 'complete') {
    session.stats.ignoredDuringHandshake += 1;
    return true;
  }
  if (!session.command) {
    session.stats.droppedBeforePty += 1;
    return false;
  }
  if (message.payloadType === PayloadType.Output) writeStdin(session, payload);
  else if (message.payloadType === PayloadType.Size) return resize(session, payload);
  else session.log({ event: 'input.ignored', payloadType: message.payloadType });
  return true;
}

/** @param {Session} session @param {import('./codec.js').Message} message */
export function sendAck(session, message) {
  session.send(encodeAck(message));
  session.stats.acksSent += 1;
}
