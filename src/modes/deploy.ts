/**
 * mode 'deploy': the revision (registered, reused or named), UpdateService, the watch to a
 * verdict, the smoke check, and the rollback after a failed one.
 */
import * as core from '@actions/core';
import type { Service } from '@aws-sdk/client-ecs';
import { mark, patientEcs, watchOptions, type RunContext } from '../context.js';
import type { WatchOutcome } from '../report/types.js';
import { absorb } from '../report/absorb.js';
import { releaseTask } from '../release-task/phase.js';
import { rollBackAfterSmoke } from '../rollback/redeploy.js';
import { watchDeployment } from '../rollback/guarded-watch.js';
import { ActionError } from '../errors.js';
import { glanceAfterCancel, logService, serviceToDeploy, where } from '../service/describe.js';
import { updateService } from '../service/update.js';
import { smokeSentence, verifyWithSmoke } from '../smoke/verify.js';
import { verifyImages } from '../task-definition/images.js';
import type { PreparedTaskDefinition } from '../task-definition/load.js';
import { deploymentCompleted, primaryOf } from '../watch/judge.js';
import { cancelledState } from '../watch/wording.js';
import { warnIfDeadlineTooShort } from '../watch/stages.js';
import type { PauseGate } from '../rollback/pause-gate.js';
import { describeTaskDefinition, registerTaskDefinition, reusableRevision } from '../task-definition/register.js';

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
  if (inputs.verifyImages) {
    const checked = await verifyImages(request.containerDefinitions ?? [], clients.ecrFor);
    if (checked > 0) core.info(`${checked} ECR image(s) exist.`);
  }
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
  if (context.signal.aborted) throw new ActionError(`Cancelled before updating ${where(cluster, service)}: nothing was changed, and the service runs ${current.taskDefinition}.`);
  if (inputs.waitForServiceStability) warnIfDeadlineTooShort(current.deploymentConfiguration, inputs.waitForMinutes);
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
    mark(context, 'Deployment started');
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
        previousCompleted: report.previousCompleted,
        updatedAt,
        updateResponse: updated,
        previousServiceDeploymentArn: current.currentServiceDeployment,
        previousDeploymentId: primaryOf(current)?.id,
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
  const { inputs, report } = context;
  if (!inputs.smoke || inputs.smokeStage !== 'auto') return undefined;
  return {
    verify: async () => {
      report.smoke = await verifyWithSmoke(context, report.taskDefinitionArn!);
      return report.smoke;
    },
  };
}

export async function deployMode(context: RunContext): Promise<void> {
  const { inputs, clients, report, prepared } = context;
  const current = inputs.service ? await serviceToDeploy(patientEcs(context), inputs.cluster, inputs.service, clients.region) : undefined;
  if (current) {
    logService(current);
    report.previousTaskDefinitionArn = current.taskDefinition;
    report.previousCompleted = deploymentCompleted(current);
  }
  await core.group('Revision', () => revisionToDeploy(context, prepared, current));
  if (inputs.runTask && !(await releaseTask(context, report.taskDefinitionArn!, current, current ? `the service was not updated and runs ${current.taskDefinition}` : 'nothing was deployed'))) return;
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
  if (report.smoke) {
    checkedAtPause(context, outcome);
    return;
  }
  if (outcome.verdict !== 'deployed' || !inputs.smoke || context.signal.aborted) return;
  report.smoke = await verifyWithSmoke(context, report.taskDefinitionArn!);
  mark(context, `Smoke check ${report.smoke.passed ? 'passed' : 'failed'}`);
  if (context.signal.aborted) {
    await reportCancelledAfterDeploy(context);
    return;
  }
  if (report.smoke.passed) {
    report.sentence = `${outcome.sentence.replace(/\.$/, '')}, and ${smokeSentence(report.smoke)}.`;
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
