// Scenario triggers: scripted events that happen when a state is reached (a service deployment's
// status, a lifecycle hook's status), so tests can force an order between services.
import { afterEach, describe, expect, it } from '@jest/globals';
import { DescribeTasksCommand, ListTasksCommand, RegisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { checkScenario } from '../../../emulator/scenario/load.js';
import { REGISTRY, scenario, sleep, start, until, webTaskDefinition } from '../helpers.js';

/** @type {{ stop: () => Promise<void> }[]} */
const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/** healthy.json with a second service whose exec agents stay PENDING until web's deployment succeeds. */
function withTrigger() {
  const base = scenario('healthy.json');
  return {
    ...base,
    timeScale: 200,
    services: [...base.services, { ...base.services[0], name: 'worker', desiredCount: 1 }],
    behaviours: {
      ...base.behaviours,
      [`${REGISTRY}/web:v1`]: { startSeconds: 5, execAgent: { status: 'PENDING' } },
      [`${REGISTRY}/web:v2`]: { startSeconds: 5, execAgent: { status: 'PENDING' } },
    },
    triggers: [{ when: { cluster: 'demo', service: 'web', serviceDeploymentStatus: 'SUCCESSFUL' }, execAgent: { cluster: 'demo', service: 'worker', status: 'RUNNING' } }],
  };
}

/** @param {import('@aws-sdk/client-ecs').ECSClient} ecs @param {string} service */
async function agents(ecs, service) {
  const { taskArns = [] } = await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: service }));
  const { tasks = [] } = await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: taskArns }));
  return tasks.map((task) => task.containers?.[0].managedAgents?.[0].lastStatus);
}

describe('triggers', () => {
  it("fire when a deployment started during the run reaches the status, not for the scenario's own, and only for the named service", async () => {
    const { emulator, ecs } = await start(withTrigger());
    running.push(emulator);
    await until(async () => (await agents(ecs, 'worker')).length === 1);
    // The initial deployments are SUCCESSFUL from the start: they do not count.
    await sleep(300);
    expect(await agents(ecs, 'worker')).toEqual(['PENDING']);
    await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('v2')));
    await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:2' }));
    expect(await agents(ecs, 'worker')).toEqual(['PENDING']);
    await until(async () => (await agents(ecs, 'worker'))[0] === 'RUNNING');
    const web = emulator.state().serviceDeployments.filter((/** @type {any} */ one) => one.serviceArn.endsWith('/web'));
    expect(web.at(-1).statusHistory.map((/** @type {any} */ change) => change.status)).toContain('SUCCESSFUL');
    // From then on the worker's new tasks start with a running agent too; web's own are untouched.
    await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'worker', forceNewDeployment: true }));
    await until(async () => {
      const { taskArns = [] } = await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'worker' }));
      const workerTasks = emulator.state().tasks.filter((/** @type {any} */ task) => task.group === 'service:worker');
      return taskArns.length === 1 && workerTasks.length >= 2 && (await agents(ecs, 'worker'))[0] === 'RUNNING';
    });
    expect(await agents(ecs, 'web')).toEqual(['PENDING', 'PENDING']);
  });

  it('a trigger must name services of the scenario and exactly one state', () => {
    const bad = {
      ...withTrigger(),
      triggers: [
        { when: { cluster: 'demo', service: 'api', hookStatus: 'AWAITING_ACTION' }, execAgent: { cluster: 'demo', service: 'worker', status: 'RUNNING' } },
        { when: { cluster: 'demo', service: 'web' }, execAgent: { cluster: 'demo', service: 'worker', status: 'RUNNING' } },
      ],
    };
    expect(() => checkScenario(bad, 'bad', '.')).toThrow('$.triggers[0].when: service "api" in cluster "demo" is not listed in $.services');
    expect(() => checkScenario(bad, 'bad', '.')).toThrow('$.triggers[1].when: expected exactly one of serviceDeploymentStatus and hookStatus');
  });
});
