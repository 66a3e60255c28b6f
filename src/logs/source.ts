/**
 * Where a container's log lines are: the CloudWatch Logs stream the awslogs driver writes,
 * `<awslogs-stream-prefix>/<container name>/<task id>` in `awslogs-group` (ECS Developer Guide,
 * "Using the awslogs log driver"). Without a prefix, or with FireLens, there is no stream the
 * action can name: it says so instead of guessing.
 */
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { lastSegment } from '../aws/arn.js';

export interface LogStream {
  group: string;
  stream: string;
  region: string;
}

export type LogSource = { found: LogStream } | { missing: string };

export function logSourceOf(container: ContainerDefinition | undefined, taskArn: string, defaultRegion: string): LogSource {
  const name = container?.name ?? '?';
  const config = container?.logConfiguration;
  if (!container || !config) {
    return { missing: `container '${name}' has no logConfiguration, so its output went nowhere the action can read; add the awslogs driver with awslogs-group and awslogs-stream-prefix.` };
  }
  if (config.logDriver === 'awsfirelens') {
    return { missing: `container '${name}' sends its logs through FireLens (awsfirelens), to wherever its log router is configured; read them there.` };
  }
  if (config.logDriver !== 'awslogs') {
    return { missing: `container '${name}' logs with the ${config.logDriver} driver; only awslogs (CloudWatch Logs) can be read by the action.` };
  }
  const options = config.options ?? {};
  const group = options['awslogs-group'];
  const prefix = options['awslogs-stream-prefix'];
  if (!group || !prefix) {
    return { missing: `container '${name}' has no awslogs-${group ? 'stream-prefix' : 'group'}, so ECS names no stream the action can find; set awslogs-group and awslogs-stream-prefix in its logConfiguration.` };
  }
  return { found: { group, stream: `${prefix}/${name}/${lastSegment(taskArn)}`, region: options['awslogs-region'] || defaultRegion } };
}
