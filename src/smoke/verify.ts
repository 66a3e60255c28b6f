/**
 * The smoke check as a phase: runs it in a log group and turns a check that cannot run at all
 * into a failed outcome with the reason, since it proves nothing about the revision.
 */
import * as core from '@actions/core';
import { errorMessage } from '../errors.js';
import type { RunContext } from '../context.js';
import type { SmokeOutcome } from '../report/types.js';
import { lastSegment } from '../aws/arn.js';
import { plural } from '../watch/wording.js';

/** `startedBy`: our deployment's id, so only the tasks it started are checked (see smoke/tasks.ts). */
export async function verifyWithSmoke(context: RunContext, taskDefinitionArn: string, startedBy?: string): Promise<SmokeOutcome> {
  const { inputs, clients, clock, signal } = context;
  const command = inputs.smoke!.command;
  // Loaded on demand: the exec client (and KMS) cost start-up time for steps without a smoke check.
  const { runSmokeCheck } = await import('./check.js');
  return core.group(`Smoke check: ${command}`, async () => {
    try {
      return await runSmokeCheck(
        clients.ecs,
        { cluster: inputs.cluster, service: inputs.service!, taskDefinitionArn, startedBy, smoke: inputs.smoke!, region: clients.region },
        { clock, signal },
      );
    } catch (error) {
      if (signal.aborted) {
        // A cancel (or the release stopping this service) is no verdict on the revision.
        core.info(`The smoke check was stopped before its verdict: ${errorMessage(error)}`);
        return { passed: false, command, tasks: [], error: errorMessage(error), cancelled: true };
      }
      core.error(`The smoke check could not run: ${errorMessage(error)}`);
      return { passed: false, command, tasks: [], error: errorMessage(error) };
    }
  });
}

/** The smoke check in one clause: what was checked, what could not be, and any run that may have been repeated. */
export function smokeSentence(smoke: SmokeOutcome): string {
  if (smoke.error) return `the smoke check could not run (${smoke.error.replace(/\.$/, '')})`;
  const tasks = smoke.tasks;
  const checked = tasks.filter((task) => !task.unreachable);
  const unreachable = tasks.filter((task) => task.unreachable);
  const failed = checked.filter((task) => !task.passed);
  const notChecked = unreachable.length > 0 ? `${unreachable.length} of ${plural(tasks.length, 'task')} could not be checked (${unreachable[0].reason.replace(/^could not be checked: /, '').replace(/\.$/, '')})` : '';
  const twice = tasks.filter((task) => task.mayHaveRunTwice).map((task) => lastSegment(task.taskArn));
  const repeated = twice.length > 0 ? `; the command may have run twice (see task ${twice.join(', ')})` : '';
  if (failed.length > 0) {
    return `the smoke check failed on ${failed.length} of ${plural(checked.length, 'task')} checked (${failed[0].reason})${notChecked ? `, and ${notChecked}` : ''}${repeated}`;
  }
  if (notChecked) return `the smoke check is incomplete: it passed on the ${plural(checked.length, 'task')} checked, but ${notChecked}${repeated}`;
  return `the smoke check passed on ${plural(checked.length, 'task')}${repeated}`;
}
