// Elastic Load Balancing v2 through the real SDK (awsQuery, XML answers): target groups, their
// attributes and target health over a deployment (initial, healthy, draining for the
// deregistration delay, unhealthy), and the task timestamps a deploy's timing is read from.
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DescribeTargetGroupAttributesCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand, ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand, RegisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { REGISTRY, rejection, scenario, start, until, webTaskDefinition } from '../helpers.js';

const TARGET_GROUP = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/6d0ecf831eec9f09';
const OTHER_GROUP = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-tg/0123456789abcdef';
const LOAD_BALANCER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188';
const credentials = { accessKeyId: 'AKIAEMULATOREXAMPLE', secretAccessKey: 'emulator-secret' };

/** @type {{ stop: () => Promise<void> }[]} */
const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/**
 * healthy.json behind the target group web-tg, deploying image web:elb.
 * @param {{ targetGroup?: object, elbHealthCheck?: object, timeScale?: number, undocumented?: object, service?: object, behaviour?: object }} options
 */
function scenarioWith({ targetGroup = {}, elbHealthCheck, timeScale = 100, undocumented, service = {}, behaviour = {} } = {}) {
  const s = { ...scenario('healthy.json'), timeScale, ...(undocumented ? { undocumented } : {}) };
  s.elbv2 = {
    targetGroups: [
      { targetGroupArn: TARGET_GROUP, port: 8080, loadBalancerArns: [LOAD_BALANCER], ...targetGroup },
      { targetGroupArn: OTHER_GROUP, healthCheck: { intervalSeconds: 10, path: '/healthz' }, deregistrationDelaySeconds: 5 },
    ],
  };
  Object.assign(s.services[0], { loadBalancers: [{ targetGroupArn: TARGET_GROUP, containerName: 'web', containerPort: 8080 }] }, service);
  s.ecr.repositories[0].images.push({ tags: ['elb'], sizeInBytes: 250_000_000 });
  s.behaviours[`${REGISTRY}/web:elb`] = { startSeconds: 2, ...(elbHealthCheck ? { elbHealthCheck } : {}), ...behaviour };
  return s;
}

/** @param {object} s */
async function emulate(s) {
  const { emulator, ecs, ecr } = await start(s);
  running.push(emulator);
  const elb = new ElasticLoadBalancingV2Client({ endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  /** @param {'RUNNING' | 'STOPPED'} desiredStatus */
  const tasks = async (desiredStatus) => {
    const arns = (await ecs.send(new ListTasksCommand({ cluster: 'demo', desiredStatus }))).taskArns ?? [];
    return arns.length === 0 ? [] : (await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: arns }))).tasks ?? [];
  };
  const health = async () => (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: TARGET_GROUP }))).TargetHealthDescriptions ?? [];
  const deploy = async () => {
    await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('elb')));
    const updated = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:2' }));
    return updated.service?.deployments?.[0].id;
  };
  const completed = () => until(async () => {
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0];
    return service?.deployments?.length === 1 && service.deployments[0].rolloutState === 'COMPLETED' ? service : undefined;
  });
  return { emulator, ecs, ecr, elb, tasks, health, deploy, completed };
}

/** Scenario seconds between two SDK timestamps. @param {Date | undefined} from @param {Date | undefined} to @param {number} timeScale */
const scenarioSeconds = (from, to, timeScale) => ((Number(to) - Number(from)) / 1000) * timeScale;
/** The IPv4 address ECS registers an awsvpc task by. @param {any} task */
const ipOf = (task) => task.attachments[0].details.find((/** @type {any} */ d) => d.name === 'privateIPv4Address').value;

