/**
 * exec-client 'session-manager-plugin': the AWS binary speaks the data channel instead of the
 * native client, started with the arguments the AWS CLI uses (aws-cli
 * customizations/ecs/executecommand.py).
 */
import * as exec from '@actions/exec';
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

export type PluginRunner = (args: string[]) => Promise<PluginRun>;

export async function requirePlugin(): Promise<string> {
  const found = await io.which(PLUGIN, false);
  if (!found) {
    throw new ActionError(
      `exec-client is '${PLUGIN}' but ${PLUGIN} is not on PATH. Install it in an earlier step (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html), or use exec-client: native, which needs no binary.`,
    );
  }
  return found;
}

/** Silent: the arguments carry the session token, and @actions/exec would echo them. */
export const runPluginProcess: PluginRunner = async (args) => {
  const chunks: Buffer[] = [];
  const exitCode = await exec.exec(PLUGIN, args, {
    silent: true,
    ignoreReturnCode: true,
    listeners: { stdout: (data) => chunks.push(data), stderr: (data) => chunks.push(data) },
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
 * Runs the plugin to the end of the session. @actions/exec cannot kill the process, so on
 * timeout the result is reported and the plugin is left to the service's idle timeout.
 */
export async function runPluginSession(options: PluginSessionOptions): Promise<SessionResult> {
  const { session, clock, deadline, signal } = options;
  const stop = new AbortController();
  const timer = clock.sleep(Math.max(0, deadline - clock.now()), AbortSignal.any([stop.signal, ...(signal ? [signal] : [])]));
  const run = options.run(pluginArguments(session, options.region, options.target, options.endpointUrl));
  const finished = await Promise.race([run, timer.then(() => undefined)]);
  stop.abort();
  if (signal?.aborted) throw new ActionError('The smoke check was cancelled.');
  if (finished === undefined) return { kind: 'timed-out', output: '' };
  const output = withoutBanners(finished.output, session.sessionId);
  if (finished.exitCode !== 0) return { kind: 'dropped', output, detail: `${PLUGIN} exited with status ${finished.exitCode}` };
  return { kind: 'closed', output, reason: '' };
}
