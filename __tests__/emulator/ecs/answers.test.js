// Every answer the emulator gives during real scenario runs, checked against the SDK's output model.
import { describe, expect, it } from '@jest/globals';
import { ECRClient, DescribeImagesCommand } from '@aws-sdk/client-ecr';
import {
  DescribeClustersCommand, DescribeServiceDeploymentsCommand, DescribeServiceRevisionsCommand, DescribeServicesCommand,
  DescribeTaskDefinitionCommand, DescribeTasksCommand, ECSClient, ExecuteCommandCommand, ListServiceDeploymentsCommand,
  ListTaskDefinitionsCommand, ListTasksCommand, RegisterTaskDefinitionCommand, StopServiceDeploymentCommand, UpdateServiceCommand,
  ContinueServiceDeploymentCommand,
} from '@aws-sdk/client-ecs';
import { startEmulator } from '../../../emulator/index.js';
import { outputProblems } from '../output-shape.js';
import { REGISTRY, SCENARIOS, scenario, until, webTaskDefinition } from '../helpers.js';

const credentials = { accessKeyId: 'AKIAEMULATOREXAMPLE', secretAccessKey: 'emulator-secret' };

describe('answers against the SDK output model', () => {
  it('flags an unknown member, a wrong type and an enum value outside the model', () => {
    const problems = outputProblems('ecs', 'ListServiceDeployments', { serviceDeployments: [{ status: 'FAILED', createdAt: 'yesterday', bogus: 1 }] });
    expect(problems).toEqual([
      'ListServiceDeployments.serviceDeployments[0].status: "FAILED" is not one of IN_PROGRESS, PENDING, ROLLBACK_FAILED, ROLLBACK_IN_PROGRESS, ROLLBACK_REQUESTED, ROLLBACK_SUCCESSFUL, STOPPED, STOP_REQUESTED, SUCCESSFUL',
      'ListServiceDeployments.serviceDeployments[0].createdAt: expected a timestamp (epoch seconds), got string',
      'ListServiceDeployments.serviceDeployments[0].bogus: not a member of ServiceDeploymentBrief',
    ]);
  });

  it.each(['broken-image.json', 'healthy.json'])('every answer of a deployment run on %s fits the model', async (file) => {
    /** @type {{ service: string, operation: string, output: unknown }[]} */
    const answers = [];
    const s = { ...scenario(file), timeScale: 200 };
    s.services[0].enableExecuteCommand = true;
    // The third deployment (v3) never finishes starting, so it is still in flight when it is stopped below.
    s.behaviours = { ...s.behaviours, [`${REGISTRY}/web:v3`]: { startSeconds: 86400 } };
    const emulator = await startEmulator({ scenario: s, baseDir: SCENARIOS, onResponse: (r) => answers.push(r) });
    try {
      const config = { endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 };
      const ecs = new ECSClient(config);
      await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition(file === 'healthy.json' ? 'v2' : 'broken')));
      const updated = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:2' }));
      const sdArn = updated.service?.currentServiceDeployment ?? '';
      await until(async () => {
        const list = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web' }));
        return list.serviceDeployments?.every((d) => ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'STOPPED'].includes(d.status ?? ''));
      });
      const sd = (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [sdArn] }))).serviceDeployments?.[0];
      await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [sd?.targetServiceRevision?.arn ?? ''] }));
      await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web', 'missing'] }));
      await ecs.send(new DescribeClustersCommand({ clusters: ['demo'] }));
      await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:2', include: ['TAGS'] }));
      await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'web' }));
      for (const desiredStatus of /** @type {const} */ (['RUNNING', 'STOPPED'])) {
        const arns = (await ecs.send(new ListTasksCommand({ cluster: 'demo', desiredStatus }))).taskArns ?? [];
        const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: arns }))).tasks ?? [];
        if (desiredStatus === 'RUNNING') {
          await ecs.send(new ExecuteCommandCommand({ cluster: 'demo', task: tasks[0].taskArn, command: 'true', interactive: true }));
        }
      }
      await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('v3')));
      const third = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:3' }));
      await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: third.service?.currentServiceDeployment, stopType: 'ROLLBACK' }));
      await new ECRClient(config).send(new DescribeImagesCommand({ repositoryName: 'web' }));
    } finally {
      await emulator.stop();
    }
    const operations = new Set(answers.map((a) => a.operation));
    expect([...operations].sort()).toEqual(expect.arrayContaining(['DescribeImages', 'DescribeServiceDeployments', 'DescribeServices', 'DescribeTasks', 'ExecuteCommand', 'ListServiceDeployments', 'UpdateService']));
    const problems = [...new Set(answers.flatMap((a) => outputProblems(/** @type {any} */ (a.service), a.operation, a.output) ?? [`${a.operation}: the SDK has no output schema`]))];
    expect(problems).toEqual([]);
  });

  it('every answer of a blue/green run with PAUSE and Lambda hooks, traffic weights and an alarm fits the model', async () => {
    /** @type {{ service: string, operation: string, output: unknown }[]} */
    const answers = [];
    const s = { ...scenario('healthy.json'), timeScale: 600 };
    const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:check';
    Object.assign(s.services[0].deploymentConfiguration, {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 5,
      alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
      lifecycleHooks: [
        { hookTargetArn: lambda, roleArn: 'arn:aws:iam::123456789012:role/hooks', lifecycleStages: ['POST_SCALE_UP'] },
        { targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' } },
      ],
    });
    s.services[0].strategyScript = { alarm: { alarmName: 'web-5xx', afterBakeSeconds: 120 } };
    const emulator = await startEmulator({ scenario: s, baseDir: SCENARIOS, onResponse: (r) => answers.push(r) });
    try {
      const ecs = new ECSClient({ endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
      await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('v2')));
      const updated = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:2' }));
      const arn = updated.service?.currentServiceDeployment ?? '';
      const read = async () => (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments?.[0];
      const hook = await until(async () => (await read())?.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION'));
      await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }));
      await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: hook.hookId, action: 'CONTINUE' }));
      await until(async () => (await read())?.status === 'ROLLBACK_SUCCESSFUL');
      await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web' }));
      await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }));
    } finally {
      await emulator.stop();
    }
    const sds = answers.filter((a) => a.operation === 'DescribeServiceDeployments').map((a) => /** @type {any} */ (a.output).serviceDeployments[0]);
    expect(sds.some((sd) => sd.lifecycleStage === 'BAKE_TIME' && sd.targetServiceRevision.requestedProductionTrafficWeight === 100)).toBe(true);
    expect(sds.at(-1).alarms.status).toBe('TRIGGERED');
    const problems = [...new Set(answers.flatMap((a) => outputProblems(/** @type {any} */ (a.service), a.operation, a.output) ?? [`${a.operation}: the SDK has no output schema`]))];
    expect(problems).toEqual([]);
  });
});
