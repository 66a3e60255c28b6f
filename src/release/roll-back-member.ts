/**
 * The release's rollback of a service that did not fail itself: the service is read, the rule
 * for the state it is in (rollback-rules.ts) decides, and only then is anything written, with
 * the writes of src/rollback/. Every way ends in what the service runs now.
 */
import * as core from '@actions/core';
import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { shortRevision } from '../aws/arn.js';
import { isServiceDeploymentsUnavailable } from '../aws/errors.js';
import { retryingClient, type RetryBudget } from '../aws/retry.js';
import { mark, watchOptions, type RunContext } from '../context.js';
import { errorMessage } from '../errors.js';
import { continueDeployment } from '../rollback/pause-gate.js';
import { redeploy } from '../rollback/redeploy.js';
import { smokeGates } from '../rollback/smoke-gates.js';
import { stopWithRollback } from '../rollback/writes.js';
import { currentService, describeServiceDeployment } from '../service/describe.js';
import { rollbackState, type RollbackState } from '../watch/judge.js';
import { DeploymentObserver } from '../watch/observer.js';
import { duration } from '../watch/wording.js';
import { ourServiceDeployment, rollbackPlan, type MemberFacts, type RollbackPlan } from './rollback-rules.js';
import type { Member, Release, ReleaseRollback } from './types.js';

interface Read {
  service: Service;
  facts: MemberFacts;
}

async function readMember(context: RunContext, member: Member, budget: RetryBudget): Promise<Read> {
  const { inputs, clients, report } = context;
  const ecs = retryingClient(clients.ecs, `Reading service '${member.spec.name}'`, budget);
  const service = await currentService(ecs, inputs.cluster, member.spec.name, budget.signal);
  const facts: MemberFacts = {
    updateSent: member.updateSent,
    revision: report.taskDefinitionArn!,
    previous: report.previousTaskDefinitionArn,
    previousCompleted: report.previousCompleted,
    previousServiceDeploymentArn: member.current.currentServiceDeployment,
    ours: report.serviceDeploymentArn,
    service,
  };
  const ours = ourServiceDeployment(facts);
  let serviceDeployment: ServiceDeployment | undefined;
  try {
    serviceDeployment = ours ? await describeServiceDeployment(ecs, ours, budget.signal) : undefined;
  } catch (error) {
    if (!isServiceDeploymentsUnavailable(error)) throw error;
  }
  return { service, facts: { ...facts, ours, serviceDeployment } };
}

/** Follows the rollback of our service deployment (requested by the release, or by ECS) to its end. */
async function followRollback(context: RunContext, read: Read, arn: string): Promise<ReleaseRollback> {
  const { inputs, clock } = context;
  const options = watchOptions(context);
  const target = {
    cluster: inputs.cluster,
    service: read.service.serviceName!,
    taskDefinitionArn: read.facts.revision,
    previousTaskDefinitionArn: read.facts.previous,
    updatedAt: new Date(clock.now()),
    updateResponse: read.service,
  };
  const observer = new DeploymentObserver(context.member!.pollEcs, target, options, undefined, true);
  observer.serviceDeploymentArn = arn;
  observer.deploymentId = read.service.deployments?.find((deployment) => deployment.taskDefinition === read.facts.revision)?.id;
  const result = await observer.poll<Exclude<RollbackState, { state: 'running' }>>(clock.now() + options.timeoutMs, (snapshot) => {
    const state = rollbackState(snapshot, observer.deploymentId);
    return state.state === 'running' ? undefined : state;
  });
  const runs = (): string => shortRevision(observer.last?.service.taskDefinition ?? read.service.taskDefinition);
  context.report.runningTaskDefinition = observer.last?.service.taskDefinition ?? read.service.taskDefinition;
  if (result.kind === 'cancelled') return { ended: 'cancelled', sentence: (await observer.cancelled(`following the rollback of ${observer.what}`)).sentence };
  if (result.kind === 'fatal') return { ended: 'failed', sentence: observer.fatal(result.error, `following the rollback of ${observer.what}`).sentence };
  if (result.kind === 'timeout') return { ended: 'failed', sentence: `its rollback did not finish within ${duration(options.timeoutMs)}; it is on ${runs()}` };
  if (result.value.state === 'failed') return { ended: 'failed', sentence: `its rollback failed (${result.value.reason}); it is on ${runs()}` };
  context.report.rolledBackTo = result.value.to;
  context.report.runningTaskDefinition = result.value.to;
  return { ended: 'rolled-back', sentence: `rolled back to ${shortRevision(result.value.to)}, which it runs now` };
}

