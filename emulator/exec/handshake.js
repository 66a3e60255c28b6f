// @ts-check
// The KMS handshake (reference ecs-exec-data-channel.md section 5): HandshakeRequest, the data
// key in HandshakeResponse, the encryption challenge, HandshakeComplete.
import { randomBytes } from 'node:crypto';
import { openGcm, sealGcm } from './aes-gcm.js';
import { PayloadType } from './codec.js';
import { AGENT_VERSION, CHALLENGE_TIMEOUT_OUTPUT, HANDSHAKE_TIMEOUT_OUTPUT, KMS_CUSTOMER_MESSAGE } from './constants.js';
import { sendStream } from './outbound.js';
import { schedulePty } from './pty.js';
/** @typedef {import('./session.js').Session} Session */

/** @param {Session} session */
export function startHandshake(session) {
  session.status = 'handshake';
  session.handshake = { startedAt: Date.now(), phase: 'response' };
  const request = {
    AgentVersion: AGENT_VERSION,
    RequestedClientActions: [
      {
        ActionType: 'SessionType',
        ActionParameters: { SessionType: 'InteractiveCommands', Properties: { linux: { commands: session.params.command, runAsElevated: false } } },
      },
      { ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: session.params.kmsKeyId } },
    ],
  };
  sendStream(session, PayloadType.HandshakeRequest, Buffer.from(JSON.stringify(request)));
  armHandshakeTimer(session, HANDSHAKE_TIMEOUT_OUTPUT);
}

/** @param {Session} session @param {string} output */
export function armHandshakeTimer(session, output) {
  clearTimeout(session.timers.handshake);
  session.timers.handshake = setTimeout(() => failHandshake(session, output), session.handshakeTimeoutMs);
}

/** @param {Session} session @param {string} reason */
export function failHandshake(session, reason) {
  clearTimeout(session.timers.handshake);
  session.log({ event: 'handshake.failed', reason });
  void session.endSession('failed', `handshake failed: ${reason}`, reason);
}

/** @param {Session} session @param {Buffer} payload */
export function onHandshakeResponse(session, payload) {
  if (session.handshake?.phase !== 'response') {
    session.log({ event: 'handshake.unexpected', payloadType: PayloadType.HandshakeResponse });
    return;
  }
  /** @type {any} */
  let response;
  try {
    response = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return failHandshake(session, `Unmarshalling of HandshakeResponse message failed, ${/** @type {Error} */ (err).message}`);
  }
  session.client.clientVersion = response.ClientVersion ?? session.client.clientVersion;
  /** @type {any[]} */
  const actions = Array.isArray(response.ProcessedClientActions) ? response.ProcessedClientActions : [];
  const failed = actions.find((action) => action.ActionStatus !== 1);
  if (failed) {
    return failHandshake(session, `${failed.ActionType} failed on client with status ${failed.ActionStatus} error: ${failed.Error ?? ''}`);
  }
  const kmsResult = actions.find((action) => action.ActionType === 'KMSEncryption')?.ActionResult;
  if (typeof kmsResult?.KMSCipherTextKey !== 'string') {
    return failHandshake(session, 'KMSEncryption failed on client: HandshakeResponse has no ActionResult.KMSCipherTextKey');
  }
  const context = { 'aws:ssm:SessionId': session.id, 'aws:ssm:TargetId': session.target };
  const dataKey = session.kms.decrypt(Buffer.from(kmsResult.KMSCipherTextKey, 'base64'), context);
  if ('error' in dataKey) {
    return failHandshake(session, `Fetching data key failed: Unable to retrieve data key, ${JSON.stringify(dataKey.error.body)} (expected EncryptionContext ${JSON.stringify(context)})`);
  }
  if (dataKey.plaintext.length !== 64) {
    return failHandshake(session, `Fetching data key failed: data key is ${dataKey.plaintext.length} bytes, expected 64`);
  }
  // The agent encrypts with the first half and decrypts with the second; the client mirrors it.
  session.encryption = { encryptKey: dataKey.plaintext.subarray(0, 32), decryptKey: dataKey.plaintext.subarray(32, 64) };
  const challenge = randomBytes(64);
  session.handshake.phase = 'challenge';
  session.handshake.challenge = challenge;
  sendStream(session, PayloadType.EncChallengeRequest, Buffer.from(JSON.stringify({ Challenge: sealGcm(session.encryption.encryptKey, challenge).toString('base64') })));
  armHandshakeTimer(session, CHALLENGE_TIMEOUT_OUTPUT);
}

/** @param {Session} session @param {Buffer} payload */
export function onChallengeResponse(session, payload) {
  const handshake = session.handshake;
  if (handshake?.phase !== 'challenge' || !session.encryption || !handshake.challenge) {
    session.log({ event: 'handshake.unexpected', payloadType: PayloadType.EncChallengeResponse });
    return;
  }
  /** @type {Buffer} */
  let answer;
  try {
    answer = openGcm(session.encryption.decryptKey, Buffer.from(JSON.parse(payload.toString('utf8')).Challenge, 'base64'));
  } catch (err) {
    return failHandshake(session, `Error decrypting encrypted text, ${/** @type {Error} */ (err).message}`);
  }
  if (!answer.equals(handshake.challenge)) return failHandshake(session, 'Encryption challenge does not match!');
  clearTimeout(session.timers.handshake);
  handshake.phase = 'complete';
  const complete = { HandshakeTimeToComplete: (Date.now() - handshake.startedAt) * 1e6, CustomerMessage: KMS_CUSTOMER_MESSAGE };
  sendStream(session, PayloadType.HandshakeComplete, Buffer.from(JSON.stringify(complete)));
  session.log({ event: 'handshake.complete' });
  schedulePty(session);
}
