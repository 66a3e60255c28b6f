// The emulator's wire protocol, task definitions, ECR, Exec validation and request-level faults,
// driven through the real AWS SDK clients.
import { afterEach, describe, expect, it } from '@jest/globals';
import { BatchGetImageCommand, DescribeImagesCommand } from '@aws-sdk/client-ecr';
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  DeregisterTaskDefinitionCommand,
  ExecuteCommandCommand,
  ListServiceDeploymentsCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { REGISTRY, rejection, scenario, start, until, webTaskDefinition } from '../helpers.js';

/** @type {{ stop: () => Promise<void> }[]} */
const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/** @param {object} s */
async function emulatorFor(s) {
  const started = await start(s);
  running.push(started.emulator);
  return started;
}

describe('task definitions', () => {
  it('stores a registration with the defaults ECS adds and returns it with its tags', async () => {
    const { ecs } = await emulatorFor(scenario('healthy.json'));
    const request = {
      ...webTaskDefinition('v2'),
      cpu: '0.25 vCPU',
      memory: '512',
      tags: [{ key: 'team', value: 'web' }],
    };
    const registered = await ecs.send(new RegisterTaskDefinitionCommand(request));
    expect(registered.taskDefinition?.taskDefinitionArn).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/web:2');

    const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web', include: ['TAGS'] }));
    const td = described.taskDefinition;
    expect(described.tags).toEqual([{ key: 'team', value: 'web' }]);
    expect(td).toMatchObject({
      family: 'web',
      revision: 2,
      status: 'ACTIVE',
      cpu: '256',
      memory: '512',
      compatibilities: ['EC2', 'FARGATE'],
      requiresCompatibilities: ['FARGATE'],
      volumes: [],
      placementConstraints: [],
      registeredBy: 'arn:aws:sts::123456789012:assumed-role/deploy/gha',
    });
    expect(td?.registeredAt).toBeInstanceOf(Date);
    expect(td?.requiresAttributes).toEqual(expect.arrayContaining([{ name: 'com.amazonaws.ecs.capability.ecr-auth' }, { name: 'ecs.capability.task-eni' }]));
    expect(td?.containerDefinitions?.[0]).toEqual({
      name: 'web',
      image: `${REGISTRY}/web:v2`,
      cpu: 0,
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
      essential: true,
      environment: [],
      mountPoints: [],
      volumesFrom: [],
      linuxParameters: { initProcessEnabled: true },
      healthCheck: { command: ['CMD-SHELL', 'wget -q -O /dev/null http://localhost:8080/health || exit 1'], interval: 10, timeout: 5, retries: 3, startPeriod: 5 },
      systemControls: [],
    });
    const withoutTags = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:1' }));
    expect(withoutTags.tags).toBeUndefined();
    expect(withoutTags.taskDefinition?.revision).toBe(1);
  });

  it.each([
    ['no image', { containerDefinitions: [{ name: 'web' }] }, 'Container.image should not be null or empty.'],
    ['duplicate names', { containerDefinitions: [{ name: 'web', image: 'nginx' }, { name: 'web', image: 'nginx' }] }, "Duplicate container name 'web'. Container names must be unique within a task definition."],
    ['Fargate without cpu', { cpu: undefined }, "Fargate requires that 'cpu' be defined at the task level."],
    ['Fargate without memory', { memory: undefined }, "Fargate requires that 'memory' be defined at the task level."],
    ['an impossible Fargate size', { cpu: '256', memory: '4096' }, 'No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.'],
    ['bridge mode on Fargate', { networkMode: 'bridge' }, "Fargate only supports network mode 'awsvpc'."],
    ['an ECR image without execution role', { executionRoleArn: undefined }, 'Fargate requires task definition to have execution role ARN to support ECR images.'],
    ['no containers', { containerDefinitions: [] }, 'Container list cannot be empty.'],
    ['a bad family', { family: 'web app' }, 'Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.'],
  ])('refuses a definition with %s as ECS does', async (_case, change, message) => {
    const { ecs } = await emulatorFor(scenario('healthy.json'));
    const error = await rejection(ecs.send(new RegisterTaskDefinitionCommand({ ...webTaskDefinition('v2'), ...change })));
    expect(error.name).toBe('ClientException');
    expect(error.message).toBe(message);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('lists, filters, sorts and deregisters revisions', async () => {
    const { ecs } = await emulatorFor(scenario('healthy.json'));
    await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('v2')));
    await ecs.send(new RegisterTaskDefinitionCommand({ ...webTaskDefinition('v2'), family: 'worker' }));
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:1' }));
    const arn = (/** @type {string} */ name) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${name}`;
    const list = async (/** @type {any} */ input) => (await ecs.send(new ListTaskDefinitionsCommand(input))).taskDefinitionArns;
    expect(await list({})).toEqual([arn('web:2'), arn('worker:1')]);
    expect(await list({ familyPrefix: 'web', sort: 'DESC' })).toEqual([arn('web:2')]);
    expect(await list({ status: 'INACTIVE' })).toEqual([arn('web:1')]);
    const gone = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:1' }));
    expect(gone.taskDefinition?.status).toBe('INACTIVE');
    const missing = await rejection(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope' })));
    expect([missing.name, missing.message]).toEqual(['ClientException', 'Unable to describe task definition.']);
  });
});

describe('services, tasks and clusters', () => {
  it('describes the scenario service as ECS does, with missing services as failures', async () => {
    const { ecs } = await emulatorFor(scenario('healthy.json'));
    const { services, failures } = await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web', 'api'] }));
    expect(failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/api', reason: 'MISSING' }]);
    const service = services?.[0];
    expect(service).toMatchObject({
      serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/web',
      serviceName: 'web',
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 2,
      pendingCount: 0,
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
      deploymentController: { type: 'ECS' },
      enableExecuteCommand: true,
      propagateTags: 'NONE',
      enableECSManagedTags: false,
    });
    expect(service?.currentServiceDeployment).toMatch(/^arn:aws:ecs:us-east-1:123456789012:service-deployment\/demo\/web\/[A-Za-z0-9]{21}$/);
    expect(service?.deployments).toHaveLength(1);
    expect(service?.deployments?.[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', runningCount: 2, desiredCount: 2, failedTasks: 0 });
    expect(service?.deployments?.[0].id).toMatch(/^ecs-svc\/\d{19}$/);

    const tasks = await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web' }));
    expect(tasks.taskArns).toHaveLength(2);
    const missingCluster = await rejection(ecs.send(new ListTasksCommand({ cluster: 'nope' })));
    expect([missingCluster.name, missingCluster.message]).toEqual(['ClusterNotFoundException', 'Cluster not found.']);
  });

  it('shows the Exec KMS key in the cluster configuration', async () => {
    const s = scenario('healthy.json');
    s.clusters[0].executeCommandKmsKeyId = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { ecs } = await emulatorFor(s);
    const { clusters, failures } = await ecs.send(new DescribeClustersCommand({ clusters: ['demo', 'other'] }));
    expect(clusters?.[0].configuration?.executeCommandConfiguration?.kmsKeyId).toBe(s.clusters[0].executeCommandKmsKeyId);
    expect(clusters?.[0]).toMatchObject({ clusterName: 'demo', status: 'ACTIVE', runningTasksCount: 2, activeServicesCount: 1 });
    expect(failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/other', reason: 'MISSING' }]);
  });
});

describe('ExecuteCommand', () => {
  it('opens a session on a running task whose agent runs', async () => {
    const { emulator, ecs } = await emulatorFor(scenario('healthy.json'));
    const [taskArn] = (await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web' }))).taskArns ?? [];
    const answer = await ecs.send(new ExecuteCommandCommand({ cluster: 'demo', task: taskArn, container: 'web', command: 'echo hi', interactive: true }));
    expect(answer).toMatchObject({ clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo', containerName: 'web', interactive: true, taskArn });
    expect(answer.session?.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${emulator.port}/v1/data-channel/`));
    expect(answer.session?.tokenValue).toEqual(expect.any(String));
  });

  it.each([
    ['exec was not enabled when the task started', { enableExecuteCommand: false }, {}, 'InvalidParameterException',
      'The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again.'],
    ['the agent is still pending', {}, { execAgent: { status: 'PENDING' } }, 'InvalidParameterException',
      'The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again.'],
    ['the agent stopped', {}, { execAgent: { status: 'STOPPED', reason: 'agent crashed' } }, 'TargetNotConnectedException',
      'The execute command failed due to an internal error. Try again later.'],
  ])('refuses when %s', async (_case, serviceChange, behaviour, type, message) => {
    const s = scenario('healthy.json');
    Object.assign(s.services[0], serviceChange);
    s.behaviours.default = { ...s.behaviours.default, ...behaviour };
    const { ecs } = await emulatorFor(s);
    const [taskArn] = (await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web' }))).taskArns ?? [];
    const error = await rejection(ecs.send(new ExecuteCommandCommand({ cluster: 'demo', task: taskArn, container: 'web', command: 'true', interactive: true })));
    expect([error.name, error.message]).toEqual([type, message]);
  });
});

