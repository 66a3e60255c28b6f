/** mode 'run-task': the one-off task alone, with the service's current revision unless a file or task-definition-arn is given. */
import type { Service } from '@aws-sdk/client-ecs';
import type { RunContext } from '../context.js';
import { releaseTask } from '../release-task/phase.js';
import { logService, serviceToDeploy, where } from '../service/describe.js';
import { revisionToDeploy } from './deploy-phases.js';

export async function runTaskMode(context: RunContext): Promise<void> {
  const { inputs, clients, report } = context;
  let service: Service | undefined;
  if (inputs.service) {
    service = await serviceToDeploy(clients.ecs, inputs.cluster, inputs.service, clients.region);
    logService(service);
  }
  if (context.prepared || inputs.taskDefinitionArn) {
    await revisionToDeploy(context, context.prepared, service);
  } else {
    report.taskDefinitionArn = service!.taskDefinition;
    report.registered = false;
  }
  const passed = await releaseTask(context, report.taskDefinitionArn!, service, 'nothing else was changed');
  if (!passed) return;
  report.result = inputs.runTask!.waitForStop ? 'run-task-succeeded' : 'started';
  report.sentence = `The release task ${report.runTask?.taskArn?.split('/').pop()} of ${report.taskDefinitionArn?.split('/').pop()} ${inputs.runTask!.waitForStop ? 'succeeded' : 'started'}${inputs.service ? ` where ${where(inputs.cluster, inputs.service)} runs` : ''}: ${report.runTask?.reason}.`;
}
