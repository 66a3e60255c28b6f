import type { RunReport, WatchOutcome } from './types.js';

/** Takes a watch's verdict and what it saw into the run's report. */
export function absorb(report: RunReport, outcome: WatchOutcome): void {
  report.result = outcome.verdict;
  report.sentence = outcome.sentence;
  report.serviceDeploymentArn = outcome.serviceDeploymentArn;
  report.rolledBackTo = outcome.rolledBackTo;
  report.runningTaskDefinition = outcome.runningTaskDefinition;
  report.events.push(...outcome.events);
  report.timeline.push(...outcome.timeline);
  report.explanation.push(...outcome.explanation);
  if (outcome.endedOnError) report.endedOnError = true;
}
