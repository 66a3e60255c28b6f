/**
 * The three modes as sequences of phases. Each returns a RunReport; main.ts turns it into
 * outputs, the job summary and the step's status.
 */
import * as core from '@actions/core';
import type { Service } from '@aws-sdk/client-ecs';
import type { Clients } from './aws.js';
import { errorMessage } from './errors.js';
import type { Clock } from './clock.js';
import {
  describeService,
  describeTaskDefinition,
  logService,
  registerTaskDefinition,
  reusableRevision,
  updateService,
  where,
} from './deploy.js';
import { verifyImages } from './images.js';
import type { Inputs } from './inputs.js';
import type { RunReport, SmokeOutcome, TimelineEntry, WatchOutcome } from './report.js';
import { redeploy, resolveRollbackTarget } from './rollback.js';
import { parseTaskDefinitionText, prepareTaskDefinition, readTaskDefinitionFile, type PreparedTaskDefinition } from './task-definition.js';
import { watchDeployment, type WatchOptions } from './watch.js';

export interface FlowContext {
  inputs: Inputs;
  /** The checked task definition file, in mode 'deploy' with 'task-definition'. */
  prepared?: PreparedTaskDefinition;
  clients: Clients;
  clock: Clock;
  signal: AbortSignal;
  /** Set by the flows as they learn things, so a failure or a cancellation can still report them. */
  report: RunReport;
}

function mark(report: RunReport, label: string, clock: Clock): void {
  report.timeline.push({ label, at: new Date(clock.now()) } satisfies TimelineEntry);
}

function watchOptions(context: FlowContext): WatchOptions {
  const { inputs, clock, signal } = context;
  return {
    timeoutMs: inputs.waitForMinutes * 60_000,
    pollIntervalMs: inputs.pollIntervalSeconds * 1000,
    rollbackOnFailure: inputs.rollbackOnFailure,
    clock,
    signal,
  };
}

