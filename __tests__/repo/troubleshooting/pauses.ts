/**
 * Examples of the smoke check at a PAUSE hook of our blue/green deployment (the pause gate): the
 * check failing, the hook expiring during it, an answer ECS refuses, and the warning before
 * deploying when the check can outlast the hook's timeout.
 */
import { smokeSentence } from '../../../src/smoke/verify.js';
import { smokeGates } from '../../../src/rollback/smoke-gates.js';
import { worstCaseOf, type PauseCheck, type PauseGate } from '../../../src/rollback/pause-gate.js';
import { GREEN_PAUSE_STAGES, warnIfPauseMayExpire } from '../../../src/watch/stages.js';
import * as core from '../../../__fixtures__/core.js';
import { paused, rollingBack, smokeOf, watchScenario, type Shown } from './watching.js';
import { denied, logged, type Producers } from './support.js';

/** The smoke check at the pause, run in the green tasks; `during` is what happens while it runs. */
function smokeAtPause(exitCode: number, during: () => void = () => undefined): PauseGate {
  const check: PauseCheck = {
    name: 'the smoke check',
    worstCase: { ms: 180_000, words: '1 task(s) × (smoke-retries 2 + 1) attempts × smoke-timeout-seconds 60' },
    run: async () => {
      during();
      const outcome = smokeOf(exitCode, exitCode === 0 ? '' : 'curl: (7) Failed to connect to localhost port 8080');
      return { passed: outcome.passed, sentence: smokeSentence(outcome), tasksChecked: outcome.tasks.map((task) => task.taskArn) };
    },
  };
  return { stages: new Set(GREEN_PAUSE_STAGES), checks: [check] };
}

/** Our deployment rolling back (`step` 0) or rolled back (1), its PAUSE hook in `hookStatus`. */
function rolledBackFromPause(step: 0 | 1, hookStatus: string): Shown {
  const shown = rollingBack(step);
  const { deploymentConfiguration, lifecycleHookDetails } = paused(hookStatus).serviceDeployment;
  Object.assign(shown.serviceDeployment, { deploymentConfiguration, lifecycleHookDetails });
  return shown;
}

/** Paused until `after` happened (at the poll it happened), then rolling back and rolled back with the hook in `hookStatus`. */
function pausedUntil(hookStatus: string) {
  let atPoll: number | undefined;
  let polls = () => 0;
  return {
    happened: () => (atPoll = polls()),
    answered: () => (atPoll = polls()),
    shows: (clock: { sleeps: number[] }): Shown => {
      polls = () => clock.sleeps.length;
      return atPoll === undefined ? paused() : rolledBackFromPause(clock.sleeps.length > atPoll ? 1 : 0, hookStatus);
    },
  };
}

export const producers: Producers = {
  'pause-smoke-failed': async () => {
    const ecs = pausedUntil('FAILED');
    return (await watchScenario({ shows: ecs.shows, answered: ecs.answered, gates: { release: smokeAtPause(7) } })).sentence;
  },
  'pause-expired': async () => {
    const ecs = pausedUntil('TIMED_OUT');
    return (await watchScenario({ shows: ecs.shows, gates: { release: smokeAtPause(0, ecs.happened) } })).sentence;
  },
  'pause-not-continued': async () => {
    const continueRefused = denied('ecs:ContinueServiceDeployment', 'arn:aws:ecs:eu-west-1:123456789012:service-deployment/demo/web/Zq9Yw8Xv7Uu6Tt5Ss4Rr3');
    return (await watchScenario({ shows: () => paused(), continueRefused, gates: { release: smokeAtPause(0) } })).sentence;
  },
  'pause-may-expire': () => {
    const inputs = { smoke: { command: 'bin/smoke', tasks: 'all', retries: 2, timeoutSeconds: 600 }, smokeStage: 'auto', pauseStages: new Set(GREEN_PAUSE_STAGES) };
    const gate = smokeGates({ inputs } as never, 3).release!;
    warnIfPauseMayExpire(paused().service.deploymentConfiguration, gate.stages, worstCaseOf(gate));
    return logged(core.warning, 'The checks at a pause');
  },
};
