/**
 * A cancel (SIGINT/SIGTERM) while the release task runs. The action starts nothing after it, not
 * even a StopTask: the task is left as it is, and the sentence says so, with its ARN and the
 * command that stops it, as the other cancels say what the service is doing (watch/wording.ts).
 */
import { lastSegment } from '../aws/arn.js';
import { ActionError } from '../errors.js';

export type CancelPoint =
  /** Before RunTask was sent: nothing was started. */
  | { stage: 'before-start' }
  /** RunTask was sent but its answer was not read: a task may have started, tagged with startedBy. */
  | { stage: 'starting'; startedBy: string }
  /** The task was started and had not stopped when last seen. */
  | { stage: 'running'; taskArn: string; lastStatus?: string };

export class ReleaseCancelled extends ActionError {
  constructor(readonly point: CancelPoint) {
    super(`Cancelled during the release task (${point.stage}).`);
    this.name = 'ReleaseCancelled';
  }
}

/** The release task's line in the summary: what the cancel left behind. */
export function cancelledReason(point: CancelPoint): string {
  if (point.stage === 'before-start') return 'cancelled before it started';
  if (point.stage === 'starting') return 'cancelled while RunTask was starting it; it may be running';
  return `cancelled while ${point.lastStatus ?? 'starting'}; left running`;
}

/** One word as a POSIX shell reads it back unchanged. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The last error of a step cancelled during the release task of `revision`; `after` says what
 * became of the service ("the service was not updated and runs web:1").
 */
export function cancelledSentence(point: CancelPoint, revision: string, cluster: string, after: string): string {
  const where = `--cluster ${shellWord(cluster)}`;
  if (point.stage === 'before-start') return `Cancelled before the release task of ${revision} was started: nothing was started, and ${after}.`;
  if (point.stage === 'starting') {
    return (
      `Cancelled while RunTask was starting the release task of ${revision}: a task may have started (startedBy ${point.startedBy}), and ${after}. ` +
      `Find it with: aws ecs list-tasks ${where} --started-by ${shellWord(point.startedBy)}; stop it with: aws ecs stop-task ${where} --task <task ARN>`
    );
  }
  const reason = shellWord('cancelled release task (ecs-deploy-verify)');
  return (
    `Cancelled while the release task ${lastSegment(point.taskArn)} of ${revision} was ${point.lastStatus ?? 'starting'}: the action did not stop it, and ${after}. ` +
    `The task keeps running until it ends: ${point.taskArn}. To stop it: aws ecs stop-task ${where} --task ${point.taskArn} --reason ${reason}`
  );
}
