/** What a watch is given: the deployment to watch and how to watch it, and what one poll can end in. */
import type { Service } from '@aws-sdk/client-ecs';
import type { Clock } from '../clock.js';
import type { LogOptions } from './forensics.js';
import type { Snapshot } from './judge.js';

export interface WatchTarget {
  cluster: string;
  service: string;
  /** The revision our UpdateService set. */
  taskDefinitionArn: string;
  /** What the service ran before. */
  previousTaskDefinitionArn?: string;
  /**
   * Whether the service's deployment before ours had completed, as DescribeServices showed it just
   * before our update. False: the previous revision is not known to work, so it is no rollback target.
   */
  previousCompleted?: boolean;
  /** Clock time taken just before our UpdateService call. */
  updatedAt: Date;
  /** The `service` of our UpdateService response. */
  updateResponse: Service;
  /** currentServiceDeployment as seen in DescribeServices just before our update, to tell whether it changed. */
  previousServiceDeploymentArn?: string;
  /** The PRIMARY deployment's id (`ecs-svc/...`) just before our update: still PRIMARY in the answer, ECS started no deployment. */
  previousDeploymentId?: string;
}

export interface WatchOptions {
  /** wait-for-minutes; a rollback gets the same time again, counted from its start. */
  timeoutMs: number;
  pollIntervalMs: number;
  rollbackOnFailure: boolean;
  /** The fail-fast input: end the watch at a stop no retry fixes, or when a rolling deployment flaps. Absent: off. */
  failFast?: boolean;
  clock: Clock;
  /** Aborted on SIGINT/SIGTERM: the watch reports the deployment's state and returns at once. */
  signal?: AbortSignal;
  /** Stop at a PAUSE hook of ours so the action can verify and answer it (smoke-stage auto with a smoke command). */
  actOnPause?: boolean;
  /** log-lines and where to read them: a failure's explanation shows the failed container's last lines. */
  logs?: LogOptions;
}

export type PollResult<T> =
  | { kind: 'decided'; value: T; snapshot: Snapshot }
  | { kind: 'timeout' }
  | { kind: 'cancelled' }
  | { kind: 'fatal'; error: unknown };
