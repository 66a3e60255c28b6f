import { jest, describe, expect, it, beforeEach } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { mockClient } from 'aws-sdk-client-mock';
import { BatchGetImageCommand, ECRClient, type ImageDetail } from '@aws-sdk/client-ecr';
import { parseEcrImage } from '../../src/task-definition/images.js';
import { platformDigests, recordExpectedImages, type EcrAnswers } from '../../src/digests/record.js';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const d = (c: string) => `sha256:${c.repeat(64)}`;
const INDEX_ANSWER = JSON.parse(readFileSync(new URL('./batch-get-image-index.json', import.meta.url), 'utf8'));
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

const ecr = mockClient(ECRClient);
const ecrFor = jest.fn(async (region: string) => new ECRClient({ region }));

/** What the DescribeImages check saw, by container. */
function answersFor(found: [container: string, image: string, detail: ImageDetail][], notAsked?: string): EcrAnswers {
  return { details: new Map(found.map(([container, image, detail]) => [container, { image: parseEcrImage(container, image)!, detail }])), notAsked };
}

beforeEach(() => {
  ecr.reset();
  ecrFor.mockClear();
});

describe('platformDigests', () => {
  it('lists the platform images of an index, not its attestations', () => {
    expect(platformDigests(INDEX_ANSWER.images[0].imageManifest)).toEqual([d('2'), d('3')]);
  });

  it.each(['not json', '{"schemaVersion":2,"config":{}}'])('knows nothing from %s', (text) => {
    expect(platformDigests(text)).toBeUndefined();
  });
});

describe('recordExpectedImages', () => {
  it('takes the digest ECR gave, and reads an index (by digest, index media types accepted) for its platform images', async () => {
    ecr.on(BatchGetImageCommand).resolves(INDEX_ANSWER);
    const expected = await recordExpectedImages(
      [
        { name: 'web', image: `${REGISTRY}/web:v2` },
        { name: 'worker', image: `${REGISTRY}/web:v1` },
      ],
      answersFor([
        ['web', `${REGISTRY}/web:v2`, { imageDigest: d('1'), imageTags: ['v2'], imageManifestMediaType: OCI_INDEX }],
        ['worker', `${REGISTRY}/web:v1`, { imageDigest: d('5'), imageTags: ['v1'], imageManifestMediaType: DOCKER_MANIFEST }],
      ]),
      ecrFor,
    );
    expect(expected).toEqual([
      { container: 'web', image: `${REGISTRY}/web:v2`, digest: d('1'), source: 'ecr', platforms: [d('2'), d('3')], complete: true },
      { container: 'worker', image: `${REGISTRY}/web:v1`, digest: d('5'), source: 'ecr', platforms: [], complete: true },
    ]);
    expect(ecr.commandCalls(BatchGetImageCommand).map((call) => call.args[0].input)).toEqual([
      {
        registryId: '123456789012',
        repositoryName: 'web',
        imageIds: [{ imageDigest: d('1') }],
        acceptedMediaTypes: [OCI_INDEX, 'application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.oci.image.manifest.v1+json', DOCKER_MANIFEST],
      },
    ]);
  });

  it('asks ECR nothing without an index', async () => {
    await recordExpectedImages([{ name: 'web', image: `${REGISTRY}/web:v1` }], answersFor([['web', `${REGISTRY}/web:v1`, { imageDigest: d('5'), imageManifestMediaType: DOCKER_MANIFEST }]]), ecrFor);
    expect(ecrFor).not.toHaveBeenCalled();
  });

  it('takes a digest from the image reference when ECR did not describe it, and says why tags have none', async () => {
    const expected = await recordExpectedImages(
      [
        { name: 'proxy', image: `ghcr.io/acme/proxy:1@${d('7')}` },
        { name: 'log', image: 'fluent/fluent-bit:3' },
        { name: 'web', image: `${REGISTRY}/web:v2` },
        { name: 'jobs', image: `${REGISTRY}/web:v2`, versionConsistency: 'disabled' },
      ],
      answersFor([], "verify-images is 'false'"),
      ecrFor,
    );
    expect(expected).toEqual([
      { container: 'proxy', image: `ghcr.io/acme/proxy:1@${d('7')}`, digest: d('7'), source: 'reference', platforms: [], complete: false },
      { container: 'log', image: 'fluent/fluent-bit:3', source: 'none', platforms: [], complete: false, skipped: 'not an ECR image and no digest in the reference' },
      { container: 'web', image: `${REGISTRY}/web:v2`, source: 'none', platforms: [], complete: false, skipped: "ECR was not asked for its digest (verify-images is 'false')" },
      { container: 'jobs', image: `${REGISTRY}/web:v2`, source: 'none', platforms: [], complete: false, skipped: "ECR was not asked for its digest (verify-images is 'false')", unresolved: true },
    ]);
  });

  it('fails before registering when the index cannot be read, with the permission to grant', async () => {
    ecr.on(BatchGetImageCommand).rejects(Object.assign(new Error('User: x is not authorized to perform: ecr:BatchGetImage'), { name: 'AccessDeniedException' }));
    const answers = answersFor([['web', `${REGISTRY}/web:v2`, { imageDigest: d('1'), imageManifestMediaType: OCI_INDEX }]]);
    await expect(recordExpectedImages([{ name: 'web', image: `${REGISTRY}/web:v2` }], answers, ecrFor)).rejects.toThrow(
      "Could not read the image index manifests in ECR repository 'web' (registry 123456789012, us-east-1) (to know the platform images they list): AccessDeniedException: User: x is not authorized to perform: ecr:BatchGetImage. Grant 'ecr:BatchGetImage' on the repository to the role this job runs as, or set 'verify-digests: false'.",
    );
    ecr.on(BatchGetImageCommand).resolves({ images: [], failures: [{ imageId: { imageDigest: d('1') }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }] });
    await expect(recordExpectedImages([{ name: 'web', image: `${REGISTRY}/web:v2` }], answers, ecrFor)).rejects.toThrow(
      `Could not read the image index manifests in ECR repository 'web' (registry 123456789012, us-east-1): ${d('1')}: ImageNotFound Requested image not found.`,
    );
  });

  it('marks an index whose manifest lists nothing readable as not completely known', async () => {
    ecr.on(BatchGetImageCommand).resolves({ images: [{ imageId: { imageDigest: d('1') }, imageManifest: 'garbled' }] });
    const [web] = await recordExpectedImages([{ name: 'web', image: `${REGISTRY}/web:v2` }], answersFor([['web', `${REGISTRY}/web:v2`, { imageDigest: d('1'), imageManifestMediaType: OCI_INDEX }]]), ecrFor);
    expect(web).toMatchObject({ digest: d('1'), source: 'ecr', platforms: [], complete: false });
  });
});
