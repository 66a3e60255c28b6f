/**
 * The pause gates of a run (see pause-gate.ts): with smoke-stage 'auto' and a smoke command, the
 * smoke check runs at our deployment's pauses and at those of any rollback the action makes;
 * without, the action answers none of our deployment's pauses and continues a rollback's unchecked.
 */
import type { RunContext } from '../context.js';
import { smokeSentence, verifyWithSmoke } from '../smoke/verify.js';
import type { WatchGates } from './guarded-watch.js';
import type { PauseCheck } from './pause-gate.js';

/** `desiredCount`: the service's, for the worst case of smoke-tasks 'all'. */
export function smokeGates(context: RunContext, desiredCount: number | undefined): WatchGates {
  const { inputs } = context;
  const atPause = inputs.smoke !== undefined && inputs.smokeStage === 'auto';
  return {
    release: atPause ? { stages: inputs.pauseStages, checks: [smokeCheck(context, desiredCount, true)] } : undefined,
    rollback: { stages: inputs.pauseStages, checks: atPause ? [smokeCheck(context, desiredCount, false)] : [] },
  };
}

/** `ours`: the check of our release, whose outcome the report keeps (a rollback's check is only logged). */
function smokeCheck(context: RunContext, desiredCount: number | undefined, ours: boolean): PauseCheck {
  const smoke = context.inputs.smoke!;
  const tasks = smoke.tasks === 'all' ? Math.max(desiredCount ?? 1, 1) : smoke.tasks;
  return {
    name: 'the smoke check',
    worstCase: {
      ms: tasks * (smoke.retries + 1) * smoke.timeoutSeconds * 1000,
      words: `${tasks} task(s) × (smoke-retries ${smoke.retries} + 1) attempts × smoke-timeout-seconds ${smoke.timeoutSeconds}`,
    },
    run: async (green) => {
      const outcome = await verifyWithSmoke(context, green.taskDefinitionArn, green.deploymentId);
      if (ours) context.report.smoke = outcome;
      const tasksChecked = outcome.tasks.filter((task) => !task.unreachable).map((task) => task.taskArn);
      return { passed: outcome.passed, sentence: smokeSentence(outcome), tasksChecked };
    },
  };
}
