import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mockClient } from 'aws-sdk-client-mock';
import { GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import WebSocket, { WebSocketServer } from 'ws';
import * as core from '../../__fixtures__/core.js';
import { systemClock } from '../../src/clock.js';
import { decodeMessage, encodeMessage, MessageType, PayloadType } from '../../src/exec/codec.js';
import { open, seal } from '../../src/exec/kms.js';
import { FakeAgent, IdleClock, message, printingAgent } from './helpers.js';

jest.unstable_mockModule('@actions/core', () => core);
const { runSession, EXEC_CLIENT_VERSION } = await import('../../src/exec/session.js');

const TOKEN = 'AAEAAVerySecretSessionToken0123456789';
const STREAM_URL = 'wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/ecs-execute-command-0a1b2c3d4e5f?role=publish_subscribe&cell-number=AAEAAQ';

function options(clock: IdleClock, agent: FakeAgent, timeoutMs = 60_000) {
  return {
    streamUrl: STREAM_URL,
    tokenValue: TOKEN,
    sessionId: 'ecs-execute-command-0a1b2c3d4e5f',
    targetId: 'ecs:demo_0f1e2d3c_0f1e2d3c-1234567890',
    openSocket: jest.fn((_url: string) => agent.socket),
    clock,
    deadline: clock.now() + timeoutMs,
  };
}

describe('runSession against a scripted agent', () => {
  it('sends the token frame, then the terminal size, and returns the output at channel_closed', async () => {
    const clock = new IdleClock();
    const agent = printingAgent(clock, 'hello\r\nworld\r\n');
    const opts = options(clock, agent);
    const result = await runSession(opts);

    expect(result).toEqual({ kind: 'closed', output: 'hello\r\nworld\r\n', reason: '' });
    expect(opts.openSocket).toHaveBeenCalledWith(STREAM_URL);
    expect(agent.texts).toHaveLength(1);
    const opening = JSON.parse(agent.texts[0]) as Record<string, string>;
    expect(Object.keys(opening)).toEqual(['MessageSchemaVersion', 'RequestId', 'TokenValue', 'ClientId', 'ClientVersion']);
    expect(opening).toMatchObject({ MessageSchemaVersion: '1.0', TokenValue: TOKEN, ClientVersion: EXEC_CLIENT_VERSION });
    expect(opening.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(agent.inputs[0]).toMatchObject({ messageType: 'input_stream_data', sequenceNumber: 0, payloadType: PayloadType.Size });
    expect(agent.inputs[0].payload.toString()).toBe('{"cols":200,"rows":50}');
    expect(agent.ackContents()).toEqual([expect.objectContaining({ AcknowledgedMessageType: 'output_stream_data', AcknowledgedMessageSequenceNumber: 0 })]);
    expect(agent.closedByClient).toBe(true);
  });

  it('delivers out-of-order and duplicated output once, in order, acking every copy', async () => {
    const clock = new IdleClock();
    const agent = new FakeAgent(clock, (input, a) => {
      a.ack(input);
      a.output('two ', PayloadType.Output, 2);
      a.output('zero ', PayloadType.Output, 0);
      a.output('zero ', PayloadType.Output, 0);
      a.output('one ', PayloadType.Output, 1);
      a.output('two ', PayloadType.Output, 2);
      a.closeChannel();
    });
    const result = await runSession(options(clock, agent));
    expect(result).toEqual({ kind: 'closed', output: 'zero one two ', reason: '' });
    expect(agent.ackContents().map((a) => a.AcknowledgedMessageSequenceNumber)).toEqual([2, 0, 0, 1, 2]);
  });

  it('resends the terminal size until the agent acknowledges it (it drops input before its pty exists)', async () => {
    const clock = new IdleClock();
    const start = clock.now();
    const agent = new FakeAgent(clock, (input, a) => {
      if (a.inputs.length < 3) return;
      a.ack(input);
      a.output('ready\r\n');
      a.closeChannel();
    });
    const result = await runSession(options(clock, agent));
    expect(result.kind).toBe('closed');
    expect(agent.inputTimes.map((t) => t - start)).toEqual([0, 200, 600]);
    expect(new Set(agent.inputs.map((i) => i.messageId)).size).toBe(1);
  });

  it('ignores pause_publication and start_publication', async () => {
    const clock = new IdleClock();
    const agent = new FakeAgent(clock, (input, a) => {
      a.ack(input);
      a.deliver(message({ messageType: MessageType.PausePublication, payloadType: 0, payload: Buffer.from('') }));
      a.deliver(message({ messageType: MessageType.StartPublication, payloadType: 0, payload: Buffer.from('') }));
      a.output('ok');
      a.closeChannel('Session terminated due to idle timeout');
    });
    expect(await runSession(options(clock, agent))).toEqual({ kind: 'closed', output: 'ok', reason: 'Session terminated due to idle timeout' });
    expect(agent.acks).toHaveLength(1);
  });

  it.each([
    ['the socket closes without channel_closed', (a: FakeAgent) => a.drop(1006), 'the WebSocket closed (code 1006) before the service closed the channel'],
    ['the socket errors', (a: FakeAgent) => a.socket.emitLater('error', new Error('ECONNRESET')), 'WebSocket error: ECONNRESET'],
    ['a frame fails its digest', (a: FakeAgent) => {
      const frame = encodeMessage(message({ payload: Buffer.from('x') }));
      frame[frame.length - 1] ^= 1;
      a.socket.emitLater('message', frame, true);
    }, 'payload digest does not match'],
  ])('reports a dropped session when %s', async (_name, fail, detail) => {
    const clock = new IdleClock();
    const agent = new FakeAgent(clock, (input, a) => {
      a.ack(input);
      a.output('partial');
      fail(a);
    });
    const result = await runSession(options(clock, agent));
    expect(result).toEqual({ kind: 'dropped', output: 'partial', detail: expect.stringContaining(detail), commandMayHaveStarted: true });
  });

  it('times out at the deadline when the channel never closes', async () => {
    const clock = new IdleClock();
    const start = clock.now();
    const agent = new FakeAgent(clock, (input, a) => {
      a.ack(input);
      a.output('still running');
    });
    const result = await runSession(options(clock, agent, 5000));
    expect(result).toEqual({ kind: 'timed-out', output: 'still running' });
    expect(clock.now() - start).toBe(5000);
    expect(agent.closedByClient).toBe(true);
  });

  it('reports a socket that cannot be opened as dropped', async () => {
    const clock = new IdleClock();
    const result = await runSession({ ...options(clock, printingAgent(clock, '')), openSocket: () => { throw new Error('getaddrinfo ENOTFOUND'); } });
    expect(result).toEqual({ kind: 'dropped', output: '', detail: 'could not open the WebSocket: getaddrinfo ENOTFOUND', commandMayHaveStarted: true });
  });
});

describe('runSession with KMS encryption', () => {
  const kms = mockClient(KMSClient);
  const dataKey = randomBytes(64);
  const blob = Buffer.from('kms-ciphertext-blob');
  beforeEach(() => {
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: dataKey, CiphertextBlob: blob });
  });
  afterEach(() => {
    kms.reset();
  });

  it('does the handshake, answers the challenge and decrypts the output', async () => {
    const clock = new IdleClock();
    const agentEncrypts = dataKey.subarray(0, 32);
    const agentDecrypts = dataKey.subarray(32);
    const challenge = randomBytes(32);
    let challengeAnswered = false;
    const agent = new FakeAgent(
      clock,
      (input, a) => {
        a.ack(input);
        if (input.payloadType === PayloadType.HandshakeResponse) {
          const response = JSON.parse(input.payload.toString());
          expect(response.ProcessedClientActions[1].ActionResult.KMSCipherTextKey).toBe(blob.toString('base64'));
          a.output(JSON.stringify({ Challenge: seal(agentEncrypts, challenge).toString('base64') }), PayloadType.EncChallengeRequest);
        }
        if (input.payloadType === PayloadType.EncChallengeResponse) {
          const { Challenge } = JSON.parse(input.payload.toString()) as { Challenge: string };
          challengeAnswered = open(agentDecrypts, Buffer.from(Challenge, 'base64')).equals(challenge);
          a.output(JSON.stringify({ HandshakeTimeToComplete: 1000000, CustomerMessage: '' }), PayloadType.HandshakeComplete);
          a.output(seal(agentEncrypts, Buffer.from('secret output\r\n')));
          a.closeChannel();
        }
      },
      (a) => {
        a.output(
          JSON.stringify({
            AgentVersion: '3.3.1802.0',
            RequestedClientActions: [
              { ActionType: 'SessionType', ActionParameters: { SessionType: 'InteractiveCommands' } },
              { ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abcd' } },
            ],
          }),
          PayloadType.HandshakeRequest,
        );
      },
    );
    const client = new KMSClient({ region: 'eu-west-1' });
    const result = await runSession({ ...options(clock, agent), kms: () => client });
    expect(result).toEqual({ kind: 'closed', output: 'secret output\r\n', reason: '' });
    expect(challengeAnswered).toBe(true);
    expect(agent.inputs.map((i) => i.payloadType)).toEqual([PayloadType.Size, PayloadType.HandshakeResponse, PayloadType.EncChallengeResponse]);
    expect(agent.ackContents().map((a) => a.AcknowledgedMessageSequenceNumber)).toEqual([0, 1, 2, 3]);
    expect(kms.commandCalls(GenerateDataKeyCommand)[0].args[0].input.EncryptionContext).toEqual({
      'aws:ssm:SessionId': 'ecs-execute-command-0a1b2c3d4e5f',
      'aws:ssm:TargetId': 'ecs:demo_0f1e2d3c_0f1e2d3c-1234567890',
    });
  });

  it('fails with the cluster setting named when no KMS client is available', async () => {
    const clock = new IdleClock();
    const agent = new FakeAgent(clock, (input, a) => a.ack(input), (a) => {
      a.output(JSON.stringify({ RequestedClientActions: [{ ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: 'k' } }] }), PayloadType.HandshakeRequest);
    });
    await expect(runSession(options(clock, agent))).rejects.toThrow('executeCommandConfiguration.kmsKeyId');
    const response = JSON.parse(agent.inputs.find((i) => i.payloadType === PayloadType.HandshakeResponse)!.payload.toString());
    expect(response.ProcessedClientActions[0].ActionStatus).toBe(2);
  });
});

