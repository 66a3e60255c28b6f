/**
 * Examples of the image digest check: a tag moved between the action's image check and ECS's
 * resolution (after a completed deployment, rolled back or not; at a PAUSE hook), a check that
 * cannot read the tasks, and an image it does not judge.
 */
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  type ContainerImage,
  type Task,
} from '@aws-sdk/client-ecs';
import { FakeClock } from '../../../__fixtures__/fake-clock.js';
import { UPDATED_AT } from '../../../__fixtures__/watch/load.js';
import * as core from '../../../__fixtures__/core.js';
import { checkDigests } from '../../../src/digests/check.js';
import { digestsAtPause } from '../../../src/digests/phase.js';
import { recordExpectedImages } from '../../../src/digests/record.js';
import { rollBackAfterDigests } from '../../../src/digests/rollback.js';
import { parseEcrImage } from '../../../src/task-definition/images.js';
import type { DigestOutcome, ExpectedImage } from '../../../src/report/types.js';
import type { PauseGate } from '../../../src/rollback/pause-gate.js';
import { GREEN_PAUSE_STAGES } from '../../../src/watch/stages.js';
import { BatchGetImageCommand } from '@aws-sdk/client-ecr';
import { denied, ecr, ecrClient, ecs, ecsClient, logged, refusal, type Producers } from './support.js';
import { afterWeb9, OUR_DEPLOYMENT_ID, paused, redeployOfWeb8, rollingBack, SD9, SD_OURS, TD7, TD8, TD9, watchScenario, WATCHED_REGION, type Shown } from './watching.js';

const PREFIX = `arn:aws:ecs:${WATCHED_REGION}:123456789012`;
const IMAGE = `123456789012.dkr.ecr.${WATCHED_REGION}.amazonaws.com/web:v2`;
/** What ECR gave for web:v2 when the revision was registered, and what the tag names since someone pushed again. */
const REGISTERED = `sha256:${'3f2a9c41d7e8'.repeat(5)}abcd`;
const PUSHED_SINCE = `sha256:${'b81c07e95a34'.repeat(5)}ef01`;
const REVISION9 = `${PREFIX}:service-revision/demo/web/4029000000000000009`;
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

/**
 * The digest recorded for container web, as the action records it before registering: from ECR's
 * DescribeImages answer for `image` (`described`: ECR described it, with this manifest type), or
 * from a digest in the reference.
 */
function recorded(image = IMAGE, described: string | null = DOCKER_MANIFEST): Promise<ExpectedImage[]> {
  const ecrImage = parseEcrImage('web', image);
  const details = new Map(ecrImage && described ? [['web', { image: ecrImage, detail: { imageDigest: REGISTERED, imageManifestMediaType: described } }]] : []);
  return recordExpectedImages([{ name: 'web', image }], { details }, async () => ecrClient());
}

const runningTask = (id: string, taskDefinitionArn: string, digest: string, startedBy?: string): Task => ({
  taskArn: `${PREFIX}:task/demo/${id}`,
  taskDefinitionArn,
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
  startedBy,
  containers: [{ name: 'web', image: IMAGE, imageDigest: digest }],
});

const resolved = (imageDigest = PUSHED_SINCE): ContainerImage[] => [{ containerName: 'web', image: IMAGE, imageDigest }];

/**
 * The check of web:9's completed deployment: ECS resolved the tag after it moved, and both tasks
 * run what it names now. `tasks`: what ListTasks does instead; `image`, `described`: see recorded.
 */
async function checkedAfterDeploy(tasks: 'read' | Error = 'read', image = IMAGE, described: string | null = DOCKER_MANIFEST): Promise<DigestOutcome> {
  ecs.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [{ serviceDeploymentArn: SD9, status: 'SUCCESSFUL', targetServiceRevision: { arn: REVISION9 } }] });
  // A digest reference is what ECS records for it; a tag, the digest the tag named when the deployment started.
  const containerImages = resolved(image.includes('@') ? REGISTERED : PUSHED_SINCE);
  ecs.on(DescribeServiceRevisionsCommand).resolves({ serviceRevisions: [{ serviceRevisionArn: REVISION9, taskDefinition: TD9, containerImages }] });
  const running = [runningTask('9a1b2c3d4e5f60718293a4b5c6d7e8f9', TD9, PUSHED_SINCE), runningTask('0f9e8d7c6b5a49382716f5e4d3c2b1a0', TD9, PUSHED_SINCE)];
  if (tasks === 'read') ecs.on(ListTasksCommand).resolves({ taskArns: running.map((task) => task.taskArn!) });
  else ecs.on(ListTasksCommand).rejects(tasks);
  ecs.on(DescribeTasksCommand).resolves({ tasks: running });
  const clock = new FakeClock(UPDATED_AT.getTime());
  const scope = { cluster: 'demo', service: 'web', taskDefinitionArn: TD9, serviceDeploymentArn: SD9 };
  return checkDigests(ecsClient(WATCHED_REGION), scope, await recorded(image, described), { clock, deadline: clock.now() + 60_000 }, 'after-deploy');
}

