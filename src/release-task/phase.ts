/**
 * The release task as a phase of a run: before the update in mode 'deploy' (run-task: true), or
 * alone in mode 'run-task'. A failure fills the report (result run-task-failed, the cause, the
 * fix and the last log lines) and tells the caller not to touch the service.
 */
import * as core from '@actions/core';
import type { Service } from '@aws-sdk/client-ecs';
import { lastSegment, shortRevision } from '../aws/arn.js';
import { logOptions, mark, type RunContext } from '../context.js';
import { errorMessage } from '../errors.js';
import { describeTaskDefinition } from '../task-definition/register.js';
import { inert } from '../untrusted.js';
import { cancelledReason, cancelledSentence, ReleaseCancelled } from './cancel.js';
import { runReleaseTask } from './run-task.js';

/** Runs the task of `taskDefinitionArn` where `service` runs; true when it passed. */
export async function releaseTask(context: RunContext, taskDefinitionArn: string, service: Service | undefined, after: string): Promise<boolean> {
  const { inputs, clients, clock, signal, report } = context;
  const runTask = inputs.runTask!;
  const revision = shortRevision(taskDefinitionArn);
  const result = await core.group(`Release task: ${revision}${runTask.command ? ` ${runTask.command.join(' ')}` : ''}`, async () => {
    try {
      const { taskDefinition } = await describeTaskDefinition(clients.ecs, taskDefinitionArn);
      return await runReleaseTask(
        clients.ecs,
        { cluster: inputs.cluster, taskDefinition, service, runTask },
        { clock, signal, pollIntervalMs: inputs.pollIntervalSeconds * 1000, logs: logOptions(context) },
      );
    } catch (error) {
      if (error instanceof ReleaseCancelled) return error;
      return { outcome: { container: runTask.container ?? '', passed: false, reason: errorMessage(error).replace(/\.$/, ''), lastLines: [] }, explanation: [] };
    }
  });
  if (result instanceof ReleaseCancelled) {
    const taskArn = result.point.stage === 'running' ? result.point.taskArn : undefined;
    report.runTask = { taskArn, container: runTask.container ?? '', passed: false, reason: cancelledReason(result.point), lastLines: [] };
    report.result = 'failed';
    report.sentence = cancelledSentence(result.point, revision, inputs.cluster, after);
    mark(context, 'Release task cancelled');
    core.warning(report.sentence);
    return false;
  }
  const { outcome } = result;
  report.runTask = outcome;
  const task = outcome.taskArn ? `The release task ${lastSegment(outcome.taskArn)} of ${revision}` : `The release task of ${revision}`;
  mark(context, `Release task ${outcome.passed ? 'passed' : 'failed'}`);
  if (outcome.passed) {
    core.info(inert(`${task}: ${outcome.reason}.`));
    return true;
  }
  report.result = 'run-task-failed';
  report.sentence = `${task} failed: ${outcome.reason}; ${after}.`;
  report.explanation.push(...result.explanation);
  if (result.explanation.length > 0) core.error(result.explanation.join('\n'));
  return false;
}
