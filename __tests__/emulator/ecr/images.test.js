// ECR images as DescribeImages and BatchGetImage answer them: platform manifests, image indexes
// (multi-architecture, or one platform with attestations) and tags moved by the timeline.
import { afterEach, describe, expect, it } from '@jest/globals';
import { BatchGetImageCommand, DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { checkScenario } from '../../../emulator/scenario/load.js';
import { SCENARIOS, start, webTaskDefinition } from '../helpers.js';
import { AMD64, ARM64, ATTESTATION, INDEX, OTHER, digest, withIndexes } from './fixtures.js';

/** @type {{ stop: () => Promise<void> }[]} */
const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/** @param {object} s */
async function emulatorFor(s) {
  const started = await start(s);
  running.push(started.emulator);
  return started;
}

describe('DescribeImages', () => {
  it('gives an index its own media type and no artifact type, and lists its platform manifests untagged', async () => {
    const { ecr } = await emulatorFor(withIndexes());
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v3' }, { imageTag: 'v1' }] }));
    expect(imageDetails?.[0]).toMatchObject({ imageDigest: INDEX, imageTags: ['v3'], imageManifestMediaType: 'application/vnd.oci.image.index.v1+json' });
    expect(imageDetails?.[0]).not.toHaveProperty('artifactMediaType');
    expect(imageDetails?.[1]).toMatchObject({ imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json', artifactMediaType: 'application/vnd.docker.container.image.v1+json' });
    const platform = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageDigest: ARM64 }] }));
    expect(platform.imageDetails?.[0]).toMatchObject({ imageDigest: ARM64, imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json', artifactMediaType: 'application/vnd.oci.image.config.v1+json' });
    expect(platform.imageDetails?.[0]).not.toHaveProperty('imageTags');
    const all = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web' }));
    expect(all.imageDetails?.map((d) => d.imageDigest)).toEqual(expect.arrayContaining([INDEX, AMD64, ARM64, ATTESTATION]));
  });
});

describe('BatchGetImage', () => {
  it('returns an index manifest listing each platform manifest by digest, with its platform and annotations', async () => {
    const { ecr } = await emulatorFor(withIndexes());
    const { images } = await ecr.send(new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v3' }, { imageTag: 'att' }] }));
    expect(images?.map((i) => [i.imageId?.imageDigest, i.imageManifestMediaType])).toEqual([
      [INDEX, 'application/vnd.oci.image.index.v1+json'],
      [digest('f'), 'application/vnd.oci.image.index.v1+json'],
    ]);
    const index = JSON.parse(images?.[0].imageManifest ?? '');
    expect(index).toMatchObject({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json' });
    expect(index.manifests.map((/** @type {any} */ m) => [m.digest, m.mediaType, m.platform])).toEqual([
      [AMD64, 'application/vnd.oci.image.manifest.v1+json', { architecture: 'amd64', os: 'linux' }],
      [ARM64, 'application/vnd.oci.image.manifest.v1+json', { architecture: 'arm64', os: 'linux', variant: 'v8' }],
    ]);
    const attested = JSON.parse(images?.[1].imageManifest ?? '');
    expect(attested.manifests[1]).toMatchObject({ digest: ATTESTATION, platform: { architecture: 'unknown', os: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } });
  });

  it('returns a platform manifest with a config and layers whose digests are not the manifest\'s', async () => {
    const { ecr } = await emulatorFor(withIndexes());
    const { images } = await ecr.send(new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageDigest: AMD64 }, { imageTag: 'other' }] }));
    const [platform, plain] = (images ?? []).map((i) => JSON.parse(i.imageManifest ?? ''));
    expect(platform.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(plain).toMatchObject({ mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { mediaType: 'application/vnd.docker.container.image.v1+json' } });
    expect(plain.config.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(plain.config.digest).not.toBe(OTHER);
  });

  it('answers a Docker manifest list with Docker platform manifests', async () => {
    const s = withIndexes();
    s.ecr.repositories[0].images[2].mediaType = 'application/vnd.docker.distribution.manifest.list.v2+json';
    const { ecr } = await emulatorFor(s);
    const { images } = await ecr.send(new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v3' }] }));
    expect(images?.[0].imageManifestMediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(JSON.parse(images?.[0].imageManifest ?? '').manifests[0].mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
  });
});

describe('a tag moved by the timeline', () => {
  /** @param {any} on */
  const moving = (on) => {
    const s = withIndexes();
    s.timeline = [{ on, moveTag: { repository: 'web', tag: 'v2', toDigest: OTHER } }];
    return s;
  };
  /** @param {import('@aws-sdk/client-ecr').ECRClient} ecr */
  const v2 = async (ecr) => (await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v2' }] }))).imageDetails?.[0];

  it('moves once the family is registered through the API, and the image that had it keeps its other tags', async () => {
    const { ecr, ecs } = await emulatorFor(moving({ registerTaskDefinition: 'web' }));
    const before = await v2(ecr);
    expect(before?.imageTags).toEqual(['v2', 'latest']);
    await ecs.send(new RegisterTaskDefinitionCommand({ ...webTaskDefinition('v2'), family: 'api' }));
    expect((await v2(ecr))?.imageDigest).toBe(before?.imageDigest);
    await ecs.send(new RegisterTaskDefinitionCommand(webTaskDefinition('v2')));
    expect(await v2(ecr)).toMatchObject({ imageDigest: OTHER, imageTags: ['other', 'v2'] });
    const old = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageDigest: before?.imageDigest }] }));
    expect(old.imageDetails?.[0].imageTags).toEqual(['latest']);
  });

  it('moves at a scripted time', async () => {
    const s = withIndexes();
    s.timeline = [{ at: 0, moveTag: { repository: 'web', tag: 'v2', toDigest: OTHER } }];
    const { ecr } = await emulatorFor(s);
    expect((await v2(ecr))?.imageDigest).toBe(OTHER);
  });

  const registered = { registerTaskDefinition: 'web' };
  it.each([
    ['neither a time nor a state', {}, { repository: 'web', tag: 'v2', toDigest: OTHER }, '$.timeline[0]: give exactly one of "at" (a simulated time) or "on" (a state), got neither'],
    ['both a time and a state', { at: 3, on: registered }, { repository: 'web', tag: 'v2', toDigest: OTHER }, '$.timeline[0]: give exactly one of "at" (a simulated time) or "on" (a state), got both'],
    ['the old form of a state', {}, { repository: 'web', tag: 'v2', toDigest: OTHER, when: { afterRegisterTaskDefinition: 'web' } },
      '$.timeline[0].moveTag.when: unknown property "when" (expected one of: repository, tag, toDigest)'],
    ['an unknown repository', { at: 1 }, { repository: 'api', tag: 'v2', toDigest: OTHER }, '$.timeline[0].moveTag.repository: repository "api" is not listed in $.ecr.repositories'],
    ['a digest the repository does not hold', { on: registered }, { repository: 'web', tag: 'v2', toDigest: digest('9') },
      `$.timeline[0].moveTag.toDigest: repository "web" has no image ${digest('9')} (give the image a "digest" in $.ecr.repositories)`],
  ])('is refused with %s', (_case, when, moveTag, message) => {
    const s = withIndexes();
    s.timeline = [{ ...when, moveTag }];
    expect(() => checkScenario(s, 'x.json', SCENARIOS)).toThrow(`Invalid scenario x.json:\n  ${message}`);
  });
});
