import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mockClient } from 'aws-sdk-client-mock';
import { GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { answerChallenge, answerHandshake, createSessionCipher, open, seal, sessionCipher } from '../../src/exec/kms.js';
import { IdleClock } from './helpers.js';

/** A minute of retries through transient faults, on a clock that never waits. */
function budget() {
  const clock = new IdleClock();
  return { clock, deadline: clock.now() + 60_000 };
}

const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const IDENTITY = { sessionId: 'ecs-execute-command-0a1b2c3d4e5f', targetId: 'ecs:demo_0f1e2d3c4b5a69788796a5b4c3d2e1f0_0f1e2d3c4b5a69788796a5b4c3d2e1f0-1234567890' };

/** What the agent does with the same 64 bytes: its encryption key is our decryption key. */
function agentSide(dataKey: Buffer): { encrypt: (p: Buffer) => Buffer; decrypt: (s: Buffer) => Buffer } {
  const clientDecrypts = dataKey.subarray(0, 32);
  const clientEncrypts = dataKey.subarray(32);
  return {
    encrypt(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', clientDecrypts, nonce);
      return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', clientEncrypts, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
    },
  };
}

describe('AES-256-GCM framing', () => {
  it('is nonce || ciphertext || 16-byte tag', () => {
    const key = randomBytes(32);
    const nonce = Buffer.alloc(12, 7);
    const sealed = seal(key, Buffer.from('hello'), nonce);
    expect(sealed.subarray(0, 12)).toEqual(nonce);
    expect(sealed.length).toBe(12 + 5 + 16);
    expect(open(key, sealed).toString()).toBe('hello');
  });

  it('rejects a tampered payload', () => {
    const key = randomBytes(32);
    const sealed = seal(key, Buffer.from('hello'));
    sealed[14] ^= 1;
    expect(() => open(key, sealed)).toThrow();
  });

  it('decrypts with bytes 0..31 and encrypts with 32..63 of the data key', () => {
    const dataKey = randomBytes(64);
    const ours = sessionCipher(dataKey, Buffer.from('blob'));
    const agent = agentSide(dataKey);
    expect(ours.decrypt(agent.encrypt(Buffer.from('from agent'))).toString()).toBe('from agent');
    expect(agent.decrypt(ours.encrypt(Buffer.from('from client'))).toString()).toBe('from client');
  });
});

describe('the KMS handshake', () => {
  const kms = mockClient(KMSClient);
  const dataKey = randomBytes(64);
  const blob = Buffer.from('encrypted-data-key-as-kms-returns-it');
  beforeEach(() => {
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: dataKey, CiphertextBlob: blob, KeyId: KEY_ARN });
  });
  afterEach(() => {
    kms.reset();
  });

  const request = {
    AgentVersion: '3.3.1802.0',
    RequestedClientActions: [
      { ActionType: 'SessionType', ActionParameters: { SessionType: 'InteractiveCommands', Properties: null } },
      { ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: KEY_ARN } },
    ],
  };

  it('asks KMS for a 64-byte key bound to the session and target, and answers with its ciphertext', async () => {
    const client = new KMSClient({ region: 'eu-west-1' });
    const answer = await answerHandshake(request, '1.2.694.0', (keyId) => createSessionCipher(client, keyId, IDENTITY, budget()));
    expect(kms.commandCalls(GenerateDataKeyCommand).map((c) => c.args[0].input)).toEqual([
      { KeyId: KEY_ARN, NumberOfBytes: 64, EncryptionContext: { 'aws:ssm:SessionId': IDENTITY.sessionId, 'aws:ssm:TargetId': IDENTITY.targetId } },
    ]);
    expect(answer.failure).toBeUndefined();
    expect(JSON.parse(JSON.stringify(answer.response))).toEqual({
      ClientVersion: '1.2.694.0',
      ProcessedClientActions: [
        { ActionType: 'SessionType', ActionStatus: 1, ActionResult: null, Error: '' },
        { ActionType: 'KMSEncryption', ActionStatus: 1, ActionResult: { KMSCipherTextKey: blob.toString('base64') }, Error: '' },
      ],
      Errors: [],
    });

    const agent = agentSide(dataKey);
    const challenge = randomBytes(64);
    const reply = answerChallenge(Buffer.from(JSON.stringify({ Challenge: agent.encrypt(challenge).toString('base64') })), answer.cipher!);
    const { Challenge } = JSON.parse(reply.toString()) as { Challenge: string };
    expect(agent.decrypt(Buffer.from(Challenge, 'base64'))).toEqual(challenge);
  });

  it('reports a KMS failure as Failed to the agent and as a fix-it error to the user', async () => {
    kms.on(GenerateDataKeyCommand).rejects(Object.assign(new Error('User: arn:aws:sts::123456789012:assumed-role/gha/run is not authorized to perform: kms:GenerateDataKey'), { name: 'AccessDeniedException' }));
    const client = new KMSClient({ region: 'eu-west-1' });
    const answer = await answerHandshake(request, '1.2.694.0', (keyId) => createSessionCipher(client, keyId, IDENTITY, budget()));
    expect(answer.response.ProcessedClientActions[1]).toMatchObject({ ActionType: 'KMSEncryption', ActionStatus: 2 });
    expect(answer.response.Errors).toHaveLength(1);
    expect(answer.failure?.message).toContain('executeCommandConfiguration.kmsKeyId');
    expect(answer.failure?.message).toContain("Grant 'kms:GenerateDataKey'");
  });

  it('retries a throttled GenerateDataKey within the budget, and never an access denial', async () => {
    const throttled = Object.assign(new Error('You have exceeded the rate at which you may call KMS.'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    kms.on(GenerateDataKeyCommand).rejectsOnce(throttled).rejectsOnce(throttled).resolves({ KeyId: KEY_ARN, Plaintext: dataKey, CiphertextBlob: blob });
    const client = new KMSClient({ region: 'eu-west-1' });
    const { clock, deadline } = budget();
    const answer = await answerHandshake(request, '1.2.694.0', (keyId) => createSessionCipher(client, keyId, IDENTITY, { clock, deadline }));
    expect(answer.failure).toBeUndefined();
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('gives up on throttling at the deadline with the fix-it error', async () => {
    kms.on(GenerateDataKeyCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }));
    const client = new KMSClient({ region: 'eu-west-1' });
    const clock = new IdleClock();
    const answer = await answerHandshake(request, '1.2.694.0', (keyId) => createSessionCipher(client, keyId, IDENTITY, { clock, deadline: clock.now() + 10_000 }));
    expect(answer.failure?.message).toContain('ThrottlingException: Rate exceeded');
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it('marks actions it does not know as Unsupported', async () => {
    const answer = await answerHandshake({ RequestedClientActions: [{ ActionType: 'Teleport' }] }, '1.2.694.0', () => Promise.reject(new Error('unused')));
    expect(answer.response.ProcessedClientActions).toEqual([{ ActionType: 'Teleport', ActionStatus: 3, ActionResult: null, Error: 'Unsupported action Teleport' }]);
  });
});
