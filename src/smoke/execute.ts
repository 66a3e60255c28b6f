/**
 * The ExecuteCommand call: starts the session and hands back its credentials, masked at once.
 */
import * as core from '@actions/core';
import { type ECSClient, ExecuteCommandCommand } from '@aws-sdk/client-ecs';
import { awsErrorName, awsFailure } from '../aws/errors.js';
import { lastSegment } from '../aws/arn.js';
import type { ExecSession } from '../exec/session.js';
import { taskRolePolicy, TransientExecError } from './preflight.js';

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

export async function executeCommand(ecs: ECSClient, request: ExecRequest): Promise<ExecSession> {
  let answer;
  try {
    answer = await ecs.send(
      new ExecuteCommandCommand({
        cluster: request.cluster,
        task: request.taskArn,
        container: request.container,
        command: request.command,
        interactive: true,
      }),
    );
  } catch (error) {
    const failure = awsFailure(`start ECS Exec in container '${request.container}' of task ${lastSegment(request.taskArn)}`, error, hintFor(error, request));
    throw awsErrorName(error) === 'TargetNotConnectedException' ? new TransientExecError(failure.message) : failure;
  }
  const session = answer.session;
  // Before anything else can see the answer: the token is a credential for the session.
  if (session?.tokenValue) core.setSecret(session.tokenValue);
  if (!session?.sessionId || !session.streamUrl || !session.tokenValue) {
    throw new TransientExecError(`ExecuteCommand on task ${lastSegment(request.taskArn)} returned no session to connect to.`);
  }
  return {
    sessionId: session.sessionId,
    streamUrl: session.streamUrl,
    tokenValue: session.tokenValue,
    clusterArn: answer.clusterArn ?? request.cluster,
    taskArn: answer.taskArn ?? request.taskArn,
    containerName: answer.containerName ?? request.container,
  };
}

/** The session's SSM target, as the AWS CLI builds it: `ecs:<cluster name>_<task id>_<container runtime id>`. */
export function execTarget(session: ExecSession, runtimeId: string): string {
  return `ecs:${lastSegment(session.clusterArn)}_${lastSegment(session.taskArn)}_${runtimeId}`;
}
