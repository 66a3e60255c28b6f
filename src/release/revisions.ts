/**
 * The revisions of a release: every image confirmed before anything is registered, then one
 * revision per family (registered, or reused with skip-unchanged), shared by the services of
 * that family.
 */
import * as core from '@actions/core';
import type { Service } from '@aws-sdk/client-ecs';
import type { RunContext } from '../context.js';
import type { PreparedTaskDefinition } from '../task-definition/load.js';
import type { Member, Release } from './types.js';

/** The per-revision phases of mode 'deploy' (modes/deploy.ts). */
export interface RevisionPhases {
  confirmImages(context: RunContext, prepared: PreparedTaskDefinition | undefined): Promise<void>;
  revisionToDeploy(context: RunContext, prepared: PreparedTaskDefinition | undefined, current: Service | undefined): Promise<void>;
}

interface Family {
  /** Whose report records the revision: the first service of the family, or the run itself when no service is given. */
  context: RunContext;
  prepared?: PreparedTaskDefinition;
  current?: Service;
  members: Member[];
}

function familiesOf(release: Release): Family[] {
  const { context, members } = release;
  if (members.length === 0) return [{ context, prepared: context.prepared, members: [] }];
  const families: Family[] = [];
  for (const member of members) {
    const name = member.prepared?.request.family;
    const family = name === undefined ? undefined : families.find((one) => one.prepared?.request.family === name);
    if (family) family.members.push(member);
    else families.push({ context: member.context, prepared: member.prepared, current: member.current, members: [member] });
  }
  return families;
}

export async function registerRevisions(release: Release, phases: RevisionPhases): Promise<void> {
  const families = familiesOf(release);
  await core.group(families.length > 1 ? 'Revisions' : 'Revision', async () => {
    for (const family of families) await phases.confirmImages(family.context, family.prepared);
    for (const family of families) {
      await phases.revisionToDeploy(family.context, family.prepared, family.current);
      const { taskDefinitionArn, registered } = family.context.report;
      for (const member of family.members.slice(1)) {
        member.context.report.taskDefinitionArn = taskDefinitionArn;
        member.context.report.registered = registered;
        member.context.report.expectedImages = family.context.report.expectedImages;
      }
      if (family.members.length > 1) core.info(`${family.members.map((member) => member.spec.name).join(' and ')} share ${taskDefinitionArn}.`);
    }
  });
}
