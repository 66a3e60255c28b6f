import { jest, describe, expect, it, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeServiceDeploymentsCommand, DescribeServiceRevisionsCommand, DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand, type Task,
} from '@aws-sdk/client-ecs';
import * as core from '../../__fixtures__/core.js';
import { FakeClock } from '../../__fixtures__/fake-clock.js';
import type { ExpectedImage } from '../../src/report/types.js';

jest.unstable_mockModule('@actions/core', () => core);
const { checkDigests, digestSentence } = await import('../../src/digests/check.js');

const d = (c: string) => `sha256:${c.repeat(64)}`;
const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2';
const OLD_TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1';
const SD = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/abc';
const REVISION = 'arn:aws:ecs:us-east-1:123456789012:service-revision/demo/web/123';
const TASK = (id: string) => `arn:aws:ecs:us-east-1:123456789012:task/demo/${id}`;
const scope = { cluster: 'demo', service: 'web', taskDefinitionArn: TD, serviceDeploymentArn: SD };

const ecs = mockClient(ECSClient);
const web: ExpectedImage = { container: 'web', image: `${REGISTRY}/web:v2`, digest: d('a'), source: 'ecr', platforms: [], complete: true };
const proxy: ExpectedImage = { container: 'proxy', image: 'envoyproxy/envoy:v1.31', source: 'none', platforms: [], complete: false, skipped: 'not an ECR image and no digest in the reference' };

function task(id: string, digests: Record<string, string>, taskDefinitionArn = TD): Task {
  return {
    taskArn: TASK(id),
    taskDefinitionArn,
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    containers: Object.entries(digests).map(([name, imageDigest]) => ({ name, imageDigest })),
  };
}

function answer(resolved: Record<string, string | undefined>, tasks: Task[]): void {
  ecs.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [{ serviceDeploymentArn: SD, targetServiceRevision: { arn: REVISION } }] });
  ecs.on(DescribeServiceRevisionsCommand).resolves({
    serviceRevisions: [{
      serviceRevisionArn: REVISION,
      taskDefinition: TD,
      containerImages: Object.entries(resolved).map(([containerName, imageDigest]) => ({ containerName, image: 'x', ...(imageDigest ? { imageDigest } : {}) })),
    }],
  });
  ecs.on(ListTasksCommand).resolves({ taskArns: tasks.map((t) => t.taskArn!) });
  ecs.on(DescribeTasksCommand).resolves({ tasks });
}

const budget = () => ({ clock: new FakeClock(), deadline: Date.parse('2026-03-02T10:01:00Z') });
const check = (expected: ExpectedImage[], stage: 'pause' | 'after-deploy' = 'after-deploy') => checkDigests(new ECSClient({ region: 'us-east-1' }), scope, expected, budget(), stage);

beforeEach(() => {
  ecs.reset();
  jest.clearAllMocks();
});

