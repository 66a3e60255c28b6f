/**
 * "Where the time went", at the end of every watched deployment (green or red): the critical
 * path from AWS's own timestamps, the advice this deploy's numbers support, and the
 * `deploy-timings` output. Loaded only when a deployment was watched; a failure to measure never
 * changes the verdict.
 */
import * as core from '@actions/core';
import type { Task } from '@aws-sdk/client-ecs';
import { lastSegment } from '../aws/arn.js';
import type { RunContext } from '../context.js';
import { errorMessage } from '../errors.js';
import { inert } from '../untrusted.js';
import type { WatchOutcome } from '../report/types.js';
import { advise, candidates, type AdviceInput, type Read, type TargetGroupSettings } from './advice.js';
import { breakdown, taskTimings, timedPhases, totals } from './breakdown.js';
import { CriticalPath, type TaskEvents } from './path.js';
import { Reads, readDeregistrationDelays, readHealthChecks, readImageSizes, readTasks } from './read.js';
import { logLines } from './text.js';
import type { DeployTimings } from './types.js';

/** The run's own moments are the runner's clock; only their durations are used (timings/breakdown.ts). */
export interface MeasuredRun {
  outcome: WatchOutcome;
  /** Before the revision step. */
  runStartedAt: number;
  /** Just before UpdateService. */
  updatedAt: number;
  /**
   * AWS's clock: when ECS created the deployment our UpdateService started (the answer's new
   * PRIMARY deployment); undefined when it started none (the service already ran the revision).
   */
  deploymentCreatedAt?: number;
  /** When the watch returned its verdict. */
  watchEndedAt: number;
  smoke?: { startedAt: number; endedAt: number };
}

export async function reportTimings(context: RunContext, run: MeasuredRun): Promise<void> {
  // A cancelled run starts nothing new; after an error no retry fixes, nothing more is sent.
  if (context.signal.aborted || run.outcome.endedOnError) return;
  await core.group('Where the time went', async () => {
    try {
      context.report.timings = await measure(context, run);
      // Labels and notes can carry AWS's free text (a stopped reason): never a workflow command.
      for (const line of logLines(context.report.timings)) core.info(inert(line));
    } catch (error) {
      core.info(inert(`The deploy timings could not be measured: ${errorMessage(error)}`));
    }
  });
}

/** A timestamp the SDK could not parse into a time is no time. */
function epoch(date: Date | undefined): number | undefined {
  const at = date?.getTime();
  return at !== undefined && Number.isFinite(at) ? at : undefined;
}

function toEvents(task: Task, role: TaskEvents['role'], loadBalanced: boolean): TaskEvents {
  return {
    id: lastSegment(task.taskArn ?? ''),
    role,
    createdAt: epoch(task.createdAt),
    pullStartedAt: epoch(task.pullStartedAt),
    pullStoppedAt: epoch(task.pullStoppedAt),
    startedAt: epoch(task.startedAt),
    stoppingAt: epoch(task.stoppingAt),
    stoppedAt: task.lastStatus === 'STOPPED' ? epoch(task.stoppedAt) : undefined,
    stoppedReason: task.stoppedReason,
    loadBalanced,
  };
}

const NOTHING_STARTED = 'ECS started no new deployment for this update (the service already ran the revision), so no task of ours is charted.';

