import { jest, describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeImagesCommand, ECRClient, ImageNotFoundException, RepositoryNotFoundException } from '@aws-sdk/client-ecr';
import * as core from '../../__fixtures__/core.js';

jest.unstable_mockModule('@actions/core', () => core);
const { parseEcrImage, verifyImages } = await import('../../src/task-definition/images.js');

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('parseEcrImage', () => {
  it.each([
    [`${REGISTRY}/web:v2`, { registryId: '123456789012', region: 'us-east-1', repository: 'web', id: { imageTag: 'v2' } }],
    [`${REGISTRY}/team/web`, { repository: 'team/web', id: { imageTag: 'latest' } }],
    [`${REGISTRY}/web@${DIGEST}`, { repository: 'web', id: { imageDigest: DIGEST } }],
    [`${REGISTRY}/web:v2@${DIGEST}`, { repository: 'web', id: { imageDigest: DIGEST } }],
    ['210987654321.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app:1', { region: 'us-gov-west-1', registryId: '210987654321' }],
    ['111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1', { region: 'cn-north-1' }],
  ])('parses %s', (image, expected) => {
    expect(parseEcrImage('web', image)).toMatchObject(expected);
  });

  it.each(['nginx:1.27', 'public.ecr.aws/nginx/nginx:1', 'ghcr.io/acme/web:v1', 'registry.example.com:5000/web:v1'])(
    'leaves %s to other registries',
    (image) => {
      expect(parseEcrImage('web', image)).toBeUndefined();
    },
  );
});

describe('verifyImages', () => {
  const ecr = mockClient(ECRClient);
  const ecrFor = jest.fn(async (region: string) => new ECRClient({ region }));

  beforeEach(() => {
    ecr.reset();
  });
  afterEach(() => {
    ecrFor.mockClear();
  });

  it('asks once per repository and passes when every image exists', async () => {
    ecr.on(DescribeImagesCommand).resolves({
      imageDetails: [
        { imageTags: ['v2', 'latest'], imageDigest: `sha256:${'cd'.repeat(32)}` },
        { imageTags: [], imageDigest: DIGEST },
      ],
    });
    const checked = await verifyImages(
      [
        { name: 'web', image: `${REGISTRY}/web:v2` },
        { name: 'worker', image: `${REGISTRY}/web@${DIGEST}` },
        { name: 'proxy', image: 'envoyproxy/envoy:v1.31' },
      ],
      ecrFor,
    );
    expect(checked).toBe(2);
    expect(ecr.commandCalls(DescribeImagesCommand).map((call) => call.args[0].input)).toEqual([
      { registryId: '123456789012', repositoryName: 'web', imageIds: [{ imageTag: 'v2' }, { imageDigest: DIGEST }] },
    ]);
    expect(ecrFor).toHaveBeenCalledWith('us-east-1');
    expect(core.notice).toHaveBeenCalledWith('Not an ECR image, existence not checked: envoyproxy/envoy:v1.31');
  });

  const notFound = (id: string) =>
    new ImageNotFoundException({ message: `The image with imageId {${id}} does not exist within the repository with name 'web' in the registry with id '123456789012'`, $metadata: {} });
  const FIX = "Push the image first, or fix the tag or digest in 'container-images'.";

  it.each([
    [
      'a tag',
      [{ name: 'web', image: `${REGISTRY}/web:v3` }],
      notFound("imageDigest:'null', imageTag:'v3'"),
      `${REGISTRY}/web:v3 (container 'web'): repository 'web' (registry 123456789012, us-east-1) has no image with tag 'v3'`,
    ],
    [
      'a digest',
      [{ name: 'web', image: `${REGISTRY}/web@${DIGEST}` }],
      notFound(`imageDigest:'${DIGEST}', imageTag:'null'`),
      `${REGISTRY}/web@${DIGEST} (container 'web'): repository 'web' (registry 123456789012, us-east-1) has no image with digest ${DIGEST}`,
    ],
    [
      'one of two images of a repository, when ECR does not say which',
      [{ name: 'web', image: `${REGISTRY}/web:v3` }, { name: 'jobs', image: `${REGISTRY}/web@${DIGEST}` }],
      notFound("imageDigest:'null', imageTag:'v3'"),
      `repository 'web' (registry 123456789012, us-east-1) lacks at least one of ${REGISTRY}/web:v3 (container 'web', tag 'v3'), ${REGISTRY}/web@${DIGEST} (container 'jobs', digest ${DIGEST}); ECR did not say which`,
    ],
  ])('reports a missing image (%s) in our words, not ECR\'s imageId', async (_name, containers, error, missing) => {
    ecr.on(DescribeImagesCommand).rejects(error);
    await expect(verifyImages(containers, ecrFor)).rejects.toMatchObject({ message: `Image not found in ECR, nothing was registered: ${missing}. ${FIX}` });
  });

  it('names a repository that does not exist', async () => {
    ecr.on(DescribeImagesCommand).rejects(new RepositoryNotFoundException({ message: 'not found', $metadata: {} }));
    await expect(verifyImages([{ name: 'web', image: `${REGISTRY}/wbe:v1` }], ecrFor)).rejects.toThrow(
      "repository 'wbe' (registry 123456789012, us-east-1) does not exist",
    );
  });

  it('reports a tag missing from an answer that lists other images', async () => {
    ecr.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageTags: ['v1'] }] });
    await expect(
      verifyImages([{ name: 'web', image: `${REGISTRY}/web:v1` }, { name: 'jobs', image: `${REGISTRY}/web:v9` }], ecrFor),
    ).rejects.toThrow(`${REGISTRY}/web:v9 (container 'jobs'): repository 'web' (registry 123456789012, us-east-1) has no image with tag 'v9'`);
  });

  it('says which permission is missing', async () => {
    const denied = Object.assign(new Error('User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: ecr:DescribeImages'), { name: 'AccessDeniedException' });
    ecr.on(DescribeImagesCommand).rejects(denied);
    await expect(verifyImages([{ name: 'web', image: `${REGISTRY}/web:v1` }], ecrFor)).rejects.toThrow(
      "Grant 'ecr:DescribeImages' on the repository to the role this job runs as, or set 'verify-images: false'.",
    );
  });
});
