/**
 * Every message docs/troubleshooting.md quotes is one the action prints: each ```text block after
 * an `<!-- example: id -->` marker is produced here by the code that words it, with the inputs
 * or AWS answers the comment beside it describes, and compared whole. A quoted block without a
 * marker, a marker without a producer, or a producer the page does not use fails too.
 */
import { jest, describe, expect, it, beforeEach } from '@jest/globals';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type Service,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, ECRClient, ImageNotFoundException } from '@aws-sdk/client-ecr';
import * as core from '../../__fixtures__/core.js';

jest.unstable_mockModule('@actions/core', () => core);
const { getInputs } = await import('../../src/inputs.js');
const { parseTaskDefinitionText, prepareTaskDefinition, readTaskDefinitionFile } = await import('../../src/task-definition/load.js');
const { verifyImages } = await import('../../src/task-definition/images.js');
const { describeTaskDefinition, registerTaskDefinition } = await import('../../src/task-definition/register.js');
const { serviceToDeploy } = await import('../../src/service/describe.js');
const { resolveRollbackTarget } = await import('../../src/rollback/target.js');
const { hintFor } = await import('../../src/watch/hints.js');
const { fixLine } = await import('../../src/report/diagnosis.js');
const { checkTaskDefinition, chooseContainer, execReadiness } = await import('../../src/smoke/preflight.js');
const { runSmokeCheck } = await import('../../src/smoke/check.js');
const { requirePlugin } = await import('../../src/exec/plugin.js');
const { runTaskRequest } = await import('../../src/release-task/request.js');

const DOC = path.resolve('docs', 'troubleshooting.md');
const ACCOUNT = '123456789012';
const ECR = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`;
const WORKSPACE = '/home/runner/work/shop/shop';

/** The message of what `produce` throws; a producer that does not throw is a broken example. */
async function refusal(produce: () => unknown): Promise<string> {
  try {
    await produce();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the example was expected to fail');
}

const inputs = (values: Record<string, string>) => refusal(() => getInputs((name) => values[name] ?? '', WORKSPACE));
const DEPLOY = { 'task-definition': '.aws/task-definition.json', cluster: 'prod', service: 'web' };

const awsError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const ecs = mockClient(ECSClient);
const ecr = mockClient(ECRClient);
beforeEach(() => {
  ecs.reset();
  ecr.reset();
});

function definition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
    containerDefinitions: [{ name: 'web', image: `${ECR}/web:v2`, essential: true }],
    ...overrides,
  };
}

const prepare = (parsed: unknown, images: Array<{ container: string; image: string }> = []) =>
  refusal(() => prepareTaskDefinition(parsed, '.aws/task-definition.json', images));

/** DescribeServices answering `service` (or `failures`), then what serviceToDeploy says. */
function service(answer: Partial<Service> | { failure: string } | Error): Promise<string> {
  if (answer instanceof Error) ecs.on(DescribeServicesCommand).rejects(answer);
  else if ('failure' in answer) ecs.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web`, reason: answer.failure }] });
  else ecs.on(DescribeServicesCommand).resolves({ services: [{ serviceName: 'web', status: 'ACTIVE', ...answer }] });
  return refusal(() => serviceToDeploy(new ECSClient({ region: 'us-east-1' }), 'prod', 'web', 'us-east-1'));
}

const TD: TaskDefinition = {
  family: 'web',
  revision: 8,
  taskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:8`,
  networkMode: 'awsvpc',
  taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/web-task`,
  containerDefinitions: [{ name: 'web', image: `${ECR}/web:v2`, essential: true, linuxParameters: { initProcessEnabled: true } }],
};

/** What ECS says of a stopped task (AWS "stopped task error messages"), then the fix the action prints under it. */
function stopped(stoppedReason: string, containers: Array<{ name: string; exitCode?: number; reason?: string }> = [], extra = {}): string {
  const hint = hintFor({ stoppedReason, containers, ...extra });
  if (!hint) throw new Error(`no hint for: ${stoppedReason}`);
  return `${stoppedReason}\n${fixLine(hint.line).trim()}`;
}

