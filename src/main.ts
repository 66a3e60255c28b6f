/** One run of the step: inputs, then the mode, then outputs, the job summary and the step's status. */
import * as core from '@actions/core';
import { createClients } from './aws/clients.js';
import { systemClock, type Clock } from './clock.js';
import type { RunContext } from './context.js';
import { errorMessage } from './errors.js';
import { getInputs, type Inputs } from './inputs.js';
import { withServices } from './release/services-input.js';
import { PASSING_RESULTS, type RunReport } from './report/types.js';
import { loadTaskDefinition } from './task-definition/load.js';
import { inert } from './untrusted.js';

/** How long a cancelled run may take to report before it exits anyway. */
const CANCEL_GRACE_MS = 5000;

/**
 * Each mode is loaded once the inputs and files are checked, as are the outputs and the summary
 * once it ends: a run compiles only the code its mode needs, and nothing before its first request
 * waits for the rest (bench/startup.js measures it).
 */
const MODES = {
  deploy: async () => (await import('./modes/deploy.js')).deployMode,
  rollback: async () => (await import('./modes/rollback.js')).rollbackMode,
  smoke: async () => (await import('./modes/smoke.js')).smokeMode,
  'run-task': async () => (await import('./modes/run-task.js')).runTaskMode,
} as const;

function newReport(inputs: Inputs, region: string): RunReport {
  return {
    mode: inputs.mode,
    region,
    cluster: inputs.cluster,
    service: inputs.service,
    result: 'failed',
    sentence: '',
    timeline: [],
    events: [],
    explanation: [],
  };
}

/** SIGINT/SIGTERM (a cancelled workflow) abort the watch; the run then reports and exits promptly. */
function listenForCancel(controller: AbortController): () => void {
  const cancel = (signal: NodeJS.Signals): void => {
    core.warning(`Received ${signal}: the workflow was cancelled. Reporting the deployment's state and exiting.`);
    controller.abort();
    setTimeout(() => process.exit(1), CANCEL_GRACE_MS).unref();
  };
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  return () => {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  };
}

async function summarize(report: RunReport): Promise<void> {
  try {
    const { writeSummary } = await import('./report/summary.js');
    await writeSummary(report);
  } catch (error) {
    // No GITHUB_STEP_SUMMARY outside the runner: the log already has everything.
    core.debug(`Job summary not written: ${errorMessage(error)}`);
  }
}

export async function run(clock: Clock = systemClock): Promise<void> {
  let inputs: Inputs;
  try {
    inputs = await withServices(getInputs(core.getInput));
  } catch (error) {
    core.setOutput('result', 'failed');
    core.setFailed(errorMessage(error));
    return;
  }
  const controller = new AbortController();
  const stopListening = listenForCancel(controller);
  const report = newReport(inputs, process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || '');
  try {
    // A broken file is reported before anything else, credentials and region included.
    const prepared =
      (inputs.mode === 'deploy' || inputs.mode === 'run-task') && inputs.taskDefinitionPath
        ? await core.group('Task definition', () => loadTaskDefinition(inputs))
        : undefined;
    const files = inputs.release.listed
      ? await core.group('Task definitions', async () => (await import('./release/files.js')).loadReleaseFiles(inputs))
      : undefined;
    const clients = createClients(inputs.maxAttempts);
    report.region = clients.region;
    const context: RunContext = { inputs, prepared, files, clients, clock, signal: controller.signal, report };
    const mode = await MODES[inputs.mode]();
    await mode(context);
  } catch (error) {
    report.result = 'failed';
    report.sentence = errorMessage(error);
  } finally {
    stopListening();
  }
  const { failureMessage, setOutputs } = await import('./report/outputs.js');
  setOutputs(report);
  await summarize(report);
  if (PASSING_RESULTS.has(report.result)) {
    core.info(inert(report.sentence));
  } else {
    core.setFailed(failureMessage(report));
  }
}
