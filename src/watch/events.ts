import * as core from '@actions/core';
import type { ServiceEvent } from '@aws-sdk/client-ecs';
import type { ServiceEventLine } from '../report/types.js';
import { inert } from '../untrusted.js';

/** Words that mark an event as part of a failure's story rather than routine progress. */
const RELEVANT = /fail|unable|error|unhealthy|stopp|circuit breaker|roll(ing|ed)? ?back|insufficient|cannot|can't|denied|timed out|exceeded/i;

/** "2026-03-02 10:04:05Z": short, sortable, and unambiguous in a log or a table. */
export function formatTime(at: Date): string {
  return at.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/**
 * The service events seen while watching. ECS returns at most 100, newest first, on every
 * DescribeServices, so each is remembered by id and printed once, oldest first.
 */
export class EventLog {
  readonly lines: ServiceEventLine[] = [];
  private readonly seen = new Set<string>();
  private readonly since: number;

  /**
   * `since`: the earliest time, on AWS's clock, an event of our update can carry (identify.ts
   * `searchFrom`). `known`: the events the UpdateService answer already carried. They happened
   * before our update whatever the clocks say, so they are never printed as part of this deployment.
   */
  constructor(since: Date, known: ServiceEvent[] = []) {
    this.since = since.getTime();
    for (const event of known) this.seen.add(EventLog.key(event));
  }

  private static key(event: ServiceEvent): string {
    return event.id ?? `${event.createdAt?.getTime()}|${event.message}`;
  }

  record(events: ServiceEvent[] | undefined): void {
    const fresh = (events ?? []).filter((event) => {
      const key = EventLog.key(event);
      if (this.seen.has(key) || !event.createdAt || event.createdAt.getTime() < this.since) return false;
      this.seen.add(key);
      return true;
    });
    fresh.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
    for (const event of fresh) {
      const line = { at: event.createdAt!, message: event.message ?? '' };
      this.lines.push(line);
      core.info(inert(`${formatTime(line.at)}  ${line.message}`));
    }
  }

  /** The last few events that say something went wrong, or the last few at all when none does. */
  relevant(limit = 5): ServiceEventLine[] {
    const telling = this.lines.filter((line) => RELEVANT.test(line.message));
    return (telling.length > 0 ? telling : this.lines).slice(-limit);
  }
}