const EXAMPLES: Record<string, () => Promise<string> | string> = {
  'input-value': () => inputs({ ...DEPLOY, 'smoke-command': 'curl -fsS localhost:8080/healthz', 'smoke-tasks': 'two' }),
  'input-file-and-arn': () => inputs({ ...DEPLOY, 'task-definition-arn': 'web:7' }),
  'input-images-with-arn': () => inputs({ cluster: 'prod', service: 'web', 'task-definition-arn': 'web:7', 'container-images': `web=${ECR}/web:v2` }),
  'input-smoke-no-wait': () => inputs({ ...DEPLOY, 'smoke-command': 'curl -fsS localhost:8080/healthz', 'wait-for-service-stability': 'false' }),
  'input-smoke-no-service': () => inputs({ 'task-definition': '.aws/task-definition.json', 'smoke-command': 'curl -fsS localhost:8080/healthz' }),
  'input-smoke-mode': () => inputs({ mode: 'smoke', cluster: 'prod', service: 'web' }),
  'input-smoke-shell': () => inputs({ ...DEPLOY, 'smoke-command': 'curl -fsS localhost:8080/healthz', 'smoke-shell': 'bash' }),
  'input-smoke-expect': () => inputs({ ...DEPLOY, 'smoke-command': 'curl -fsS localhost:8080/healthz', 'smoke-expect': 'status: (ok' }),
  'input-run-task-command': () => inputs({ ...DEPLOY, 'run-task': 'true', 'run-task-command': 'rails db:migrate && rails db:seed' }),

  'file-missing': () => refusal(() => readTaskDefinitionFile('.aws/task-definition.json', `${WORKSPACE}/.aws/task-definition.json`)),
  'file-json': () => refusal(() => parseTaskDefinitionText('{\n  "family": "web",\n  "cpu": "256",\n}\n', '.aws/task-definition.json')),
  'file-yaml': () => refusal(() => parseTaskDefinitionText('family: web\ncontainerDefinitions:\n  - name: web\n     image: nginx\n', '.aws/task-definition.yaml')),
  'file-list': () => prepare([definition(), definition({ family: 'worker' })]),
  'file-string': async () => refusal(async () => prepareTaskDefinition(await parseTaskDefinitionText('.aws/task-definition.json\n', 'deploy/web'), 'deploy/web', [])),
  'file-wrapper': () => prepare({ taskDefinition: definition(), ResponseMetadata: { RequestId: 'x' } }),
  'file-unknown-key': () => prepare(definition({ containerDefinitions: [{ name: 'web', image: 'nginx', enviroment: [{ name: 'APP_ENV', value: 'production' }] }] })),
  'file-environment-object': () => prepare(definition({ containerDefinitions: [{ name: 'web', image: 'nginx', environment: { APP_ENV: 'production', DB_PASSWORD: 'hunter2' } }] })),
  'file-fargate-rule': () => prepare(definition({ containerDefinitions: [{ name: 'web', image: 'nginx', portMappings: [{ containerPort: 8080, hostPort: 80 }] }] })),
  'file-too-large': () => prepare(definition({ containerDefinitions: [{ name: 'web', image: 'nginx', command: ['echo', 'x'.repeat(70_000)] }] })),
  'file-no-container': () => prepare(definition(), [{ container: 'app', image: `${ECR}/web:v2` }]),

  'aws-expired': () => service(awsError('ExpiredTokenException', 'The security token included in the request is expired')),
  'aws-no-credentials': () => service(awsError('CredentialsProviderError', 'Could not load credentials from any providers')),
  'aws-access-denied': () =>
    service(
      awsError(
        'AccessDeniedException',
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/github-deploy/GitHubActions is not authorized to perform: ecs:DescribeServices on resource: arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web because no identity-based policy allows the ecs:DescribeServices action`,
      ),
    ),
  'aws-throttled': () => service(awsError('ThrottlingException', 'Rate exceeded')),
  'aws-pass-role': () => {
    ecs.on(RegisterTaskDefinitionCommand).rejects(awsError('ClientException', 'Role is not valid'));
    return refusal(() => registerTaskDefinition(new ECSClient({ region: 'us-east-1' }), definition() as never));
  },
  'ecr-access-denied': () => {
    ecr.on(DescribeImagesCommand).rejects(awsError('AccessDeniedException', `User: arn:aws:sts::${ACCOUNT}:assumed-role/github-deploy/GitHubActions is not authorized to perform: ecr:DescribeImages`));
    return refusal(() => verifyImages([{ name: 'web', image: `${ECR}/web:v2` }], async () => new ECRClient({ region: 'us-east-1' })));
  },

  'image-missing': () => {
    ecr.on(DescribeImagesCommand).rejects(
      new ImageNotFoundException({ message: `The image with imageId {imageDigest:'null', imageTag:'v2'} does not exist within the repository with name 'web' in the registry with id '${ACCOUNT}'`, $metadata: {} }),
    );
    return refusal(() => verifyImages([{ name: 'web', image: `${ECR}/web:v2` }], async () => new ECRClient({ region: 'us-east-1' })));
  },

  'service-no-cluster': () => service(awsError('ClusterNotFoundException', 'Cluster not found.')),
  'service-missing': () => service({ failure: 'MISSING' }),
  'service-draining': () => service({ status: 'DRAINING' }),
  'service-codedeploy': () => service({ deploymentController: { type: 'CODE_DEPLOY' } }),
  'revision-not-registered': () => {
    ecs.on(DescribeTaskDefinitionCommand).rejects(awsError('ClientException', 'Unable to describe task definition.'));
    return refusal(() => describeTaskDefinition(new ECSClient({ region: 'us-east-1' }), 'web:99', { inputName: 'rollback-to' }));
  },
  'revision-inactive': () => {
    ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { ...TD, revision: 3, taskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:3`, status: 'INACTIVE' } });
    return refusal(() => describeTaskDefinition(new ECSClient({ region: 'us-east-1' }), 'web:3', { inputName: 'rollback-to' }));
  },
  'rollback-no-revision': () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [{ serviceName: 'web', status: 'ACTIVE', taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:1` }] });
    ecs.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] });
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: [`arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:1`] });
    return refusal(() => resolveRollbackTarget(new ECSClient({ region: 'us-east-1' }), 'prod', 'web', 'previous', 'us-east-1'));
  },

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

  'smoke-container': () => refusal(() => chooseContainer(TD, 'app')),
  'smoke-readonly': () => refusal(() => checkTaskDefinition(TD, { ...TD.containerDefinitions![0], readonlyRootFilesystem: true })),
  'smoke-no-task-role': () => refusal(() => checkTaskDefinition({ ...TD, taskRoleArn: undefined }, TD.containerDefinitions![0])),
  'smoke-exec-off': () =>
    refusal(() => execReadiness({ taskArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task/prod/0f1e2d3c4b5a69788796a5b4c3d2e1f0`, lastStatus: 'RUNNING', enableExecuteCommand: false }, 'web')),
  'smoke-shell-none': () =>
    refusal(() =>
      runSmokeCheck(new ECSClient({ region: 'us-east-1' }), { smoke: { shell: 'none', expect: undefined } } as never, {} as never),
    ),
  'smoke-plugin': async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-plugin-'));
    const saved = process.env.PATH;
    process.env.PATH = empty;
    try {
      return await refusal(() => requirePlugin());
    } finally {
      process.env.PATH = saved;
      fs.rmSync(empty, { recursive: true, force: true });
    }
  },
  'run-task-subnets': () =>
    refusal(() =>
      runTaskRequest({ cluster: 'prod', taskDefinition: TD, runTask: { startedBy: 'ecs-deploy-verify', containerOverrides: [] } as never, container: 'web' }),
    ),
};

/** The page's examples: each marker's id and the text of the ```text block right after it. */
function examples(markdown: string): Array<{ id: string; text: string }> {
  return [...markdown.matchAll(/<!-- example: ([\w-]+) -->\n```text\n([\s\S]*?)\n```/g)].map(([, id, text]) => ({ id, text }));
}

const page = fs.readFileSync(DOC, 'utf8');

describe('docs/troubleshooting.md', () => {
  it.each(examples(page))('quotes $id as the action words it', async ({ id, text }) => {
    expect(EXAMPLES[id]).toBeDefined();
    expect(text).toBe(await EXAMPLES[id]());
  });

  it('quotes no message outside a checked example, and every example here is on the page', () => {
    const blocks = page.match(/```text\n/g)?.length ?? 0;
    expect(examples(page)).toHaveLength(blocks);
    expect(Object.keys(EXAMPLES).filter((id) => !examples(page).some((example) => example.id === id))).toEqual([]);
  });
});
