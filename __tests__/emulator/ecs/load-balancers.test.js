// Services with a load balancer: loadBalancers and healthCheckGracePeriodSeconds echoed, tasks
// stopped for their target group after the grace period and counted by the circuit breaker, and
// every answer of such a run checked against the SDK output model.
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServiceRevisionsCommand, DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand,
  RegisterTaskDefinitionCommand, UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { startEmulator } from '../../../emulator/index.js';
import { outputProblems } from '../output-shape.js';
import { REGISTRY, SCENARIOS, rejection, scenario, until, webTaskDefinition } from '../helpers.js';

const TARGET_GROUP = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/6d0ecf831eec9f09';
const LOAD_BALANCER = { targetGroupArn: TARGET_GROUP, containerName: 'web', containerPort: 8080 };
const credentials = { accessKeyId: 'AKIAEMULATOREXAMPLE', secretAccessKey: 'emulator-secret' };

/** @type {{ stop: () => Promise<void> }[]} */
const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/**
 * healthy.json with image web:elb, whose tasks pass their container health check and meet `elbHealthCheck`.
 * @param {{ loadBalancers?: object[], healthCheckGracePeriodSeconds?: number, elbHealthCheck: object, timeScale?: number }} options
 */
function scenarioWith({ loadBalancers, healthCheckGracePeriodSeconds, elbHealthCheck, timeScale = 200 }) {
  const s = { ...scenario('healthy.json'), timeScale };
  Object.assign(s.services[0], loadBalancers ? { loadBalancers } : {}, healthCheckGracePeriodSeconds === undefined ? {} : { healthCheckGracePeriodSeconds });
  s.ecr.repositories[0].images.push({ tags: ['elb'] });
  s.behaviours[`${REGISTRY}/web:elb`] = { startSeconds: 2, healthCheck: { healthyAfterSeconds: 0 }, elbHealthCheck };
  return s;
}

/** @param {object} s */
async function deployElb(s) {
  /** @type {{ service: string, operation: string, output: unknown }[]} */
  const answers = [];
  const emulator = await startEmulator({ scenario: s, baseDir: SCENARIOS, onResponse: (r) => answers.push(r) });
  running.push(emulator);
  const ecs = new ECSClient({ endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('elb')));
  const updated = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:2' }));
  const describe = async () => (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0];
  /** @param {'RUNNING' | 'STOPPED'} desiredStatus */
  const tasks = async (desiredStatus) => {
    const arns = (await ecs.send(new ListTasksCommand({ cluster: 'demo', desiredStatus }))).taskArns ?? [];
    return arns.length === 0 ? [] : (await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: arns }))).tasks ?? [];
  };
  return { emulator, ecs, answers, updated, describe, tasks, deploymentId: updated.service?.deployments?.[0].id };
}

