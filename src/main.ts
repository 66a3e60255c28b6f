import * as core from '@actions/core';
import { createClients } from './aws.js';
import { systemClock, type Clock } from './clock.js';
import { shortRevision } from './deployment-state.js';
import { errorMessage } from './errors.js';
import { deployMode, loadTaskDefinition, rollbackMode, smokeMode, type FlowContext } from './flow.js';
import { getInputs, type Inputs } from './inputs.js';
import { PASSING_RESULTS, type RunReport } from './report.js';
import { writeSummary } from './summary.js';

/** How long a cancelled run may take to report before it exits anyway. */
const CANCEL_GRACE_MS = 5000;

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

function setOutputs(report: RunReport): void {
  const outputs: Record<string, string | undefined> = {
    result: report.result,
    'task-definition-arn': report.taskDefinitionArn,
    'previous-task-definition-arn': report.previousTaskDefinitionArn,
    registered: report.registered === undefined ? undefined : String(report.registered),
    'service-deployment-arn': report.serviceDeploymentArn,
    'rolled-back-to': report.rolledBackTo,
  };
  const smoke = report.smoke;
  if (smoke && smoke.tasks.length > 0) {
    const shown = smoke.tasks.find((task) => !task.passed) ?? smoke.tasks[smoke.tasks.length - 1];
    outputs['smoke-exit-code'] = shown.exitCode === undefined ? '' : String(shown.exitCode);
    outputs['smoke-output'] = shown.output;
  }
  for (const [name, value] of Object.entries(outputs)) {
    if (value !== undefined) core.setOutput(name, value);
  }
}

function failureMessage(report: RunReport): string {
  const running = report.runningTaskDefinition;
  const sentence = report.sentence || `The run ended '${report.result}'.`;
  return running && !sentence.includes(running) && !sentence.includes(`${shortRevision(running)}, which the service runs now`)
    ? `${sentence} The service runs ${running}.`
    : sentence;
}

async function summarize(report: RunReport): Promise<void> {
  try {
    await writeSummary(report);
  } catch (error) {
    // No GITHUB_STEP_SUMMARY outside the runner: the log already has everything.
    core.debug(`Job summary not written: ${errorMessage(error)}`);
  }
}

const MODES = { deploy: deployMode, rollback: rollbackMode, smoke: smokeMode } as const;

export async function run(clock: Clock = systemClock): Promise<void> {
  let inputs: Inputs;
  try {
    inputs = getInputs(core.getInput);
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
      inputs.mode === 'deploy' && inputs.taskDefinitionPath
        ? await core.group('Task definition', () => loadTaskDefinition(inputs))
        : undefined;
    const clients = createClients(inputs.maxRetries);
    report.region = clients.region;
    const context: FlowContext = { inputs, prepared, clients, clock, signal: controller.signal, report };
    await MODES[inputs.mode](context);
  } catch (error) {
    report.result = 'failed';
    report.sentence = errorMessage(error);
  } finally {
    stopListening();
  }
  setOutputs(report);
  await summarize(report);
  if (PASSING_RESULTS.has(report.result)) {
    core.info(report.sentence);
  } else {
    core.setFailed(failureMessage(report));
  }
}
