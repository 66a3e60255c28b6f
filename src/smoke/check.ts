/**
 * The smoke check: runs smoke-command in the chosen tasks through ECS Exec and judges each
 * run by its real exit status (see exec/marker.ts) and smoke-expect. A command that ran and
 * failed is an outcome; only a check that could not run at all throws.
 */
import * as core from '@actions/core';
import type { ECSClient, Task } from '@aws-sdk/client-ecs';
import { KMSClient } from '@aws-sdk/client-kms';
import WebSocket from 'ws';
import type { Clock } from '../clock.js';
import { MAX_SMOKE_OUTPUT_CHARS, USER_AGENT } from '../constants.js';
import { ActionError } from '../errors.js';
import { lastSegment } from '../aws/arn.js';
import type { SmokeInputs } from '../inputs.js';
import type { SmokeOutcome, SmokeTaskResult } from '../report/types.js';
import { ecsEndpointUrl, type PluginRunner, requirePlugin, runPluginProcess, runPluginSession } from '../exec/plugin.js';
import { runSession, type SessionResult, type WebSocketLike } from '../exec/session.js';
import { keepTail, stripTerminal } from '../exec/terminal.js';
import { describeTaskDefinition } from '../task-definition/register.js';
import { execTarget, executeCommand } from './execute.js';
import { newNonce, parseMarkedOutput, wrapCommand } from './marker.js';
import {
  checkTaskDefinition,
  chooseContainer,
  chooseTasks,
  clusterExecKmsKey,
  TransientExecError,
  waitForExecAgent,
} from './preflight.js';

export interface SmokeParams {
  cluster: string;
  service: string;
  /** The revision whose tasks are checked (ours after a deploy; the service's current one in mode 'smoke'). */
  taskDefinitionArn: string;
  smoke: SmokeInputs;
  region: string;
}

export interface SmokeDeps {
  clock: Clock;
  signal?: AbortSignal;
  openSocket?: (url: string) => WebSocketLike;
  /** A client, or a factory called only when a session asks for KMS encryption. */
  kms?: KMSClient | (() => KMSClient);
  runPlugin?: PluginRunner;
}

/** First pause between attempts; doubles per retry. */
export const RETRY_DELAY_MS = 2000;

const defaultSocket = (url: string): WebSocketLike => new WebSocket(url);

interface Plan {
  ecs: ECSClient;
  params: SmokeParams;
  deps: SmokeDeps;
  container: string;
  kmsKeyId?: string;
  kms: () => KMSClient;
  /** What the agent runs, and the nonce to find its status by (none with smoke-shell 'none'). */
  command: string;
  nonce?: string;
  endpointUrl?: string;
}

export async function runSmokeCheck(ecs: ECSClient, params: SmokeParams, deps: SmokeDeps): Promise<SmokeOutcome> {
  const { smoke } = params;
  if (smoke.shell === 'none') {
    if (!smoke.expect) {
      throw new ActionError(
        "smoke-shell is 'none', so the command's exit status cannot be known, and smoke-expect is empty: no verdict is possible. Set smoke-expect to a regular expression the output must match, or set smoke-shell to the image's shell.",
      );
    }
    core.info(`smoke-shell is 'none': the exit status cannot be known; only smoke-expect ${smoke.expect} judges the output.`);
  }
  const kmsKeyId = await clusterExecKmsKey(ecs, params.cluster);
  if (kmsKeyId) core.info(`Cluster '${params.cluster}' encrypts exec sessions with KMS key ${kmsKeyId}.`);
  const endpointUrl = smoke.client === 'session-manager-plugin' ? (await requirePlugin(), await ecsEndpointUrl(ecs, params.region)) : undefined;
  const { taskDefinition } = await describeTaskDefinition(ecs, params.taskDefinitionArn);
  const container = chooseContainer(taskDefinition, smoke.container);
  checkTaskDefinition(taskDefinition, container, kmsKeyId);
  const tasks = await chooseTasks(ecs, { ...params, wanted: smoke.tasks });
  core.info(`Checking ${tasks.length} task(s) of ${params.taskDefinitionArn}, container '${container.name}'.`);

  const kms = lazyKms(deps.kms, params.region);
  const results: SmokeTaskResult[] = [];
  for (const task of tasks) {
    const nonce = smoke.shell === 'none' ? undefined : newNonce();
    const command = nonce === undefined ? smoke.command : wrapCommand(smoke.command, smoke.shell, nonce);
    const plan: Plan = { ecs, params, deps, container: container.name!, kmsKeyId, kms, command, nonce, endpointUrl };
    results.push(await checkTask(plan, task));
  }
  return { passed: results.every((r) => r.passed), command: smoke.command, tasks: results };
}

