/**
 * One attempt of the smoke command in one task: wait for its exec agent, ExecuteCommand, run the
 * session (native client or session-manager-plugin), judge the run by its exit status.
 */
import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { KMSClient } from '@aws-sdk/client-kms';
import WebSocket from 'ws';
import { MAX_SMOKE_OUTPUT_CHARS } from '../constants.js';
import { lastSegment } from '../aws/arn.js';
import type { RetryBudget } from '../aws/retry.js';
import type { SmokeTaskResult } from '../report/types.js';
import { type PluginRunner, runPluginProcess, runPluginSession } from '../exec/plugin.js';
import { runSession, type SessionResult, type WebSocketLike } from '../exec/session.js';
import { keepTail, stripTerminal } from '../exec/terminal.js';
import type { Clock } from '../clock.js';
import type { SmokeInputs } from '../inputs.js';
import { execTarget, executeCommand } from './execute.js';
import { parseMarkedOutput } from './marker.js';
import { TransientExecError, waitForExecAgent } from './preflight.js';
import { describeTasks, goneReason, TaskGoneError } from './tasks.js';

export interface SmokeParams {
  cluster: string;
  service: string;
  /** The revision whose tasks are checked (ours after a deploy; the service's current one in mode 'smoke'). */
  taskDefinitionArn: string;
  /** After a deploy: our deployment's id, which the tasks it started carry as startedBy (see TaskChoice). */
  startedBy?: string;
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

export interface Plan {
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

export type AttemptResult = Omit<SmokeTaskResult, 'attempts'> & {
  /** Why the command may have run twice in this attempt (an unanswered ExecuteCommand sent again). */
  twice?: string;
};

const defaultSocket = (url: string): WebSocketLike => new WebSocket(url);

/** smoke-timeout-seconds from now: the budget of each step of the check, AWS retries included. */
export function stepBudget(plan: Plan): RetryBudget {
  const { clock, signal } = plan.deps;
  return { clock, deadline: clock.now() + plan.params.smoke.timeoutSeconds * 1000, signal };
}

/** A TaskGoneError when the task no longer runs; else nothing. */
async function throwIfGone(plan: Plan, taskArn: string, commandStarted: boolean): Promise<void> {
  const [task] = await describeTasks(plan.ecs, plan.params.cluster, [taskArn], stepBudget(plan));
  const gone = goneReason(task);
  if (gone) throw new TaskGoneError(taskArn, gone, commandStarted);
}

export async function attemptOnce(plan: Plan, taskArn: string): Promise<AttemptResult> {
  const { ecs, params, deps, container, kmsKeyId } = plan;
  const { clock, signal } = deps;
  const id = lastSegment(taskArn);
  const timeoutMs = params.smoke.timeoutSeconds * 1000;
  const budget = stepBudget(plan);
  const ready = await waitForExecAgent(ecs, { cluster: params.cluster, taskArn, container, kmsKeyId, clock, deadline: budget.deadline, signal });
  const started = clock.now();
  const request = { cluster: params.cluster, taskArn, container, command: plan.command, region: params.region, kmsKeyId };
  const { session, unansweredAttempts } = await executeCommand(ecs, request, budget);
  const twice =
    unansweredAttempts > 0 ? 'ExecuteCommand got no answer on an earlier attempt and was sent again; if that attempt reached ECS, it started the command too' : undefined;
  if (twice) core.warning(`Task ${id}: the command may run twice: ${twice}.`);
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
  if (result.kind === 'dropped') {
    await throwIfGone(plan, taskArn, result.commandMayHaveStarted);
    throw new TransientExecError(`The exec session on task ${id} failed: ${result.detail}.`, result.commandMayHaveStarted);
  }
  const judged = judge(plan, taskArn, result, clock.now() - started);
  // A session that ended without the status line may have ended with its task (Spot reclaim).
  if (result.kind === 'closed' && plan.nonce !== undefined && judged.exitCode === undefined) await throwIfGone(plan, taskArn, true);
  return { ...judged, ...(twice && { twice }) };
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
