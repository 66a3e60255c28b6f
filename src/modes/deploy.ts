/**
 * mode 'deploy': a release of one or several services (src/release/ runs the release's phases),
 * and the phases of each service here: the revision (registered, reused or named), UpdateService,
 * the watch to a verdict, the checks once the new tasks run, and the rollback after a failed one.
 */
import * as core from '@actions/core';
import type { Service } from '@aws-sdk/client-ecs';
import { mark, patientEcs, watchOptions, type RunContext } from '../context.js';
import type { SmokeOutcome, WatchOutcome } from '../report/types.js';
import { absorb } from '../report/absorb.js';
import { rollBackAfterSmoke } from '../rollback/redeploy.js';
import { watchDeployment } from '../rollback/guarded-watch.js';
import { ActionError } from '../errors.js';
import { glanceAfterCancel, where } from '../service/describe.js';
import { updateService } from '../service/update.js';
import { smokeSentence, verifyWithSmoke } from '../smoke/verify.js';
import { verifyImages } from '../task-definition/images.js';
import type { PreparedTaskDefinition } from '../task-definition/load.js';
import { WatchStopped } from '../watch/observer.js';
import { cancelledState } from '../watch/wording.js';
import { warnIfDeadlineTooShort } from '../watch/stages.js';
import type { PauseGate } from '../rollback/pause-gate.js';
import { describeTaskDefinition, registerTaskDefinition, reusableRevision } from '../task-definition/register.js';
import { openRelease } from '../release/open.js';
import { registerRevisions } from '../release/revisions.js';
import { deployMembers, runReleaseTask } from '../release/run.js';
import { closeRelease } from '../release/verdict.js';

/** verify-images: every ECR image of the revision exists, before any revision of the release is registered. */
export async function confirmImages(context: RunContext, prepared: PreparedTaskDefinition | undefined): Promise<void> {
  if (!prepared || !context.inputs.verifyImages) return;
  const checked = await verifyImages(prepared.request.containerDefinitions ?? [], context.clients.ecrFor);
  if (checked > 0) core.info(`${checked} ECR image(s) exist.`);
}

export async function revisionToDeploy(context: RunContext, prepared: PreparedTaskDefinition | undefined, current: Service | undefined): Promise<void> {
  const { inputs, clients, report } = context;
  if (!prepared) {
    const { taskDefinition } = await describeTaskDefinition(patientEcs(context), inputs.taskDefinitionArn!, { inputName: 'task-definition-arn' });
    report.taskDefinitionArn = taskDefinition.taskDefinitionArn;
    report.registered = false;
    core.info(`Deploying the registered revision ${report.taskDefinitionArn}.`);
    return;
  }
  const { request } = prepared;
  const reused = inputs.skipUnchanged ? await reusableRevision(patientEcs(context), request, current?.taskDefinition) : undefined;
  if (reused) {
    report.taskDefinitionArn = reused;
    report.registered = false;
    core.info(`The task definition equals the service's current revision ${reused}: reusing it (skip-unchanged).`);
    return;
  }
  report.taskDefinitionArn = await registerTaskDefinition(clients.ecs, request);
  report.registered = true;
  mark(context, `Registered ${report.taskDefinitionArn}`);
  core.info(`Registered ${report.taskDefinitionArn}.`);
}

/** UpdateService to `taskDefinitionArn`, then watch that deployment to its verdict. */
async function deployAndWatch(context: RunContext, current: Service): Promise<WatchOutcome | undefined> {
  const { inputs, clients, report, clock } = context;
  const cluster = inputs.cluster;
  const service = inputs.service!;
  const member = context.member!;
  if (context.signal.aborted) throw new ActionError(`Cancelled before updating ${where(cluster, service)}: nothing was changed, and the service runs ${current.taskDefinition}.`);
  if (inputs.waitForServiceStability) warnIfDeadlineTooShort(current.deploymentConfiguration, inputs.waitForMinutes);
  const { updatedAt, updated } = await core.group(`Updating ${where(cluster, service)}`, () =>
    member.update(async () => {
      const at = new Date(clock.now());
      const answer = await updateService(clients.ecs, {
        cluster,
        service,
        taskDefinitionArn: report.taskDefinitionArn!,
        current,
        inputs,
      });
      core.info(`UpdateService accepted: ${report.taskDefinitionArn}, force new deployment ${inputs.forceNewDeployment}, ECS Exec ${inputs.enableExecuteCommand}.`);
      return { updatedAt: at, updated: answer };
    }),
  );
  if (!inputs.waitForServiceStability) {
    mark(context, 'Deployment started');
    return undefined;
  }
  return core.group('Watching the deployment', () =>
    watchDeployment(
      member.pollEcs,
      {
        cluster,
        service,
        taskDefinitionArn: report.taskDefinitionArn!,
        previousTaskDefinitionArn: report.previousTaskDefinitionArn,
        previousCompleted: report.previousCompleted,
        updatedAt,
        updateResponse: updated,
        previousServiceDeploymentArn: current.currentServiceDeployment,
      },
      watchOptions(context),
      false,
      pauseGate(context),
    ),
  );
}

