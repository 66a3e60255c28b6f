// Timeline events on a state (`on`) instead of a time: what reaches a state, that each event runs
// once, the execAgent action, and how a bad `on` is refused. The states each test forces an order
// with are also used in pauses.test.js (PAUSE hooks, ExecuteCommand) and ../ecr (tag moves).
import { afterEach, describe, expect, it } from '@jest/globals';
import { DescribeTasksCommand, ListTasksCommand, RegisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { checkScenario } from '../../../emulator/scenario/load.js';
import { REGISTRY, scenario, sleep, start, until, webTaskDefinition } from '../helpers.js';

/** @type {{ stop: () => Promise<void> }[]} */
const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

const WORKER_AGENT = { cluster: 'demo', service: 'worker', status: 'RUNNING' };

/** healthy.json with a second service whose exec agents stay PENDING until web's deployment succeeds. */
function withWaitingAgent() {
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
    timeline: [{ on: { serviceDeploymentStatus: { cluster: 'demo', service: 'web', status: 'SUCCESSFUL' } }, execAgent: WORKER_AGENT }],
  };
}

/** @param {import('@aws-sdk/client-ecs').ECSClient} ecs @param {string} service */
async function agents(ecs, service) {
  const { taskArns = [] } = await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: service }));
  const { tasks = [] } = await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: taskArns }));
  return tasks.map((task) => task.containers?.[0].managedAgents?.[0].lastStatus);
}

describe('timeline events on a state', () => {
  it("run when a deployment started during the run reaches the status, not for the scenario's own, and act on the named service only", async () => {
    const { emulator, ecs } = await start(withWaitingAgent());
    running.push(emulator);
    await until(async () => (await agents(ecs, 'worker')).length === 1);
    // The initial deployments are SUCCESSFUL from the start: they do not count.
    await sleep(300);
    expect(await agents(ecs, 'worker')).toEqual(['PENDING']);
    await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('v2')));
    await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: 'web:2' }));
    // One synchronous look at the emulator's state, so no clock or load can come between the two
    // reads: as long as web's new deployment has not succeeded, the worker's agent waits.
    const snapshot = emulator.state();
    const webSucceeded = snapshot.serviceDeployments
      .filter((/** @type {any} */ one) => one.serviceArn.endsWith('/web'))
      .at(-1)
      .statusHistory.some((/** @type {any} */ change) => change.status === 'SUCCESSFUL');
    const workerAgents = snapshot.tasks
      .filter((/** @type {any} */ task) => task.group === 'service:worker' && task.lastStatus === 'RUNNING')
      .map((/** @type {any} */ task) => task.containers[0].managedAgents?.[0].lastStatus);
    expect(workerAgents).toEqual([webSucceeded ? 'RUNNING' : 'PENDING']);
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

  it('execAgent at a time: the running tasks report the status at once, whatever their behaviour says', async () => {
    const { emulator, ecs } = await start({ ...withWaitingAgent(), timeline: [{ at: 0, execAgent: WORKER_AGENT }] });
    running.push(emulator);
    await until(async () => (await agents(ecs, 'worker'))[0] === 'RUNNING');
    expect(await agents(ecs, 'web')).toEqual(['PENDING', 'PENDING']);
  });

  const updateWeb = { updateService: { cluster: 'demo', service: 'web', desiredCount: 1 } };
  it.each([
    ['no state', { on: {}, ...updateWeb },
      '$.timeline[0].on: expected exactly one of pauseAwaiting, executeCommand, registerTaskDefinition, deploymentStarts, serviceDeploymentStatus, hookStatus, got none'],
    ['two states', { on: { pauseAwaiting: 1, executeCommand: 1 }, ...updateWeb },
      '$.timeline[0].on: expected exactly one of pauseAwaiting, executeCommand, registerTaskDefinition, deploymentStarts, serviceDeploymentStatus, hookStatus, got pauseAwaiting, executeCommand'],
    ['a state of the old forms', { on: { afterRegisterTaskDefinition: 'web' }, ...updateWeb },
      '$.timeline[0].on.afterRegisterTaskDefinition: unknown property "afterRegisterTaskDefinition" (expected one of: pauseAwaiting, executeCommand, registerTaskDefinition, deploymentStarts, serviceDeploymentStatus, hookStatus)'],
    ['a count from 0', { on: { executeCommand: 0 }, ...updateWeb }, '$.timeline[0].on.executeCommand: expected a number >= 1, got 0'],
    ['an unknown status', { on: { hookStatus: { cluster: 'demo', service: 'web', status: 'WAITING' } }, ...updateWeb },
      '$.timeline[0].on.hookStatus.status: expected one of "IN_PROGRESS", "AWAITING_ACTION", "SUCCEEDED", "FAILED", "TIMED_OUT", got "WAITING"'],
    ['a service the scenario does not have', { on: { serviceDeploymentStatus: { cluster: 'demo', service: 'api', status: 'SUCCESSFUL' } }, ...updateWeb },
      '$.timeline[0].on.serviceDeploymentStatus: service "api" in cluster "demo" is not listed in $.services'],
    ['a time and a state', { at: 5, on: { deploymentStarts: { cluster: 'demo', service: 'worker' } }, ...updateWeb },
      '$.timeline[0]: give exactly one of "at" (a simulated time) or "on" (a state), got both'],
    ['two actions', { on: { registerTaskDefinition: 'web' }, ...updateWeb, execAgent: WORKER_AGENT },
      '$.timeline[0]: give exactly one action (updateService, deleteService, stopTask, moveTag, expirePauseHook, instanceFails, execAgent), got updateService, execAgent'],
  ])('an event with %s is refused, naming its JSON path', (_case, event, message) => {
    expect(() => checkScenario({ ...withWaitingAgent(), timeline: [event] }, 'bad', '.')).toThrow(`Invalid scenario bad:\n  ${message}`);
  });

  it('the old top-level triggers are refused', () => {
    const old = { ...withWaitingAgent(), timeline: [], triggers: [{ when: { cluster: 'demo', service: 'web', serviceDeploymentStatus: 'SUCCESSFUL' }, execAgent: WORKER_AGENT }] };
    expect(() => checkScenario(old, 'bad', '.')).toThrow('$.triggers: unknown property "triggers"');
  });
});
