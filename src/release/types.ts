/** A release while it runs: its services (members), each with its own view of the run. */
import type { Service } from '@aws-sdk/client-ecs';
import type { RunContext } from '../context.js';
import type { ServiceReport } from '../report/types.js';
import type { SmokeInputs } from '../inputs.js';
import type { PreparedTaskDefinition } from '../task-definition/load.js';
import type { ServiceSpec } from './inputs.js';
import type { SharedPoll } from './shared-poll.js';

/** What the release did to a member after another one failed. */
export type ReleaseRollback = NonNullable<ServiceReport['byRelease']>;

export interface Member {
  spec: ServiceSpec<SmokeInputs>;
  /**
   * The member's own view of the run: the release's clock and clients, its own inputs
   * (service, smoke), report and signal. With one service it is the run's own context.
   */
  context: RunContext;
  /** The service as DescribeServices showed it before the release's first write. */
  current: Service;
  /** The revision to register or reuse; undefined with 'task-definition-arn'. */
  prepared?: PreparedTaskDefinition;
  /** Aborted (with a WatchStopped reason) when the release stops this member because another failed. */
  stop: AbortController;
  /** UpdateService was sent (it may have changed the service even if its answer was lost). */
  updateSent: boolean;
  /** The member's own phases (update, watch, checks, its own rollback) have ended. */
  settled: boolean;
  /** Why the member failed on its own (its deployment or a check), when it did. */
  failed?: string;
  /** The release's rollback of this member, once started. */
  releaseRollback?: Promise<ReleaseRollback>;
  rolledBack?: ReleaseRollback;
}

export interface Release {
  /** The run's context: its report is the release's. */
  context: RunContext;
  members: Member[];
  /** Batches the members' polls (several services only). */
  poll?: SharedPoll;
  /** closeRelease has filled the run's report. */
  closed?: boolean;
  /** The first service that failed on its own, and why. */
  failure?: { service: string; why: string };
}