describe('a service with a load balancer', () => {
  it('stops a task its target group finds unhealthy, with the ECS event, and the breaker rolls back', async () => {
    const { ecs, answers, updated, describe, tasks, deploymentId } = await deployElb(scenarioWith({ loadBalancers: [LOAD_BALANCER], elbHealthCheck: { unhealthyAfterSeconds: 1 } }));
    expect(updated.service).toMatchObject({ loadBalancers: [LOAD_BALANCER], healthCheckGracePeriodSeconds: 0 });
    const rolledBack = await until(async () => {
      const s = await describe();
      return s?.deployments?.length === 1 && s.deployments[0].rolloutState === 'COMPLETED' && s.taskDefinition?.endsWith('web:1') ? s : undefined;
    });
    // The breaker's threshold is 3 for 2 desired tasks; tasks still starting at the rollback are stopped as scaling activity.
    const failed = (await tasks('STOPPED')).filter((t) => t.startedBy === deploymentId && t.stoppedReason?.includes('ELB'));
    expect(failed.length).toBeGreaterThanOrEqual(3);
    for (const task of failed) {
      expect(task).toMatchObject({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: `Task failed ELB health checks in (target-group ${TARGET_GROUP})` });
    }
    const taskId = failed[0].taskArn?.split('/').pop();
    expect(rolledBack.events?.map((e) => e.message)).toContain(
      `(service web) (task ${taskId}) (port 8080) is unhealthy in (target-group ${TARGET_GROUP}) due to (reason Health checks failed).`,
    );
    expect(rolledBack.events?.map((e) => e.message)).toContain(`(service web) deployment ${deploymentId} deployment failed: tasks failed to start.`);
    const revisionArn = rolledBack.currentServiceRevisions?.[0].arn ?? '';
    await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn] }));
    const problems = [...new Set(answers.flatMap((a) => outputProblems(/** @type {any} */ (a.service), a.operation, a.output) ?? [`${a.operation}: the SDK has no output schema`]))];
    expect(problems).toEqual([]);
    const revisions = answers.filter((a) => a.operation === 'DescribeServiceRevisions').map((a) => /** @type {any} */ (a.output).serviceRevisions[0]);
    expect(revisions[0].loadBalancers).toEqual([LOAD_BALANCER]);
  });

  it('ignores the failed health check during healthCheckGracePeriodSeconds after RUNNING', async () => {
    const { describe, tasks, deploymentId } = await deployElb(scenarioWith({ loadBalancers: [LOAD_BALANCER], healthCheckGracePeriodSeconds: 40, elbHealthCheck: { unhealthyAfterSeconds: 1, reason: 'Request timed out' } }));
    expect((await describe())?.healthCheckGracePeriodSeconds).toBe(40);
    const first = await until(async () => (await tasks('STOPPED')).find((t) => t.startedBy === deploymentId));
    const ranFor = (Number(first.stoppingAt) - Number(first.startedAt)) / 1000;
    // 40 simulated seconds at timeScale 200 are 0.2 real seconds; timestamps are the wall clock.
    expect(ranFor).toBeGreaterThanOrEqual(0.19);
    expect((await describe())?.events?.map((e) => e.message).join('\n')).toContain('due to (reason Request timed out).');
  });

  it('the grace period covers a failed container health check too', async () => {
    const s = scenarioWith({ healthCheckGracePeriodSeconds: 40, elbHealthCheck: { healthyAfterSeconds: 0 }, timeScale: 100 });
    s.behaviours[`${REGISTRY}/web:elb`].healthCheck = { unhealthyAfterSeconds: 1 };
    const { tasks, deploymentId } = await deployElb(s);
    const unhealthy = await until(async () => (await tasks('RUNNING')).find((t) => t.startedBy === deploymentId && t.healthStatus === 'UNHEALTHY'));
    expect(unhealthy.lastStatus).toBe('RUNNING');
    const first = await until(async () => (await tasks('STOPPED')).find((t) => t.startedBy === deploymentId));
    expect(first.stoppedReason).toBe('Task failed container health checks');
    // 40 simulated seconds at timeScale 100.
    expect((Number(first.stoppingAt) - Number(first.startedAt)) / 1000).toBeGreaterThanOrEqual(0.39);
  });

  it('a task not yet healthy in its target group does not count as healthy', async () => {
    const slow = await deployElb(scenarioWith({ loadBalancers: [LOAD_BALANCER], elbHealthCheck: { healthyAfterSeconds: 200 }, timeScale: 100 }));
    const started = await until(async () => (await slow.tasks('RUNNING')).filter((t) => t.startedBy === slow.deploymentId && t.lastStatus === 'RUNNING').length === 2);
    expect(started).toBe(true);
    // Two new tasks RUNNING and HEALTHY, but not in the target group: the old ones keep running.
    expect((await slow.describe())?.deployments?.map((d) => d.rolloutState)).toEqual(['IN_PROGRESS', 'COMPLETED']);
    const done = await until(async () => ((await slow.describe())?.deployments?.length === 1 ? (await slow.describe())?.deployments?.[0] : undefined));
    expect(done).toMatchObject({ id: slow.deploymentId, rolloutState: 'COMPLETED', failedTasks: 0 });
  });

  it('without a load balancer, elbHealthCheck is ignored and the deployment completes', async () => {
    const { describe, deploymentId, updated } = await deployElb(scenarioWith({ elbHealthCheck: { unhealthyAfterSeconds: 1 } }));
    expect(updated.service?.loadBalancers).toEqual([]);
    expect(updated.service?.healthCheckGracePeriodSeconds).toBeUndefined();
    const done = await until(async () => ((await describe())?.deployments?.length === 1 ? (await describe())?.deployments?.[0] : undefined));
    expect(done).toMatchObject({ id: deploymentId, rolloutState: 'COMPLETED', failedTasks: 0 });
  });

  it.each([
    [{ ...LOAD_BALANCER, containerName: 'api' }, '$.services[0].loadBalancers[0].containerName: container "api" is not in web:1 (have: web)'],
    [{ ...LOAD_BALANCER, containerPort: 80 }, '$.services[0].loadBalancers[0].containerPort: container "web" has no portMappings containerPort 80 (have: 8080)'],
    [{ ...LOAD_BALANCER, targetGroupArn: 'web-tg' }, '$.services[0].loadBalancers[0].targetGroupArn: expected a string matching'],
  ])('a scenario load balancer the task definition cannot serve is refused: %o', async (lb, message) => {
    const error = await rejection(startEmulator({ scenario: scenarioWith({ loadBalancers: [lb], elbHealthCheck: { healthyAfterSeconds: 0 } }), baseDir: SCENARIOS }));
    expect(error.message).toContain(message);
  });
});
