/**
 * A tag moved between the action's image check and ECS's resolution, caught by the image digest
 * check of the built dist/index.js against the emulator: on a rolling deployment (rolled back by
 * a redeploy) and at a blue/green PAUSE hook (answered ROLLBACK before production traffic).
 * The emulator moves the tag on a state (after RegisterTaskDefinition, when the deployment
 * starts), never after a guessed delay.
 */
import { describe, expect, it } from '@jest/globals';
import { IMAGE, REVISION, deployInputs, runCase } from './run-case.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const short = (digest) => digest.slice(0, 'sha256:'.length + 12);
const digestsOf = (run) => JSON.parse(run.outputs['image-digests']);

describe('a moved tag caught by the image digest check', () => {
  it('rolling: the deployment completes on the moved image, the check fails and the action rolls back to web:1', async () => {
    const { run, state, services, requests } = await runCase('digests-moved-tag', deployInputs('v2'));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'digest-mismatch-rolled-back', 'rolled-back-to': REVISION(1), 'task-definition-arn': REVISION(2) });
    // ECS resolved the tag after it moved: the service revision of our deployment and its tasks ran B.
    const ours = state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === run.outputs['service-deployment-arn']);
    expect(ours.status).toBe('SUCCESSFUL');
    const revision = state.serviceRevisions.find((r) => r.serviceRevisionArn === ours.targetServiceRevision.arn);
    expect(revision.containerImages).toEqual([{ containerName: 'web', image: `${IMAGE}:v2`, imageDigest: B }]);
    expect(digestsOf(run)).toEqual([
      expect.objectContaining({ container: 'web', image: `${IMAGE}:v2`, expectedDigest: A, expectedFrom: 'ecr', resolvedDigest: B, taskDigests: [B], verdict: 'mismatch' }),
    ]);
    const sentence = run.errors.at(-1);
    expect(sentence).toBe(
      `Rolled back: the image digest check failed: container 'web' runs ${short(B)}, not ${short(A)}, the digest ECR gave when the revision was registered for ${IMAGE}:v2, so service 'web' in cluster 'demo' was returned to ${REVISION(1)}, which it runs now.`,
    );
    expect(run.summary.split('\n')[0]).toContain(`container 'web' runs ${short(B)}, not ${short(A)}`);
    expect(run.summary).toContain('### ❌ Image digests: a container runs another image than the one registered');
    expect(run.summary).toContain(`| \`web\` | \`${IMAGE}:v2\` | \`${A}\` | \`${B}\` | \`${B}\` | ❌ another image |`);
    expect(run.summary).toContain('#### Rollback after the image digest check');
    // The check ran once the deployment completed, then the action redeployed web:1.
    const [, rollback] = requests('UpdateService');
    expect(rollback.input).toMatchObject({ taskDefinition: REVISION(1), forceNewDeployment: true });
    const done = ours.statusHistory.find((entry) => entry.status === 'SUCCESSFUL').wallMs;
    const listing = requests('ListTasks').find((request) => request.input.desiredStatus === 'RUNNING');
    expect(listing.wallMs).toBeGreaterThan(done);
    expect(listing.wallMs).toBeLessThan(rollback.wallMs);
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('rolling, with rollback-on-failure false: red, not rolled back, and says what runs', async () => {
    const { run, services } = await runCase('digests-moved-tag', deployInputs('v2', { 'rollback-on-failure': 'false' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('digest-mismatch');
    expect(run.errors.at(-1)).toMatch(/^Deployed arn:\S+web:2 but the image digest check failed: container 'web' runs .*; not rolled back \(rollback-on-failure is 'false'\)\. The service runs arn:\S+web:2\.$/);
    expect(services.web.taskDefinition).toBe(REVISION(2));
  });

  it("versionConsistency 'disabled': ECS resolves nothing, the tasks' digests judge, and the log says so", async () => {
    const inputs = deployInputs('v2', { 'task-definition': '__fixtures__/task-definitions/web-version-consistency-disabled.json' });
    const { run, services } = await runCase('digests-moved-tag', inputs);
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('digest-mismatch-rolled-back');
    expect(digestsOf(run)).toEqual([expect.objectContaining({ container: 'web', expectedDigest: A, resolvedDigest: null, taskDigests: [B], verdict: 'mismatch' })]);
    expect(run.stdout).toContain("ECS gave no digest for the deployment (versionConsistency is 'disabled', so ECS does not resolve the tag); 2 of 2 RUNNING task(s) report it.");
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('blue/green at the PAUSE hook: answered ROLLBACK before the smoke command, production never reached the moved image', async () => {
    const { run, state, services, requests } = await runCase('digests-pause-moved-tag', deployInputs('v2', { 'smoke-command': 'healthcheck' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'digest-mismatch-rolled-back', 'rolled-back-to': REVISION(1) });
    expect(requests('ContinueServiceDeployment').map((request) => request.input.action)).toEqual(['ROLLBACK']);
    expect(requests('ExecuteCommand')).toHaveLength(0);
    expect(requests('UpdateService')).toHaveLength(1);
    const ours = state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === run.outputs['service-deployment-arn']);
    expect(ours.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(ours.stagedHistory.filter((entry) => 'productionOnGreen' in entry).every((entry) => entry.productionOnGreen === 0)).toBe(true);
    // The green tasks ran the moved image; the check read them at the pause, before it was answered.
    const green = state.tasks.filter((task) => task.taskDefinitionArn === REVISION(2));
    expect(green.length).toBeGreaterThan(0);
    for (const task of green) expect(task.containers[0].imageDigest).toBe(B);
    expect(requests('DescribeTasks').some((request) => request.wallMs < requests('ContinueServiceDeployment')[0].wallMs)).toBe(true);
    expect(digestsOf(run)).toEqual([expect.objectContaining({ container: 'web', expectedDigest: A, resolvedDigest: B, taskDigests: [B], verdict: 'mismatch' })]);
    expect(run.errors.at(-1)).toMatch(
      new RegExp(`^At the pause at POST_TEST_TRAFFIC_SHIFT, the image digest check failed: container 'web' runs ${short(B)}, not ${short(A)}, the digest ECR gave when the revision was registered for \\S+web:v2 in the web:2 \\(green\\) tasks; production traffic never reached web:2\\. The action rolled back to web:1 \\(by answering the pause with ROLLBACK\\), which the service runs now\\.$`),
    );
    expect(run.summary).toContain('Checked in the green tasks at the PAUSE hook, before the action answered it');
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });
});