async function measure(context: RunContext, run: MeasuredRun): Promise<DeployTimings> {
  const { inputs, clients, report, signal } = context;
  const { outcome } = run;
  const service = outcome.lastSeen?.service;
  const seen = outcome.lastSeen?.serviceDeployment;
  const ours = seen && seen.serviceDeploymentArn === outcome.serviceDeploymentArn ? seen : undefined;
  const deployment = service?.deployments?.find((candidate) => candidate.id === outcome.deploymentId);
  // AWS's clock throughout: the service deployment's own createdAt, else the deployment's; never the runner's.
  const deploymentStartedAt = run.deploymentCreatedAt === undefined ? undefined : (epoch(ours?.createdAt) ?? epoch(deployment?.createdAt) ?? run.deploymentCreatedAt);
  const reads = new Reads();
  if (deploymentStartedAt === undefined) reads.notes.push(NOTHING_STARTED);
  const where = { cluster: inputs.cluster, service: inputs.service!, deploymentId: outcome.deploymentId, taskDefinitionArn: report.taskDefinitionArn! };
  const listed = deploymentStartedAt === undefined ? { ours: [], replaced: [] } : await readTasks(reads, clients.ecs, { ...where, since: deploymentStartedAt }, signal);
  const targetGroupArns = [...new Set((service?.loadBalancers ?? []).flatMap((lb) => (lb.targetGroupArn ? [lb.targetGroupArn] : [])))];
  const loadBalanced = targetGroupArns.length > 0;
  const tasks = [...listed.ours.map((task) => toEvents(task, 'new', loadBalanced)), ...listed.replaced.map((task) => toEvents(task, 'old', loadBalanced))];
  const { segments, startedAt, endedAt } = breakdown({
    runStartedAt: run.runStartedAt,
    updatedAt: run.updatedAt,
    deploymentStartedAt,
    ecsEndedAt: epoch(ours?.finishedAt),
    endedAt: run.watchEndedAt,
    smoke: run.smoke,
    tasks,
    stages: outcome.timeline.flatMap((entry) => (entry.stage ? [{ stage: entry.stage, at: entry.at.getTime() }] : [])),
  });
  const strategy = ours?.deploymentConfiguration?.strategy ?? service?.deploymentConfiguration?.strategy ?? 'ROLLING';
  let phases = timedPhases(segments, report.result, inputs.runTask !== undefined);
  const wallSeconds = Math.round(segments.reduce((total, segment) => total + segment.to - segment.from, 0)) / 1000;
  const config = ours?.deploymentConfiguration ?? service?.deploymentConfiguration;
  const input: AdviceInput = {
    phases,
    wallSeconds,
    strategy,
    launchType: service?.launchType,
    desiredCount: service?.desiredCount ?? 0,
    maximumPercent: config?.maximumPercent ?? 200,
    minimumHealthyPercent: config?.minimumHealthyPercent ?? 100,
    healthCheckGracePeriodSeconds: service?.healthCheckGracePeriodSeconds,
    loadBalanced,
    stoppedReasons: Object.fromEntries(tasks.map((task) => [task.id, task.stoppedReason])),
    targetGroups: [],
    images: [],
  };
  const needed = new Set<Read>(candidates(input).flatMap((candidate) => candidate.reads));
  if (loadBalanced && (needed.has('attributes') || needed.has('targetGroups'))) input.targetGroups = await readTargetGroups(reads, context, targetGroupArns, needed);
  if (needed.has('images')) {
    const containers = listed.ours[0]?.containers ?? [];
    input.images = await readImageSizes(reads, clients.ecrFor, containers.map((c) => ({ container: c.name ?? '', image: c.image ?? '' })), signal);
    const bytes = input.images.reduce((total, image) => total + (image.bytes ?? 0), 0);
    for (const task of tasks) if (task.role === 'new' && bytes > 0) task.imageBytes = bytes;
    phases = timedPhases(segments, report.result, inputs.runTask !== undefined);
    input.phases = phases;
  }
  const path = new CriticalPath(tasks, deploymentStartedAt ?? startedAt);
  return {
    version: 1,
    outcome: report.result,
    strategy,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
    wallSeconds,
    phases,
    totals: totals(phases),
    tasks: taskTimings(tasks, (task) => (task.role === 'new' ? path.batchOf(task) : undefined)),
    advice: advise(input),
    notes: reads.notes,
    requests: reads.requests,
  };
}

async function readTargetGroups(reads: Reads, context: RunContext, arns: string[], needed: Set<Read>): Promise<TargetGroupSettings[]> {
  const elb = await context.clients.elbv2();
  const checks = needed.has('targetGroups') ? await readHealthChecks(reads, elb, arns, context.signal) : [];
  const delays = needed.has('attributes') ? await readDeregistrationDelays(reads, elb, arns, context.signal) : [];
  return arns.map((arn) => ({
    arn,
    name: arn.split('/')[1] ?? arn,
    ...checks.find((group) => group.arn === arn),
    ...delays.find((group) => group.arn === arn),
  }));
}
