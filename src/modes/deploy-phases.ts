/**
 * mode 'deploy' once every service is described (modes/deploy.ts): the release's phases
 * (src/release/ runs them for one or several services) and each service's here: the revision
 * (registered, reused or named), UpdateService, the watch to a verdict, the checks once the new
 * tasks run, and the rollback after a failed one; then the scheduled tasks.
 */
import * as core from '@actions/core';
import type { ContainerDefinition, Service } from '@aws-sdk/client-ecs';
import { lastSegment } from '../aws/arn.js';
import { mark, patientEcs, watchOptions, type RunContext } from '../context.js';
import type { EcrAnswers } from '../digests/record.js';
import type { Inputs } from '../inputs.js';
import type { SmokeOutcome, WatchOutcome } from '../report/types.js';
import { absorb } from '../report/absorb.js';
import { rollBackAfterSmoke } from '../rollback/redeploy.js';
import { watchDeployment, type WatchGates } from '../rollback/guarded-watch.js';
import { smokeGates } from '../rollback/smoke-gates.js';
import { ActionError } from '../errors.js';
import { glanceAfterCancel, where } from '../service/describe.js';
import { requireServiceDeployments } from '../service/deployments-api.js';
import { updateService } from '../service/update.js';
import { smokeSentence, verifyWithSmoke } from '../smoke/verify.js';
import { verifyImages } from '../task-definition/images.js';
import type { PreparedTaskDefinition } from '../task-definition/load.js';
import { WatchStopped } from '../watch/stopped.js';
import { updateTime } from '../watch/identify.js';
import { cancelledState, plural } from '../watch/wording.js';
import { warnIfDeadlineTooShort, warnIfPauseMayExpire } from '../watch/stages.js';
import { worstCaseOf, type PauseCheck } from '../rollback/pause-gate.js';
import { primaryOf } from '../watch/judge.js';
import { describeTaskDefinition, registerTaskDefinition, reusableRevision } from '../task-definition/register.js';
import { registerRevisions } from '../release/revisions.js';
import { deployMembers, runReleaseTask } from '../release/run.js';
import { closeRelease } from '../release/verdict.js';
import type { Release } from '../release/types.js';

/** The image digest check runs for a deployment to a service that the action watches. */
function checksDigests(inputs: Inputs): boolean {
  return inputs.verifyDigests && inputs.mode === 'deploy' && inputs.service !== undefined && inputs.waitForServiceStability;
}

async function recordDigests(context: RunContext, containers: ContainerDefinition[], answers: EcrAnswers): Promise<void> {
  if (checksDigests(context.inputs)) await (await import('../digests/phase.js')).recordDigests(context, containers, answers);
}

/**
 * verify-images: every ECR image of the revision exists, before any revision of the release is
 * registered; what ECR answered is what the digest check expects the tasks to run.
 */
export async function confirmImages(context: RunContext, prepared: PreparedTaskDefinition | undefined): Promise<void> {
  if (!prepared) return;
  const { inputs, clients } = context;
  const containers = prepared.request.containerDefinitions ?? [];
  const answers: EcrAnswers = { details: new Map(), notAsked: inputs.verifyImages ? undefined : "verify-images is 'false'" };
  if (inputs.verifyImages) {
    const checked = await verifyImages(containers, clients.ecrFor, (image, detail) => answers.details.set(image.container, { image, detail }));
    if (checked > 0) core.info(`${plural(checked, 'ECR image')} found.`);
  }
  await recordDigests(context, containers, answers);
}

export async function revisionToDeploy(context: RunContext, prepared: PreparedTaskDefinition | undefined, current: Service | undefined): Promise<void> {
  const { inputs, clients, report } = context;
  if (!prepared) {
    const { taskDefinition } = await describeTaskDefinition(patientEcs(context), inputs.taskDefinitionArn!, { inputName: 'task-definition-arn' });
    report.taskDefinitionArn = taskDefinition.taskDefinitionArn;
    report.registered = false;
    core.info(`Deploying the registered revision ${report.taskDefinitionArn}.`);
    await recordDigests(context, taskDefinition.containerDefinitions ?? [], { details: new Map(), notAsked: "the revision was named by 'task-definition-arn'" });
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
async function deployAndWatch(context: RunContext, current: Service, gates: WatchGates): Promise<{ outcome: WatchOutcome; updatedAt: Date; createdAt?: Date } | undefined> {
  const { inputs, clients, report, clock } = context;
  const cluster = inputs.cluster;
  const service = inputs.service!;
  const member = context.member!;
  if (context.signal.aborted) throw new ActionError(`Cancelled before updating ${where(cluster, service)}: nothing was changed, and the service runs ${current.taskDefinition}.`);
  if (inputs.waitForServiceStability) warnIfDeadlineTooShort(current.deploymentConfiguration, inputs.waitForMinutes);
  if (inputs.waitForServiceStability && gates.release) warnIfPauseMayExpire(current.deploymentConfiguration, gates.release.stages, worstCaseOf(gates.release));
  if (inputs.waitForServiceStability) await requireServiceDeployments(patientEcs(context), cluster, current, context.signal);
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
  const outcome = await core.group('Watching the deployment', () =>
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
        previousDeploymentId: primaryOf(current)?.id,
      },
      watchOptions(context),
      false,
      gates,
    ),
  );
  // AWS's stamp of the deployment our update started, which the timings join the runner's clock to.
  const time = updateTime(updated, report.taskDefinitionArn!, updatedAt, primaryOf(current)?.id);
  return { outcome, updatedAt, createdAt: time.clock === 'aws' ? time.at : undefined };
}

