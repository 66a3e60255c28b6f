/**
 * The verdict of a release of several services: green only when every service is. The run's
 * report gets one entry per service (what it ended in, what it runs now) and a sentence that
 * leads with the verdict, names what failed and says what every service runs now. With one
 * service, the service's report is the run's, and only its entry is added.
 */
import * as core from '@actions/core';
import { lastSegment, shortRevision } from '../aws/arn.js';
import { PASSING_RESULTS, type RunReport } from '../report/types.js';
import type { Member, Release } from './types.js';

function runsNow(member: Member): string | undefined {
  const { report } = member.context;
  if (!member.updateSent) return member.current.taskDefinition;
  return report.runningTaskDefinition ?? report.taskDefinitionArn;
}

/** The member's own report, told what the release did to it. */
function settle(release: Release, member: Member): void {
  const { report } = member.context;
  const name = member.spec.name;
  report.runningTaskDefinition = runsNow(member);
  if (!member.updateSent) {
    report.sentence = `Not updated: the release ended before ${name} was updated${release.failure ? ` (${release.failure.service} failed)` : ''}; it runs ${shortRevision(report.runningTaskDefinition)}.`;
    return;
  }
  const rollback = member.rolledBack;
  if (!rollback) return;
  const cause = `the release failed (${release.failure?.service} failed)`;
  if (rollback.ended === 'rolled-back') {
    report.result = 'rolled-back';
    report.sentence = `Rolled back because ${cause}: ${rollback.sentence}.`;
  } else if (rollback.ended === 'kept') {
    report.sentence = `${report.sentence ? `${report.sentence} ` : ''}Not rolled back although ${cause}: ${rollback.sentence}.`;
  } else {
    report.result = rollback.ended === 'superseded' ? 'superseded' : 'failed';
    report.sentence = `${rollback.ended === 'superseded' ? 'Superseded' : 'FAILED to roll back'} after ${cause}: ${rollback.sentence}.`;
  }
}

function merge(report: RunReport, release: Release): void {
  for (const member of release.members) {
    const own = member.context.report;
    report.timeline.push(...own.timeline.map((entry) => ({ ...entry, label: `${member.spec.name}: ${entry.label}` })));
    report.events.push(...own.events);
    if (member.failed !== undefined) report.explanation.push(...own.explanation);
  }
  report.events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function releaseTaskNote(report: RunReport): string {
  const task = report.runTask;
  if (!task?.taskArn) return '';
  const ended = task.exitCode === undefined ? task.reason : `exit code ${task.exitCode}`;
  return ` The release task ${lastSegment(task.taskArn)} ran before the update (${ended}); it cannot be undone.`;
}

/** Every service of the release passed (deployed and checked, or started without waiting), and the run was not cancelled. */
export function releasePassed(release: Release): boolean {
  return !release.context.signal.aborted && release.members.every((member) => PASSING_RESULTS.has(member.context.report.result));
}

/**
 * What a passed release deployed, one entry per revision a family moved from: what the phases
 * after the services (the scheduled tasks) act on.
 */
export function releasedRevisions(release: Release): Array<{ family: string; fromTaskDefinitionArn?: string; toTaskDefinitionArn: string }> {
  const released = new Map<string, { family: string; fromTaskDefinitionArn?: string; toTaskDefinitionArn: string }>();
  for (const member of release.members) {
    const { previousTaskDefinitionArn: from, taskDefinitionArn: to } = member.context.report;
    if (!to || from === to) continue;
    released.set(`${from} ${to}`, { family: member.prepared?.request.family ?? shortRevision(to).split(':')[0], fromTaskDefinitionArn: from, toTaskDefinitionArn: to });
  }
  return [...released.values()];
}

function verdict(release: Release): Pick<RunReport, 'result' | 'sentence'> {
  const { context, members } = release;
  const list = members.map((member) => `${member.spec.name} runs ${shortRevision(runsNow(member))}`).join(', ');
  if (context.signal.aborted) {
    const each = members.map((member) => `${member.spec.name}: ${member.context.report.sentence}`).join(' ');
    return { result: 'failed', sentence: `Cancelled: the release started nothing after the cancel (${list}). ${each}` };
  }
  if (releasePassed(release)) {
    const moved = releasedRevisions(release).map((one) => `${shortRevision(one.fromTaskDefinitionArn)} → ${shortRevision(one.toTaskDefinitionArn)}`);
    if (moved.length > 0) core.info(`Released: ${moved.join(', ')}.`);
    const started = members.some((member) => member.context.report.result === 'started');
    const where = `${members.length} services in cluster '${context.inputs.cluster}'`;
    return started
      ? { result: 'started', sentence: `Started deploying ${where} (${list}); not waiting for them (wait-for-service-stability is 'false').` }
      : { result: 'deployed', sentence: `Deployed ${where}, every one verified: ${list}.` };
  }
  // The services that failed themselves; the others only followed the release.
  const failed = members.filter((member) => member.failed !== undefined);
  const back = members.every((member) => !member.updateSent || runsNow(member) === member.current.taskDefinition);
  const cause = failed.length > 0 ? `${failed.map((member) => member.spec.name).join(' and ')} failed` : 'not every service passed';
  const details = failed.map((member) => ` ${member.spec.name}: ${member.context.report.sentence || member.failed}`).join('');
  const lead = back
    ? `Rolled back: ${cause}, so every service of the release is back on the revision it ran before (${list}).`
    : `FAILED: ${cause}, and not every service is back on the revision it ran before (${list}).`;
  return { result: back ? 'rolled-back' : 'failed', sentence: `${lead}${details}${releaseTaskNote(context.report)}` };
}

/**
 * The run's report from its services': an entry per service, and with several, the verdict once
 * any was deployed. Once only: phases after the services (the scheduled tasks) may amend it.
 */
export function closeRelease(release: Release): void {
  const { context, members } = release;
  const { report } = context;
  if (release.closed) return;
  release.closed = true;
  if (members.length === 1) report.services = [{ report, updated: members[0].updateSent }];
  if (members.length <= 1) return;
  for (const member of members) settle(release, member);
  report.services = members.map((member) => ({ report: member.context.report, updated: member.updateSent, byRelease: member.rolledBack }));
  if (!members.some((member) => member.settled)) return;
  merge(report, release);
  Object.assign(report, verdict(release));
}