/** Reads, checks and normalizes the file; no AWS call happens before this has passed. */
export async function loadTaskDefinition(inputs: Inputs): Promise<PreparedTaskDefinition> {
  const { text, shown } = await readTaskDefinitionFile(inputs.taskDefinitionPath!);
  const parsed = await parseTaskDefinitionText(text, shown);
  const tags = inputs.taskDefinitionTags.map(({ key, value }) => ({ key, value }));
  const prepared = prepareTaskDefinition(parsed, shown, inputs.containerImages, tags);
  if (prepared.dropped.length > 0) {
    core.notice(`Dropped fields that only describe-task-definition returns: ${prepared.dropped.join(', ')}.`);
  }
  const placeholders = (prepared.request.containerDefinitions ?? [])
    .filter((c) => /[<>]|\{\{|\$\{/.test(c.image ?? ''))
    .map((c) => `${c.name}=${c.image}`);
  if (placeholders.length > 0) {
    core.warning(`These images look like unfilled template placeholders: ${placeholders.join(', ')}. Set them with 'container-images'.`);
  }
  return prepared;
}

async function revisionToDeploy(
  context: FlowContext,
  prepared: PreparedTaskDefinition | undefined,
  current: Service | undefined,
): Promise<void> {
  const { inputs, clients, report, clock } = context;
  if (!prepared) {
    const { taskDefinition } = await describeTaskDefinition(clients.ecs, inputs.taskDefinitionArn!, { inputName: 'task-definition-arn' });
    report.taskDefinitionArn = taskDefinition.taskDefinitionArn;
    report.registered = false;
    core.info(`Deploying the registered revision ${report.taskDefinitionArn}.`);
    return;
  }
  const { request } = prepared;
  if (inputs.verifyImages) {
    const checked = await verifyImages(request.containerDefinitions ?? [], clients.ecrFor);
    if (checked > 0) core.info(`${checked} ECR image(s) exist.`);
  }
  const reused = inputs.skipUnchanged ? await reusableRevision(clients.ecs, request, current?.taskDefinition) : undefined;
  if (reused) {
    report.taskDefinitionArn = reused;
    report.registered = false;
    core.info(`The task definition equals the service's current revision ${reused}: reusing it (skip-unchanged).`);
    return;
  }
  report.taskDefinitionArn = await registerTaskDefinition(clients.ecs, request);
  report.registered = true;
  mark(report, `Registered ${report.taskDefinitionArn}`, clock);
  core.info(`Registered ${report.taskDefinitionArn}.`);
}

/** UpdateService to `taskDefinitionArn`, then watch that deployment to its verdict. */
async function deployAndWatch(context: FlowContext, current: Service): Promise<WatchOutcome | undefined> {
  const { inputs, clients, report, clock } = context;
  const cluster = inputs.cluster;
  const service = inputs.service!;
  const updatedAt = new Date(clock.now());
  const updated = await core.group(`Updating ${where(cluster, service)}`, async () => {
    const answer = await updateService(clients.ecs, {
      cluster,
      service,
      taskDefinitionArn: report.taskDefinitionArn!,
      current,
      inputs,
    });
    core.info(`UpdateService accepted: ${report.taskDefinitionArn}, force new deployment ${inputs.forceNewDeployment}, ECS Exec ${inputs.enableExecuteCommand}.`);
    return answer;
  });
  if (!inputs.waitForServiceStability) {
    mark(report, 'Deployment started', clock);
    return undefined;
  }
  return core.group('Watching the deployment', () =>
    watchDeployment(
      clients.ecs,
      {
        cluster,
        service,
        taskDefinitionArn: report.taskDefinitionArn!,
        previousTaskDefinitionArn: report.previousTaskDefinitionArn,
        updatedAt,
        updateResponse: updated,
        previousServiceDeploymentArn: current.currentServiceDeployment,
      },
      watchOptions(context),
    ),
  );
}

function absorb(report: RunReport, outcome: WatchOutcome): void {
  report.result = outcome.verdict;
  report.sentence = outcome.sentence;
  report.serviceDeploymentArn = outcome.serviceDeploymentArn;
  report.rolledBackTo = outcome.rolledBackTo;
  report.runningTaskDefinition = outcome.runningTaskDefinition;
  report.events.push(...outcome.events);
  report.timeline.push(...outcome.timeline);
  report.explanation.push(...outcome.explanation);
}

/**
 * Runs the smoke check. A check that cannot run at all proves nothing, so it is an outcome
 * that failed (with the reason), handled like a failing command: the revision is unverified.
 */
async function smokeCheck(context: FlowContext, taskDefinitionArn: string): Promise<SmokeOutcome> {
  const { inputs, clients, clock, signal } = context;
  const command = inputs.smoke!.command;
  // Loaded on demand: the exec client (and KMS) cost start-up time for steps without a smoke check.
  const { runSmokeCheck } = await import('./smoke.js');
  return core.group(`Smoke check: ${command}`, async () => {
    try {
      return await runSmokeCheck(
        clients.ecs,
        { cluster: inputs.cluster, service: inputs.service!, taskDefinitionArn, smoke: inputs.smoke!, region: clients.region },
        { clock, signal },
      );
    } catch (error) {
      core.error(`The smoke check could not run: ${errorMessage(error)}`);
      return { passed: false, command, tasks: [], error: errorMessage(error) };
    }
  });
}

function smokeSentence(smoke: SmokeOutcome): string {
  if (smoke.error) return `the smoke check could not run (${smoke.error.replace(/\.$/, '')})`;
  const failed = smoke.tasks.filter((task) => !task.passed);
  if (failed.length === 0) return `the smoke check passed on ${smoke.tasks.length} task(s)`;
  return `the smoke check failed on ${failed.length} of ${smoke.tasks.length} task(s) (${failed[0].reason})`;
}

/** After a failed smoke check: put the service back on the revision it ran before. */
async function rollBackAfterSmoke(context: FlowContext): Promise<void> {
  const { inputs, clients, report } = context;
  const previous = report.previousTaskDefinitionArn;
  const smokeText = smokeSentence(report.smoke!);
  if (!inputs.rollbackOnFailure || !previous || previous === report.taskDefinitionArn) {
    report.result = 'smoke-failed';
    const why = !inputs.rollbackOnFailure ? "rollback-on-failure is 'false'" : 'there is no earlier revision to return to';
    report.sentence = `Deployed ${report.taskDefinitionArn} but ${smokeText}; not rolled back (${why}). The service runs ${report.taskDefinitionArn}.`;
    return;
  }
  core.error(`Smoke check failed: rolling back ${where(inputs.cluster, inputs.service!)} to ${previous}.`);
  const rollback = await core.group(`Rolling back to ${previous}`, () =>
    redeploy(clients.ecs, { cluster: inputs.cluster, service: inputs.service!, taskDefinitionArn: previous, reason: 'smoke check failed' }, watchOptions(context)),
  );
  report.rollback = rollback;
  report.runningTaskDefinition = rollback.runningTaskDefinition;
  report.events.push(...rollback.events);
  report.timeline.push(...rollback.timeline.map((entry) => ({ ...entry, label: `Rollback: ${entry.label.toLowerCase()}` })));
  if (rollback.verdict === 'deployed') {
    report.result = 'smoke-failed-rolled-back';
    report.rolledBackTo = previous;
    report.sentence = `Rolled back: ${smokeText}, so ${where(inputs.cluster, inputs.service!)} was returned to ${previous}, which it runs now.`;
  } else {
    report.result = 'smoke-failed';
    report.sentence = `FAILED and NOT rolled back: ${smokeText}, and the rollback to ${previous} ended '${rollback.verdict}': ${rollback.sentence}`;
    core.error(report.sentence);
  }
}

export async function deployMode(context: FlowContext): Promise<void> {
  const { inputs, clients, report, clock, prepared } = context;
  const current = inputs.service
    ? await describeService(clients.ecs, inputs.cluster, inputs.service)
    : undefined;
  if (current) {
    logService(current);
    report.previousTaskDefinitionArn = current.taskDefinition;
  }
  await core.group('Revision', () => revisionToDeploy(context, prepared, current));
  if (!current) {
    report.result = 'registered';
    report.sentence = `${report.registered ? 'Registered' : 'Reused'} ${report.taskDefinitionArn}; no service was given, so nothing was deployed.`;
    return;
  }
  const outcome = await deployAndWatch(context, current);
  if (!outcome) {
    report.result = 'started';
    report.sentence = `Started deploying ${report.taskDefinitionArn} to ${where(inputs.cluster, inputs.service!)}; not waiting for it (wait-for-service-stability is 'false').`;
    return;
  }
  absorb(report, outcome);
  if (outcome.verdict !== 'deployed' || !inputs.smoke || context.signal.aborted) return;
  report.smoke = await smokeCheck(context, report.taskDefinitionArn!);
  mark(report, `Smoke check ${report.smoke.passed ? 'passed' : 'failed'}`, clock);
  if (report.smoke.passed) {
    report.sentence = `${outcome.sentence.replace(/\.$/, '')}, and ${smokeSentence(report.smoke)}.`;
    return;
  }
  await rollBackAfterSmoke(context);
}

export async function rollbackMode(context: FlowContext): Promise<void> {
  const { inputs, clients, report } = context;
  const service = inputs.service!;
  const { target, current } = await core.group('Rollback target', () =>
    resolveRollbackTarget(clients.ecs, inputs.cluster, service, inputs.rollbackTo),
  );
  report.previousTaskDefinitionArn = current;
  report.taskDefinitionArn = target;
  report.registered = false;
  core.info(`Rolling ${where(inputs.cluster, service)} back from ${current} to ${target}.`);
  const outcome = await core.group(`Redeploying ${target}`, () =>
    redeploy(clients.ecs, { cluster: inputs.cluster, service, taskDefinitionArn: target, reason: `mode rollback (rollback-to: ${inputs.rollbackTo})` }, watchOptions(context)),
  );
  absorb(report, outcome);
}

export async function smokeMode(context: FlowContext): Promise<void> {
  const { inputs, clients, report } = context;
  const current = await describeService(clients.ecs, inputs.cluster, inputs.service!);
  logService(current);
  report.taskDefinitionArn = current.taskDefinition;
  report.runningTaskDefinition = current.taskDefinition;
  report.smoke = await smokeCheck(context, current.taskDefinition!);
  report.result = report.smoke.passed ? 'smoke-passed' : 'smoke-failed';
  report.sentence = `On ${where(inputs.cluster, inputs.service!)} (running ${current.taskDefinition}), ${smokeSentence(report.smoke)}.`;
}