/** How long the digest check's reads may retry at a pause (digests/phase.ts), for the warning before deploying. */
const DIGEST_CHECK_WORST_MS = 60_000;

/** The image digest check at a pause: first, so a wrong image is answered ROLLBACK before anything runs in it. */
function digestCheckAtPause(context: RunContext): PauseCheck {
  return {
    name: 'the image digest check',
    worstCase: { ms: DIGEST_CHECK_WORST_MS, words: 'its reads, retried through transient faults for up to 60 seconds' },
    run: async (green) => (await import('../digests/phase.js')).digestsAtPause(context, green.deploymentId),
  };
}

/** A check at a pause of ours whose failure tells the release at once, so the other services stop. */
function tellingTheRelease(context: RunContext, check: PauseCheck): PauseCheck {
  return {
    ...check,
    run: async (green) => {
      const result = await check.run(green);
      if (!result.passed && !context.signal.aborted) context.member?.failing(result.sentence);
      return result;
    },
  };
}

/**
 * The pause gates of one service's deployment (rollback/smoke-gates.ts): at our pauses, the image
 * digest check and then the smoke check; at the pauses of a rollback the action makes, the smoke check.
 */
function serviceGates(context: RunContext, current: Service): WatchGates {
  const gates = smokeGates(context, current.desiredCount);
  if (!gates.release) return gates;
  const checks = [...(checksDigests(context.inputs) ? [digestCheckAtPause(context)] : []), ...gates.release.checks];
  return { ...gates, release: { ...gates.release, checks: checks.map((check) => tellingTheRelease(context, check)) } };
}

/** The smoke check in the tasks our deployment started, once it completed; a failure tells the release at once. */
async function smokeCheck(context: RunContext, deploymentId: string | undefined): Promise<SmokeOutcome> {
  const { report } = context;
  report.smoke = await verifyWithSmoke(context, report.taskDefinitionArn!, deploymentId);
  if (!report.smoke.passed && !context.signal.aborted) context.member?.failing(smokeSentence(report.smoke));
  return report.smoke;
}

/** One service of the release, from its UpdateService to its verdict (and its own rollback), then where its time went. */
export async function deployMember(context: RunContext, current: Service, runStartedAt: number): Promise<void> {
  const { inputs, report, clock } = context;
  const gates = serviceGates(context, current);
  const watched = await deployAndWatch(context, current, gates);
  if (!watched) {
    report.result = 'started';
    report.sentence = `Started deploying ${report.taskDefinitionArn} to ${where(inputs.cluster, inputs.service!)}; not waiting for it (wait-for-service-stability is 'false').`;
    return;
  }
  const watchEndedAt = clock.now();
  const smoke = await conclude(context, watched.outcome, gates);
  // Loaded here: only a watched deployment is measured.
  const { reportTimings } = await import('../timings/phase.js');
  await reportTimings(context, { outcome: watched.outcome, runStartedAt, updatedAt: watched.updatedAt.getTime(), deploymentCreatedAt: watched.createdAt?.getTime(), watchEndedAt, smoke });
}

