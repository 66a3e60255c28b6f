/** One poll for the whole release: the members' reads go out as one request per kind and round. */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  type DescribeServicesCommandInput,
} from '@aws-sdk/client-ecs';
import type { Clock } from '../../src/clock.js';
import { describeServiceDeployment, currentService } from '../../src/service/describe.js';
import { SharedPoll } from '../../src/release/shared-poll.js';

/** A clock whose sleeps end only when the test says so. */
class ManualClock implements Clock {
  private sleepers: Array<() => void> = [];
  now = (): number => 0;
  sleep = (_ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      this.sleepers.push(resolve);
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  wake(): void {
    for (const resolve of this.sleepers.splice(0)) resolve();
  }
}

const SD = (name: string) => `arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/${name}/abc`;
const ecsMock = mockClient(ECSClient);
const settle = () => new Promise((resolve) => setImmediate(resolve));

function servicesAnswer(input: DescribeServicesCommandInput) {
  return {
    services: (input.services ?? []).filter((name) => name !== 'gone').map((name) => ({ serviceName: name, status: 'ACTIVE', taskDefinition: `${name}:2` })),
    failures: (input.services ?? []).filter((name) => name === 'gone').map((name) => ({ arn: `arn:aws:ecs:us-east-1:123456789012:service/demo/${name}`, reason: 'MISSING' })),
  };
}

describe('SharedPoll', () => {
  let clock: ManualClock;
  let poll: SharedPoll;
  let cancel: AbortController;

  beforeEach(() => {
    ecsMock.reset();
    ecsMock.on(DescribeServicesCommand).callsFake(servicesAnswer);
    ecsMock.on(DescribeServiceDeploymentsCommand).callsFake((input) => ({
      serviceDeployments: input.serviceDeploymentArns.map((arn: string) => ({ serviceDeploymentArn: arn, status: 'IN_PROGRESS' })),
      failures: [],
    }));
    clock = new ManualClock();
    cancel = new AbortController();
    poll = sharedPoll(['web', 'worker']);
  });

  const sharedPoll = (members: string[], onServiceDeployment?: (member: string, sd: { status?: string }) => void) =>
    new SharedPoll(new ECSClient({ region: 'us-east-1' }), { cluster: 'demo', members, clock, windowMs: 5_000, cancel: cancel.signal, onServiceDeployment });

  it('the services that poll ask in one round: one DescribeServices and one DescribeServiceDeployments for all of them', async () => {
    const names = ['web', 'worker', 'api'];
    poll = sharedPoll(names);
    const services = await Promise.all(names.map((name) => currentService(poll.clientFor(name), 'demo', name)));
    expect(services.map((service) => service.serviceName)).toEqual(names);
    const deployments = await Promise.all(names.map((name) => describeServiceDeployment(poll.clientFor(name), SD(name))));
    expect(deployments.map((sd) => sd?.serviceDeploymentArn)).toEqual(names.map(SD));
    expect(ecsMock.commandCalls(DescribeServicesCommand).map((call) => call.args[0].input)).toEqual([{ cluster: 'demo', services: names }]);
    expect(ecsMock.commandCalls(DescribeServiceDeploymentsCommand).map((call) => call.args[0].input)).toEqual([{ serviceDeploymentArns: names.map(SD) }]);
  });

  it('a round waits for every service that polls, and no longer than one poll interval for one that stopped', async () => {
    await Promise.all(['web', 'worker'].map((name) => currentService(poll.clientFor(name), 'demo', name)));
    const web = currentService(poll.clientFor('web'), 'demo', 'web');
    await settle();
    expect(ecsMock.commandCalls(DescribeServicesCommand)).toHaveLength(1);
    clock.wake();
    await expect(web).resolves.toMatchObject({ serviceName: 'web' });
    expect(ecsMock.commandCalls(DescribeServicesCommand)).toHaveLength(2);
    // worker did not ask within the interval: it no longer holds web up.
    await currentService(poll.clientFor('web'), 'demo', 'web');
    expect(ecsMock.commandCalls(DescribeServicesCommand)).toHaveLength(3);
  });

  it('a service that leaves (its watch ended) lets the round go at once', async () => {
    await Promise.all(['web', 'worker'].map((name) => currentService(poll.clientFor(name), 'demo', name)));
    const web = currentService(poll.clientFor('web'), 'demo', 'web');
    await settle();
    poll.leave('worker');
    await expect(web).resolves.toMatchObject({ serviceName: 'web' });
  });

  it("each gets the answer it would have had alone: a missing service is that service's failure only", async () => {
    poll = sharedPoll(['web', 'gone']);
    const [web, gone] = await Promise.allSettled(['web', 'gone'].map((name) => currentService(poll.clientFor(name), 'demo', name)));
    expect(web).toMatchObject({ status: 'fulfilled', value: { serviceName: 'web' } });
    expect(gone).toMatchObject({ status: 'rejected', reason: { name: 'ServiceGoneError' } });
  });

  it('stays within the APIs limits: 10 services and 20 ARNs a request', async () => {
    const names = Array.from({ length: 12 }, (_, index) => `s${index}`);
    poll = sharedPoll(names);
    await Promise.all(names.map((name) => currentService(poll.clientFor(name), 'demo', name)));
    expect(ecsMock.commandCalls(DescribeServicesCommand).map((call) => call.args[0].input.services?.length)).toEqual([10, 2]);
  });

  it('an error answers every ask of the round; an aborted ask leaves the round without holding it', async () => {
    ecsMock.on(DescribeServicesCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const results = await Promise.allSettled(['web', 'worker'].map((name) => currentService(poll.clientFor(name), 'demo', name)));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    ecsMock.on(DescribeServicesCommand).callsFake(servicesAnswer);
    const controller = new AbortController();
    const aborted = currentService(poll.clientFor('web'), 'demo', 'web', controller.signal);
    controller.abort(new Error('stopped'));
    await expect(aborted).rejects.toThrow('stopped');
    clock.wake();
    await settle();
    expect(ecsMock.commandCalls(DescribeServicesCommand)).toHaveLength(1);
  });

  it('other requests, and every request once the run is cancelled, go straight to ECS', async () => {
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [] });
    await poll.clientFor('web').send(new DescribeTasksCommand({ cluster: 'demo', tasks: ['t'] }));
    await poll.clientFor('web').send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'], include: ['TAGS'] }));
    await Promise.all(['web', 'worker'].map((name) => currentService(poll.clientFor(name), 'demo', name)));
    const before = ecsMock.commandCalls(DescribeServicesCommand).length;
    cancel.abort();
    await currentService(poll.clientFor('web'), 'demo', 'web');
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(1);
    expect(ecsMock.commandCalls(DescribeServicesCommand)).toHaveLength(before + 1);
  });

  it('tells what it read of each service deployment, for the member that asked', async () => {
    const seen: string[] = [];
    poll = sharedPoll(['web', 'worker'], (member, sd) => seen.push(`${member}:${sd.status}`));
    await Promise.all(['web', 'worker'].map((name) => describeServiceDeployment(poll.clientFor(name), SD(name))));
    expect(seen).toEqual(['web:IN_PROGRESS', 'worker:IN_PROGRESS']);
  });
});
