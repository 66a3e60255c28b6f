/** Examples of what ECS says of a stopped task, then the fix the action prints under it (src/watch/hints.ts). */
import { hintFor } from '../../../src/watch/hints.js';
import { fixLine } from '../../../src/report/diagnosis.js';
import { ACCOUNT, ECR, type Producers } from './support.js';

/** What ECS says of a stopped task (AWS "stopped task error messages"), then the fix the action prints under it. */
function stopped(stoppedReason: string, containers: Array<{ name: string; exitCode?: number; reason?: string }> = [], extra = {}): string {
  const hint = hintFor({ stoppedReason, containers, ...extra });
  if (!hint) throw new Error(`no hint for: ${stoppedReason}`);
  return `${stoppedReason}\n${fixLine(hint.line).trim()}`;
}

export const producers: Producers = {
  'stopped-pull-network': () =>
    stopped(`CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${ECR}/web:v2: failed to do request: Head "https://${ECR}/v2/web/manifests/v2": dial tcp 52.94.0.1:443: i/o timeout`),
  'stopped-pull-missing': () =>
    stopped(`CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${ECR}/web:v9: ${ECR}/web:v9: not found`, [], {
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
    }),
  'stopped-secrets-denied': () =>
    stopped(
      `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-AbCdEf from secrets manager: AccessDeniedException: User: arn:aws:sts::${ACCOUNT}:assumed-role/ecsTaskExecutionRole/8a1b2c3d is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-AbCdEf because no identity-based policy allows the secretsmanager:GetSecretValue action`,
    ),
  'stopped-init-network': () =>
    stopped(
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.us-east-1.amazonaws.com/": dial tcp 52.46.128.1:443: i/o timeout',
    ),
  'stopped-logging-driver': () =>
    stopped('ResourceInitializationError: failed to initialize logging driver: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist.', [], {
      logGroup: '/ecs/web',
    }),
  'stopped-elb': () =>
    stopped(`Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web-tg/73e2d6bc24d8a067)`),
  'stopped-container-health': () => stopped('Task failed container health checks'),
  'stopped-oom': () => stopped('Essential container in task exited', [{ name: 'web', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }]),
  'stopped-cannot-start': () =>
    stopped('CannotStartContainerError: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: exec: "/app/server": permission denied'),
  'stopped-spot': () => stopped('Your Spot Task was interrupted.', [], { stopCode: 'SpotInterruption' }),
  'stopped-exited': () => stopped('Essential container in task exited', [{ name: 'web', exitCode: 1 }]),
};
