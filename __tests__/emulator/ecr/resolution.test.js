// The digest ECS records for each container: resolved once per deployment into the service
// revision, followed by every task of that deployment, except with versionConsistency disabled;
// and for an image index, the index's digest or the platform's (undocumented.imageIndexDigest).
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServiceRevisionsCommand, DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand,
  RegisterTaskDefinitionCommand, UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { until, start, webTaskDefinition } from '../helpers.js';
import { AMD64, ARM64, INDEX, OTHER, withIndexes } from './fixtures.js';

/** @type {{ stop: () => Promise<void> }[]} */
const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/** @param {any} s */
async function emulatorFor(s) {
  const started = await start({ ...s, timeScale: 200 });
  running.push(started.emulator);
  const { ecs, ecr } = started;
  /** Registers `td` and deploys it; resolves with the new revision's containerImages once the deployment completed. @param {any} td */
  const deploy = async (td) => {
    const { taskDefinition } = await ecs.send(new RegisterTaskDefinitionCommand(td));
    const { service } = await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: taskDefinition?.taskDefinitionArn }));
    const sd = service?.currentServiceDeployment;
    await until(async () => {
      const [svc] = (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services ?? [];
      return svc.deployments?.length === 1 && svc.deployments[0].rolloutState === 'COMPLETED';
    });
    const revisionArn = started.emulator.state().serviceDeployments.find((/** @type {any} */ d) => d.serviceDeploymentArn === sd).targetServiceRevision.arn;
    const { serviceRevisions } = await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn] }));
    return serviceRevisions?.[0].containerImages;
  };
  /** The digest of container `web` in each running task. */
  const taskDigests = async () => {
    const { taskArns } = await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web' }));
    const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: taskArns }));
    return (tasks ?? []).map((t) => t.containers?.find((c) => c.name === 'web')?.imageDigest);
  };
  /** Scales out by one and waits for the new task to run. */
  const scaleOut = async () => {
    await ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', desiredCount: 3 }));
    await until(async () => (await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0].runningCount === 3);
  };
  return { ecs, ecr, deploy, taskDigests, scaleOut };
}

/** @param {any} on */
function movingV2(on) {
  const s = withIndexes();
  s.timeline = [{ on, moveTag: { repository: 'web', tag: 'v2', toDigest: OTHER } }];
  return s;
}

describe('a tag moved between registration and deployment', () => {
  it.each([
    ['after RegisterTaskDefinition', { registerTaskDefinition: 'web' }],
    ['when the deployment starts', { deploymentStarts: { cluster: 'demo', service: 'web' } }],
  ])('%s: the revision and every task run the image the tag names when the deployment starts', async (_case, on) => {
    const { deploy, taskDigests } = await emulatorFor(movingV2(on));
    const images = await deploy(webTaskDefinition('v2'));
    expect(images).toEqual([{ containerName: 'web', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2', imageDigest: OTHER }]);
    expect(await taskDigests()).toEqual([OTHER, OTHER]);
  });
});

describe('a tag moved after the deployment started', () => {
  // Registering family "api" is the state that moves web:v2, long after web's deployment started.
  const later = { registerTaskDefinition: 'api' };

  it('changes nothing for it: a task started later runs the digest resolved at its start', async () => {
    const { ecs, deploy, taskDigests, scaleOut } = await emulatorFor(movingV2(later));
    const [resolved] = (await deploy(webTaskDefinition('v2'))) ?? [];
    expect(resolved.imageDigest).not.toBe(OTHER);
    await ecs.send(new RegisterTaskDefinitionCommand({ ...webTaskDefinition('v2'), family: 'api' }));
    await scaleOut();
    expect(await taskDigests()).toEqual([resolved.imageDigest, resolved.imageDigest, resolved.imageDigest]);
  });

  it('with versionConsistency disabled: the revision has no digest, and a task started later runs what the tag names then', async () => {
    const { ecs, deploy, taskDigests, scaleOut } = await emulatorFor(movingV2(later));
    const td = webTaskDefinition('v2');
    td.containerDefinitions[0].versionConsistency = 'disabled';
    const [resolved] = (await deploy(td)) ?? [];
    expect(resolved).toEqual({ containerName: 'web', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2' });
    const [first] = await taskDigests();
    expect(first).toMatch(/^sha256:/);
    expect(first).not.toBe(OTHER);
    await ecs.send(new RegisterTaskDefinitionCommand({ ...webTaskDefinition('v2'), family: 'api' }));
    await scaleOut();
    expect((await taskDigests()).sort()).toEqual([first, first, OTHER].sort());
  });
});

describe('an image index', () => {
  it.each([
    ['index (default)', undefined, undefined, INDEX],
    ['index', 'index', undefined, INDEX],
    ['platform', 'platform', undefined, AMD64],
    ['platform, ARM64 task', 'platform', 'ARM64', ARM64],
  ])('undocumented.imageIndexDigest %s: the revision and the tasks record that digest', async (_case, choice, cpuArchitecture, expected) => {
    const s = withIndexes();
    if (choice) s.undocumented = { imageIndexDigest: choice };
    const { deploy, taskDigests } = await emulatorFor(s);
    const td = webTaskDefinition('v3');
    if (cpuArchitecture) td.runtimePlatform = { cpuArchitecture, operatingSystemFamily: 'LINUX' };
    const [resolved] = (await deploy(td)) ?? [];
    expect(resolved.imageDigest).toBe(expected);
    expect(await taskDigests()).toEqual([expected, expected]);
  });
});
