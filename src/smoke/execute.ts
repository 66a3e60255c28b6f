/**
 * The ExecuteCommand call: starts the session and hands back its credentials, masked at once.
 * Once it has succeeded the agent runs the command to its end whatever the session does
 * (reference ecs-exec-data-channel.md section 6), so what happens before that point is retried
 * silently and what may have started a command is never retried without saying so.
 */
import * as core from '@actions/core';
import { type ECSClient, ExecuteCommandCommand } from '@aws-sdk/client-ecs';
import { awsErrorName, awsFailure } from '../aws/errors.js';
import { lastSegment } from '../aws/arn.js';
import { type RetryBudget, retryTransient } from '../aws/retry.js';
import type { ExecSession } from '../exec/session.js';
import { taskRolePolicy, TransientExecError } from './preflight.js';
import { describeTasks, goneReason, TaskGoneError } from './tasks.js';

export type { ExecSession };

export interface ExecRequest {
  cluster: string;
  taskArn: string;
  container: string;
  /** The command as the agent will split it (already wrapped for the exit status). */
  command: string;
  region: string;
  kmsKeyId?: string;
}


function hintFor(error: unknown, request: ExecRequest): string | undefined {
  switch (awsErrorName(error)) {
    case 'TargetNotConnectedException':
      return (
        `The ECS Exec agent in the task is not connected to Systems Manager. Right after a task starts this passes by itself; if it persists, ` +
        `check that the task can reach ssmmessages.${request.region}.amazonaws.com (a NAT gateway, or a VPC endpoint for ssmmessages) ` +
        `and that the task role has this policy:\n${taskRolePolicy(request.kmsKeyId)}`
      );
    case 'InvalidParameterException':
      return 'ECS Exec is not enabled on this task or its agent is not running: set enable-execute-command: true and force a new deployment (tasks started before it was set cannot be reached).';
    case 'AccessDeniedException':
      return `Grant 'ecs:ExecuteCommand' on cluster '${request.cluster}' and its tasks to the role this job runs as${request.kmsKeyId ? `, and 'kms:GenerateDataKey' on ${request.kmsKeyId}` : ''}.`;
    case 'ClusterNotFoundException':
      return `Check that 'cluster' names an existing cluster in ${request.region}.`;
    default:
      return undefined;
  }
}

/**
 * An attempt that got no HTTP answer (connection reset, timeout) may have reached ECS and started
 * the command; an answered one (throttling, 5xx, any 4xx) did not start it.
 */
export function unanswered(error: unknown): boolean {
  const sdkError = error as { $response?: unknown; $metadata?: { httpStatusCode?: number } } | undefined;
  return typeof error === 'object' && error !== null && sdkError?.$response === undefined && sdkError?.$metadata?.httpStatusCode === undefined;
}

/** Counts the attempts the SDK's own retries make that get no answer (they happen inside one `send`). */
function watchAttempts(command: ExecuteCommandCommand, onUnanswered: () => void): ExecuteCommandCommand {
  command.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (unanswered(error)) onUnanswered();
        throw error;
      }
    },
    { step: 'deserialize', priority: 'high', name: 'edvUnansweredAttempts' },
  );
  return command;
}

export interface StartedSession {
  session: ExecSession;
  /** An earlier attempt got no answer and may have started the command as well. */
  unansweredAttempts: number;
}

/**
 * ExecuteCommand, retried through throttling and 5xx within the budget. An InvalidParameterException
 * on a task that has meanwhile stopped is a TaskGoneError, so that another task can stand in.
 */
export async function executeCommand(ecs: ECSClient, request: ExecRequest, budget: RetryBudget): Promise<StartedSession> {
  const id = lastSegment(request.taskArn);
  let unansweredAttempts = 0;
  const input = { cluster: request.cluster, task: request.taskArn, container: request.container, command: request.command, interactive: true };
  let answer;
  try {
    const count = (): number => unansweredAttempts++;
    answer = await retryTransient(
      `ExecuteCommand on task ${id}`,
      async () => {
        try {
          return await ecs.send(watchAttempts(new ExecuteCommandCommand(input), count));
        } catch (error) {
          if (unanswered(error)) count();
          throw error;
        }
      },
      budget,
    );
  } catch (error) {
    if (awsErrorName(error) === 'InvalidParameterException') {
      const [task] = await describeTasks(ecs, request.cluster, [request.taskArn], budget);
      const gone = goneReason(task);
      if (gone) throw new TaskGoneError(request.taskArn, gone);
    }
    const failure = awsFailure(`start ECS Exec in container '${request.container}' of task ${id}`, error, hintFor(error, request));
    throw awsErrorName(error) === 'TargetNotConnectedException' ? new TransientExecError(failure.message) : failure;
  }
  const session = answer.session;
  // Before anything else can see the answer: the token is a credential for the session.
  if (session?.tokenValue) core.setSecret(session.tokenValue);
  if (!session?.sessionId || !session.streamUrl || !session.tokenValue) {
    throw new TransientExecError(`ExecuteCommand on task ${id} returned no session to connect to.`, true);
  }
  return {
    session: {
      sessionId: session.sessionId,
      streamUrl: session.streamUrl,
      tokenValue: session.tokenValue,
      clusterArn: answer.clusterArn ?? request.cluster,
      taskArn: answer.taskArn ?? request.taskArn,
      containerName: answer.containerName ?? request.container,
    },
    unansweredAttempts,
  };
}

/** The session's SSM target, as the AWS CLI builds it: `ecs:<cluster name>_<task id>_<container runtime id>`. */
export function execTarget(session: ExecSession, runtimeId: string): string {
  return `ecs:${lastSegment(session.clusterArn)}_${lastSegment(session.taskArn)}_${runtimeId}`;
}
