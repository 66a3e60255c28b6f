/** What every mode and phase of one run shares: the inputs, the clients, the clock, the cancel signal and the report. */
import type { Clients } from './aws/clients.js';
import type { Clock } from './clock.js';
import type { Inputs } from './inputs.js';
import type { RunReport } from './report/types.js';
import type { PreparedTaskDefinition } from './task-definition/load.js';
import type { WatchOptions } from './watch/observer.js';

export interface RunContext {
  inputs: Inputs;
  /** The checked task definition file, in mode 'deploy' with 'task-definition'. */
  prepared?: PreparedTaskDefinition;
  clients: Clients;
  clock: Clock;
  signal: AbortSignal;
  /** Set by the phases as they learn things, so a failure or a cancellation can still report them. */
  report: RunReport;
}

export function mark(context: Pick<RunContext, 'report' | 'clock'>, label: string): void {
  context.report.timeline.push({ label, at: new Date(context.clock.now()) });
}

export function watchOptions(context: RunContext): WatchOptions {
  const { inputs, clock, signal } = context;
  return {
    timeoutMs: inputs.waitForMinutes * 60_000,
    pollIntervalMs: inputs.pollIntervalSeconds * 1000,
    rollbackOnFailure: inputs.rollbackOnFailure,
    failFast: inputs.failFast,
    clock,
    signal,
  };
}
