import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync as makeTemp, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, TestClient, until } from './test-client.js';

let emulator;
/** The folders these tests make, removed when they are done. */
const folders = [];
const mkdtempSync = (prefix) => {
  const dir = makeTemp(prefix);
  folders.push(dir);
  return dir;
};
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Runs one command to the end of its session with a well-behaved client. */
async function run(command, { faults, behaviour, scenarioDir, environment } = {}) {
  emulator = await startEmulator({ faults, scenarioDir });
  const session = emulator.createSession(command, { behaviour: behaviour ?? {}, ...(environment ? { environment } : {}) });
  const client = await new TestClient(session).connect();
  const closed = await client.closed;
  const state = emulator.channel.state().find((s) => s.id === session.sessionId);
  return { client, closed, state, session };
}

describe('running a command like the agent in container mode', () => {
  it("delivers printf 'a\\nb\\n' as pty output a\\r\\nb\\r\\n, then channel_closed and a normal close", async () => {
    const { client, closed, state, session } = await run("printf 'a\\nb\\n'");
    expect(client.text()).toBe('a\r\nb\r\n');
    expect(client.channelClosed).toEqual({
      MessageId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      CreatedDate: expect.any(String),
      DestinationId: `ecs:demo_0123456789abcdef0123456789abcdef_0123456789abcdef0123456789abcdef-1234567890`,
      SessionId: session.sessionId,
      MessageType: 'channel_closed',
      SchemaVersion: 1,
      Output: '',
    });
    expect(closed.code).toBe(1000);
    expect(client.frames.at(-1).messageType).toBe('channel_closed');
    expect(state).toMatchObject({ status: 'closed', exitCode: 0, command: "printf 'a\\nb\\n'", container: 'web' });
    expect(JSON.stringify(emulator.channel.state())).not.toContain(session.tokenValue);
    expect(JSON.stringify(emulator.log)).not.toContain(session.tokenValue);
  });

  it.each([
    ["sh -c 'exit 3'", 3, ''],
    ['sh -c "kill -9 $$"', 137, ''],
    ['no-such-command-xyz --flag', 127, 'Unable to start command: Failed to start pty: exec: "no-such-command-xyz": executable file not found in $PATH\n'],
    ['/nonexistent/tool', 127, 'Unable to start command: Failed to start pty: fork/exec /nonexistent/tool: no such file or directory\n'],
  ])('%s records exit status %i in state but never sends it to the client', async (command, exitCode, output) => {
    const { client, state } = await run(command);
    expect(state.exitCode).toBe(exitCode);
    expect(client.channelClosed.Output).toBe(output);
    expect(client.frames.filter((f) => f.payloadType === 11 || f.payloadType === 12)).toEqual([]);
    expect(client.text()).not.toContain(String(exitCode));
  });

  it('executes directly, without a shell: quotes group words and operators are plain arguments', async () => {
    const { client } = await run(`printf '%s|' "two words" it\\'s $HOME '&&' ;`);
    expect(client.text()).toBe("two words|it's|$HOME|&&|;|");
  });

  it('merges stderr into the same stream, in the order written', async () => {
    const { client } = await run(`sh -c 'echo out1; echo err1 >&2; echo out2'`);
    expect(client.text()).toBe('out1\r\nerr1\r\nout2\r\n');
  });

  it('refuses a shell in a distroless image and puts only execPath on PATH', async () => {
    const scenarioDir = mkdtempSync(path.join(os.tmpdir(), 'exec-scenario-'));
    mkdirSync(path.join(scenarioDir, 'bin'));
    symlinkSync('/bin/echo', path.join(scenarioDir, 'bin', 'greet'));
    const behaviour = { shell: false, execPath: ['bin'] };
    for (const [command, exitCode, output] of [
      ["/bin/sh -c 'echo hi'", 127, 'fork/exec /bin/sh: no such file or directory'],
      ['bash -c true', 127, 'exec: "bash": executable file not found in $PATH'],
      ['printf x', 127, 'exec: "printf": executable file not found in $PATH'],
    ]) {
      const { client, state } = await run(command, { behaviour, scenarioDir });
      expect(state.exitCode).toBe(exitCode);
      expect(client.channelClosed.Output).toContain(output);
      await emulator.close();
    }
    const { client, state } = await run('greet hello distroless', { behaviour, scenarioDir });
    expect(client.text()).toBe('hello distroless\r\n');
    expect(state.exitCode).toBe(0);
  });
});

