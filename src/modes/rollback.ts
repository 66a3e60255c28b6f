/** mode 'rollback': return the service to 'previous' or a named revision, and watch that deployment. */
import * as core from '@actions/core';
import { patientEcs, watchOptions, type RunContext } from '../context.js';
import { absorb } from '../report/absorb.js';
import { redeploy } from '../rollback/redeploy.js';
import { smokeGates } from '../rollback/smoke-gates.js';
import { resolveRollbackTarget } from '../rollback/target.js';
import { where } from '../service/describe.js';

export async function rollbackMode(context: RunContext): Promise<void> {
  const { inputs, clients, report } = context;
  const service = inputs.service!;
  const { target, current, currentServiceDeployment } = await core.group('Rollback target', () =>
    resolveRollbackTarget(patientEcs(context), inputs.cluster, service, inputs.rollbackTo, clients.region),
  );
  report.previousTaskDefinitionArn = current;
  report.taskDefinitionArn = target;
  report.registered = false;
  core.info(`Rolling ${where(inputs.cluster, service)} back from ${current} to ${target}.`);
  // Another run may deploy between reading the target and redeploying: the redeploy then writes nothing.
  const expect = { serviceDeploymentArn: currentServiceDeployment, taskDefinitionArn: current, what: `${where(inputs.cluster, service)} was to be rolled back from ${current}` };
  const request = { cluster: inputs.cluster, service, taskDefinitionArn: target, reason: `mode rollback (rollback-to: ${inputs.rollbackTo})`, region: clients.region, expect };
  // The redeploy's pauses: checked with the smoke command (smoke-stage auto), else continued.
  const { rollback } = smokeGates(context, undefined);
  const outcome = await core.group(`Redeploying ${target}`, () => redeploy(clients.ecs, request, watchOptions(context), rollback));
  absorb(report, outcome);
}
