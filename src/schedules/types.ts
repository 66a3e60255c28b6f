/**
 * The scheduled-task phase's shapes: what a release hands it and what it reports. Type-only
 * imports of the SDKs, so the report and outputs can use these without loading either client.
 *
 * The interface for a release of N services (today's single-service deploy is the one-family case):
 *
 *   const { scheduledTasksPhase, restore } = await import('../schedules/phase.js');
 *   const report = await scheduledTasksPhase({ clients, clock, signal, clusterArn }, released, { mode, verified, why });
 *   //   released: ReleasedFamily[], one per family (services sharing a family share an entry);
 *   //   mode: 'report' | 'move' ('none': do not call it); verified: every service of the release
 *   //   passed (only then does 'move' write anything); why: the clause a report gives when it did
 *   //   not ("the smoke check of worker failed"). The phase restores its own journal when one of
 *   //   its moves fails; a failure of the release after the phase writes it back with:
 *   const restored = await restore({ clients, clock }, report.journal);
 *   // after-deploy.ts's moveFailure(report) words a failed move for the release's sentence.
 */
import type { Target as RuleTarget } from '@aws-sdk/client-eventbridge';
import type { UpdateScheduleCommandInput } from '@aws-sdk/client-scheduler';

/** Input 'scheduled-tasks': list them (default), repoint pinned targets after a verified release, or leave them alone. */
export type ScheduledTasksMode = 'report' | 'move' | 'none';

/** One family of the release. */
export interface ReleasedFamily {
  family: string;
  /** The revision the family's service ran before the release, when there is one. */
  fromTaskDefinitionArn?: string;
  /** The revision the release deployed (full ARN). */
  toTaskDefinitionArn: string;
  /** The release registered it: a target naming only the family runs it from now on. */
  registered?: boolean;
}

/**
 * How a target names what it runs: a pinned `family:revision`; the family alone (RunTask then
 * uses the family's newest ACTIVE revision); or Scheduler's universal target, whose task
 * definition is inside its Input JSON.
 */
export type TargetPin = 'revision' | 'family' | 'universal';

/** One scheduled task of the cluster that runs a released family. */
export interface ScheduledTask {
  kind: 'rule' | 'schedule';
  /** The rule's or the schedule's name. */
  name: string;
  /** The rule's event bus, or the schedule's group. */
  scope: string;
  /** The rule's target Id (a rule can have several). */
  targetId?: string;
  family: string;
  pin: TargetPin;
  /** What the target runs before the phase, as `family:revision` or `family`. */
  from: string;
  /** The revision it runs after the phase (equal to `from` unless moved), as `family:revision`. */
  to: string;
  moved: boolean;
  /** Why it was moved or not, one clause ("moved", "already on web:7", "names the family without a revision ..."). */
  note: string;
}

/** What the phase changed, in order, with everything needed to write it back. */
export type JournalEntry =
  | { kind: 'rule'; rule: string; eventBus: string; targetId: string; from: string; to: string; original: RuleTarget }
  | { kind: 'schedule'; name: string; group: string; from: string; to: string; original: UpdateScheduleCommandInput; note?: string };

export interface RestoreOutcome {
  /** Entries written back, as "rule nightly (default) target report back to web:6". */
  restored: string[];
  /** Entries that could not be written back, with why: they still run the new revision. */
  failed: string[];
  /** The journal entries of `failed`. */
  stillMoved: JournalEntry[];
}

export interface ScheduledTasksReport {
  mode: ScheduledTasksMode;
  tasks: ScheduledTask[];
  journal: JournalEntry[];
  /** Targets naming a family without a revision, or universal targets: each a sentence for a warning. */
  warnings: string[];
  /** Why moving stopped: the failed write, or the cancel. */
  failure?: string;
  /** After a failed move, what was written back. */
  restore?: RestoreOutcome;
  /** Discovery could not finish (an AWS error): nothing was moved. */
  error?: string;
}
