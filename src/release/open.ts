/**
 * The start of a release: every service described (and refused when it cannot be deployed)
 * before anything is written, what each ran recorded for its rollback, each service's revision
 * to deploy prepared (its file, or its current revision with 'container-images' applied), and
 * each service given its own view of the run.
 */
import * as core from '@actions/core';
import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { patientEcs, type MemberHooks, type RunContext } from '../context.js';
import type { RunReport } from '../report/types.js';
import { logService, serviceToDeploy } from '../service/describe.js';
import { prepareTaskDefinition, type PreparedTaskDefinition } from '../task-definition/load.js';
import { describeTaskDefinition } from '../task-definition/register.js';
import { deploymentCompleted, isRollbackStatus } from '../watch/judge.js';
import { failRelease } from './fail.js';
import { checkImagesUsed, checkOneDefinitionPerFamily, containerNames, imagesFor } from './files.js';
import { limiter } from './limit.js';
import { SharedPoll } from './shared-poll.js';
import type { Member, Release } from './types.js';

function memberReport(context: RunContext, service: string): RunReport {
  return { mode: 'deploy', region: context.report.region, cluster: context.inputs.cluster, service, result: 'failed', sentence: '', timeline: [], events: [], explanation: [] };
}

/** The service's current revision with 'container-images' applied and 'task-definition-tags' added, as a request to register. */
async function currentRevision(context: RunContext, current: Service): Promise<PreparedTaskDefinition> {
  const { taskDefinition, tags } = await describeTaskDefinition(patientEcs(context), current.taskDefinition!, { tags: true });
  const source = `the current revision of service '${current.serviceName}' (${current.taskDefinition})`;
  const images = imagesFor(containerNames(taskDefinition), context.inputs.containerImages);
  const extra = context.inputs.taskDefinitionTags.map(({ key, value }) => ({ key, value }));
  return prepareTaskDefinition({ taskDefinition, tags }, source, images, extra);
}

function hooks(release: Release, member: Member, limit: <T>(fn: () => Promise<T>) => Promise<T>): MemberHooks {
  const { clients } = release.context;
  return {
    update: (send) =>
      limit(async () => {
        // Waiting for a turn to update, the service may have been stopped by another's failure.
        if (member.stop.signal.aborted) throw member.stop.signal.reason;
        member.updateSent = true;
        return send();
      }),
    failing: (why) => failRelease(release, member, why),
    pollEcs: release.poll ? release.poll.clientFor(member.spec.name) : clients.ecs,
  };
}

function addMember(release: Release, index: number, current: Service, limit: <T>(fn: () => Promise<T>) => Promise<T>): Member {
  const { context } = release;
  const spec = context.inputs.release.services[index];
  const single = context.inputs.release.services.length === 1;
  const stop = new AbortController();
  const report = single ? context.report : memberReport(context, spec.name);
  // A one-item 'services' list is a single-service run: the run's report names its service.
  report.service = spec.name;
  const member: Member = { spec, current, stop, updateSent: false, settled: false, context };
  member.context = {
    ...context,
    inputs: { ...context.inputs, service: spec.name, smoke: spec.smoke, taskDefinitionInput: spec.taskDefinitionInput, taskDefinitionPath: spec.taskDefinitionPath },
    report,
    signal: AbortSignal.any([context.signal, stop.signal]),
  };
  member.context.member = hooks(release, member, limit);
  report.previousTaskDefinitionArn = current.taskDefinition;
  report.previousCompleted = deploymentCompleted(current);
  return member;
}

/** Describes every service and prepares the release; with no service (register only), a release of none. */
export async function openRelease(context: RunContext): Promise<Release> {
  const { inputs, clients, clock, signal } = context;
  const specs = inputs.release.services;
  const release: Release = { context, members: [] };
  if (specs.length > 1) {
    release.poll = new SharedPoll(clients.ecs, {
      cluster: inputs.cluster,
      members: specs.map((spec) => spec.name),
      clock,
      windowMs: inputs.pollIntervalSeconds * 1000,
      cancel: signal,
      onServiceDeployment: (name, sd) => watchedFailing(release, name, sd),
    });
  }
  const current = await Promise.all(specs.map((spec) => serviceToDeploy(patientEcs(context), inputs.cluster, spec.name, clients.region)));
  const limit = limiter(inputs.release.maxParallelUpdates);
  release.members = current.map((service, index) => addMember(release, index, service, limit));
  for (const member of release.members) {
    logService(member.current);
    const path = member.spec.taskDefinitionPath;
    member.prepared = !inputs.release.listed ? context.prepared : path ? context.files!.get(path) : await currentRevision(context, member.current);
  }
  if (inputs.release.listed) {
    const prepared = release.members.map((member) => ({ service: member.spec.name, source: member.spec.taskDefinitionInput ? `'${member.spec.taskDefinitionInput}'` : `its current revision ${member.current.taskDefinition}`, prepared: member.prepared! }));
    checkOneDefinitionPerFamily(prepared);
    checkImagesUsed(inputs.containerImages, prepared.flatMap(({ prepared: one }) => (one.request.containerDefinitions ?? []).map((c) => c.name ?? '')));
    core.info(`The release: ${release.members.map((member) => `${member.spec.name} (${member.prepared!.request.family})`).join(', ')} in cluster '${inputs.cluster}'.`);
  }
  return release;
}

/**
 * What the shared poll saw of a service's own deployment: a rollback under way, or a breaker or
 * alarm that triggered, fails the release at once, before that service's watch has followed its
 * rollback to the end.
 */
function watchedFailing(release: Release, name: string, sd: ServiceDeployment): void {
  const member = release.members.find((one) => one.spec.name === name);
  // A service the release stopped, or rolls back itself, is not failing on its own.
  if (!member || member.settled || member.context.signal.aborted || member.releaseRollback) return;
  const failing = isRollbackStatus(sd.status) || sd.deploymentCircuitBreaker?.status === 'TRIGGERED' || sd.alarms?.status === 'TRIGGERED';
  if (failing) failRelease(release, member, `its deployment is failing (${sd.status}${sd.statusReason ? `: ${sd.statusReason}` : ''})`);
}
