/** exec-client 'session-manager-plugin': the plugin never outlives smoke-timeout-seconds. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type PluginRunner, runPluginProcess, runPluginSession } from '../../src/exec/plugin.js';
import { IdleClock } from './helpers.js';

const SESSION = {
  sessionId: 'ecs-execute-command-0a1b2c3d4e5f67890',
  streamUrl: 'wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/ecs-execute-command-0a1b2c3d4e5f67890',
  tokenValue: 'AAEAAHs3cr3t',
  clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/demo',
  taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/demo/0123',
  containerName: 'web',
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runPluginSession', () => {
  it('stops the plugin at the deadline and reports the output so far as timed out', async () => {
    const clock = new IdleClock();
    let stopped = false;
    const run: PluginRunner = (_args, stop) =>
      new Promise((resolve) => {
        stop.addEventListener('abort', () => {
          stopped = true;
          resolve({ exitCode: 143, output: `Starting session with SessionId: ${SESSION.sessionId}\nworking...\n` });
        });
      });
    const result = await runPluginSession({ session: SESSION, region: 'eu-west-1', target: 't', endpointUrl: 'https://ecs', clock, deadline: clock.now() + 5000, run });
    expect(stopped).toBe(true);
    expect(result).toEqual({ kind: 'timed-out', output: 'working...\n' });
  });

  it('reports a plugin that exits non-zero as a dropped session in which the command may have started', async () => {
    const clock = new IdleClock();
    const run: PluginRunner = async () => ({ exitCode: 255, output: 'connection lost' });
    const result = await runPluginSession({ session: SESSION, region: 'eu-west-1', target: 't', endpointUrl: 'https://ecs', clock, deadline: clock.now() + 5000, run });
    expect(result).toEqual({ kind: 'dropped', output: 'connection lost', detail: 'session-manager-plugin exited with status 255', commandMayHaveStarted: true });
  });
});

describe('runPluginProcess', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-plugin-'));
  const pidFile = path.join(dir, 'pid');
  const savedPath = process.env.PATH;
  let pid = 0;

  beforeAll(() => {
    // A plugin that never exits and ignores SIGTERM: only SIGKILL ends it. The pid file comes last,
    // so once the test sees it the handler is in place and 'started' written, however slow the machine.
    const script = `#!${process.execPath}\nprocess.on('SIGTERM', () => process.stdout.write('ignoring SIGTERM\\n'));\nprocess.stdout.write('started\\n');\nrequire('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);\n`;
    writeFileSync(path.join(dir, 'session-manager-plugin'), script);
    chmodSync(path.join(dir, 'session-manager-plugin'), 0o755);
    process.env.PATH = `${dir}${path.delimiter}${savedPath}`;
  });
  afterAll(() => {
    process.env.PATH = savedPath;
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends a plugin that never exits once stopped, even one that ignores SIGTERM', async () => {
    const stop = new AbortController();
    const run = runPluginProcess(['{}', 'eu-west-1', 'StartSession'], stop.signal);
    await waitFor(() => readable(pidFile));
    pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    stop.abort();
    const result = await run;
    expect(alive(pid)).toBe(false);
    expect(result.output).toContain('started');
    expect(result.output).toContain('ignoring SIGTERM');
  }, 20_000);
});

function readable(file: string): boolean {
  try {
    return readFileSync(file, 'utf8') !== '';
  } catch {
    return false;
  }
}

async function waitFor(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 20));
}
