// @ts-check
/**
 * What a running container writes to CloudWatch Logs through the awslogs driver: the stream
 * `<awslogs-stream-prefix>/<container name>/<task id>` in `awslogs-group`, created when the
 * container starts (ECS Developer Guide, "Send Amazon ECS logs to CloudWatch"). Without a
 * prefix, or with another driver, nothing reaches a stream the action could name.
 */
/** @typedef {import('./engine.js').Engine} Engine */

/**
 * @param {Engine} engine @param {import('./tasks.js').Task} task @param {string} containerName
 * @param {{ afterSeconds: number, message: string }[]} lines simulated seconds after the container started
 */
export function startContainerLogs(engine, task, containerName, lines) {
  const td = engine.taskDefinitions.find(task.api.taskDefinitionArn)?.taskDefinition;
  const definition = td?.containerDefinitions.find((/** @type {any} */ c) => c.name === containerName);
  const config = definition?.logConfiguration;
  const group = config?.options?.['awslogs-group'];
  const prefix = config?.options?.['awslogs-stream-prefix'];
  if (config?.logDriver !== 'awslogs' || !group || !prefix) return;
  const stream = `${prefix}/${containerName}/${engine.taskId(task)}`;
  const ms = () => Math.round(engine.epoch() * 1000);
  engine.logs.createStream(group, stream, ms());
  for (const line of lines) {
    engine.schedule(engine.now + line.afterSeconds, () => {
      if (task.api.desiredStatus === 'RUNNING') engine.logs.write(group, stream, ms(), line.message);
    });
  }
}
