/** The step's outputs and its failure message, from the run's report. */
import * as core from '@actions/core';
import { digestsOutput } from '../digests/report.js';
import { scheduledTasksOutput } from '../schedules/output.js';
import { serviceResults } from './release.js';
import type { RunReport } from './types.js';

export function setOutputs(report: RunReport): void {
  const outputs: Record<string, string | undefined> = {
    result: report.result,
    'task-definition-arn': report.taskDefinitionArn,
    'previous-task-definition-arn': report.previousTaskDefinitionArn,
    registered: report.registered === undefined ? undefined : String(report.registered),
    'service-deployment-arn': report.serviceDeploymentArn,
    'rolled-back-to': report.rolledBackTo,
    'deploy-timings': report.timings && JSON.stringify(report.timings),
  };
  const services = serviceResults(report);
  if (services) outputs['services-result'] = JSON.stringify(services);
  if (report.runTask) {
    outputs['run-task-arn'] = report.runTask.taskArn;
    outputs['run-task-exit-code'] = report.runTask.exitCode === undefined ? '' : String(report.runTask.exitCode);
  }
  if (report.digests) outputs['image-digests'] = digestsOutput(report.digests);
  const smoke = report.smoke;
  if (smoke && smoke.tasks.length > 0) {
    // The task that decided: a failed run first, then any run at all; an unreachable task has no run to show.
    const ran = smoke.tasks.filter((task) => !task.unreachable);
    const shown = ran.find((task) => !task.passed) ?? ran.at(-1) ?? smoke.tasks[smoke.tasks.length - 1];
    outputs['smoke-exit-code'] = shown.exitCode === undefined ? '' : String(shown.exitCode);
    outputs['smoke-output'] = shown.output;
  }
  if (report.scheduledTasks) outputs['scheduled-tasks'] = JSON.stringify(scheduledTasksOutput(report.scheduledTasks));
  for (const [name, value] of Object.entries(outputs)) {
    if (value !== undefined) core.setOutput(name, value);
  }
}

/** Phrases with which a sentence already says what the service runs. */
const SAYS_WHAT_RUNS = [/The service runs /, /The service is moving to /, /, which (the service|it) runs now/];

/** The report's sentence, with what the service runs when the sentence does not already say it. */
export function failureMessage(report: RunReport): string {
  const running = report.runningTaskDefinition;
  const sentence = report.sentence || `The run ended '${report.result}'.`;
  const told = sentence.includes(running ?? '\u0000') || SAYS_WHAT_RUNS.some((phrase) => phrase.test(sentence));
  return running && !told ? `${sentence} The service runs ${running}.` : sentence;
}
