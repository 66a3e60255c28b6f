/**
 * The smoke check: runs smoke-command in the chosen tasks through ECS Exec and judges each run by
 * its real exit status (see marker.ts) and smoke-expect.
 *
 * The verdict, task by task:
 * - Transient AWS faults (throttling, 5xx, resets, timeouts) are retried within smoke-timeout-seconds
 *   per step and decide nothing.
 * - A task that stops before or during its check (Spot reclaim, scale-in) is replaced by another
 *   RUNNING task of the revision; only when none is left is that task "could not be checked".
 * - A task that cannot be reached (agent never ready, session failing after smoke-retries) is "could
 *   not be checked"; the tasks already checked keep their results.
 * - The check passes only if every task it set out to check was checked and passed. It fails if
 *   any checked task failed. If no task could be checked it "could not run". If some passed and
 *   the others could not be checked it does not pass, and says exactly which were checked.
 * - Retries before ExecuteCommand succeeded are silent. Once it has, the agent runs the command to
 *   its end whatever the session does, so any later retry warns, in the log and in the task's
 *   result, that the command may have run twice (the README asks for a command safe to repeat).
 */
import * as core from '@actions/core';
import type { ECSClient, Task } from '@aws-sdk/client-ecs';
import { KMSClient } from '@aws-sdk/client-kms';
import { USER_AGENT } from '../constants.js';
import { ActionError } from '../errors.js';
import { lastSegment } from '../aws/arn.js';
import type { SmokeOutcome, SmokeTaskResult } from '../report/types.js';
import { ecsEndpointUrl, requirePlugin } from '../exec/plugin.js';
import { describeTaskDefinition } from '../task-definition/register.js';
import { attemptOnce, type AttemptResult, type Plan, type SmokeDeps, type SmokeParams, stepBudget } from './attempt.js';
import { newNonce, wrapCommand } from './marker.js';
import { checkTaskDefinition, chooseContainer, clusterExecKmsKey, TransientExecError } from './preflight.js';
import { jittered, retryingClient } from '../aws/retry.js';
import { inert } from '../untrusted.js';
import { TaskGoneError, TaskPool } from './tasks.js';
import { plural } from '../watch/wording.js';

export type { SmokeDeps, SmokeParams };

/** A task's result, and what the sentence must say beyond passed or failed. */
/** First pause between attempts; doubles per retry. */
export const RETRY_DELAY_MS = 2000;

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
  const budget = { clock: deps.clock, deadline: deps.clock.now() + smoke.timeoutSeconds * 1000, signal: deps.signal };
  const kmsKeyId = await clusterExecKmsKey(ecs, params.cluster, budget);
  if (kmsKeyId) core.info(`Cluster '${params.cluster}' encrypts exec sessions with KMS key ${kmsKeyId}.`);
  const endpointUrl = smoke.client === 'session-manager-plugin' ? (await requirePlugin(), await ecsEndpointUrl(ecs, params.region)) : undefined;
  const { taskDefinition } = await describeTaskDefinition(retryingClient(ecs, 'DescribeTaskDefinition', budget), params.taskDefinitionArn);
  const container = chooseContainer(taskDefinition, smoke.container);
  checkTaskDefinition(taskDefinition, container, kmsKeyId);
  const pool = await TaskPool.open(ecs, { ...params, wanted: smoke.tasks }, budget);
  const whose = params.startedBy === undefined ? '' : ` started by our deployment ${params.startedBy}`;
  core.info(`Checking ${plural(pool.count, 'task')} of ${params.taskDefinitionArn}${whose}, container '${container.name}'.`);

  const kms = lazyKms(deps.kms, params.region);
  const records: SmokeTaskResult[] = [];
  for (let slot = 0; slot < pool.count; slot++) {
    const nonce = smoke.shell === 'none' ? undefined : newNonce();
    const command = nonce === undefined ? smoke.command : wrapCommand(smoke.command, smoke.shell, nonce);
    const plan: Plan = { ecs, params, deps, container: container.name!, kmsKeyId, kms, command, nonce, endpointUrl };
    records.push(await checkSlot(plan, pool));
  }
  return outcome(smoke.command, records);
}

function outcome(command: string, records: SmokeTaskResult[]): SmokeOutcome {
  const checked = records.filter((r) => !r.unreachable);
  if (checked.length === 0) {
    const reasons = [...new Set(records.map((r) => r.reason.replace(/^could not be checked: /, '')))];
    return { passed: false, command, tasks: [], error: reasons.join('; ') };
  }
  return { passed: records.every((r) => r.passed), command, tasks: records };
}

function lazyKms(given: SmokeDeps['kms'], region: string): () => KMSClient {
  let client = typeof given === 'function' ? undefined : given;
  return () => (client ??= typeof given === 'function' ? given() : new KMSClient({ region, customUserAgent: USER_AGENT }));
}

