/** mode 'smoke': the smoke check alone, on the tasks of the revision the service runs now. */
import { patientEcs, type RunContext } from '../context.js';
import { logService, serviceToDeploy, where } from '../service/describe.js';
import { smokeSentence, verifyWithSmoke } from '../smoke/verify.js';

export async function smokeMode(context: RunContext): Promise<void> {
  const { inputs, clients, report } = context;
  const current = await serviceToDeploy(patientEcs(context), inputs.cluster, inputs.service!, clients.region);
  logService(current);
  report.taskDefinitionArn = current.taskDefinition;
  report.runningTaskDefinition = current.taskDefinition;
  report.smoke = await verifyWithSmoke(context, current.taskDefinition!);
  report.result = report.smoke.passed ? 'smoke-passed' : 'smoke-failed';
  report.sentence = `On ${where(inputs.cluster, inputs.service!)} (running ${current.taskDefinition}), ${smokeSentence(report.smoke)}.`;
}
