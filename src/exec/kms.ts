/**
 * The handshake the agent starts when the cluster sets executeCommandConfiguration.kmsKeyId:
 * a 64-byte KMS data key, split in two AES-256-GCM keys, proved with an encrypted challenge.
 * Field names follow aws/session-manager-plugin (src/message, src/encryption) and
 * aws/amazon-ssm-agent (agent/session/contracts/model.go).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { ActionError, errorMessage } from '../errors.js';
import { awsFailure } from '../aws/errors.js';
import { type RetryBudget, retryTransient } from '../aws/retry.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 64;

export const ActionStatus = { Success: 1, Failed: 2, Unsupported: 3 } as const;

export interface RequestedClientAction {
  ActionType: string;
  ActionParameters?: unknown;
}

export interface HandshakeRequest {
  AgentVersion?: string;
  RequestedClientActions?: RequestedClientAction[];
}

export interface ProcessedClientAction {
  ActionType: string;
  ActionStatus: number;
  ActionResult: unknown;
  Error: string;
}

export interface HandshakeResponse {
  ClientVersion: string;
  ProcessedClientActions: ProcessedClientAction[];
  Errors: string[];
}

/** AES-256-GCM both ways: the agent encrypts with what we decrypt with, and the other way round. */
export interface SessionCipher {
  /** The data key as KMS encrypted it; the agent gets the same key back with kms:Decrypt. */
  cipherTextKey: Buffer;
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

/** `nonce (12) || ciphertext || tag (16)`, the layout of Go's `gcm.Seal` with the nonce prefixed. */
export function seal(key: Buffer, plain: Buffer, nonce: Buffer = randomBytes(NONCE_BYTES)): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

export function open(key: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new Error(`sealed payload of ${sealed.length} bytes is too short`);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}

/** First half decrypts what the agent sends, second half encrypts what we send. */
export function sessionCipher(plainTextKey: Buffer, cipherTextKey: Buffer): SessionCipher {
  if (plainTextKey.length !== DATA_KEY_BYTES) throw new Error(`data key of ${plainTextKey.length} bytes, expected ${DATA_KEY_BYTES}`);
  const decryptionKey = plainTextKey.subarray(0, DATA_KEY_BYTES / 2);
  const encryptionKey = plainTextKey.subarray(DATA_KEY_BYTES / 2);
  return {
    cipherTextKey,
    encrypt: (plain) => seal(encryptionKey, plain),
    decrypt: (sealed) => open(decryptionKey, sealed),
  };
}

export interface SessionIdentity {
  sessionId: string;
  /** `ecs:<cluster>_<taskId>_<runtimeId>`, the session's SSM target. */
  targetId: string;
}

/** GenerateDataKey, retried through throttling and 5xx within the session's deadline. */
export async function createSessionCipher(kms: KMSClient, keyId: string, identity: SessionIdentity, budget: RetryBudget): Promise<SessionCipher> {
  try {
    const request = {
      KeyId: keyId,
      NumberOfBytes: DATA_KEY_BYTES,
      EncryptionContext: { 'aws:ssm:SessionId': identity.sessionId, 'aws:ssm:TargetId': identity.targetId },
    };
    const answer = await retryTransient(`KMS GenerateDataKey with key '${keyId}'`, () => kms.send(new GenerateDataKeyCommand(request)), budget);
    if (!answer.Plaintext || !answer.CiphertextBlob) throw new Error('GenerateDataKey returned no key');
    return sessionCipher(Buffer.from(answer.Plaintext), Buffer.from(answer.CiphertextBlob));
  } catch (error) {
    throw awsFailure(
      `generate a data key with KMS key '${keyId}' for the encrypted exec session (the cluster sets executeCommandConfiguration.kmsKeyId)`,
      error,
      `Grant 'kms:GenerateDataKey' on that key to the role this job runs as (the task role needs 'kms:Decrypt' on it).`,
    );
  }
}

export interface HandshakeAnswer {
  response: HandshakeResponse;
  /** Set when the agent asked for KMS encryption and we set it up. */
  cipher?: SessionCipher;
  /** Set when an action failed: the session cannot go on. */
  failure?: ActionError;
}

/** Answers every requested action; the agent ends the session if one fails. */
export async function answerHandshake(
  request: HandshakeRequest,
  clientVersion: string,
  makeCipher: (keyId: string) => Promise<SessionCipher>,
): Promise<HandshakeAnswer> {
  const answer: HandshakeAnswer = { response: { ClientVersion: clientVersion, ProcessedClientActions: [], Errors: [] } };
  for (const action of request.RequestedClientActions ?? []) {
    const processed = await processAction(action, makeCipher, answer);
    answer.response.ProcessedClientActions.push(processed);
    if (processed.Error) answer.response.Errors.push(processed.Error);
  }
  return answer;
}

async function processAction(
  action: RequestedClientAction,
  makeCipher: (keyId: string) => Promise<SessionCipher>,
  answer: HandshakeAnswer,
): Promise<ProcessedClientAction> {
  const done = (status: number, result: unknown, error = ''): ProcessedClientAction => ({
    ActionType: action.ActionType,
    ActionStatus: status,
    ActionResult: result,
    Error: error,
  });
  switch (action.ActionType) {
    case 'SessionType':
      return done(ActionStatus.Success, null);
    case 'KMSEncryption': {
      const keyId = (action.ActionParameters as { KMSKeyId?: unknown } | undefined)?.KMSKeyId;
      try {
        if (typeof keyId !== 'string' || keyId === '') throw new Error('the agent named no KMSKeyId');
        answer.cipher = await makeCipher(keyId);
        return done(ActionStatus.Success, { KMSCipherTextKey: answer.cipher.cipherTextKey.toString('base64') });
      } catch (error) {
        answer.failure =
          error instanceof ActionError
            ? error
            : new ActionError(`Could not set up the KMS-encrypted exec session (cluster executeCommandConfiguration.kmsKeyId): ${errorMessage(error)}`);
        return done(ActionStatus.Failed, null, `Failed to process action KMSEncryption: ${errorMessage(error)}`);
      }
    }
    default:
      return done(ActionStatus.Unsupported, null, `Unsupported action ${action.ActionType}`);
  }
}

/** The agent's proof that both sides hold the key: decrypt its challenge, encrypt it back. */
export function answerChallenge(payload: Buffer, cipher: SessionCipher): Buffer {
  const request = JSON.parse(payload.toString('utf8')) as { Challenge?: unknown };
  if (typeof request.Challenge !== 'string') throw new Error('EncChallengeRequest without a Challenge');
  const plain = cipher.decrypt(Buffer.from(request.Challenge, 'base64'));
  return Buffer.from(JSON.stringify({ Challenge: cipher.encrypt(plain).toString('base64') }));
}
