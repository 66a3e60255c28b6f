/** The shapes that flow from the deploy, watch and smoke phases into outputs and the job summary. */
import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import type { DeployTimings } from '../timings/types.js';
import type { ScheduledTasksReport } from '../schedules/types.js';

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
  | 'run-task-succeeded'
  /** A container runs another image than the one registered (see src/digests/); the service was rolled back. */
  | 'digest-mismatch-rolled-back'
  /** Likewise, and no rollback was made (rollback-on-failure: false, nothing to return to) or it failed. */
  | 'digest-mismatch'
  /** The deployment passed; moving its scheduled tasks failed (or they could not all be listed): what was moved is restored. */
  | 'scheduled-tasks-failed';

/** Results that leave the step green. */
export const PASSING_RESULTS: ReadonlySet<Result> = new Set<Result>(['deployed', 'registered', 'started', 'smoke-passed', 'run-task-succeeded']);

export interface ServiceEventLine {
  at: Date;
  message: string;
}

export interface TimelineEntry {
  label: string;
  at: Date;
  /** A BLUE_GREEN, LINEAR or CANARY lifecycle stage, when the entry is one seen starting. */
  stage?: string;
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
  /** Our deployment's id in service.deployments[] (ECS stamps it on our tasks' startedBy). */
  deploymentId?: string;
  /** The service and our service deployment as the watch last read them. */
  lastSeen?: { service: Service; serviceDeployment?: ServiceDeployment };
  /** The watch ended on an AWS error no retry fixes (denied, expired credentials, service gone): there is no verdict, and nothing more is asked of AWS. */
  endedOnError?: boolean;
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
  /** The run was cancelled, or the release stopped this service, before the check had a verdict. */
  cancelled?: boolean;
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

/** What a container's image should run, recorded before the revision is registered. */
export interface ExpectedImage {
  container: string;
  image: string;
  /** The digest ECR gave when the revision was registered, or the one in the image reference; undefined: not checked. */
  digest?: string;
  /** Where `digest` came from. */
  source: 'ecr' | 'reference' | 'none';
  /** For an image index: the platform manifests it lists, which match too. */
  platforms: string[];
  /** Whether every digest the image can run as is known (ECR described it); false for a bare digest reference. */
  complete: boolean;
  /** Why there is nothing to compare with, when `digest` is undefined. */
  skipped?: string;
  /** versionConsistency 'disabled': ECS does not resolve the tag, only the tasks show what runs. */
  unresolved?: boolean;
}

/** One container, as the digest check judged it (output `image-digests`). */
export interface ContainerDigests {
  container: string;
  image: string;
  expected?: string;
  /** Where `expected` came from: ECR at registration, the image reference, or nowhere. */
  source: ExpectedImage['source'];
  platforms: string[];
  /** The digest ECS resolved for our deployment (DescribeServiceRevisions containerImages). */
  resolved?: string;
  /** The digests the RUNNING tasks of our revision run (DescribeTasks containers[].imageDigest), each once. */
  tasks: string[];
  verdict: 'match' | 'mismatch' | 'skipped' | 'unverified';
  /** One line: what was compared, from which sources, or why not. */
  note: string;
}

export interface DigestOutcome {
  passed: boolean;
  /** Where it ran: in the green tasks at a PAUSE hook, or once the deployment completed. */
  stage: 'pause' | 'after-deploy';
  containers: ContainerDigests[];
  /** How many RUNNING tasks of our revision were read. */
  tasksChecked: number;
  /** Why the check could not run at all. */
  error?: string;
  /** The action's redeploy of the previous revision after a mismatch, if any. */
  rollback?: WatchOutcome;
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
  /** What each container should run, recorded before registering (mode 'deploy' with verify-digests). */
  expectedImages?: ExpectedImage[];
  /** The image digest check, once it ran. */
  digests?: DigestOutcome;
  /** Where the deployment's time went (the deploy-timings output). */
  timings?: DeployTimings;
  /** The EventBridge rules and Scheduler schedules that run the deployed family (input 'scheduled-tasks'). */
  scheduledTasks?: ScheduledTasksReport;
  /** A watch ended on an AWS error no retry fixes (WatchOutcome.endedOnError). */
  endedOnError?: boolean;
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
