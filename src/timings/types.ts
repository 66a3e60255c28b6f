/**
 * The `deploy-timings` output: where one deployment's wall time went, phase by phase along its
 * critical path, and the advice this deploy's numbers support. Field names are stable (the
 * README documents them); seconds are numbers. No imports, so the report's types can name it.
 */

/** One step of the critical path. Consecutive phases meet: each starts where the one before ended. */
export type PhaseName =
  /** Registering the revision, up to UpdateService (the runner's clock), ending when ECS created the deployment. */
  | 'update'
  /** ECS starting the deployment, or launching the next task once room freed up (a batch boundary). */
  | 'scheduler'
  /** A task waiting for placement: createdAt to pullStartedAt. */
  | 'placement'
  /** A task's image pull: pullStartedAt to pullStoppedAt. */
  | 'pull'
  /** A task's containers starting: pullStoppedAt to startedAt (RUNNING). */
  | 'start'
  /** A RUNNING task until ECS counted it healthy (container health check, the load balancer's target health). */
  | 'health'
  /** A new task running until it was stopped (it failed, or was replaced). */
  | 'ran'
  /** An old task behind a load balancer from stoppingAt to stoppedAt: the target draining, then the stop. */
  | 'draining'
  /** A task without a load balancer from stoppingAt to stoppedAt. */
  | 'stopping'
  /** BLUE_GREEN, LINEAR and CANARY: one lifecycle stage as the watch saw it (hooks and bake time included). */
  | 'stage'
  /** From the last task event to ECS finishing the deployment. */
  | 'completion'
  /**
   * From ECS's end of the deployment (or of its last task event) to the watch's verdict: the next
   * poll, and a rollback if there was one. Its end is placed by the runner's time from UpdateService
   * to the verdict, so it also holds the moment ECS took to create the deployment.
   */
  | 'verdict'
  /** The smoke check after the deployment (the runner's clock). */
  | 'smoke';

export interface TimedPhase {
  phase: PhaseName;
  /** What happened, in words: "image pull of task 1a2b (245.0 MB)". */
  label: string;
  startedAt: string;
  endedAt: string;
  seconds: number;
  /** The task the phase belongs to. */
  task?: string;
  /** The batch of new tasks it belongs to: 1 for the tasks ECS launched first. */
  batch?: number;
  /** phase 'stage': the lifecycle stage. */
  stage?: string;
}

export interface TaskTiming {
  task: string;
  /** new: started by our deployment; old: the tasks it replaced. */
  role: 'new' | 'old';
  batch?: number;
  placementSeconds?: number;
  pullSeconds?: number;
  startSeconds?: number;
  /** stoppingAt to stoppedAt. */
  stopSeconds?: number;
  stoppedReason?: string;
}

export interface Advice {
  /** The setting to change: deregistration_delay.timeout_seconds, HealthCheckIntervalSeconds, healthCheckGracePeriodSeconds, maximumPercent, image. */
  setting: string;
  /** Where it is set: a target group ARN, the service, an image. */
  resource: string;
  current?: number | string;
  suggested?: number | string;
  /** Seconds of this deploy's critical path the setting accounts for. */
  costSeconds: number;
  /** About how much shorter this deploy would have been with the suggestion. */
  saveSeconds: number;
  text: string;
  documentation: string;
}

export interface DeployTimings {
  version: 1;
  /** The run's result when the timings were taken (deployed, rolled-back, ...). */
  outcome: string;
  strategy: string;
  /**
   * The chart's times, on AWS's clock (the one ECS's timestamps use; the runner's can be minutes
   * off): the action's own parts are placed by their durations before ECS created the deployment
   * and after its end. On the runner's clock when ECS started no deployment for the update.
   */
  startedAt: string;
  endedAt: string;
  /** From the start of the revision step to the verdict (and the smoke check), as the runner timed it; the phases add up to it. */
  wallSeconds: number;
  phases: TimedPhase[];
  /** Seconds per phase name along the critical path. */
  totals: Partial<Record<PhaseName, number>>;
  tasks: TaskTiming[];
  advice: Advice[];
  /** What could not be read (a denied ELBv2 read, tasks ECS no longer lists) or charted (no deployment started). */
  notes: string[];
  /** Requests made to AWS after the verdict to measure this. */
  requests: number;
}
