// @ts-check
// ExecuteCommand: the checks ECS makes before it hands out an Exec session (reference
// ecs-deployments.md "ECS Exec prerequisites"), then a session from the exec/ data channel.
import { ApiError, invalidParameter } from '../core/errors.js';
import { behaviourOf } from './behaviours.js';
import { findTask } from './lookups.js';
/** @typedef {import('./engine.js').Engine} Engine */

const EXEC_NOT_ENABLED = 'The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again.';


/**
 * @param {{ engine: Engine, exec: import('../exec/index.js').ExecChannel, baseUrl: () => string }} context
 * @param {any} input
 */
export async function executeCommand({ engine, exec, baseUrl }, input) {
  const cluster = engine.cluster(input.cluster);
  if (input.interactive !== true) throw invalidParameter('Interactive is the only mode supported currently.');
  if (typeof input.command !== 'string' || input.command === '') throw invalidParameter('Command cannot be empty.');
  const task = findTask(engine, cluster, input.task ?? '');
  if (!task) throw invalidParameter('The specified task was not found.');
  const api = task.api;
  if (api.lastStatus !== 'RUNNING' || api.desiredStatus !== 'RUNNING') {
    throw invalidParameter('The execute command failed because the task is not in RUNNING state.');
  }
  if (!api.enableExecuteCommand) throw invalidParameter(EXEC_NOT_ENABLED);
  const containers = api.containers;
  if (input.container === undefined && containers.length > 1) {
    throw invalidParameter('The container name must be specified because the task has more than one container.');
  }
  const container = input.container === undefined ? containers[0] : containers.find((/** @type {any} */ c) => c.name === input.container);
  if (!container) throw invalidParameter(`The container ${input.container} does not exist in the task.`);
  const agent = container.managedAgents?.find((/** @type {any} */ a) => a.name === 'ExecuteCommandAgent');
  if (agent?.lastStatus === 'STOPPED') throw new ApiError(400, 'TargetNotConnectedException', 'The execute command failed due to an internal error. Try again later.');
  if (agent?.lastStatus !== 'RUNNING') throw invalidParameter(EXEC_NOT_ENABLED);
  const session = exec.createSession({
    baseUrl: baseUrl(),
    clusterArn: cluster.arn,
    taskArn: api.taskArn,
    taskId: api.taskArn.split('/').pop(),
    containerName: container.name,
    // The client builds the KMS encryption context's target from the runtimeId DescribeTasks shows.
    runtimeId: container.runtimeId,
    command: input.command,
    environment: engine.taskDefinitions.find(api.taskDefinitionArn)?.taskDefinition.containerDefinitions.find((/** @type {any} */ c) => c.name === container.name)?.environment ?? [],
    behaviour: behaviourOf(engine.scenario.behaviours ?? {}, container.image),
    kmsKeyId: cluster.kmsKeyId,
    region: engine.region,
    account: engine.account,
  });
  return {
    clusterArn: cluster.arn,
    containerArn: container.containerArn,
    containerName: container.name,
    interactive: true,
    session,
    taskArn: api.taskArn,
  };
}
