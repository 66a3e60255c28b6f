/** What every mode and phase of one run shares: the inputs, the clients, the clock, the cancel signal and the report. */
import type { Clients } from './aws/clients.js';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { retryingClient } from './aws/retry.js';
import type { Clock } from './clock.js';
import type { Inputs } from './inputs.js';
import type { RunReport } from './report/types.js';
import type { PreparedTaskDefinition } from './task-definition/load.js';
import type { LogOptions } from './watch/forensics.js';
import type { WatchOptions } from './watch/types.js';

export interface RunContext {
  inputs: Inputs;
  /** The checked task definition file, in mode 'deploy' with 'task-definition'. */
  prepared?: PreparedTaskDefinition;
  /** The checked task definition files of the 'services' items, by resolved path. */
  files?: ReadonlyMap<string, PreparedTaskDefinition>;
  /** In mode 'deploy': what one service of the release shares with the others (for one service, nothing but this run). */
  member?: MemberHooks;
  clients: Clients;
  clock: Clock;
  signal: AbortSignal;
  /** Set by the phases as they learn things, so a failure or a cancellation can still report them. */
  report: RunReport;
}

/** How one service's phases take part in the release. */
export interface MemberHooks {
  /** Sends the service's UpdateService within the release's bound on parallel updates. */
  update<T>(send: () => Promise<T>): Promise<T>;
  /** The service failed (its deployment or a check): the release can stop the others at once. */
  failing(why: string): void;
  /** The client the service's watch polls through: one request per poll for the whole release. */
  pollEcs: ECSClient;
}

export function mark(context: Pick<RunContext, 'report' | 'clock'>, label: string): void {
  context.report.timeline.push({ label, at: new Date(context.clock.now()) });
}

/** How long one read before any change (describing the service, a revision) may retry through transient faults. */
const READ_BUDGET_MS = 60_000;

/** The ECS client for reads before any change: transient faults are retried for up to a minute. */
export function patientEcs(context: Pick<RunContext, 'clients' | 'clock' | 'signal'>): ECSClient {
  const budget = { clock: context.clock, signal: context.signal, deadline: context.clock.now() + READ_BUDGET_MS };
  return retryingClient(context.clients.ecs, 'Reading from ECS', budget);
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
    logs: logOptions(context),
  };
}

export function logOptions(context: RunContext): LogOptions {
  return { lines: context.inputs.logLines, maxAttempts: context.inputs.maxAttempts, region: context.clients.region };
}
