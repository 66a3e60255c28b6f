/** What the staged-deployment runner tests (strategies*.test.js) read from the emulator's state. */
import { REVISION } from './run-case.js';

/** The tasks of the target revision, web:2. */
export const green = (state) => new Set(state.tasks.filter((task) => task.taskDefinitionArn === REVISION(2)).map((task) => task.taskArn));
/** The service deployment the run reported as its own. */
export const ours = (state, run) => state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === run.outputs['service-deployment-arn']);
/** The production traffic weights on green, in the order ECS set them. */
export const productionWeights = (sd) => sd.stagedHistory.filter((entry) => 'productionOnGreen' in entry).map((entry) => entry.productionOnGreen);
