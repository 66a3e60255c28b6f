/**
 * The image digest check on the green path, run by the built dist/index.js against the emulator:
 * the image-digests output, a multi-architecture image index under both answers to which digest
 * ECS records (undocumented), an image outside ECR, and the check turned off.
 */
import { describe, expect, it } from '@jest/globals';
import { IMAGE, REVISION, deployInputs, runCase } from './run-case.js';

const digest = (c) => `sha256:${c.repeat(64)}`;
const digestsOf = (run) => JSON.parse(run.outputs['image-digests']);

describe('the image digest check on the green path', () => {
  it('an unmoved tag: green, the summary line unchanged, and image-digests says what matched and where it was read', async () => {
    const { run, requests } = await runCase('digests-moved-tag', deployInputs('v3'));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(run.summary.split('\n')[0]).toBe('## ✅ Deployed web:2 to demo/web: 2 of 2 tasks running.');
    expect(digestsOf(run)).toEqual([
      {
        container: 'web',
        image: `${IMAGE}:v3`,
        expectedDigest: digest('c'),
        expectedFrom: 'ecr',
        platformDigests: [],
        resolvedDigest: digest('c'),
        taskDigests: [digest('c')],
        verdict: 'match',
        note: 'Runs sha256:cccccccccccc, the digest ECR gave when the revision was registered: ECS resolved it for the deployment; 2 of 2 RUNNING task(s) report it.',
      },
    ]);
    expect(run.summary).toContain('### Image digests\n\nChecked after the deployment completed, 2 RUNNING task(s) of the revision read.');
    // A plain image needs no BatchGetImage; the one DescribeImages is the existence check's.
    expect(requests('DescribeImages')).toHaveLength(1);
    expect(requests('BatchGetImage')).toHaveLength(0);
  });

  it.each([
    ['index', digest('1')],
    ['platform', digest('2')],
  ])('a multi-architecture index passes when ECS records the %s digest', async (choice, recorded) => {
    const { run, requests } = await runCase(`digests-multiarch-${choice}`, deployInputs('v2'));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    const [web] = digestsOf(run);
    expect(web).toMatchObject({ expectedDigest: digest('1'), platformDigests: [digest('2'), digest('3')], resolvedDigest: recorded, taskDigests: [recorded], verdict: 'match' });
    const [batch] = requests('BatchGetImage');
    expect(batch.input).toMatchObject({ repositoryName: 'web', imageIds: [{ imageDigest: digest('1') }] });
    expect(batch.input.acceptedMediaTypes).toContain('application/vnd.oci.image.index.v1+json');
    // Recorded before anything was registered.
    expect(batch.wallMs).toBeLessThan(requests('RegisterTaskDefinition')[0].wallMs);
  });

  it('an image outside ECR is skipped with a notice naming the container and the image', async () => {
    const { run, services } = await runCase('digests-moved-tag', deployInputs('v2', { 'container-images': 'web=docker.io/library/nginx:1.27' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(run.stdout).toContain("::notice::Image digest not checked for container 'web' (docker.io/library/nginx:1.27): not an ECR image and no digest in the reference.");
    expect(digestsOf(run)).toEqual([expect.objectContaining({ container: 'web', expectedDigest: null, expectedFrom: 'none', verdict: 'skipped' })]);
    expect(services.web.taskDefinition).toBe(REVISION(2));
  });

  it('verify-digests false: the moved tag is deployed and nothing is checked', async () => {
    const { run, state, requests } = await runCase('digests-moved-tag', deployInputs('v2', { 'verify-digests': 'false' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(run.outputs).not.toHaveProperty('image-digests');
    expect(state.tasks.filter((task) => task.taskDefinitionArn === REVISION(2)).map((task) => task.containers[0].imageDigest)).toEqual([digest('b'), digest('b')]);
    // Every task read after the verdict is deploy timings' own (its output counts them); none is the digest check's.
    const timingsReads = JSON.parse(run.outputs['deploy-timings']).requests;
    expect(requests('ListTasks').length + requests('DescribeTasks').length).toBe(timingsReads);
  });
});
