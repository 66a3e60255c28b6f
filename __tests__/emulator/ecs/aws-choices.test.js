// Behaviours that follow AWS's documents, and choices where AWS is silent (scenario.undocumented),
// each tested both ways.
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServicesCommand, DescribeTasksCommand, ListServiceDeploymentsCommand, ListTasksCommand,
  RegisterTaskDefinitionCommand, UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { REGISTRY, scenario, start, until, webTaskDefinition } from '../helpers.js';

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
  const force = () => ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', forceNewDeployment: true }));
  const completed = () => until(async () => {
    const svc = await describe();
    return svc?.deployments?.length === 1 && svc.deployments[0].rolloutState === 'COMPLETED' ? svc : undefined;
  });
  return { ...started, describe, force, completed };
}

describe('timestamps', () => {
  it('are the wall clock, so a createdAt filter matches only deployments made after the call', async () => {
    const { ecs, force, completed, emulator } = await emulatorFor({ ...scenario('healthy.json'), timeScale: 200 });
    await force();
    await completed();
    const before = new Date();
    await force();
    const list = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web', createdAt: { after: before } }));
    expect(list.serviceDeployments).toHaveLength(1);
    const now = Date.now() / 1000 + 0.001;
    const state = emulator.state();
    const stamps = [...state.serviceDeployments.map((/** @type {any} */ sd) => sd.createdAt), ...state.services[0].events.map((/** @type {any} */ e) => e.createdAt), ...state.tasks.map((/** @type {any} */ t) => t.createdAt)];
    expect(stamps.filter((t) => t > now)).toEqual([]);
  });
});

describe('ListServiceDeployments', () => {
  it.each([
    ['newestFirst', (/** @type {string[]} */ arns) => [...arns].reverse()],
    ['oldestFirst', (/** @type {string[]} */ arns) => arns],
  ])('pages through every deployment, %s', async (order, expected) => {
    const s = { ...scenario('healthy.json'), timeScale: 200, undocumented: { listServiceDeploymentsOrder: order, listServiceDeploymentsPageLimit: 1 } };
    const { ecs, force, emulator } = await emulatorFor(s);
    await force();
    await force();
    /** @type {string[]} */
    const seen = [];
    /** @type {string | undefined} */
    let nextToken;
    let pages = 0;
    do {
      const page = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web', maxResults: 10, nextToken }));
      expect(page.serviceDeployments?.length).toBe(1);
      seen.push(...(page.serviceDeployments ?? []).map((d) => d.serviceDeploymentArn ?? ''));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected(emulator.state().serviceDeployments.map((/** @type {any} */ sd) => sd.serviceDeploymentArn)));
  });

  it('shuffles in a seeded order that stays the same across pages', async () => {
    const s = { ...scenario('healthy.json'), timeScale: 200, undocumented: { listServiceDeploymentsOrder: 'shuffled' } };
    const { ecs, force } = await emulatorFor(s);
    for (let i = 0; i < 5; i += 1) await force();
    const whole = (await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web' }))).serviceDeployments?.map((d) => d.serviceDeploymentArn);
    const first = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web', maxResults: 3 }));
    const second = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web', maxResults: 3, nextToken: first.nextToken }));
    expect([...(first.serviceDeployments ?? []), ...(second.serviceDeployments ?? [])].map((d) => d.serviceDeploymentArn)).toEqual(whole);
    expect(whole).toHaveLength(6);
  });
});

describe('UpdateService', () => {
  it.each([[true], [false]])('carries currentServiceDeployment in its answer: %s', async (carries) => {
    const { force, describe } = await emulatorFor({ ...scenario('healthy.json'), undocumented: { updateServiceCurrentServiceDeployment: carries } });
    const answer = await force();
    const described = await describe();
    expect(described?.currentServiceDeployment).toMatch(/^arn:aws:ecs:us-east-1:123456789012:service-deployment\/demo\/web\//);
    expect(answer.service?.currentServiceDeployment).toBe(carries ? described?.currentServiceDeployment : undefined);
  });
});

describe('tasks', () => {
  it('report container health UNKNOWN without a healthCheck, and carry their ENI attachment', async () => {
    const s = scenario('healthy.json');
    delete s.taskDefinitions[0].containerDefinitions[0].healthCheck;
    s.behaviours[`${REGISTRY}/web:v1`] = { healthCheck: { healthyAfterSeconds: 0 } };
    const { ecs } = await emulatorFor(s);
    const arns = (await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web' }))).taskArns ?? [];
    const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: arns }))).tasks ?? [];
    expect(tasks).toHaveLength(2);
    for (const task of tasks) {
      expect([task.lastStatus, task.healthStatus, task.containers?.[0].healthStatus]).toEqual(['RUNNING', 'UNKNOWN', 'UNKNOWN']);
      const [eni] = task.attachments ?? [];
      expect(eni).toMatchObject({ type: 'ElasticNetworkInterface', status: 'ATTACHED' });
      const details = Object.fromEntries((eni.details ?? []).map((d) => [d.name, d.value]));
      expect(details).toEqual({
        subnetId: 'subnet-0a1b2c3d4e5f60718',
        networkInterfaceId: expect.stringMatching(/^eni-[0-9a-f]{17}$/),
        macAddress: expect.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/),
        privateDnsName: expect.stringMatching(/^ip-10-0-\d+-\d+\.ec2\.internal$/),
        privateIPv4Address: expect.stringMatching(/^10\.0\.\d+\.\d+$/),
      });
      expect(task.containers?.[0].networkInterfaces).toEqual([{ attachmentId: eni.id, privateIpv4Address: details.privateIPv4Address }]);
    }
  });
});

describe('the circuit breaker events', () => {
  it.each([
    ['plain', (/** @type {string} */ failed, /** @type {string} */ old) => [`(service web) deployment ${failed} deployment failed: tasks failed to start.`, `(service web) rolling back to deployment ${old}.`]],
    ['deploymentInParentheses', (/** @type {string} */ failed, /** @type {string} */ old) => [`(service web) (deployment ${failed}) deployment failed: tasks failed to start.`, `(service web) (deployment ${failed}) rolling back to deployment ${old}.`]],
  ])('are worded %s', async (wording, expected) => {
    const { ecs, describe, completed } = await emulatorFor({ ...scenario('broken-image.json'), timeScale: 200, undocumented: { circuitBreakerEventWording: wording } });
    const oldId = (await describe())?.deployments?.[0].id ?? '';
    await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('broken')));
    const updated = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:2' }));
    const failedId = updated.service?.deployments?.[0].id ?? '';
    const done = await completed();
    const messages = (done.events ?? []).map((e) => e.message).reverse();
    const at = messages.indexOf(expected(failedId, oldId)[0]);
    expect(at).toBeGreaterThan(-1);
    expect(messages[at + 1]).toBe(expected(failedId, oldId)[1]);
  });
});
