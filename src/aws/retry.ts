/**
 * Retrying one AWS call through transient faults (throttling, 5xx, resets, timeouts) until the
 * phase's own deadline, after the SDK's attempts are spent. A transient fault never decides a
 * verdict; anything else is thrown at once.
 */
import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { Clock } from '../clock.js';
import { errorMessage } from '../errors.js';
import { awsErrorName, isTransient } from './errors.js';
import { inert } from '../untrusted.js';

export interface RetryBudget {
  clock: Clock;
  /** Clock time after which the last transient error is thrown. */
  deadline: number;
  /** Cancellation: the last error is thrown instead of waiting. */
  signal?: AbortSignal;
}

const FIRST_PAUSE_MS = 1_000;
const MAX_PAUSE_MS = 30_000;

/**
 * A backoff of `ms` with jitter: between half of it and all of it. Runs that were throttled
 * together (several jobs deploying at once) then come back apart instead of in step, and half
 * the wait always stays, so a throttled account still gets its pause. The clock's `random`
 * draws the spread, so tests stay deterministic.
 */
export function jittered(ms: number, clock: Pick<Clock, 'random'>): number {
  return clock.random ? Math.round(ms / 2 + (clock.random() * ms) / 2) : ms;
}

export async function retryTransient<T>(what: string, call: () => Promise<T>, budget: RetryBudget): Promise<T> {
  const { clock, deadline, signal } = budget;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const left = deadline - clock.now();
      if (!isTransient(error) || signal?.aborted || left <= 0) throw error;
      const wait = Math.min(jittered(pause, clock), left);
      core.info(inert(`${what}: AWS answered ${awsErrorName(error) ?? 'an error'} (${errorMessage(error)}); trying again in ${Math.ceil(wait / 1000)} s.`));
      await clock.sleep(wait, signal);
      if (signal?.aborted) throw error;
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }
}

/** For helpers that take a client: the same client, with every `send` retried through transient faults within the budget. */
export function retryingClient(ecs: ECSClient, what: string, budget: RetryBudget): ECSClient {
  const send = ((command: Parameters<ECSClient['send']>[0]) => retryTransient(what, () => ecs.send(command), budget)) as ECSClient['send'];
  return Object.assign(Object.create(ecs) as ECSClient, { send });
}
