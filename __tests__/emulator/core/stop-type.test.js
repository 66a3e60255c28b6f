// StopServiceDeployment's stopType is `ABORT | ROLLBACK` (ECS API reference); the request
// validator refuses anything else (validation.test.js). ROLLBACK is documented; what ABORT does is
// not, so it is the scenario's undocumented.stopServiceDeploymentAbort, tried both ways here.
import { afterEach, describe, expect, it } from '@jest/globals';
import { DescribeServiceDeploymentsCommand, DescribeServicesCommand, RegisterTaskDefinitionCommand, StopServiceDeploymentCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { REGISTRY, rejection, scenario, start, until, webTaskDefinition } from '../helpers.js';

/** @type {{ stop: () => Promise<void> }[]} */
const running = [];
afterEach(async () => Promise.all(running.splice(0).map((e) => e.stop())));

/** A deployment of web:v2 that never gets ready, so it waits IN_PROGRESS until it is stopped. @param {object} [undocumented] */
async function inProgress(undocumented) {
  const s = { ...scenario('breaker-no-rollback.json'), timeScale: 200, ...(undocumented ? { undocumented } : {}) };
  s.behaviours[`${REGISTRY}/web:v2`] = { startSeconds: 1e6 };
  const { ecs, emulator } = await start(s);
  running.push(emulator);
  const registered = await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('v2')));
  const updated = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: registered.taskDefinition?.taskDefinitionArn }));
  const arn = updated.service?.currentServiceDeployment ?? '';
  const read = async () => (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments?.[0];
  await until(async () => (await read())?.status === 'IN_PROGRESS');
  const history = () => emulator.state().serviceDeployments.find((/** @type {any} */ sd) => sd.serviceDeploymentArn === arn).statusHistory.map((/** @type {any} */ h) => h.status);
  return { ecs, arn, read, history };
}

describe('StopServiceDeployment stopType', () => {
  it('ABORT, stop (default): the deployment halts where it is, through STOP_REQUESTED to STOPPED, on the new revision', async () => {
    const { ecs, arn, read, history } = await inProgress();
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ABORT' }));
    expect(await read()).toMatchObject({ status: 'STOPPED', statusReason: 'Service deployment stopped by StopServiceDeployment.' });
    expect(history()).toEqual(['PENDING', 'IN_PROGRESS', 'STOP_REQUESTED', 'STOPPED']);
    const svc = (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0];
    expect(svc?.taskDefinition).toMatch(/task-definition\/web:2$/);
  });

  it('ABORT, refuse: InvalidParameterException, and the deployment goes on', async () => {
    const { ecs, arn, read } = await inProgress({ stopServiceDeploymentAbort: 'refuse' });
    const error = await rejection(ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ABORT' })));
    expect([error.name, error.message]).toEqual(['InvalidParameterException', 'The stop type ABORT is not supported. The valid value is ROLLBACK.']);
    expect((await read())?.status).toBe('IN_PROGRESS');
  });

  it.each([['ROLLBACK', 'ROLLBACK'], ['no stopType', undefined]])('%s rolls back to the source revision', async (_name, stopType) => {
    const { ecs, arn, history } = await inProgress();
    await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, ...(stopType ? { stopType: /** @type {any} */ (stopType) } : {}) }));
    await until(async () => history().at(-1) === 'ROLLBACK_SUCCESSFUL');
    expect(history()).toEqual(['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL']);
  });
});
