/** Which stoppedReasons a retry cannot fix, per the stopped-task error table (reference section 7). */
import { describe, expect, it } from '@jest/globals';
import { deterministicFamily } from '../../src/watch/deterministic.js';

describe('deterministicFamily', () => {
  it.each([
    ['image-missing', 'CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v9: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v9: not found'],
    ['image-missing', 'CannotPullContainerError: Error response from daemon: manifest for nginx:does-not-exist not found: manifest unknown: manifest unknown'],
    ['image-missing', 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/acme/web:1: pull access denied, repository does not exist or may require authorization'],
    ['image-denied', 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2: unexpected status from HEAD request: 403 Forbidden: access denied'],
    ['secret-denied', 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/abc is not authorized to perform: secretsmanager:GetSecretValue'],
    ['secret-reference', "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): ResourceNotFoundException: Secrets Manager can't find the specified secret."],
    ['secret-reference', 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): InvalidParameters: ParameterNotFound /app/db-password'],
    ['log-group', 'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1'],
  ])('%s: %s', (family, reason) => {
    expect(deterministicFamily(reason)?.family).toBe(family);
  });

  it.each([
    ['image-missing', 'CannotPullContainerError: failed to resolve ref web:v9: not found', false],
    ['image-denied', 'CannotPullContainerError: failed to resolve ref web:v2: 403 Forbidden: access denied', true],
    ['secret-denied', 'ResourceInitializationError: unable to pull secrets or registry auth: AccessDeniedException: User: x is not authorized to perform: secretsmanager:GetSecretValue', true],
    ['secret-denied', 'ResourceInitializationError: unable to pull secrets or registry auth: failed to fetch secret: KMS key is disabled', false],
    ['secret-reference', "ResourceInitializationError: unable to pull secrets: ResourceNotFoundException: Secrets Manager can't find the specified secret.", false],
    ['log-group', 'ResourceInitializationError: failed to initialize logging driver: ResourceNotFoundException: The specified log group does not exist.', false],
    ['log-group', 'ResourceInitializationError: failed to initialize logging driver: failed to create Cloudwatch log stream: AccessDeniedException: not authorized to perform: logs:CreateLogStream', true],
  ])('%s waits for IAM to settle: %s -> %s', (family, reason, iam) => {
    expect(deterministicFamily(reason)).toMatchObject({ family, iam });
  });

  it.each([
    ['a network path to the registry', 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2: dial tcp 52.0.0.1:443: i/o timeout'],
    ['a cancelled pull', 'CannotPullContainerError: ref pull has been retried 5 time(s): failed to copy: httpReadSeeker: failed open: context canceled'],
    ['a network path to Secrets Manager', 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): RequestError: send request failed caused by: Post "https://secretsmanager.us-east-1.amazonaws.com/": dial tcp 10.0.0.1:443: i/o timeout'],
    ['ECR auth through a network that fails', 'ResourceInitializationError: unable to pull secrets or registry auth: pull command failed: : signal: killed'],
    ['an application exit', 'Essential container in task exited'],
    ['an out-of-memory kill', 'OutOfMemoryError: Container killed due to memory usage'],
    ['ELB health checks', 'Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef)'],
    ['container health checks', 'Task failed container health checks'],
    ['a container that could not start', 'CannotStartContainerError: Error response from daemon: failed to create shim task: OCI runtime create failed'],
    ['Spot', 'Your Spot Task was interrupted.'],
    ['no reason', undefined],
  ])('not deterministic: %s', (_name, reason) => {
    expect(deterministicFamily(reason)).toBeUndefined();
  });
});