async function carryOut(release: Release, context: RunContext, read: Read, plan: Exclude<RollbackPlan, { action: 'none' }>, budget: RetryBudget): Promise<ReleaseRollback> {
  const { inputs, clients, report } = context;
  const name = read.service.serviceName!;
  if (plan.action === 'redeploy') {
    core.info(`Rolling back ${name}: its deployment had completed, so UpdateService to ${shortRevision(plan.to)}, the revision it ran before the release.`);
    const reason = `the release failed (${release.failure?.service}: ${release.failure?.why})`;
    // Another run may have deployed since the read: redeploy() checks again right before it writes.
    const expect = { serviceDeploymentArn: report.serviceDeploymentArn, taskDefinitionArn: report.taskDefinitionArn!, what: `${report.taskDefinitionArn} was deployed by the release, which then failed` };
    const request = { cluster: inputs.cluster, service: name, taskDefinitionArn: plan.to, reason, region: clients.region, expect };
    // A pause of this rollback is answered (with the smoke check when the service has one), so ECS cannot put the release's revision back at expiry.
    const gate = smokeGates(context, read.service.desiredCount).rollback;
    const outcome = await redeploy(context.member!.pollEcs, request, watchOptions(context), gate);
    report.runningTaskDefinition = outcome.runningTaskDefinition;
    if (outcome.verdict === 'superseded') return { ended: 'superseded', sentence: outcome.sentence.replace(/\.$/, '') };
    report.rollback = outcome;
    if (outcome.verdict !== 'deployed') return { ended: 'failed', sentence: `its rollback to ${shortRevision(plan.to)} ended '${outcome.verdict}': ${outcome.sentence}` };
    report.rolledBackTo = plan.to;
    return { ended: 'rolled-back', sentence: `rolled back to ${shortRevision(plan.to)}, which it runs now` };
  }
  if (plan.action === 'continue') {
    core.info(`Rolling back ${name}: ContinueServiceDeployment ${plan.serviceDeploymentArn} hook ${plan.hookId} with action ROLLBACK (it is paused at ${plan.stage}).`);
    await continueDeployment(clients.ecs, plan.serviceDeploymentArn, plan.hookId, 'ROLLBACK', budget);
  } else if (plan.action === 'stop') {
    core.info(`Rolling back ${name}: StopServiceDeployment ${plan.serviceDeploymentArn} with stopType ROLLBACK (its deployment is in progress).`);
    await stopWithRollback(clients.ecs, plan.serviceDeploymentArn, budget);
  } else {
    core.info(`${name}: its deployment is already rolling back (${read.facts.serviceDeployment?.status}); following it.`);
  }
  return followRollback(context, read, plan.serviceDeploymentArn);
}

/**
 * Puts `member` back after another service failed. It runs under the run's cancel only (the
 * member's own signal was aborted to stop it), and starts nothing once the run is cancelled.
 */
export async function rollBackMember(release: Release, member: Member): Promise<ReleaseRollback> {
  const run = release.context;
  const context: RunContext = { ...member.context, signal: run.signal };
  const { report, clock } = context;
  if (run.signal.aborted) return { ended: 'cancelled', sentence: 'the run was cancelled before its rollback, so the action started none' };
  const budget = { clock, signal: run.signal, deadline: clock.now() + context.inputs.waitForMinutes * 60_000 };
  let read: Read;
  try {
    read = await readMember(context, member, budget);
  } catch (error) {
    return { ended: 'failed', sentence: `it could not be read before its rollback, so nothing was written to it: ${errorMessage(error)}` };
  }
  report.runningTaskDefinition = read.service.taskDefinition;
  const plan = rollbackPlan(read.facts);
  if (plan.action === 'none') {
    core.info(`${member.spec.name}: ${plan.why}; nothing was written to it.`);
    return { ended: plan.ended, sentence: `${plan.why}; nothing was written to it, and it runs ${shortRevision(read.service.taskDefinition)}` };
  }
  mark(context, 'Release rollback started');
  try {
    return await carryOut(release, context, read, plan, budget);
  } catch (error) {
    core.error(`ROLLBACK FAILED: service ${member.spec.name} is on ${report.runningTaskDefinition ?? '(unknown)'}: ${errorMessage(error)} Deploy a working revision by hand.`);
    return { ended: 'failed', sentence: `its rollback failed (${errorMessage(error)}); it is on ${shortRevision(report.runningTaskDefinition)}` };
  } finally {
    release.poll?.leave(member.spec.name);
  }
}