describe('ECR', () => {
  it('describes images by tag and digest and reports missing ones as ECR does', async () => {
    const { ecr } = await emulatorFor(scenario('healthy.json'));
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v2' }] }));
    expect(imageDetails?.[0]).toMatchObject({ registryId: '123456789012', repositoryName: 'web', imageTags: ['v2', 'latest'] });
    const digest = imageDetails?.[0].imageDigest;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const byDigest = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageDigest: digest }] }));
    expect(byDigest.imageDetails?.[0].imageTags).toEqual(['v2', 'latest']);

    const noImage = await rejection(ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v9' }] })));
    expect([noImage.name, noImage.message]).toEqual(['ImageNotFoundException',
      "The image with imageId {imageDigest:'null', imageTag:'v9'} does not exist within the repository with name 'web' in the registry with id '123456789012'"]);
    const noRepo = await rejection(ecr.send(new DescribeImagesCommand({ repositoryName: 'api', imageIds: [{ imageTag: 'v1' }] })));
    expect([noRepo.name, noRepo.message]).toEqual(['RepositoryNotFoundException', "The repository with name 'api' does not exist in the registry with id '123456789012'"]);

    const batch = await ecr.send(new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v9' }] }));
    expect(batch.images?.map((i) => i.imageId?.imageTag)).toEqual(['v1']);
    expect(batch.failures).toEqual([{ imageId: { imageTag: 'v9' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }]);
  });
});