describe('ELBv2 target groups', () => {
  it('DescribeTargetGroups answers every field the SDK parses, by ARN, name, load balancer or all, with paging', async () => {
    const { elb } = await emulate(scenarioWith({ targetGroup: { healthCheck: { intervalSeconds: 15, healthyThresholdCount: 3 } } }));
    const byArn = await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [TARGET_GROUP] }));
    expect(byArn.TargetGroups).toEqual([{
      TargetGroupArn: TARGET_GROUP, TargetGroupName: 'web-tg', Protocol: 'HTTP', Port: 8080, VpcId: 'vpc-0a1b2c3d4e5f60718',
      HealthCheckProtocol: 'HTTP', HealthCheckPort: 'traffic-port', HealthCheckEnabled: true, HealthCheckIntervalSeconds: 15,
      HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 3, UnhealthyThresholdCount: 2, HealthCheckPath: '/', Matcher: { HttpCode: '200' },
      LoadBalancerArns: [LOAD_BALANCER], TargetType: 'ip', ProtocolVersion: 'HTTP1', IpAddressType: 'ipv4',
    }]);
    expect((await elb.send(new DescribeTargetGroupsCommand({ Names: ['api-tg'] }))).TargetGroups?.map((g) => [g.HealthCheckIntervalSeconds, g.HealthCheckPath]))
      .toEqual([[10, '/healthz']]);
    expect((await elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: LOAD_BALANCER }))).TargetGroups?.map((g) => g.TargetGroupName)).toEqual(['web-tg']);
    const first = await elb.send(new DescribeTargetGroupsCommand({ PageSize: 1 }));
    const second = await elb.send(new DescribeTargetGroupsCommand({ PageSize: 1, Marker: first.NextMarker }));
    expect([first.TargetGroups?.[0].TargetGroupName, second.TargetGroups?.[0].TargetGroupName, second.NextMarker]).toEqual(['web-tg', 'api-tg', undefined]);
  });

  it.each([
    [{ TargetGroupArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/1'] }, 'TargetGroupNotFoundException', 'One or more target groups not found'],
    [{ Names: ['nope'] }, 'TargetGroupNotFoundException', 'One or more target groups not found'],
    [{ Names: ['web-tg'], LoadBalancerArn: LOAD_BALANCER }, 'ValidationError', 'A load balancer ARN, target group ARNs, or target group names can be specified, but not more than one of these'],
  ])('DescribeTargetGroups %j fails as ELBv2 does', async (input, name, message) => {
    const { elb } = await emulate(scenarioWith());
    const error = await rejection(elb.send(new DescribeTargetGroupsCommand(input)));
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([name, message, 400]);
  });

  it('DescribeTargetGroupAttributes: deregistration_delay.timeout_seconds is 300 by default, or what the scenario sets', async () => {
    const { elb } = await emulate(scenarioWith({ targetGroup: { deregistrationDelaySeconds: 30 } }));
    const attributes = async (/** @type {string} */ arn) => Object.fromEntries(((await elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }))).Attributes ?? []).map((a) => [a.Key, a.Value]));
    expect((await attributes(TARGET_GROUP))['deregistration_delay.timeout_seconds']).toBe('30');
    const { elb: defaults } = await emulate(scenarioWith());
    expect(Object.fromEntries(((await defaults.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: TARGET_GROUP }))).Attributes ?? []).map((a) => [a.Key, a.Value])))
      .toMatchObject({ 'deregistration_delay.timeout_seconds': '300', 'stickiness.enabled': 'false', 'load_balancing.algorithm.type': 'round_robin' });
  });

  it('a scenario that declares a target group twice, or puts bridge-mode tasks in one, is refused', async () => {
    const twice = scenarioWith();
    twice.elbv2.targetGroups.push({ targetGroupArn: TARGET_GROUP });
    expect((await rejection(start(twice))).message).toContain(`$.elbv2.targetGroups[2].targetGroupArn: duplicate target group "${TARGET_GROUP}"`);
    const bridge = scenarioWith();
    Object.assign(bridge.taskDefinitions[0], { networkMode: 'bridge', requiresCompatibilities: ['EC2'] });
    Object.assign(bridge.services[0], { launchType: 'EC2' });
    expect((await rejection(start(bridge))).message).toContain(`$.services[0].loadBalancers[0].targetGroupArn: target group "${TARGET_GROUP}" has ip targets, which need networkMode awsvpc (web:1 has bridge)`);
  });

  it('errors of the shared fault injection arrive in the query protocol: AccessDenied names elasticloadbalancing:<Action>', async () => {
    const { elb } = await emulate({ ...scenarioWith(), faults: { accessDenied: ['DescribeTargetGroupAttributes'] } });
    const error = await rejection(elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: TARGET_GROUP })));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain('is not authorized to perform: elasticloadbalancing:DescribeTargetGroupAttributes');
  });
});

