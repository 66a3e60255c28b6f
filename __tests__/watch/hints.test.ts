import { describe, expect, it } from '@jest/globals';
import { HINT_FAMILIES, hintFor, type StoppedTaskFacts } from '../../src/watch/hints.js';

const ROLE_SESSION = 'arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/8a1b2c3d4e5f';
const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf';
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

const started = (stoppedReason: string, stopCode = 'TaskFailedToStart'): StoppedTaskFacts => ({
  stoppedReason,
  stopCode,
  containers: [{ name: 'web', reason: stoppedReason }],
});
const exited = (name: string, exitCode: number, reason?: string): StoppedTaskFacts => ({
  stoppedReason: 'Essential container in task exited',
  stopCode: 'EssentialContainerExited',
  containers: [{ name, exitCode, reason }, { name: 'log-router', exitCode: 0 }],
});

// Messages as ECS prints them (AWS "Amazon ECS stopped task error messages" pages).
const rows: Array<[string, StoppedTaskFacts, RegExp]> = [
  [
    'pull-network',
    started(`CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${ECR}/web:v3: failed to do request: Head "https://${ECR}/v2/web/manifests/v3": dial tcp 52.94.0.1:443: i/o timeout`),
    new RegExp(`no route to the registry ${ECR.replace(/\./g, '\\.')}: in a public subnet set assignPublicIp to ENABLED.*ecr\\.api and ecr\\.dkr and the S3 gateway endpoint`),
  ],
  [
    'pull-network',
    started('CannotPullContainerError: Error response from daemon: Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'),
    /no route to the registry registry-1\.docker\.io: /,
  ],
  [
    'pull-image-missing-or-denied',
    started(`CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${ECR}/web:v9: ${ECR}/web:v9: not found`),
    new RegExp(`The image ${ECR.replace(/\./g, '\\.')}/web:v9 cannot be pulled: check that it exists in ${ECR.replace(/\./g, '\\.')} .*ecr:BatchGetImage`),
  ],
  [
    'pull-image-missing-or-denied',
    started(`CannotPullContainerError: pull access denied for ${ECR}/web, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`),
    new RegExp(`The image ${ECR.replace(/\./g, '\\.')}/web cannot be pulled`),
  ],
  [
    'secrets-access-denied',
    started(`ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${SECRET} from secrets manager: AccessDeniedException: User: ${ROLE_SESSION} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET} because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: 0d9e8f7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a`),
    new RegExp(`The execution role arn:aws:iam::123456789012:role/ecsTaskExecutionRole may not read ${SECRET}: grant it secretsmanager:GetSecretValue on ${SECRET} `),
  ],
  [
    'init-network',
    started('ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.us-east-1.amazonaws.com/": dial tcp 52.46.128.1:443: i/o timeout'),
    /no network path to api\.ecr\.us-east-1\.amazonaws\.com: .*VPC endpoints for secretsmanager, ssm, ecr\.api, ecr\.dkr/,
  ],
  [
    'init-network',
    started('ResourceInitializationError: unable to pull secrets or registry auth: pull command failed: : signal: killed'),
    /no network path to ECR, Secrets Manager or SSM/,
  ],
  [
    'logging-driver',
    { ...started('ResourceInitializationError: failed to initialize logging driver: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist.'), logGroup: '/ecs/web' },
    /create the log group \/ecs\/web .*logs:CreateLogStream and logs:PutLogEvents/,
  ],
  ['out-of-memory', exited('web', 137, 'OutOfMemoryError: Container killed due to memory usage'), /Container 'web' exceeded its memory \(OutOfMemoryError\)/],
  ['out-of-memory', exited('worker', 137), /Container 'worker' exceeded its memory \(exit code 137, killed\)/],
  ['essential-container-exited', exited('web', 3), /container 'web' stopped with exit code 3: its last log lines/],
  [
    'elb-health-checks',
    { stoppedReason: 'Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067)', stopCode: 'ServiceSchedulerInitiated', containers: [{ name: 'web', exitCode: 143 }] },
    /health checks of target group web-tg failed: .*healthCheckGracePeriodSeconds/,
  ],
  [
    'container-health-checks',
    { stoppedReason: 'Task failed container health checks', stopCode: 'ServiceSchedulerInitiated', containers: [{ name: 'web', exitCode: 137 }] },
    /healthCheck failed: .*startPeriod/,
  ],
  [
    'cannot-start-container',
    started('CannotStartContainerError: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/start.sh": permission denied: unknown'),
    /could not start: raise its memory/,
  ],
  ['spot-interruption', { stoppedReason: 'Your Spot Task was interrupted.', stopCode: 'SpotInterruption', containers: [{ name: 'web', exitCode: 143 }] }, /Fargate Spot reclaimed the task: not a fault of the release/],
  ['spot-interruption', { stoppedReason: 'TerminationNotice', containers: [] }, /Fargate Spot/],
  ['host-gone', { stoppedReason: 'Host EC2 (instance i-03dba81187d65ce7e) terminated.', stopCode: 'TerminationNotice', containers: [{ name: 'web', exitCode: 143 }] }, /^The EC2 instance i-03dba81187d65ce7e that hosted the task was terminated: not a fault of the release/],
  ['host-gone', { stoppedReason: 'Host EC2 (instance i-06aab15feb4568492) stopped.', stopCode: 'EssentialContainerExited', containers: [{ name: 'web', exitCode: 137 }] }, /^The EC2 instance i-06aab15feb4568492 that hosted the task was stopped:/],
];

describe('fix-it hints for stopped tasks', () => {
  it.each(rows)('%s: %#', (id, facts, expected) => {
    const hint = hintFor(facts);
    expect(hint?.family.id).toBe(id);
    expect(hint?.line).toMatch(expected);
  });

  it('every family in the table has a tested row', () => {
    expect(HINT_FAMILIES.map((family) => family.id).sort()).toEqual([...new Set(rows.map(([id]) => id))].sort());
  });

  it('names the execution role from the task definition when the message does not', () => {
    const facts = { ...started(`CannotPullContainerError: pull access denied for ${ECR}/web, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`), executionRoleArn: 'arn:aws:iam::123456789012:role/deployer-exec' };
    expect(hintFor(facts)?.line).toContain('the execution role arn:aws:iam::123456789012:role/deployer-exec has the ECR pull permissions');
  });

  it.each([
    ['an unknown reason', started('Task stopped by user')],
    ['a ResourceInitializationError the table does not know', started('ResourceInitializationError: failed to create new container runtime task: something new')],
    ['a task stopped without a reason', { containers: [{ name: 'web', exitCode: 1 }] }],
  ])('%s gets no invented hint', (_label, facts) => {
    expect(hintFor(facts)).toBeUndefined();
  });
});
