// The emulator's AWS clock set apart from the runner's, a ListServiceDeployments that lists late,
// IAM that settles, and a container instance that dies: each answered through the real SDK.
import { describe, expect, it } from '@jest/globals';
import { DescribeServicesCommand, DescribeTasksCommand, ListServiceDeploymentsCommand, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { REGISTRY, scenario, start, until } from '../helpers.js';

const TEN_MINUTES_MS = 600_000;

describe('awsClockOffsetSeconds', () => {
  it.each([
    ['ahead of', 600],
    ['behind', -600],
  ])("AWS's clock %s the runner's: every timestamp moves, and createdAt filters compare with AWS's clock", async (_name, offset) => {
    const { emulator, ecs } = await start({ ...scenario('healthy.json'), awsClockOffsetSeconds: offset });
    try {
      const before = Date.now();
      const answer = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', forceNewDeployment: true }));
      const after = Date.now();
      const createdAt = answer.service.deployments[0].createdAt.getTime();
      expect(createdAt).toBeGreaterThanOrEqual(before + offset * 1000 - 1000);
      expect(createdAt).toBeLessThanOrEqual(after + offset * 1000 + 1000);
      // A filter from the runner's clock finds the new deployment only when AWS's clock is ahead.
      const listed = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web', createdAt: { after: new Date(before - 2000) } }));
      expect(listed.serviceDeployments.some((sd) => sd.serviceDeploymentArn === answer.service.currentServiceDeployment)).toBe(offset > 0);
      const fromAws = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web', createdAt: { after: new Date(createdAt - 2000) } }));
      expect(fromAws.serviceDeployments.map((sd) => sd.serviceDeploymentArn)).toContain(answer.service.currentServiceDeployment);
      expect(Math.abs(createdAt - Date.now())).toBeGreaterThan(TEN_MINUTES_MS - 60_000);
    } finally {
      await emulator.stop();
    }
  });
});

describe('undocumented.listServiceDeploymentsLagSeconds', () => {
  it('a new service deployment is listed only after the lag', async () => {
    const { emulator, ecs } = await start({ ...scenario('healthy.json'), timeScale: 60, undocumented: { listServiceDeploymentsLagSeconds: 60 } });
    try {
      const answer = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', forceNewDeployment: true }));
      const arn = answer.service.currentServiceDeployment;
      const listed = async () => (await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web' }))).serviceDeployments.map((sd) => sd.serviceDeploymentArn);
      expect(await listed()).not.toContain(arn);
      await until(async () => (await listed()).includes(arn));
    } finally {
      await emulator.stop();
    }
  });
});

describe('behaviours.errorClearsAfterSeconds', () => {
  it('tasks denied at first start once the grant is visible', async () => {
    const base = scenario('healthy.json');
    const image = `${REGISTRY}/web:v1`;
    const behaviours = { ...base.behaviours, [image]: { startSeconds: 2, secretsError: 'ResourceInitializationError: unable to pull secrets or registry auth: AccessDeniedException: not authorized', errorClearsAfterSeconds: 10 } };
    const { emulator, ecs } = await start({ ...base, timeScale: 30, behaviours });
    try {
      await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', forceNewDeployment: true }));
      const service = async () => (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services[0];
      const done = await until(async () => ((await service()).deployments[0].rolloutState === 'COMPLETED' ? service() : undefined));
      expect(done.deployments[0].failedTasks).toBeGreaterThan(0);
    } finally {
      await emulator.stop();
    }
  });
});

describe('timeline instanceFails', () => {
  it('every task on the instance stops at once, with the instance in containerInstanceArn and the field-report wording', async () => {
    const base = scenario('healthy.json');
    const services = base.services.map((s) => ({ ...s, launchType: 'EC2', desiredCount: 3 }));
    const { emulator, ecs } = await start({ ...base, timeScale: 30, services, timeline: [{ at: 1, instanceFails: { cluster: 'demo', service: 'web' } }] });
    try {
      const stopped = await until(async () => {
        const { taskArns } = await ecs.send(new ListTasksCommand({ cluster: 'demo', desiredStatus: 'STOPPED' }));
        return taskArns.length >= 3 ? taskArns : undefined;
      });
      const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: stopped }));
      expect(new Set(tasks.map((task) => task.containerInstanceArn)).size).toBe(1);
      expect(tasks[0].containerInstanceArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:container-instance\/demo\/[0-9a-f]{32}$/);
      expect(new Set(tasks.map((task) => task.stoppingAt.getTime())).size).toBe(1);
      for (const task of tasks) expect(task).toMatchObject({ stopCode: 'TerminationNotice', stoppedReason: expect.stringMatching(/^Host EC2 \(instance i-[0-9a-f]{17}\) terminated\.$/) });
      // Replacements run on the instance that registered in its place.
      const running = await until(async () => {
        const { taskArns } = await ecs.send(new ListTasksCommand({ cluster: 'demo', desiredStatus: 'RUNNING' }));
        return taskArns.length >= 3 ? taskArns : undefined;
      });
      const replacements = await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: running }));
      expect(replacements.tasks.every((task) => task.containerInstanceArn && task.containerInstanceArn !== tasks[0].containerInstanceArn)).toBe(true);
    } finally {
      await emulator.stop();
    }
  });
});
