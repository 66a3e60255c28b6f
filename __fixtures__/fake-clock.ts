import type { Clock } from '../src/clock.js';

/** A clock whose sleep advances time at once, so poll loops run through minutes instantly. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  /** Called after each sleep, e.g. to abort a signal at a chosen point. */
  onSleep?: (slept: number) => void;

  constructor(public time = Date.parse('2026-03-02T10:00:00Z')) {}

  now = (): number => this.time;

  sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) return;
    this.sleeps.push(ms);
    this.time += ms;
    this.onSleep?.(ms);
    await Promise.resolve();
  };
}