describe('targets over a deployment', () => {
  it('new targets are initial until their first passing check, one interval after registration; old ones drain for the delay while their task is DEACTIVATING', async () => {
    const timeScale = 100;
    const { tasks, health, deploy, completed } = await emulate(scenarioWith({ targetGroup: { deregistrationDelaySeconds: 120, healthCheck: { intervalSeconds: 30 } }, timeScale }));
    const oldTasks = await tasks('RUNNING');
    expect((await health()).map((d) => [d.Target?.Id, d.Target?.Port, d.TargetHealth?.State]).sort()).toEqual(oldTasks.map((t) => [ipOf(t), 8080, 'healthy']).sort());
    const deploymentId = await deploy();
    const initial = await until(async () => (await health()).find((d) => d.TargetHealth?.State === 'initial'));
    expect(initial.TargetHealth).toEqual({ State: 'initial', Reason: 'Elb.InitialHealthChecking', Description: 'Initial health checks in progress' });
    const draining = await until(async () => (await health()).find((d) => d.TargetHealth?.State === 'draining'));
    expect(draining.TargetHealth).toEqual({ State: 'draining', Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' });
    const deactivating = (await tasks('STOPPED')).find((t) => ipOf(t) === draining.Target?.Id);
    expect(deactivating?.lastStatus).toBe('DEACTIVATING');
    await completed();
    const stopped = (await tasks('STOPPED')).filter((t) => t.startedBy !== deploymentId);
    expect(stopped).toHaveLength(2);
    for (const task of stopped) expect(scenarioSeconds(task.stoppingAt, task.stoppedAt, timeScale)).toBeGreaterThanOrEqual(120);
    const fresh = (await tasks('RUNNING')).filter((t) => t.startedBy === deploymentId);
    // The old tasks were stopped once a new target passed its first check, 30 s after RUNNING.
    const firstStop = Math.min(...stopped.map((t) => Number(t.stoppingAt)));
    expect(scenarioSeconds(fresh[0].startedAt, new Date(firstStop), timeScale)).toBeGreaterThanOrEqual(29);
    expect((await health()).map((d) => d.TargetHealth?.State)).toEqual(['healthy', 'healthy']);
  });

  it('with undocumented.firstHealthCheck atRegistration, the first check comes at once', async () => {
    const timeScale = 100;
    const { tasks, deploy, completed } = await emulate(scenarioWith({ targetGroup: { deregistrationDelaySeconds: 0, healthCheck: { intervalSeconds: 300 } }, timeScale, undocumented: { firstHealthCheck: 'atRegistration' } }));
    const deploymentId = await deploy();
    await completed();
    const fresh = (await tasks('RUNNING')).filter((t) => t.startedBy === deploymentId);
    const firstStop = Math.min(...(await tasks('STOPPED')).map((t) => Number(t.stoppingAt)));
    // Well under the 300 s interval the default would wait.
    expect(scenarioSeconds(fresh[0].startedAt, new Date(firstStop), timeScale)).toBeLessThan(100);
  });

  it('DescribeTargetHealth with Targets answers an unknown target unused (Target.NotRegistered)', async () => {
    const { elb } = await emulate(scenarioWith());
    const answer = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: TARGET_GROUP, Targets: [{ Id: '10.9.9.9', Port: 8080 }] }));
    expect(answer.TargetHealthDescriptions).toEqual([{ Target: { Id: '10.9.9.9', Port: 8080 }, HealthCheckPort: '8080', TargetHealth: { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' } }]);
  });

  it('an app that fails its checks: unhealthy after UnhealthyThresholdCount failures, stopped once the grace period is over', async () => {
    const timeScale = 100;
    const { tasks, health, deploy } = await emulate(scenarioWith({
      targetGroup: { deregistrationDelaySeconds: 0, healthCheck: { intervalSeconds: 10, unhealthyThresholdCount: 3 } },
      elbHealthCheck: { unhealthyAfterSeconds: 0, reason: 'Request timed out' }, timeScale, service: { healthCheckGracePeriodSeconds: 60 },
    }));
    const deploymentId = await deploy();
    const unhealthy = await until(async () => (await health()).find((d) => d.TargetHealth?.State === 'unhealthy'));
    expect(unhealthy.TargetHealth).toEqual({ State: 'unhealthy', Reason: 'Target.FailedHealthChecks', Description: 'Request timed out' });
    const failed = await until(async () => (await tasks('STOPPED')).find((t) => t.startedBy === deploymentId));
    expect(failed.stoppedReason).toBe(`Task failed ELB health checks in (target-group ${TARGET_GROUP})`);
    // Unhealthy after 3 checks 10 s apart (30 s), acted on at the end of the 60 s grace period.
    expect(scenarioSeconds(failed.startedAt, failed.stoppingAt, timeScale)).toBeGreaterThanOrEqual(59);
  });

  it('an app slow to answer goes unhealthy, then healthy after HealthyThresholdCount passes, inside the grace period: the task survives', async () => {
    const timeScale = 100;
    const { tasks, deploy, completed } = await emulate(scenarioWith({
      targetGroup: { deregistrationDelaySeconds: 0, healthCheck: { intervalSeconds: 10, healthyThresholdCount: 3 } },
      elbHealthCheck: { healthyAfterSeconds: 25 }, timeScale, service: { healthCheckGracePeriodSeconds: 120 },
    }));
    const deploymentId = await deploy();
    await completed();
    expect((await tasks('STOPPED')).filter((t) => t.startedBy === deploymentId)).toEqual([]);
    const fresh = (await tasks('RUNNING')).filter((t) => t.startedBy === deploymentId);
    const firstStop = Math.min(...(await tasks('STOPPED')).map((t) => Number(t.stoppingAt)));
    // Checks at 10 and 20 fail (unhealthy), 30, 40 and 50 pass: healthy at 50 s.
    expect(scenarioSeconds(fresh[0].startedAt, new Date(firstStop), timeScale)).toBeGreaterThanOrEqual(49);
  });

  it.each([
    [false, 'while the old task drains', (/** @type {number} */ gap) => expect(gap).toBeLessThan(60)],
    [true, 'once the old task drained', (/** @type {number} */ gap) => expect(gap).toBeGreaterThanOrEqual(120)],
  ])('maximumPercent 100: with drainingTasksCountTowardMaximumPercent %s the replacement starts %s', async (counts, _when, check) => {
    const timeScale = 100;
    const { tasks, deploy, completed } = await emulate(scenarioWith({
      targetGroup: { deregistrationDelaySeconds: 120, healthCheck: { intervalSeconds: 5 } }, timeScale,
      undocumented: { drainingTasksCountTowardMaximumPercent: counts },
      service: { desiredCount: 1, deploymentConfiguration: { maximumPercent: 100, minimumHealthyPercent: 0 } },
    }));
    const deploymentId = await deploy();
    await completed();
    const [old] = await tasks('STOPPED');
    const [fresh] = (await tasks('RUNNING')).filter((t) => t.startedBy === deploymentId);
    check(scenarioSeconds(old.stoppingAt, fresh.createdAt, timeScale));
  });
});

describe('task timestamps', () => {
  it('a scripted pull: pullSeconds, or the ECR image size at pullBytesPerSecond; DescribeImages reports imageSizeInBytes', async () => {
    const timeScale = 50;
    const byRate = { pullBytesPerSecond: 10_000_000, startSeconds: 2 };
    const s = scenarioWith({ timeScale, behaviour: byRate });
    delete s.elbv2;
    delete s.services[0].loadBalancers;
    const { ecr, tasks, deploy, completed } = await emulate(s);
    expect((await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'elb' }] }))).imageDetails?.[0].imageSizeInBytes).toBe(250_000_000);
    const deploymentId = await deploy();
    await completed();
    const [task] = (await tasks('RUNNING')).filter((t) => t.startedBy === deploymentId);
    expect(task).toMatchObject({ lastStatus: 'RUNNING', connectivity: 'CONNECTED' });
    for (const field of ['createdAt', 'connectivityAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt']) expect(task[field]).toBeInstanceOf(Date);
    // 250 MB at 10 MB/s: 25 s of pull, then 20 % of startSeconds to RUNNING.
    expect(scenarioSeconds(task.pullStartedAt, task.pullStoppedAt, timeScale)).toBeGreaterThanOrEqual(24.5);
    expect(scenarioSeconds(task.pullStartedAt, task.pullStoppedAt, timeScale)).toBeLessThan(40);
    expect(scenarioSeconds(task.createdAt, task.pullStartedAt, timeScale)).toBeLessThan(10);
    expect(Number(task.pullStoppedAt)).toBeLessThanOrEqual(Number(task.startedAt));
    const [stopped] = (await tasks('STOPPED')).slice(-1);
    expect(Number(stopped.stoppingAt)).toBeLessThanOrEqual(Number(stopped.executionStoppedAt));
    expect(stopped.stoppedAt).toEqual(stopped.executionStoppedAt);
  });

  it('maximumPercent 100 / minimumHealthyPercent 50 replaces 4 tasks in 2 batches', async () => {
    const timeScale = 100;
    const s = scenarioWith({ timeScale, behaviour: { pullSeconds: 20 } });
    delete s.elbv2;
    delete s.services[0].loadBalancers;
    Object.assign(s.services[0], { desiredCount: 4, deploymentConfiguration: { maximumPercent: 100, minimumHealthyPercent: 50 } });
    const { tasks, deploy, completed } = await emulate(s);
    const deploymentId = await deploy();
    await completed();
    const fresh = (await tasks('RUNNING')).filter((t) => t.startedBy === deploymentId).map((t) => Number(t.createdAt)).sort((a, b) => a - b);
    expect(fresh).toHaveLength(4);
    // Two launched at once, the other two one start (about 22 s) later.
    expect(scenarioSeconds(new Date(fresh[0]), new Date(fresh[1]), timeScale)).toBeLessThan(5);
    expect(scenarioSeconds(new Date(fresh[1]), new Date(fresh[2]), timeScale)).toBeGreaterThanOrEqual(20);
  });
});
