/**
 * The smoke check as a phase: runs it in a log group and turns a check that cannot run at all
 * into a failed outcome with the reason, since it proves nothing about the revision.
 */
import * as core from '@actions/core';
import { errorMessage } from '../errors.js';
import type { RunContext } from '../context.js';
import type { SmokeOutcome } from '../report/types.js';

export async function verifyWithSmoke(context: RunContext, taskDefinitionArn: string): Promise<SmokeOutcome> {
  const { inputs, clients, clock, signal } = context;
  const command = inputs.smoke!.command;
  // Loaded on demand: the exec client (and KMS) cost start-up time for steps without a smoke check.
  const { runSmokeCheck } = await import('./check.js');
  return core.group(`Smoke check: ${command}`, async () => {
    try {
      return await runSmokeCheck(
        clients.ecs,
        { cluster: inputs.cluster, service: inputs.service!, taskDefinitionArn, smoke: inputs.smoke!, region: clients.region },
        { clock, signal },
      );
    } catch (error) {
      core.error(`The smoke check could not run: ${errorMessage(error)}`);
      return { passed: false, command, tasks: [], error: errorMessage(error) };
    }
  });
}

export function smokeSentence(smoke: SmokeOutcome): string {
  if (smoke.error) return `the smoke check could not run (${smoke.error.replace(/\.$/, '')})`;
  const failed = smoke.tasks.filter((task) => !task.passed);
  if (failed.length === 0) return `the smoke check passed on ${smoke.tasks.length} task(s)`;
  return `the smoke check failed on ${failed.length} of ${smoke.tasks.length} task(s) (${failed[0].reason})`;
}