describe('opening the channel', () => {
  it('closes the socket with policy violation on a wrong token, and opens each session once', async () => {
    emulator = await startEmulator();
    const session = emulator.createSession('sleep 1');
    const intruder = await new TestClient(session, { token: 'not-the-token' }).connect();
    expect((await intruder.closed).code).toBe(1008);
    const owner = await new TestClient(session).connect();
    await until(() => emulator.channel.state()[0].status === 'running', 3000, 'command start');
    const second = await new TestClient(session).connect();
    expect((await second.closed).code).toBe(1008);
    expect(emulator.channel.state()[0]).toMatchObject({ rejectedOpens: 2, status: 'running' });
    expect(emulator.log.filter((e) => e.event === 'session.rejected').map((e) => e.reason)).toEqual([
      'missing or wrong TokenValue',
      'session was already opened',
    ]);
    owner.ws.terminate();
  });

  it('counts malformed frames and does not acknowledge them', async () => {
    emulator = await startEmulator();
    const session = emulator.createSession('sleep 1');
    const client = await new TestClient(session).connect();
    await until(() => emulator.channel.state()[0].status === 'running', 3000, 'command start');
    const frame = client.inputFrame(3, '{"cols":80,"rows":24}');
    frame[100] ^= 0xff;
    client.sendFrame(frame);
    client.sendFrame(frame.subarray(0, 60));
    await until(() => emulator.channel.state()[0].malformed === 2, 2000, 'malformed count');
    expect(client.acksReceived).toEqual([]);
    client.ws.terminate();
  });
});

describe('input: ordering, acknowledgements and the pty', () => {
  it('drops input before the pty exists without acking it, so the client must resend', async () => {
    emulator = await startEmulator();
    const session = emulator.createSession('head -n 1');
    const client = await new TestClient(session).connect();
    const frame = client.inputFrame(1, 'hello\r');
    client.sendFrame(frame);
    await until(() => emulator.channel.state()[0].status === 'running', 3000, 'command start');
    expect(emulator.channel.state()[0].droppedBeforePty).toBe(1);
    expect(client.acksReceived).toEqual([]);
    client.sendFrame(frame);
    await client.closed;
    expect(client.ackedInputs()).toEqual([0]);
    expect(client.acksReceived[0]).toEqual({
      AcknowledgedMessageType: 'input_stream_data',
      AcknowledgedMessageId: expect.any(String),
      AcknowledgedMessageSequenceNumber: 0,
      IsSequentialMessage: true,
    });
    // The pty echoes the typed line, then head prints it.
    expect(client.text()).toBe('hello\r\nhello\r\n');
  });

  it('buffers input that arrives early, and discards duplicates without a second ack', async () => {
    emulator = await startEmulator();
    const session = emulator.createSession('head -n 2');
    const client = await new TestClient(session).connect();
    await until(() => emulator.channel.state()[0].status === 'running', 3000, 'command start');
    const first = client.inputFrame(1, 'a\r');
    const second = client.inputFrame(1, 'b\r');
    client.sendFrame(second);
    client.sendFrame(first);
    client.sendFrame(first);
    await client.closed;
    expect(client.ackedInputs()).toEqual([1, 0]);
    expect(client.text()).toBe('a\r\nb\r\na\r\nb\r\n');
    expect(emulator.channel.state()[0]).toMatchObject({ bufferedOutOfOrder: 1, duplicatesDropped: 1, messagesIn: 3, acksSent: 2 });
  });

  it('withholds the ack of the first input (fault) so the client resends, then records the terminal size', async () => {
    emulator = await startEmulator({ faults: { withholdAckOfFirstInput: true } });
    const session = emulator.createSession('sleep 0.5');
    const client = await new TestClient(session).connect();
    await until(() => emulator.channel.state()[0].status === 'running', 3000, 'command start');
    const size = client.inputFrame(3, JSON.stringify({ cols: 200, rows: 50 }));
    client.sendFrame(size);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.acksReceived).toEqual([]);
    client.sendFrame(size);
    await until(() => client.acksReceived.length === 1, 2000, 'ack of the resent size');
    expect(emulator.channel.state()[0]).toMatchObject({ terminalSize: { cols: 200, rows: 50 }, withheldAcks: 1 });
    await client.closed;
  });
});

