/**
 * One verdict, all or nothing: the first failure of a service fails the release, and (with
 * rollback-on-failure and rollback-scope 'all') every other service is stopped where it is and
 * put back by its state. A service that failed itself rolls back on its own, as a single one does.
 */
import * as core from '@actions/core';
import { WatchStopped } from '../watch/stopped.js';
import { asService } from './log.js';
import type { Member, Release } from './types.js';

/** Whether the release stopped this service (another one failed) before its own phases ended. */
export function stoppedByRelease(member: Member): boolean {
  return member.stop.signal.reason instanceof WatchStopped;
}

/** Starts the release's rollback of a service once, after its own phases have ended. */
export function startRollback(release: Release, member: Member): void {
  // Loaded here: only a release with a failure rolls its other services back.
  const rollBack = async () => (await import('./roll-back-member.js')).rollBackMember(release, member);
  member.releaseRollback ??= asService(member.spec.name, rollBack).then((ended) => (member.rolledBack = ended));
}

/** `member` failed on its own (its deployment or a check), for the reason `why`. */
export function failRelease(release: Release, member: Member, why: string): void {
  if (stoppedByRelease(member)) return;
  member.failed ??= why;
  if (release.failure !== undefined) return;
  release.failure = { service: member.spec.name, why };
  const { inputs, signal } = release.context;
  if (release.members.length === 1 || signal.aborted) return;
  if (!inputs.rollbackOnFailure || inputs.release.rollbackScope === 'failed') {
    const why = inputs.rollbackOnFailure ? "rollback-scope is 'failed'" : "rollback-on-failure is 'false'";
    core.warning(`${member.spec.name} failed, so the release fails; the other services are not rolled back (${why}).`);
    return;
  }
  core.warning(`${member.spec.name} failed (${why}): the release fails, and every other service of it goes back to the revision it ran before.`);
  for (const other of release.members) {
    if (other === member || other.failed !== undefined) continue;
    if (other.settled) startRollback(release, other);
    else other.stop.abort(new WatchStopped(`${member.spec.name} failed, so the release rolls every service back`));
  }
}
