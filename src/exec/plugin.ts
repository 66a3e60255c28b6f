/**
 * exec-client 'session-manager-plugin': the AWS binary speaks the data channel instead of the
 * native client, started with the arguments the AWS CLI uses (aws-cli
 * customizations/ecs/executecommand.py).
 */
import { spawn } from 'node:child_process';
import * as io from '@actions/io';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { Clock } from '../clock.js';
import { ActionError } from '../errors.js';
import type { ExecSession, SessionResult } from './session.js';

export const PLUGIN = 'session-manager-plugin';

export interface PluginRun {
  exitCode: number;
  /** stdout and stderr, in arrival order. */
  output: string;
}

/** Runs the plugin to its exit; once `stop` aborts, the plugin must be ended and the run resolve. */
export type PluginRunner = (args: string[], stop: AbortSignal) => Promise<PluginRun>;

/** How long the plugin gets to end after SIGTERM before it is killed. */
export const PLUGIN_KILL_GRACE_MS = 2000;

export async function requirePlugin(): Promise<string> {
  const found = await io.which(PLUGIN, false);
  if (!found) {
    throw new ActionError(
      `exec-client is '${PLUGIN}' but ${PLUGIN} is not on PATH. Install it in an earlier step (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html), or use exec-client: native, which needs no binary.`,
    );
  }
  return found;
}

/**
 * Spawned directly, not through @actions/exec: that one echoes the arguments (they carry the
 * session token) and cannot end the process, which would then outlive smoke-timeout-seconds and
 * keep the step from ending. On `stop`: SIGTERM, then SIGKILL after PLUGIN_KILL_GRACE_MS.
 */
export const runPluginProcess: PluginRunner = async (args, stop) => {
  const chunks: Buffer[] = [];
  const child = spawn(await requirePlugin(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (data: Buffer) => chunks.push(data));
  child.stderr.on('data', (data: Buffer) => chunks.push(data));
  let killer: NodeJS.Timeout | undefined;
  const end = (): void => {
    child.kill('SIGTERM');
    killer = setTimeout(() => child.kill('SIGKILL'), PLUGIN_KILL_GRACE_MS);
  };
  if (stop.aborted) end();
  else stop.addEventListener('abort', end, { once: true });
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? -1));
  }).finally(() => {
    clearTimeout(killer);
    stop.removeEventListener('abort', end);
  });
  return { exitCode, output: Buffer.concat(chunks).toString('utf8') };
};

/** The ECS endpoint the SDK uses, which the plugin passes on to its own calls. */
export async function ecsEndpointUrl(ecs: ECSClient, region: string): Promise<string> {
  const custom = ecs.config.endpoint ? await ecs.config.endpoint() : undefined;
  if (custom) return `${custom.protocol}//${custom.hostname}${custom.port ? `:${custom.port}` : ''}${custom.path}`;
  const resolved = ecs.config.endpointProvider({
    Region: region,
    UseFIPS: await ecs.config.useFipsEndpoint(),
    UseDualStack: await ecs.config.useDualstackEndpoint(),
  });
  return resolved.url.toString().replace(/\/$/, '');
}

export function pluginArguments(session: ExecSession, region: string, target: string, endpointUrl: string): string[] {
  const { sessionId, streamUrl, tokenValue } = session;
  return [JSON.stringify({ sessionId, streamUrl, tokenValue }), region, 'StartSession', '', JSON.stringify({ Target: target }), endpointUrl];
}

/** The plugin prints these around the command's output; they name the session, so no output can match by accident. */
function withoutBanners(output: string, sessionId: string): string {
  const banner = new RegExp(`^(Starting session with SessionId: ${sessionId}|Exiting session with sessionId: ${sessionId}\\.|SessionId: ${sessionId} : .*)\\r?$`);
  return output
    .split('\n')
    .filter((line) => !banner.test(line))
    .join('\n')
    .replace(/\s+$/, '\n');
}

export interface PluginSessionOptions {
  session: ExecSession;
  region: string;
  target: string;
  endpointUrl: string;
  clock: Clock;
  deadline: number;
  signal?: AbortSignal;
  run: PluginRunner;
}

/**
 * Runs the plugin to the end of the session; at the deadline (or on cancellation) the plugin is
 * ended and waited for, so no process outlives the check.
 */
export async function runPluginSession(options: PluginSessionOptions): Promise<SessionResult> {
  const { session, clock, deadline, signal } = options;
  const stop = new AbortController();
  const timerStop = new AbortController();
  const timer = clock.sleep(Math.max(0, deadline - clock.now()), AbortSignal.any([timerStop.signal, ...(signal ? [signal] : [])]));
  const run = options.run(pluginArguments(session, options.region, options.target, options.endpointUrl), stop.signal);
  let ended = false;
  void timer.then(() => {
    if (!ended) stop.abort();
  });
  const finished = await run.finally(() => {
    ended = true;
    timerStop.abort();
  });
  if (signal?.aborted) throw new ActionError('The smoke check was cancelled.');
  const output = withoutBanners(finished.output, session.sessionId);
  if (stop.signal.aborted) return { kind: 'timed-out', output };
  // ExecuteCommand succeeded before the plugin started, so the agent may be running the command.
  if (finished.exitCode !== 0) return { kind: 'dropped', output, detail: `${PLUGIN} exited with status ${finished.exitCode}`, commandMayHaveStarted: true };
  return { kind: 'closed', output, reason: '' };
}
