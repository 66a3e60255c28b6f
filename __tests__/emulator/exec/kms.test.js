import { afterEach, describe, expect, it } from '@jest/globals';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import http from 'node:http';
import { KmsStore } from '../../../emulator/exec/kms.js';
import { open, seal, startEmulator, TARGET, TestClient, until } from './test-client.js';

const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const WHERE = { region: 'us-east-1', account: '123456789012' };

describe('KMS store (TrentService JSON 1.1)', () => {
  const store = new KmsStore();
  store.register(KEY_ARN, WHERE);
  store.register('alias/exec', WHERE);
  const context = { 'aws:ssm:SessionId': 's-1', 'aws:ssm:TargetId': 't-1' };

  it('generates a 64-byte data key that Decrypt returns only under the same encryption context', () => {
    const generated = store.handle('GenerateDataKey', { KeyId: KEY_ARN, NumberOfBytes: 64, EncryptionContext: context });
    expect(generated.status).toBe(200);
    expect(generated.body).toEqual({ CiphertextBlob: expect.any(String), Plaintext: expect.any(String), KeyId: KEY_ARN });
    expect(Buffer.from(generated.body.Plaintext, 'base64')).toHaveLength(64);
    const decrypted = store.handle('Decrypt', { CiphertextBlob: generated.body.CiphertextBlob, EncryptionContext: context });
    expect(decrypted).toEqual({ status: 200, body: { KeyId: KEY_ARN, Plaintext: generated.body.Plaintext, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' } });
    expect(store.handle('Decrypt', { CiphertextBlob: generated.body.CiphertextBlob, EncryptionContext: { ...context, 'aws:ssm:TargetId': 'other' } }))
      .toEqual({ status: 400, body: { __type: 'InvalidCiphertextException', message: '' } });
  });

  it.each([
    ['the key id alone', '1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['an alias name', 'alias/exec'],
    ['an alias ARN', 'arn:aws:kms:us-east-1:123456789012:alias/exec'],
  ])('finds a key by %s', (_name, keyId) => {
    expect(store.handle('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256' }).status).toBe(200);
  });

  it.each([
    [{ KeyId: 'arn:aws:kms:us-east-1:123456789012:key/unknown', NumberOfBytes: 64 }, 'NotFoundException'],
    [{ NumberOfBytes: 64 }, 'ValidationException'],
    [{ KeyId: KEY_ARN }, 'ValidationException'],
    [{ KeyId: KEY_ARN, NumberOfBytes: 2048 }, 'ValidationException'],
  ])('GenerateDataKey %j answers 400 %s', (input, type) => {
    const result = store.handle('GenerateDataKey', input);
    expect(result.status).toBe(400);
    expect(result.body.__type).toBe(type);
  });

  it('speaks the JSON 1.1 shapes the real SDK client parses, errors included', async () => {
    const requests = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const operation = String(req.headers['x-amz-target']).replace('TrentService.', '');
        requests.push({ operation, input: JSON.parse(body) });
        const result = store.handle(operation, JSON.parse(body));
        res.writeHead(result.status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(result.body));
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const kms = new KMSClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${server.address().port}`,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    try {
      const key = await kms.send(new GenerateDataKeyCommand({ KeyId: KEY_ARN, NumberOfBytes: 64, EncryptionContext: context }));
      expect(key.Plaintext).toHaveLength(64);
      const back = await kms.send(new DecryptCommand({ CiphertextBlob: key.CiphertextBlob, EncryptionContext: context }));
      expect(Buffer.from(back.Plaintext).equals(Buffer.from(key.Plaintext))).toBe(true);
      await expect(kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/missing', NumberOfBytes: 64 })))
        .rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 400 } });
      expect(requests.map((r) => r.operation)).toEqual(['GenerateDataKey', 'Decrypt', 'GenerateDataKey']);
      expect(requests[0].input).toEqual({ KeyId: KEY_ARN, NumberOfBytes: 64, EncryptionContext: context });
    } finally {
      kms.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers unknown operations and garbage ciphertext as AWS does', () => {
    expect(store.handle('Encrypt', {}).body.__type).toBe('UnknownOperationException');
    expect(store.handle('Decrypt', { CiphertextBlob: Buffer.from('nonsense').toString('base64') }).body.__type).toBe('InvalidCiphertextException');
  });
});

describe('KMS-encrypted sessions', () => {
  let emulator;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  /** A client doing the plugin's side of the handshake; `mistake` injects one client bug. */
  function handshakingClient(session, { mistake } = {}) {
    const handshake = { request: null, complete: null };
    const client = new TestClient(session, {
      onHandshake: (self, message) => {
        const body = JSON.parse(message.payload.toString());
        if (message.payloadType === 5) {
          handshake.request = body;
          const keyId = body.RequestedClientActions.find((a) => a.ActionType === 'KMSEncryption').ActionParameters.KMSKeyId;
          const EncryptionContext = { 'aws:ssm:SessionId': session.sessionId, 'aws:ssm:TargetId': mistake === 'context' ? 'i-0123' : TARGET };
          const key = emulator.channel.handleKms('GenerateDataKey', { KeyId: keyId, NumberOfBytes: 64, EncryptionContext }).body;
          const plaintext = Buffer.from(key.Plaintext, 'base64');
          self.keys = { decrypt: plaintext.subarray(0, 32), encrypt: plaintext.subarray(32, 64) };
          self.sendFrame(self.inputFrame(6, JSON.stringify({
            ClientVersion: '1.2.0.0',
            ProcessedClientActions: [
              { ActionType: 'SessionType', ActionStatus: 1 },
              { ActionType: 'KMSEncryption', ActionStatus: 1, ActionResult: { KMSCipherTextKey: key.CiphertextBlob } },
            ],
            Errors: [],
          })));
        } else if (message.payloadType === 8) {
          const challenge = open(self.keys.decrypt, Buffer.from(body.Challenge, 'base64'));
          const key = mistake === 'halves' ? self.keys.decrypt : self.keys.encrypt;
          self.sendFrame(self.inputFrame(9, JSON.stringify({ Challenge: seal(key, challenge).toString('base64') })));
        } else if (message.payloadType === 7) {
          handshake.complete = body;
        }
      },
    });
    return { client, handshake };
  }

  it('completes the handshake, then encrypts output and decrypts input', async () => {
    emulator = await startEmulator();
    const session = emulator.createSession('head -n 1', { kmsKeyId: KEY_ARN });
    const { client, handshake } = handshakingClient(session);
    await client.connect();
    await until(() => emulator.channel.state()[0].status === 'running', 3000, 'command start after the handshake');
    expect(handshake.request).toEqual({
      AgentVersion: expect.any(String),
      RequestedClientActions: [
        { ActionType: 'SessionType', ActionParameters: { SessionType: 'InteractiveCommands', Properties: expect.any(Object) } },
        { ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: KEY_ARN } },
      ],
    });
    expect(handshake.complete).toEqual({ HandshakeTimeToComplete: expect.any(Number), CustomerMessage: 'This session is encrypted using AWS KMS.' });
    client.sendFrame(client.inputFrame(1, seal(client.keys.encrypt, Buffer.from('top secret\r'))));
    await client.closed;
    expect(client.text()).toBe('top secret\r\ntop secret\r\n');
    const outputFrames = client.frames.filter((f) => f.messageType === 'output_stream_data' && f.payloadType === 1);
    expect(outputFrames.length).toBeGreaterThan(0);
    for (const frame of outputFrames) expect(frame.payload.toString('latin1')).not.toContain('secret');
    expect(emulator.channel.state()[0]).toMatchObject({ encrypted: true, handshake: 'complete', exitCode: 0, status: 'closed', decryptFailures: 0 });
  });

  it.each([
    ['context', 'Fetching data key failed: Unable to retrieve data key'],
    ['halves', 'Error decrypting encrypted text'],
  ])('ends the session when the client gets the %s wrong', async (mistake, output) => {
    emulator = await startEmulator();
    const session = emulator.createSession("printf 'never\\n'", { kmsKeyId: KEY_ARN });
    const { client } = handshakingClient(session, { mistake });
    await client.connect();
    await client.closed;
    expect(client.channelClosed.Output).toContain(output);
    expect(client.text()).toBe('');
    expect(emulator.channel.state()[0]).toMatchObject({ status: 'failed', exitCode: null });
  });

  it('times out a client that never answers the handshake', async () => {
    emulator = await startEmulator({ faults: { handshakeTimeoutMs: 300 } });
    const session = emulator.createSession("printf 'never\\n'", { kmsKeyId: KEY_ARN });
    const client = await new TestClient(session).connect();
    await client.closed;
    expect(client.channelClosed.Output).toBe('Handshake timed out. Please ensure that you have the latest version of the session manager plugin.');
    expect(emulator.channel.state()[0]).toMatchObject({ status: 'failed', closeReason: expect.stringContaining('handshake failed') });
  });
});