describe('output: acknowledgements, resends and injected faults', () => {
  const fiveLines = `sh -c 'for i in 1 2 3 4 5; do echo line$i; sleep 0.03; done'`;
  const fiveLinesText = 'line1\r\nline2\r\nline3\r\nline4\r\nline5\r\n';

  it('resends output the client has not acknowledged', async () => {
    emulator = await startEmulator({ faults: { resendUnackedAfterMs: 200 } });
    const session = emulator.createSession("printf 'only once\\n'");
    const client = await new TestClient(session, { ackOutput: (_m, receipt) => receipt > 1 }).connect();
    await client.closed;
    expect(client.text()).toBe('only once\r\n');
    expect(client.receipts.get(0)).toBe(2);
    expect(emulator.channel.state()[0]).toMatchObject({ resends: 1, acksReceived: 1, unacked: 0, exitCode: 0 });
  });

  it('delivers out of order and duplicated output that an ordering client reassembles', async () => {
    emulator = await startEmulator({ faults: { reorder: true, duplicate: true } });
    const client = await new TestClient(emulator.createSession(fiveLines)).connect();
    await client.closed;
    expect(client.text()).toBe(fiveLinesText);
    expect(client.duplicatesSeen).toBeGreaterThan(0);
    expect(client.outOfOrderSeen).toBeGreaterThan(0);
    const state = emulator.channel.state()[0];
    expect(state.reordered).toBeGreaterThan(0);
    expect(state.duplicatesSent).toBeGreaterThan(0);
    expect(state.status).toBe('closed');
  });

  it('drops the socket of the first session only, without channel_closed', async () => {
    emulator = await startEmulator({ faults: { dropSocketAfterMessages: 2 } });
    const first = await new TestClient(emulator.createSession(fiveLines)).connect();
    const closed = await first.closed;
    expect(closed.code).toBe(1006);
    expect(first.channelClosed).toBeNull();
    // Two output messages: how many lines they hold depends on how the command's output was read.
    expect(first.text()).toMatch(/^line1\r\n/);
    expect(fiveLinesText.startsWith(first.text())).toBe(true);
    expect(first.text().length).toBeLessThan(fiveLinesText.length);
    const retry = await new TestClient(emulator.createSession(fiveLines)).connect();
    await retry.closed;
    expect(retry.text()).toBe(fiveLinesText);
    expect(emulator.channel.state().map((s) => s.connection)).toEqual(['dropped', 'open']);
    // The dropped client does not stop the first command: it runs to its end.
    await until(() => emulator.channel.state()[0].exitCode === 0, 3000, 'the first command to finish');
  });

  it('closes a session without output for execIdleCloseSeconds and kills the command', async () => {
    const { client, state } = await run('sleep 30', { behaviour: { execIdleCloseSeconds: 0.5 } });
    expect(client.channelClosed.Output).toBe('Your session timed out due to inactivity and has been terminated.');
    expect(state.closeReason).toBe('idle: no output for 0.5 s');
    await until(() => emulator.channel.state()[0].exitCode === 137, 2000, 'exit status of the killed command');
  });
});

describe('the command and the client connection (reference section 6)', () => {
  it('starts when the session is created, and its earlier output reaches a client that connects later', async () => {
    emulator = await startEmulator();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'exec-early-'));
    const marker = path.join(dir, 'ran');
    const session = emulator.createSession(`sh -c 'echo early; touch ${marker}'`);
    await until(() => emulator.channel.state()[0].exitCode === 0, 3000, 'the command to run without a client');
    expect(existsSync(marker)).toBe(true);
    const client = await new TestClient(session).connect();
    await client.closed;
    expect(client.text()).toBe('early\r\n');
    expect(client.channelClosed.Output).toBe('');
  });

  it.each([
    ['true', 0],
    ['sh -c "kill -9 $$"', 137],
  ])('%s, ended without output before its client connected, still ends that client with channel_closed', async (command, exitCode) => {
    emulator = await startEmulator();
    const session = emulator.createSession(command);
    await until(() => emulator.channel.state()[0].exitCode === exitCode, 3000, 'the command to end without a client');
    const client = await new TestClient(session).connect();
    const closed = await client.closed;
    expect(client.text()).toBe('');
    expect(client.channelClosed.Output).toBe('');
    expect(closed.code).toBe(1000);
    expect(emulator.channel.state()[0]).toMatchObject({ status: 'closed', exitCode });
  });

  it('keeps running when the client closes its socket', async () => {
    emulator = await startEmulator();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'exec-drop-'));
    const marker = path.join(dir, 'finished');
    const session = emulator.createSession(`sh -c 'sleep 0.3; touch ${marker}'`);
    const client = await new TestClient(session).connect();
    client.ws.close();
    await until(() => emulator.channel.state()[0].exitCode === 0, 3000, 'the command to finish');
    expect(existsSync(marker)).toBe(true);
    expect(emulator.channel.state()[0].connection).toBe('closed by client');
  });

  it("sees the container's task definition environment, and TERM=xterm-256color", async () => {
    const { client } = await run(`sh -c 'echo "$APP_ENV|$TERM"'`, { environment: [{ name: 'APP_ENV', value: 'demo' }, { name: 'TERM', value: 'dumb' }] });
    expect(client.text()).toBe('demo|xterm-256color\r\n');
  });
});

describe('shutting down', () => {
  it('kills running commands and closes sockets, including ones that never sent the opening frame', async () => {
    emulator = await startEmulator();
    const session = emulator.createSession('sleep 30');
    const client = await new TestClient(session).connect();
    await until(() => emulator.channel.state()[0].status === 'running', 3000, 'command start');
    const { WebSocket } = await import('ws');
    const silent = new WebSocket(emulator.createSession('sleep 30').streamUrl);
    await new Promise((resolve) => silent.once('open', resolve));
    const silentClosed = new Promise((resolve) => silent.once('close', resolve));
    await emulator.close();
    emulator = undefined;
    // Both sockets are closed by close() itself: neither awaits a timeout of its own.
    await client.closed;
    await silentClosed;
  });
});
