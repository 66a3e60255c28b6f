// The deployment engine as the action sees it through the SDK: rolling updates, the circuit
// breaker with and without rollback, replaced deployments, StopServiceDeployment, the timeline.
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { REGISTRY, rejection, scenario, sleep, start, until, webTaskDefinition } from '../helpers.js';

const TD = (/** @type {string} */ name) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${name}`;

/** @type {{ stop: () => Promise<void> }[]} */
const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/** @param {object} s */
async function emulatorFor(s) {
  const started = await start(s);
  running.push(started.emulator);
  const { ecs } = started;
  const describe = async () => (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0];
  /** @param {string} tag */
  const deploy = async (tag) => {
    await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition(tag)));
    return ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:2' }));
  };
  /** @param {string} arn */
  const serviceDeployment = async (arn) => (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments?.[0];
  return { ...started, describe, deploy, serviceDeployment };
}

/** @param {any} emulator @param {string} arn */
const historyOf = (emulator, arn) => emulator.state().serviceDeployments.find((/** @type {any} */ sd) => sd.serviceDeploymentArn === arn).statusHistory.map((/** @type {any} */ h) => h.status);

describe('a rolling deployment', () => {
  it('replaces the tasks and completes, with ECS events and a SUCCESSFUL service deployment', async () => {
    const { ecs, emulator, describe, deploy, serviceDeployment } = await emulatorFor({ ...scenario('healthy.json'), timeScale: 200 });
    const before = await describe();
    const oldId = before?.deployments?.[0].id;
    const updated = await deploy('v2');
    const primary = updated.service?.deployments?.[0];
    expect(primary).toMatchObject({ status: 'PRIMARY', taskDefinition: TD('web:2'), rolloutState: 'IN_PROGRESS', rolloutStateReason: `ECS deployment ${primary?.id} in progress.` });
    expect(updated.service?.deployments?.[1]).toMatchObject({ id: oldId, status: 'ACTIVE', rolloutState: 'COMPLETED' });
    const sdArn = updated.service?.currentServiceDeployment ?? '';
    expect(sdArn).not.toBe(before?.currentServiceDeployment);

    const done = await until(async () => {
      const s = await describe();
      return s?.deployments?.length === 1 && s.deployments[0].rolloutState === 'COMPLETED' ? s : undefined;
    });
    expect(done.deployments?.[0]).toMatchObject({ id: primary?.id, runningCount: 2, failedTasks: 0, rolloutStateReason: `ECS deployment ${primary?.id} completed.` });
    const messages = done.events?.map((e) => e.message) ?? [];
    expect(messages[0]).toBe('(service web) has reached a steady state.');
    expect(messages[1]).toBe(`(service web) (deployment ${primary?.id}) deployment completed.`);
    expect(messages).toContainEqual(expect.stringMatching(/^\(service web\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/));
    expect(messages.filter((m) => /has stopped \d running tasks/.test(m))).not.toHaveLength(0);

    const sd = await serviceDeployment(sdArn);
    expect(sd).toMatchObject({ status: 'SUCCESSFUL', deploymentCircuitBreaker: { status: 'MONITORING_COMPLETE', failureCount: 0, threshold: 3 } });
    expect(historyOf(emulator, sdArn)).toEqual(['PENDING', 'IN_PROGRESS', 'SUCCESSFUL']);
    const revisions = await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [sd?.targetServiceRevision?.arn ?? ''] }));
    expect(revisions.serviceRevisions?.[0].containerImages).toEqual([{ containerName: 'web', image: `${REGISTRY}/web:v2`, imageDigest: expect.stringMatching(/^sha256:/) }]);

    const stoppedArns = (await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web', desiredStatus: 'STOPPED' }))).taskArns ?? [];
    expect(stoppedArns).toHaveLength(2);
    const stopped = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: stoppedArns }))).tasks ?? [];
    for (const task of stopped) {
      expect(task).toMatchObject({ startedBy: oldId, group: 'service:web', stopCode: 'ServiceSchedulerInitiated', stoppedReason: `Scaling activity initiated by (deployment ${primary?.id})` });
    }
    const runningTasks = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: (await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web' }))).taskArns ?? [] }))).tasks ?? [];
    expect(runningTasks.map((t) => [t.lastStatus, t.healthStatus, t.startedBy, t.platformVersion, t.containers?.[0].managedAgents?.[0].lastStatus]))
      .toEqual([['RUNNING', 'HEALTHY', primary?.id, '1.4.0', 'RUNNING'], ['RUNNING', 'HEALTHY', primary?.id, '1.4.0', 'RUNNING']]);
  });

  it('stops the replaced service deployment when a second update arrives mid-way', async () => {
    const { ecs, emulator, describe, deploy, serviceDeployment } = await emulatorFor({ ...scenario('healthy.json'), timeScale: 5 });
    const first = await deploy('v2');
    await until(async () => (await describe())?.deployments?.[0].pendingCount === 2);
    const second = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', forceNewDeployment: true }));
    const [newest, replaced] = second.service?.deployments ?? [];
    expect(newest.status).toBe('PRIMARY');
    expect(replaced).toMatchObject({ id: first.service?.deployments?.[0].id, status: 'ACTIVE' });
    const old = await serviceDeployment(first.service?.currentServiceDeployment ?? '');
    expect(old?.status).toBe('STOPPED');
    expect(old?.statusReason).toBe(`Service deployment stopped because a new service deployment was started: ${second.service?.currentServiceDeployment}.`);
    expect(historyOf(emulator, first.service?.currentServiceDeployment ?? '')).toEqual(['PENDING', 'IN_PROGRESS', 'STOPPED']);
  });

  it.each([
    ['CODE_DEPLOY', 'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.'],
  ])('refuses a task definition change on a %s service', async (controller, message) => {
    const s = scenario('healthy.json');
    s.services[0].deploymentController = controller;
    const { deploy } = await emulatorFor(s);
    const error = await rejection(deploy('v2'));
    expect([error.name, error.message]).toEqual(['InvalidParameterException', message]);
  });
});

describe('the circuit breaker', () => {
  it('fails the deployment and rolls back to the last COMPLETED one, as the reference describes', async () => {
    const s = { ...scenario('broken-image.json'), timeScale: 50 };
    // A slow-starting good image keeps the rollback in progress long enough to be observed.
    s.behaviours[`${REGISTRY}/web:v1`] = { startSeconds: 30 };
    const { ecs, emulator, describe, serviceDeployment } = await emulatorFor(s);
    const completedId = (await describe())?.deployments?.[0].id;
    await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('broken')));
    const updated = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:2' }));
    const failedId = updated.service?.deployments?.[0].id;
    const sdArn = updated.service?.currentServiceDeployment ?? '';

    const rollingBack = await until(async () => {
      const svc = await describe();
      return svc?.deployments?.[0].id !== failedId && svc?.deployments?.some((d) => d.id === failedId) ? svc : undefined;
    });
    const [rollback, failed] = rollingBack.deployments ?? [];
    expect(failed).toMatchObject({ id: failedId, status: 'ACTIVE', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' });
    expect(failed.failedTasks).toBeGreaterThanOrEqual(3);
    expect(rollback).toMatchObject({ status: 'PRIMARY', taskDefinition: TD('web:1'), rolloutState: 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${completedId}.` });
    expect(rollback.id).not.toBe(completedId);
    expect(rollingBack.taskDefinition).toBe(TD('web:1'));
    const midway = await serviceDeployment(sdArn);
    expect(midway).toMatchObject({ status: 'ROLLBACK_IN_PROGRESS', deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 },
      rollback: { reason: `ECS deployment circuit breaker: rolling back to deploymentId ${completedId}.` } });

    const done = await until(async () => {
      const svc = await describe();
      return svc?.deployments?.length === 1 && svc.deployments[0].rolloutState === 'COMPLETED' ? svc : undefined;
    });
    expect(done.deployments?.[0].id).toBe(rollback.id);
    const sd = await serviceDeployment(sdArn);
    expect(sd?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(historyOf(emulator, sdArn)).toEqual(['PENDING', 'IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL']);
    const messages = (done.events ?? []).map((e) => e.message).reverse();
    const failedAt = messages.indexOf(`(service web) deployment ${failedId} deployment failed: tasks failed to start.`);
    expect(failedAt).toBeGreaterThan(-1);
    expect(messages[failedAt + 1]).toBe(`(service web) rolling back to deployment ${completedId}.`);

    const stopped = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: (await ecs.send(new ListTasksCommand({ cluster: 'demo', startedBy: failedId, desiredStatus: 'STOPPED' }))).taskArns ?? [] }))).tasks ?? [];
    expect(stopped.length).toBeGreaterThanOrEqual(3);
    for (const task of stopped.filter((t) => t.stopCode === 'TaskFailedToStart')) {
      expect(task.stoppedReason).toMatch(/^CannotPullContainerError: /);
      expect(task.containers?.[0].reason).toBe(task.stoppedReason);
    }
  });

  it.each([
    ['rollback is off', 'breaker-no-rollback.json', 'completed'],
    ['no earlier deployment COMPLETED', 'broken-image.json', 'none'],
  ])('leaves the deployment FAILED and the service stalled when %s', async (_case, file, initialDeployment) => {
    const s = { ...scenario(file), timeScale: 200 };
    s.services[0].initialDeployment = initialDeployment;
    const { ecs, describe, serviceDeployment } = await emulatorFor(s);
    await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('broken')));
    const updated = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:2' }));
    const failedId = updated.service?.deployments?.[0].id;
    const failed = await until(async () => {
      const svc = await describe();
      return svc?.deployments?.[0].rolloutState === 'FAILED' ? svc : undefined;
    });
    const launchedByFailed = async () => {
      const counts = await Promise.all(['RUNNING', 'STOPPED'].map(async (desiredStatus) => (await ecs.send(new ListTasksCommand({ cluster: 'demo', startedBy: failedId, desiredStatus: /** @type {any} */ (desiredStatus) }))).taskArns?.length ?? 0));
      return counts[0] + counts[1];
    };
    const launchedAtFailure = await launchedByFailed();
    await sleep(500);
    const later = await describe();
    expect(later?.deployments?.map((d) => [d.id === failedId, d.status, d.rolloutState])).toEqual([[true, 'PRIMARY', 'FAILED'], [false, 'ACTIVE', initialDeployment === 'none' ? 'IN_PROGRESS' : 'COMPLETED']]);
    expect(later?.deployments?.[0].rolloutStateReason).toBe('ECS deployment circuit breaker: tasks failed to start.');
    expect(later?.deployments?.[1].runningCount).toBe(2);
    expect(later?.taskDefinition).toBe(TD('web:2'));
    expect(await launchedByFailed()).toBe(launchedAtFailure);
    expect(later?.events?.map((e) => e.message)).not.toContainEqual(expect.stringMatching(/rolling back/));
    const sd = await serviceDeployment(failed.currentServiceDeployment ?? '');
    expect(sd).toMatchObject({ status: 'IN_PROGRESS', statusReason: 'ECS deployment circuit breaker: tasks failed to start.', deploymentCircuitBreaker: { status: 'TRIGGERED', threshold: 3 } });
    expect(sd?.rollback).toBeUndefined();
  });

  it('rolls back on StopServiceDeployment even without rollback configured', async () => {
    const s = { ...scenario('breaker-no-rollback.json'), timeScale: 200 };
    // v2 never becomes ready, so the service deployment waits IN_PROGRESS until it is stopped.
    s.behaviours[`${REGISTRY}/web:v2`] = { startSeconds: 1e6 };
    const { ecs, emulator, describe, deploy, serviceDeployment } = await emulatorFor(s);
    const updated = await deploy('v2');
    const sdArn = updated.service?.currentServiceDeployment ?? '';
    await until(async () => (await serviceDeployment(sdArn))?.status === 'IN_PROGRESS');
    const stop = await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: sdArn, stopType: 'ROLLBACK' }));
    expect(stop.serviceDeploymentArn).toBe(sdArn);
    const done = await until(async () => {
      const svc = await describe();
      return svc?.deployments?.length === 1 && svc.deployments[0].rolloutState === 'COMPLETED' ? svc : undefined;
    });
    expect(done.taskDefinition).toBe(TD('web:1'));
    expect(historyOf(emulator, sdArn)).toEqual(['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL']);
    const list = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web', status: ['ROLLBACK_SUCCESSFUL'] }));
    expect(list.serviceDeployments?.map((d) => d.serviceDeploymentArn)).toEqual([sdArn]);
  });
});

describe('the timeline', () => {
  it('runs a scripted outside update at its simulated time', async () => {
    const s = { ...scenario('healthy.json'), timeScale: 200, timeline: [{ at: 20, updateService: { cluster: 'demo', service: 'web', forceNewDeployment: true } }] };
    const { ecs, emulator } = await emulatorFor(s);
    const list = await until(async () => {
      const answer = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web', status: ['SUCCESSFUL'] }));
      return answer.serviceDeployments?.length === 2 ? answer : undefined;
    });
    const pending = emulator.state().serviceDeployments.find((/** @type {any} */ sd) => sd.serviceDeploymentArn === list.serviceDeployments?.[0].serviceDeploymentArn);
    expect(pending.statusHistory[0]).toEqual({ status: 'PENDING', simTime: 20, wallMs: expect.any(Number) });
    expect(emulator.state().requests.map((/** @type {any} */ r) => r.operation)).not.toContain('UpdateService');
  });
});