/** After the check failed on web:9's completed deployment: the sentence the step ends with. */
async function afterDeploy(outcome: DigestOutcome, rollbackOnFailure: boolean): Promise<string> {
  ecs.reset();
  redeployOfWeb8();
  const context = afterWeb9(rollbackOnFailure, { digests: outcome });
  await rollBackAfterDigests(context as never);
  return context.report.sentence;
}

/** At the PAUSE hook of web:8's blue/green deployment: the green tasks run the moved tag, so the action answers ROLLBACK. */
async function atPause(): Promise<string> {
  const expectedImages = await recorded();
  const report = { taskDefinitionArn: TD8, serviceDeploymentArn: SD_OURS, expectedImages, timeline: [] };
  const context = { inputs: { cluster: 'demo', service: 'web' }, report, clients: { ecs: ecsClient(WATCHED_REGION) }, clock: new FakeClock(UPDATED_AT.getTime()), signal: new AbortController().signal };
  const gate: PauseGate = {
    stages: new Set(GREEN_PAUSE_STAGES),
    checks: [{ name: 'the image digest check', worstCase: { ms: 60_000, words: 'its reads' }, run: (green) => digestsAtPause(context as never, green.deploymentId) }],
  };
  let answeredAt: number | undefined;
  const shows = (clock: FakeClock): Shown => {
    if (answeredAt === undefined) return paused();
    const shown = rollingBack(clock.sleeps.length > answeredAt ? 1 : 0);
    shown.serviceDeployment.deploymentConfiguration = paused().serviceDeployment.deploymentConfiguration;
    return shown;
  };
  const outcome = await watchScenario({
    shows,
    answered: (_action, clock) => (answeredAt = clock.sleeps.length),
    runningTasks: [runningTask('4b1e0f8d2c3a4e5f9a8b7c6d5e4f3a2b', TD8, PUSHED_SINCE, OUR_DEPLOYMENT_ID), runningTask('9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f', TD7, REGISTERED, 'ecs-svc/1111111111111111111')],
    containerImages: resolved(),
    gates: { release: gate },
  });
  return outcome.sentence;
}

export const producers: Producers = {
  'digest-rolled-back': async () => afterDeploy(await checkedAfterDeploy(), true),
  'digest-not-rolled-back': async () => afterDeploy(await checkedAfterDeploy(), false),
  'digest-pause': atPause,
  'digest-could-not-run': async () => afterDeploy(await checkedAfterDeploy(denied('ecs:ListTasks', `${PREFIX}:container-instance/demo/*`)), true),
  'digest-unverified': async () => {
    await checkedAfterDeploy('read', `${IMAGE.replace(/:v2$/, '')}@${REGISTERED}`, null);
    return logged(core.warning, "Container 'web'");
  },
  'digest-index-denied': () => {
    ecr.on(BatchGetImageCommand).rejects(denied('ecr:BatchGetImage', `arn:aws:ecr:${WATCHED_REGION}:123456789012:repository/web`));
    return refusal(() => recorded(IMAGE, 'application/vnd.oci.image.index.v1+json'));
  },
  'digest-not-checked': async () => {
    ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    const clock = new FakeClock();
    const scope = { cluster: 'demo', service: 'web', taskDefinitionArn: TD9, serviceDeploymentArn: SD9 };
    ecs.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [{ serviceDeploymentArn: SD9, targetServiceRevision: { arn: REVISION9 } }] });
    ecs.on(DescribeServiceRevisionsCommand).resolves({ serviceRevisions: [{ serviceRevisionArn: REVISION9, taskDefinition: TD9, containerImages: [] }] });
    await checkDigests(ecsClient(WATCHED_REGION), scope, await recorded('docker.io/library/nginx:1.27'), { clock, deadline: clock.now() + 60_000 }, 'after-deploy');
    return logged(core.notice, 'Image digest not checked');
  },
};