describe('checkDigests', () => {
  it('passes when ECS resolved the recorded digest and every task of our revision runs it; skips a non-ECR image with a notice', async () => {
    answer({ web: d('a'), proxy: d('9') }, [task('t1', { web: d('a'), proxy: d('9') }), task('t2', { web: d('a') }), task('old', { web: d('0') }, OLD_TD)]);
    const outcome = await check([web, proxy]);
    expect(outcome).toMatchObject({ passed: true, stage: 'after-deploy', tasksChecked: 2 });
    expect(outcome.containers.map((c) => [c.container, c.verdict, c.resolved, c.tasks])).toEqual([
      ['web', 'match', d('a'), [d('a')]],
      ['proxy', 'skipped', d('9'), [d('9')]],
    ]);
    expect(core.notice).toHaveBeenCalledWith("Image digest not checked for container 'proxy' (envoyproxy/envoy:v1.31): not an ECR image and no digest in the reference.");
    expect(ecs.commandCalls(DescribeServicesCommand)).toHaveLength(0);
    expect(ecs.commandCalls(ListTasksCommand)[0].args[0].input).toMatchObject({ cluster: 'demo', serviceName: 'web', desiredStatus: 'RUNNING' });
  });

  it('fails on a container running another image, and the sentence names it with both digests', async () => {
    answer({ web: d('e') }, [task('t1', { web: d('e') })]);
    const outcome = await check([web]);
    expect(outcome.passed).toBe(false);
    expect(outcome.containers[0]).toMatchObject({ verdict: 'mismatch', expected: d('a'), resolved: d('e'), tasks: [d('e')] });
    expect(digestSentence(outcome)).toBe(
      `the image digest check failed: container 'web' runs sha256:eeeeeeeeeeee, not sha256:aaaaaaaaaaaa, the digest ECR gave when the revision was registered for ${REGISTRY}/web:v2`,
    );
    expect(core.error).toHaveBeenCalledWith(expect.stringContaining(`Container 'web' (${REGISTRY}/web:v2): Runs sha256:eeeeeeeeeeee, not sha256:aaaaaaaaaaaa`));
  });

  it("finds the deployment from the service when ours is not known yet (at a pause), and refuses another run's revision", async () => {
    answer({ web: d('a') }, [task('t1', { web: d('a') })]);
    ecs.on(DescribeServicesCommand).resolves({ services: [{ serviceName: 'web', status: 'ACTIVE', currentServiceDeployment: SD }] });
    const atPause = await checkDigests(new ECSClient({ region: 'us-east-1' }), { ...scope, serviceDeploymentArn: undefined }, [web], budget(), 'pause');
    expect(atPause.containers[0]).toMatchObject({ verdict: 'match', resolved: d('a') });
    expect(ecs.commandCalls(DescribeServiceDeploymentsCommand)[0].args[0].input).toEqual({ serviceDeploymentArns: [SD] });

    ecs.on(DescribeServiceRevisionsCommand).resolves({ serviceRevisions: [{ serviceRevisionArn: REVISION, taskDefinition: OLD_TD, containerImages: [{ containerName: 'web', imageDigest: d('e') }] }] });
    const other = await check([web]);
    expect(other.containers[0]).toMatchObject({ verdict: 'match', resolved: undefined });
    expect(other.containers[0].note).toContain("ECS gave no digest for the deployment (the service's current deployment runs " + OLD_TD + ', not ours)');
  });

  it.each([
    ['a revision ECS cannot describe', () => ecs.on(DescribeServiceRevisionsCommand).resolves({ serviceRevisions: [], failures: [{ arn: REVISION, reason: 'MISSING' }] }),
      `DescribeServiceRevisions did not describe ${REVISION} (MISSING); revisions created before 2024-10-25 cannot be`],
    ['no permission for the Service Deployments API', () => ecs.on(DescribeServiceDeploymentsCommand).rejects(Object.assign(new Error('User: x is not authorized to perform: ecs:DescribeServiceDeployments'), { name: 'AccessDeniedException' })),
      'the ECS Service Deployments API is not available to this job (User: x is not authorized to perform: ecs:DescribeServiceDeployments); grant ecs:DescribeServiceDeployments and ecs:DescribeServiceRevisions'],
  ])('judges from the tasks alone with %s, and says so', async (_case, arrange, why) => {
    answer({ web: d('a') }, [task('t1', { web: d('e') })]);
    arrange();
    const outcome = await check([web]);
    expect(outcome.containers[0]).toMatchObject({ verdict: 'mismatch', resolved: undefined, tasks: [d('e')] });
    expect(outcome.containers[0].note).toContain(`ECS gave no digest for the deployment (${why}`);
    expect(core.info).toHaveBeenCalledWith(expect.stringContaining("ECS's resolved digests are not available"));
  });

  it('says versionConsistency disabled is why ECS resolved nothing', async () => {
    answer({ web: undefined }, [task('t1', { web: d('a') })]);
    const outcome = await check([{ ...web, unresolved: true }]);
    expect(outcome.containers[0].verdict).toBe('match');
    expect(outcome.containers[0].note).toContain("ECS gave no digest for the deployment (versionConsistency is 'disabled', so ECS does not resolve the tag); 1 of 1 RUNNING task(s) report it");
  });

  it('fails when the tasks cannot be read: the check proves nothing', async () => {
    answer({ web: d('a') }, []);
    ecs.on(ListTasksCommand).rejects(Object.assign(new Error('User: x is not authorized to perform: ecs:ListTasks'), { name: 'AccessDeniedException' }));
    const outcome = await check([web]);
    expect(outcome).toMatchObject({ passed: false, containers: [], tasksChecked: 0 });
    expect(digestSentence(outcome)).toBe("the image digest check could not run (Could not list the running tasks of service 'web': AccessDeniedException: User: x is not authorized to perform: ecs:ListTasks. Grant 'ecs:ListTasks' to the role this job runs as)");
  });
});