describe('runSession over a real WebSocket on 127.0.0.1', () => {
  let server: WebSocketServer;
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('speaks the protocol through ws', async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    const received: string[] = [];
    let ackSeen: () => void;
    const acked = new Promise<void>((resolve) => (ackSeen = resolve));
    server.on('connection', (socket) => {
      socket.on('message', (data, isBinary) => {
        if (!isBinary) {
          received.push(`text:${JSON.parse(data.toString()).TokenValue}`);
          return;
        }
        const input = decodeMessage(data as Buffer);
        received.push(`${input.messageType}:${input.payloadType}`);
        if (input.messageType === MessageType.Acknowledge) ackSeen();
        if (input.messageType !== MessageType.InputStreamData) return;
        socket.send(encodeMessage(message({ payload: Buffer.from('over ws\r\n') })));
        socket.send(encodeMessage(message({ messageType: MessageType.ChannelClosed, payloadType: 0, payload: Buffer.from('{"Output":""}') })));
      });
    });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const result = await runSession({
      streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s?role=publish_subscribe`,
      tokenValue: TOKEN,
      sessionId: 's',
      targetId: 't',
      openSocket: (url) => new WebSocket(url),
      clock: systemClock,
      deadline: Date.now() + 10_000,
    });
    expect(result).toEqual({ kind: 'closed', output: 'over ws\r\n', reason: '' });
    await acked;
    expect(received.slice(0, 3)).toEqual([`text:${TOKEN}`, 'input_stream_data:3', 'acknowledge:0']);
  });
});
