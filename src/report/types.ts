/** The shapes that flow from the deploy, watch and smoke phases into outputs and the job summary. */

export type Verdict = 'deployed' | 'rolled-back' | 'failed' | 'timed-out' | 'superseded';

export type Result =
  | Verdict
  /** A revision was registered and no service was given. */
  | 'registered'
  /** UpdateService was called and wait-for-service-stability is false: no verdict was waited for. */
  | 'started'
  /** mode 'smoke': the check passed on the service's current tasks. */
  | 'smoke-passed'
  | 'smoke-failed-rolled-back'
  /** The smoke check failed and no rollback was made (rollback-on-failure: false, mode 'smoke'), or the rollback failed. */
  | 'smoke-failed'
  /** The one-off task exited non-zero, never started or timed out; the service was not touched. */
  | 'run-task-failed'
  /** mode 'run-task': the task's container exited 0. */
  | 'run-task-succeeded';

/** Results that leave the step green. */
export const PASSING_RESULTS: ReadonlySet<Result> = new Set<Result>(['deployed', 'registered', 'started', 'smoke-passed', 'run-task-succeeded']);

export interface ServiceEventLine {
  at: Date;
  message: string;
}

export interface TimelineEntry {
  label: string;
  at: Date;
}

/** What watching one deployment (ours, or a rollback) found. */
export interface WatchOutcome {
  verdict: Verdict;
  /** One sentence, the verdict first, e.g. "Deployed web:7 to demo/web: 3 of 3 tasks running." */
  sentence: string;
  serviceDeploymentArn?: string;
  /** The revision ECS or the action rolled back to, when a rollback happened. */
  rolledBackTo?: string;
  /** The revision the service runs now, as last seen (service.taskDefinition). */
  runningTaskDefinition?: string;
  /** Why it failed: stopped tasks grouped by reason, exit codes, relevant events. Empty on success. */
  explanation: string[];
  /** Service events seen while watching, oldest first. */
  events: ServiceEventLine[];
  timeline: TimelineEntry[];
}

export interface SmokeTaskResult {
  taskArn: string;
  container: string;
  /** Undefined when the status could not be known (smoke-shell 'none', or the session failed). */
  exitCode?: number;
  passed: boolean;
  /** Why it passed or failed, one line ("exit status 3", "output did not match /ok/", "session dropped"). */
  reason: string;
  durationMs: number;
  /** Output with CR and terminal escapes stripped, capped in size. */
  output: string;
  attempts: number;
  /** No run of the command in it could be judged (it could not be reached). */
  unreachable?: boolean;
  /** Why the command may have run twice for this result. */
  mayHaveRunTwice?: string;
}

export interface SmokeOutcome {
  passed: boolean;
  command: string;
  tasks: SmokeTaskResult[];
  /** Why the check could not run at all (no task reachable, agent never started, exec denied). */
  error?: string;
}

/** The one-off task (run-task, mode 'run-task'). */
export interface RunTaskOutcome {
  taskArn?: string;
  /** The container whose exit code decides. */
  container: string;
  exitCode?: number;
  passed: boolean;
  /** One line: "exit code 0", "never started: ...", "did not stop within ...". */
  reason: string;
  /** The container's last log lines, for the summary. */
  lastLines: string[];
}

/** Everything the summary and the outputs are built from. */
export interface RunReport {
  mode: 'deploy' | 'rollback' | 'smoke' | 'run-task';
  region: string;
  cluster: string;
  service?: string;
  result: Result;
  /** The outcome in one sentence; the first line of the summary and of the failure message. */
  sentence: string;
  taskDefinitionArn?: string;
  previousTaskDefinitionArn?: string;
  /** Whether the service's deployment before ours had completed; false makes the previous revision no rollback target. */
  previousCompleted?: boolean;
  registered?: boolean;
  serviceDeploymentArn?: string;
  rolledBackTo?: string;
  runningTaskDefinition?: string;
  timeline: TimelineEntry[];
  events: ServiceEventLine[];
  explanation: string[];
  smoke?: SmokeOutcome;
  runTask?: RunTaskOutcome;
  /** The watch of the rollback the action made after a failed smoke check, if any. */
  rollback?: WatchOutcome;
  /** The image digest check's findings, when that check ran (its shape is the check's own). */
  digests?: unknown;
  /** A release of several services: one entry per service, in the order listed. */
  services?: ServiceReport[];
}

/** One service of a release of several: its own report, and what the release did to it. */
export interface ServiceReport {
  report: RunReport;
  /** UpdateService was sent to it; false: the release ended before updating it. */
  updated: boolean;
  /** Set when the release put it back (or tried to, or left it) because another service failed. */
  byRelease?: { ended: 'rolled-back' | 'failed' | 'kept' | 'superseded' | 'cancelled'; sentence: string };
}