/** The verdict, the checks after it and a rollback after a failed one; answers when the smoke check ran, if it did. */
async function conclude(context: RunContext, outcome: WatchOutcome, gates: WatchGates): Promise<{ startedAt: number; endedAt: number } | undefined> {
  const { inputs, report, clock } = context;
  absorb(report, outcome);
  if (report.digests && !report.digests.passed) {
    (await import('../digests/phase.js')).failedAtPause(context, outcome);
    return undefined;
  }
  if (report.smoke) {
    checkedAtPause(context, outcome);
    return undefined;
  }
  if (outcome.verdict !== 'deployed' || context.signal.aborted || (await digestsDecided(context, outcome, gates))) return undefined;
  if (!inputs.smoke || context.signal.aborted) return undefined;
  const startedAt = clock.now();
  await smokeCheck(context, outcome.deploymentId);
  const smoke = { startedAt, endedAt: clock.now() };
  mark(context, `Smoke check ${report.smoke!.cancelled ? 'stopped' : report.smoke!.passed ? 'passed' : 'failed'}`);
  if (context.signal.aborted) {
    await reportCancelledAfterDeploy(context, 'the smoke check');
    return smoke;
  }
  if (report.smoke!.passed) {
    report.sentence = `${outcome.sentence.replace(/\.$/, '')}, and ${smokeSentence(report.smoke!)}.`;
    return smoke;
  }
  await rollBackAfterSmoke(context, gates.rollback);
  return { startedAt, endedAt: clock.now() };
}

/** The image digest check once the deployment completed; true when it decided the run (a mismatch, or a cancel during it). */
async function digestsDecided(context: RunContext, outcome: WatchOutcome, gates: WatchGates): Promise<boolean> {
  if (!checksDigests(context.inputs) || context.report.digests) return false;
  const digests = await import('../digests/phase.js');
  const checked = await digests.verifyDigests(context, 'after-deploy', outcome.deploymentId);
  if (!checked && context.signal.aborted) {
    await reportCancelledAfterDeploy(context, 'the image digest check');
    return true;
  }
  if (!checked || checked.passed) return false;
  context.member?.failing(digests.digestSentence(checked));
  await (await import('../digests/rollback.js')).rollBackAfterDigests(context, gates.rollback);
  return true;
}

/** The smoke check ran at a pause, in the green tasks: its verdict decides the result. */
function checkedAtPause(context: RunContext, outcome: WatchOutcome): void {
  const { report } = context;
  const smoke = report.smoke!;
  if (smoke.passed) {
    const tasks = smoke.tasks.map((task) => lastSegment(task.taskArn)).join(', ');
    if (outcome.verdict === 'deployed') report.sentence = `${outcome.sentence.replace(/\.$/, '')}, and ${smokeSentence(smoke)} in the green tasks at the pause (task ${tasks}).`;
    return;
  }
  if (outcome.verdict === 'rolled-back') report.result = 'smoke-failed-rolled-back';
  else if (outcome.verdict !== 'superseded') report.result = 'smoke-failed';
}

/**
 * Cancelled during a check after the deployment: the revision is deployed but unverified. Nothing
 * is rolled back; one quick look at the service says what it runs. A service the release stopped
 * (another one failed) is put back by its state instead.
 */
async function reportCancelledAfterDeploy(context: RunContext, during: string): Promise<void> {
  if (context.signal.reason instanceof WatchStopped) return;
  const { inputs, clients, report } = context;
  const snapshot = await glanceAfterCancel(clients.ecs, inputs.cluster, inputs.service!);
  report.result = 'failed';
  report.sentence = `Cancelled during ${during}: ${report.taskDefinitionArn} was deployed but is not verified, and the action started no rollback. ${cancelledState(snapshot, false)}`;
  core.warning(report.sentence);
}

/** The release's phases, from the revisions to every service's verdict. */
async function deployRelease(context: RunContext, release: Release, runStartedAt: number): Promise<void> {
  await registerRevisions(release, { confirmImages, revisionToDeploy });
  if (context.inputs.runTask && !(await runReleaseTask(release))) return;
  if (release.members.length === 0) {
    const { report } = context;
    report.result = 'registered';
    report.sentence = `${report.registered ? 'Registered' : 'Reused'} ${report.taskDefinitionArn}; no service was given, so nothing was deployed.`;
    return;
  }
  await deployMembers(release, (member, current) => deployMember(member, current, runStartedAt));
}

/** The release after every service was described: its phases, its verdict, then the scheduled tasks. */
export async function deployOpenedRelease(context: RunContext, release: Release, runStartedAt: number): Promise<void> {
  try {
    await deployRelease(context, release, runStartedAt);
  } finally {
    // A release that ended early (the release task failed, an error) still gets an entry per service.
    closeRelease(release);
  }
  // Last, once the release has its verdict; loaded only when scheduled tasks are looked at.
  if (context.inputs.scheduledTasks === 'none') return;
  const deployed = release.members.length > 0 ? release.members.map((member) => member.context.report) : [context.report];
  await (await import('../schedules/after-deploy.js')).scheduledTasksAfterDeploy(context, deployed);
}