function lazyKms(given: SmokeDeps['kms'], region: string): () => KMSClient {
  let client = typeof given === 'function' ? undefined : given;
  return () => (client ??= typeof given === 'function' ? given() : new KMSClient({ region, customUserAgent: USER_AGENT }));
}

/** Attempts on one task: transient failures are retried (smoke-retries), a finished run never is. */
async function checkTask(plan: Plan, task: Task): Promise<SmokeTaskResult> {
  const { smoke } = plan.params;
  const { clock, signal } = plan.deps;
  const id = lastSegment(task.taskArn!);
  for (let attempt = 1; ; attempt++) {
    core.info(`Task ${id}: running the smoke command${attempt > 1 ? ` (attempt ${attempt} of ${smoke.retries + 1})` : ''}.`);
    try {
      const result = await attemptOnce(plan, task.taskArn!);
      log(id, result);
      return { ...result, attempts: attempt };
    } catch (error) {
      if (!(error instanceof TransientExecError) || attempt > smoke.retries || signal?.aborted) {
        if (error instanceof TransientExecError && attempt > 1) {
          throw new ActionError(`${error.message} (after ${attempt} attempts on task ${id})`);
        }
        throw error;
      }
      const delay = RETRY_DELAY_MS * 2 ** (attempt - 1);
      core.warning(`Task ${id}: ${error.message} Retrying in ${delay / 1000}s.`);
      await clock.sleep(delay, signal);
    }
  }
}

type AttemptResult = Omit<SmokeTaskResult, 'attempts'>;

async function attemptOnce(plan: Plan, taskArn: string): Promise<AttemptResult> {
  const { ecs, params, deps, container, kmsKeyId } = plan;
  const { clock, signal } = deps;
  const timeoutMs = params.smoke.timeoutSeconds * 1000;
  const ready = await waitForExecAgent(ecs, { cluster: params.cluster, taskArn, container, kmsKeyId, clock, deadline: clock.now() + timeoutMs, signal });
  const started = clock.now();
  const session = await executeCommand(ecs, { cluster: params.cluster, taskArn, container, command: plan.command, region: params.region, kmsKeyId });
  const deadline = started + timeoutMs;
  const target = execTarget(session, ready.runtimeId ?? '');
  const result: SessionResult = plan.endpointUrl
    ? await runPluginSession({ session, region: params.region, target, endpointUrl: plan.endpointUrl, clock, deadline, signal, run: deps.runPlugin ?? runPluginProcess })
    : await runSession({
        streamUrl: session.streamUrl,
        tokenValue: session.tokenValue,
        sessionId: session.sessionId,
        targetId: target,
        openSocket: deps.openSocket ?? defaultSocket,
        clock,
        deadline,
        signal,
        kms: kmsKeyId ? plan.kms : undefined,
      });
  if (result.kind === 'dropped') throw new TransientExecError(`The exec session on task ${lastSegment(taskArn)} failed: ${result.detail}.`);
  return judge(plan, taskArn, result, clock.now() - started);
}

function judge(plan: Plan, taskArn: string, result: Exclude<SessionResult, { kind: 'dropped' }>, durationMs: number): AttemptResult {
  const { smoke } = plan.params;
  const base = { taskArn, container: plan.container, durationMs };
  const marked = plan.nonce === undefined ? { output: result.output } : parseMarkedOutput(result.output, plan.nonce, smoke.shell);
  const text = stripTerminal(marked.output);
  const output = keepTail(text, MAX_SMOKE_OUTPUT_CHARS);
  if (result.kind === 'timed-out') {
    return { ...base, output, passed: false, reason: `did not finish within smoke-timeout-seconds (${smoke.timeoutSeconds}s)` };
  }
  const closedBy = result.reason ? ` (the service closed the session: ${result.reason})` : '';
  if ('problem' in marked && marked.problem !== undefined) return { ...base, output, passed: false, reason: `${marked.problem}${closedBy}` };
  const exitCode = 'exitCode' in marked ? marked.exitCode : undefined;
  if (exitCode !== undefined && exitCode !== 0) return { ...base, exitCode, output, passed: false, reason: `exit status ${exitCode}` };
  const status = exitCode === undefined ? 'exit status unknown (smoke-shell none)' : 'exit status 0';
  if (smoke.expect && !smoke.expect.test(text)) {
    return { ...base, exitCode, output, passed: false, reason: `${status}, but the output did not match ${smoke.expect}` };
  }
  return { ...base, exitCode, output, passed: true, reason: smoke.expect ? `${status}, output matched ${smoke.expect}` : status };
}

function log(id: string, result: AttemptResult): void {
  const line = `Task ${id}: ${result.passed ? 'passed' : 'FAILED'}, ${result.reason} (${(result.durationMs / 1000).toFixed(1)}s).`;
  if (result.passed) core.info(line);
  else core.warning(line);
  if (result.output) core.info(result.output.replace(/^/gm, '  | '));
}