/**
 * smoke-stage 'auto' with a smoke command: the check runs at a PAUSE hook of our deployment, in
 * the green tasks, before the action answers the pause. Otherwise the action never answers one.
 */
function pauseGate(context: RunContext): PauseGate | undefined {
  const { inputs } = context;
  if (!hasChecksAfterTasksRun(context) || inputs.smokeStage !== 'auto') return undefined;
  return { verify: () => checksAfterTasksRun(context) };
}

/** Whether the service has a check to run once its new tasks run (today: a smoke command). */
function hasChecksAfterTasksRun(context: RunContext): boolean {
  return context.inputs.smoke !== undefined;
}

/**
 * The checks once the new revision's tasks run, at a PAUSE hook or after the deployment completed:
 * the smoke check. A check added here fails the service like a failed smoke check (at a pause:
 * ROLLBACK), and a failure tells the release at once.
 */
async function checksAfterTasksRun(context: RunContext): Promise<SmokeOutcome> {
  const { report } = context;
  report.smoke = await verifyWithSmoke(context, report.taskDefinitionArn!);
  if (!report.smoke.passed && !context.signal.aborted) context.member?.failing(smokeSentence(report.smoke));
  return report.smoke;
}

/** One service of the release, from its UpdateService to its verdict (and its own rollback). */
export async function deployMember(context: RunContext, current: Service): Promise<void> {
  const { inputs, report } = context;
  const outcome = await deployAndWatch(context, current);
  if (!outcome) {
    report.result = 'started';
    report.sentence = `Started deploying ${report.taskDefinitionArn} to ${where(inputs.cluster, inputs.service!)}; not waiting for it (wait-for-service-stability is 'false').`;
    return;
  }
  absorb(report, outcome);
  if (report.smoke) {
    checkedAtPause(context, outcome);
    return;
  }
  if (outcome.verdict !== 'deployed' || !hasChecksAfterTasksRun(context) || context.signal.aborted) return;
  await checksAfterTasksRun(context);
  mark(context, `Smoke check ${report.smoke!.passed ? 'passed' : 'failed'}`);
  if (context.signal.aborted) {
    // Stopped by the release (another service failed), the service is put back by its state instead.
    if (!(context.signal.reason instanceof WatchStopped)) await reportCancelledAfterDeploy(context);
    return;
  }
  if (report.smoke!.passed) {
    report.sentence = `${outcome.sentence.replace(/\.$/, '')}, and ${smokeSentence(report.smoke!)}.`;
    return;
  }
  await rollBackAfterSmoke(context);
}

/** The smoke check ran at a pause, in the green tasks: its verdict decides the result. */
function checkedAtPause(context: RunContext, outcome: WatchOutcome): void {
  const { report } = context;
  if (report.smoke!.passed) {
    if (outcome.verdict === 'deployed') report.sentence = `${outcome.sentence.replace(/\.$/, '')}, and ${smokeSentence(report.smoke!)} in the green tasks at the pause.`;
    return;
  }
  report.result = outcome.verdict === 'rolled-back' ? 'smoke-failed-rolled-back' : 'smoke-failed';
}

/**
 * Cancelled during the smoke check: the revision is deployed but unverified. Nothing is rolled
 * back; one quick look at the service says what it runs.
 */
async function reportCancelledAfterDeploy(context: RunContext): Promise<void> {
  const { inputs, clients, report } = context;
  const snapshot = await glanceAfterCancel(clients.ecs, inputs.cluster, inputs.service!);
  report.result = 'failed';
  report.sentence = `Cancelled during the smoke check: ${report.taskDefinitionArn} was deployed but is not verified, and the action started no rollback. ${cancelledState(snapshot, false)}`;
  core.warning(report.sentence);
}

export async function deployMode(context: RunContext): Promise<void> {
  const release = await openRelease(context);
  try {
    await registerRevisions(release, { confirmImages, revisionToDeploy });
    if (context.inputs.runTask && !(await runReleaseTask(release))) return;
    if (release.members.length === 0) {
      const { report } = context;
      report.result = 'registered';
      report.sentence = `${report.registered ? 'Registered' : 'Reused'} ${report.taskDefinitionArn}; no service was given, so nothing was deployed.`;
      return;
    }
    await deployMembers(release, deployMember);
    closeRelease(release);
  } finally {
    // A release that ended early (the release task failed, an error) still gets an entry per service.
    closeRelease(release);
  }
}