describe('protocol and request faults', () => {
  /** @param {string} url @param {Record<string, string>} headers */
  const post = (url, headers) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', ...headers }, body: '{}' });

  it('answers unknown operations and unsigned requests as AWS does', async () => {
    const { emulator } = await emulatorFor(scenario('healthy.json'));
    const unknown = await post(emulator.url, { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.LaunchRockets', authorization: 'AWS4-HMAC-SHA256 Credential=x' });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(unknown.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await unknown.json()).toEqual({ __type: 'UnknownOperationException', message: '' });
    const unsigned = await post(emulator.url, { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.DescribeClusters' });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('throttles past the documented burst of RegisterTaskDefinition (20, refill 1/s)', async () => {
    const { ecs, emulator } = await emulatorFor(scenario('healthy.json'));
    // Thirty at once: the burst lets the first 20 through, and the bucket refills one a second
    // while a busy machine is still answering the rest, so a few more may pass, never all.
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('v2')))));
    const handled = emulator.state().requests.filter((/** @type {any} */ r) => r.operation === 'RegisterTaskDefinition');
    expect(handled.slice(0, 20).map((/** @type {any} */ r) => r.status)).toEqual(Array(20).fill(200));
    // What the bucket can have refilled over the span the emulator itself recorded.
    const refilled = Math.floor((handled.at(-1).wallMs - handled[0].wallMs) / 1000);
    const throttled = results.filter((r) => r.status === 'rejected');
    expect(results.length - throttled.length).toBeLessThanOrEqual(20 + refilled);
    expect(throttled.length).toBeGreaterThan(0);
    for (const { reason } of /** @type {PromiseRejectedResult[]} */ (throttled)) {
      expect([reason.name, reason.message, reason.$metadata.httpStatusCode]).toEqual(['ThrottlingException', 'Rate exceeded', 400]);
    }
  });

  it('applies a tighter bucket from the scenario and refills it in real time', async () => {
    // One token a second, and three requests at once: a slow machine cannot refill the bucket
    // between them. Then the bucket is waited for, not a fixed time.
    const s = { ...scenario('healthy.json'), faults: { throttling: { describeServices: { burst: 2, refill: 1 } } } };
    const { ecs } = await emulatorFor(s);
    const describe = () => ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }));
    const results = await Promise.allSettled([describe(), describe(), describe()]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(/** @type {PromiseRejectedResult} */ (results.find((result) => result.status === 'rejected')).reason.name).toBe('ThrottlingException');
    const refilled = () =>
      describe().then(
        () => true,
        (/** @type {any} */ error) => {
          if (error.name !== 'ThrottlingException') throw error;
          return false;
        },
      );
    await until(refilled);
  });

  it('expires credentials after the scenario\'s simulated seconds', async () => {
    // 300 simulated seconds are 3 s of ours: even a busy machine sends the first request before.
    const s = { ...scenario('healthy.json'), timeScale: 100, faults: { expireCredentialsAfterSeconds: 300 } };
    const { ecs, emulator } = await emulatorFor(s);
    await ecs.send(new DescribeClustersCommand({ clusters: ['demo'] }));
    // Asked again until the simulated clock passes the expiry: a state, not a fixed wait.
    const error = await until(() => ecs.send(new DescribeClustersCommand({ clusters: ['demo'] })).then(() => undefined, (/** @type {any} */ e) => e));
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual(['ExpiredTokenException', 'The security token included in the request is expired', 400]);
    const answers = emulator.state().requests.map((/** @type {any} */ r) => r.errorType ?? r.status);
    expect(answers.at(-1)).toBe('ExpiredTokenException');
    expect(answers.slice(0, -1).every((answer) => answer === 200)).toBe(true);
    expect(answers.length).toBeGreaterThan(1);
  });

  it('denies the listed operations with the IAM message', async () => {
    const s = { ...scenario('healthy.json'), faults: { accessDenied: ['ListServiceDeployments'] } };
    const { ecs } = await emulatorFor(s);
    const error = await rejection(ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web' })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toBe('User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: ecs:ListServiceDeployments on resource: arn:aws:ecs:us-east-1:123456789012:service/demo/web because no identity-based policy allows the ecs:ListServiceDeployments action');
    await expect(ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).resolves.toBeDefined();
  });

  it('injects 5xx answers and connection resets only into the listed operations', async () => {
    const s = { ...scenario('healthy.json'), faults: { errorRate: 1, faultOperations: ['DescribeClusters'] } };
    const { ecs } = await emulatorFor(s);
    const error = await rejection(ecs.send(new DescribeClustersCommand({ clusters: ['demo'] })));
    expect([500, 503]).toContain(error.$metadata.httpStatusCode);
    expect(['InternalServerException', 'ServiceUnavailableException']).toContain(error.name);
    await expect(ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).resolves.toBeDefined();

    const reset = await emulatorFor({ ...scenario('healthy.json'), faults: { resetRate: 1 } });
    const dropped = await rejection(reset.ecs.send(new DescribeClustersCommand({ clusters: ['demo'] })));
    expect(dropped.message).toMatch(/socket hang up|ECONNRESET/);
    expect(reset.emulator.state().requests[0]).toMatchObject({ operation: 'DescribeClusters', status: 0, errorType: 'ConnectionReset' });
  });

  it('serves an SDK client configured only through the AWS_* environment variables', async () => {
    const { emulator } = await emulatorFor(scenario('healthy.json'));
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL: emulator.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE', AWS_SECRET_ACCESS_KEY: 'env-secret' });
    try {
      const { services } = await new ECSClient({}).send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }));
      expect(services?.[0].serviceName).toBe('web');
    } finally {
      for (const key of ['AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it('logs every request with its simulated time and outcome in the state endpoint', async () => {
    const { ecs, emulator } = await emulatorFor(scenario('healthy.json'));
    await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }));
    const state = await (await fetch(`${emulator.url}/_emulator/state`)).json();
    expect(state.requests).toEqual([expect.objectContaining({ service: 'ecs', operation: 'DescribeServices', input: { cluster: 'demo', services: ['web'] }, status: 200 })]);
    expect(state.requests[0].wallMs).toEqual(expect.any(Number));
    expect(Object.keys(state)).toEqual(expect.arrayContaining(['clusters', 'services', 'tasks', 'serviceDeployments', 'serviceRevisions', 'taskDefinitions', 'execSessions', 'simTime', 'requests']));
    expect(state.services[0].taskDefinitionDetails.family).toBe('web');
  });
});