/** One of the tasks to check: another RUNNING task of the revision stands in for one that stops. */
async function checkSlot(plan: Plan, pool: TaskPool): Promise<SmokeTaskResult> {
  const twice: string[] = [];
  let gone: TaskGoneError | undefined;
  for (;;) {
    let task: Task | undefined;
    try {
      task = await pool.take(stepBudget(plan));
    } catch (error) {
      if (plan.deps.signal?.aborted || !(error instanceof ActionError)) throw error;
      return unreachable(plan, gone?.taskArn ?? '', `${gone ? `${gone.message} ` : ''}Looking for another task failed: ${error.message}`, 1, twice);
    }
    if (!task) {
      const left = `no other RUNNING task of ${plan.params.taskDefinitionArn} is left to check`;
      return unreachable(plan, gone?.taskArn ?? '', gone ? `${gone.message} And ${left}.` : `${left}.`, 1, twice);
    }
    try {
      return await checkTask(plan, task, twice);
    } catch (error) {
      if (!(error instanceof TaskGoneError)) throw error;
      gone = error;
      if (error.commandStarted) {
        twice.push(`it had started in task ${lastSegment(error.taskArn)}, which then stopped`);
        core.warning(`${error.message} ExecuteCommand had started the command there, so it may have run in part or to its end: running it in another task may run it twice.`);
      } else {
        core.info(inert(`${error.message} Checking another RUNNING task of the revision instead.`));
      }
    }
  }
}

/** Attempts on one task: transient failures are retried (smoke-retries), a finished run never is. */
async function checkTask(plan: Plan, task: Task, twice: string[]): Promise<SmokeTaskResult> {
  const { smoke } = plan.params;
  const { clock, signal } = plan.deps;
  const id = lastSegment(task.taskArn!);
  for (let attempt = 1; ; attempt++) {
    core.info(`Task ${id}: running the smoke command${attempt > 1 ? ` (attempt ${attempt} of ${smoke.retries + 1})` : ''}.`);
    try {
      const result = await attemptOnce(plan, task.taskArn!);
      if (result.twice) twice.push(result.twice);
      return finished(result, attempt, twice);
    } catch (error) {
      if (error instanceof TaskGoneError || signal?.aborted || !(error instanceof ActionError)) throw error;
      if (!(error instanceof TransientExecError) || attempt > smoke.retries) {
        const detail = error instanceof TransientExecError && attempt > 1 ? `${error.message} (after ${attempt} attempts on task ${id})` : error.message;
        return unreachable(plan, task.taskArn!, detail, attempt, twice);
      }
      const delay = jittered(RETRY_DELAY_MS * 2 ** (attempt - 1), clock);
      if (error.commandStarted) {
        twice.push(`a session dropped after ExecuteCommand had started the command (${error.message.replace(/\.$/, '')})`);
        core.warning(
          `Task ${id}: ${error.message} ExecuteCommand had already started the command, and the agent runs it to its end whatever the session does: retrying in ${(delay / 1000).toFixed(1)} s runs it again, so it may run twice.`,
        );
      } else {
        core.info(inert(`Task ${id}: ${error.message} The command has not started; retrying in ${(delay / 1000).toFixed(1)} s.`));
      }
      await clock.sleep(delay, signal);
    }
  }
}

function finished(result: AttemptResult, attempts: number, twice: string[]): SmokeTaskResult {
  const { twice: _ignored, ...rest } = result;
  const record: SmokeTaskResult = { ...rest, attempts };
  if (twice.length > 0) {
    record.mayHaveRunTwice = twice.join('; ');
    record.reason = `${record.reason} ⚠ the command may have run twice: ${record.mayHaveRunTwice}`;
  }
  log(record);
  return record;
}

function unreachable(plan: Plan, taskArn: string, detail: string, attempts: number, twice: string[]): SmokeTaskResult {
  const record: SmokeTaskResult = { taskArn, container: plan.container, passed: false, reason: `could not be checked: ${detail}`, durationMs: 0, output: '', attempts, unreachable: true };
  if (twice.length > 0) record.mayHaveRunTwice = twice.join('; ');
  core.warning(`Task ${lastSegment(taskArn) || '(none)'}: ${record.reason}`);
  return record;
}

function log(result: SmokeTaskResult): void {
  const id = lastSegment(result.taskArn);
  const line = `Task ${id}: ${result.passed ? 'passed' : 'FAILED'}, ${result.reason} (${(result.durationMs / 1000).toFixed(1)}s).`;
  if (result.passed && !result.mayHaveRunTwice) core.info(inert(line));
  else core.warning(line);
  if (result.output) core.info(inert(result.output.replace(/^/gm, '  | ')));
}
