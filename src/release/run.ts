/**
 * The release once its revisions are registered: the release task (once, for the whole release),
 * then every service's own phases at the same time (UpdateService within max-parallel-updates),
 * and the rollback of the others when one fails.
 */
import * as core from '@actions/core';
import type { Service } from '@aws-sdk/client-ecs';
import { shortRevision } from '../aws/arn.js';
import type { RunContext } from '../context.js';
import { errorMessage } from '../errors.js';
import { releaseTask } from '../release-task/phase.js';
import { PASSING_RESULTS } from '../report/types.js';
import { failRelease, startRollback, stoppedByRelease } from './fail.js';
import { asService, labelled } from './log.js';
import type { Member, Release } from './types.js';

/** One service's phases, from its UpdateService to its verdict (modes/deploy.ts). */
export type MemberPhase = (context: RunContext, current: Service) => Promise<void>;

/** Runs the release task with the chosen service's new revision, where that service runs; false when it failed. */
export async function runReleaseTask(release: Release): Promise<boolean> {
  const { context, members } = release;
  const chosen = members.find((member) => member.spec.name === context.inputs.release.runTaskService) ?? members[0];
  const revision = (chosen?.context.report ?? context.report).taskDefinitionArn!;
  let after = 'nothing was deployed';
  if (members.length === 1) after = `the service was not updated and runs ${chosen.current.taskDefinition}`;
  if (members.length > 1) {
    core.info(`The release task runs ${shortRevision(revision)}, the new revision of service '${chosen.spec.name}', where '${chosen.spec.name}' runs (its network, launch type and platform version).`);
    after = `no service was updated: ${members.map((member) => `${member.spec.name} runs ${shortRevision(member.current.taskDefinition)}`).join(', ')}`;
  }
  return releaseTask(context, revision, chosen?.current, after);
}

async function runMember(release: Release, member: Member, phase: MemberPhase): Promise<void> {
  const { report } = member.context;
  try {
    await phase(member.context, member.current);
  } catch (error) {
    // As a single service's run would end: the error is its verdict (a service the release stopped is judged by its state instead).
    report.result = 'failed';
    report.sentence = errorMessage(error);
  } finally {
    member.settled = true;
    release.poll?.leave(member.spec.name);
  }
  if (stoppedByRelease(member)) startRollback(release, member);
  else if (!PASSING_RESULTS.has(report.result) && !release.context.signal.aborted) failRelease(release, member, report.sentence);
}

/** Every service's phases at once, until they and any rollback of the release have ended. */
export async function deployMembers(release: Release, phase: MemberPhase): Promise<void> {
  const { members } = release;
  if (members.length === 1) {
    await runMember(release, members[0], phase);
    return;
  }
  await labelled(async () => {
    await Promise.all(members.map((member) => asService(member.spec.name, () => runMember(release, member, phase))));
    await Promise.all(members.map((member) => member.releaseRollback));
  });
}
