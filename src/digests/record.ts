/**
 * What each container's image should run, recorded before the revision is registered: the
 * digest ECR gave for the image (from the DescribeImages check in task-definition/images.ts), or
 * the digest written in the image reference; for an image index, also the platform manifests it
 * lists (BatchGetImage), since ECS may record either (reference: releases-schedules-digests-timing.md,
 * section 5, unverified).
 */
import type { ECRClient, ImageDetail } from '@aws-sdk/client-ecr';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { awsFailure, isAccessDenied } from '../aws/errors.js';
import { ActionError } from '../errors.js';
import type { ExpectedImage } from '../report/types.js';
import { parseEcrImage, type EcrImage } from '../task-definition/images.js';

/** Manifest media types of an image index: OCI, and Docker's manifest list. */
export const INDEX_MEDIA_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
/** Asked of BatchGetImage so that ECR answers an index as stored rather than converting it. */
const ACCEPTED_MEDIA_TYPES = [
  ...INDEX_MEDIA_TYPES,
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

const DIGEST_IN_REFERENCE = /@(sha256:[a-f0-9]{64})$/;

/** What ECR said about the image of each container, by container name; undefined when ECR was not asked, and why. */
export interface EcrAnswers {
  details: Map<string, { image: EcrImage; detail: ImageDetail }>;
  /** Why ECR was not asked about the images (verify-images 'false', a revision named by ARN); undefined when it was. */
  notAsked?: string;
}

/** An index entry that is not a platform image: a build attestation (Docker's attestation storage). */
function isAttestation(entry: { platform?: { os?: string; architecture?: string }; annotations?: Record<string, string> }): boolean {
  return entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || entry.platform?.os === 'unknown';
}

/** The platform manifest digests an index lists, from its manifest JSON. */
export function platformDigests(manifestJson: string): string[] | undefined {
  try {
    const manifest = JSON.parse(manifestJson) as { manifests?: { digest?: string; platform?: { os?: string; architecture?: string }; annotations?: Record<string, string> }[] };
    if (!Array.isArray(manifest.manifests)) return undefined;
    return manifest.manifests.filter((entry) => typeof entry.digest === 'string' && !isAttestation(entry)).map((entry) => entry.digest!);
  } catch {
    return undefined;
  }
}

/** BatchGetImage of the indexes of one repository, by digest (a tag may have moved since DescribeImages). */
async function readIndexes(ecr: ECRClient, first: EcrImage, digests: string[]): Promise<Map<string, string[]>> {
  const where = `repository '${first.repository}' (registry ${first.registryId}, ${first.region})`;
  const { BatchGetImageCommand } = await import('@aws-sdk/client-ecr');
  let answer;
  try {
    answer = await ecr.send(
      new BatchGetImageCommand({
        registryId: first.registryId,
        repositoryName: first.repository,
        imageIds: digests.map((imageDigest) => ({ imageDigest })),
        acceptedMediaTypes: ACCEPTED_MEDIA_TYPES,
      }),
    );
  } catch (error) {
    const hint = isAccessDenied(error) ? "Grant 'ecr:BatchGetImage' on the repository to the role this job runs as, or set 'verify-digests: false'." : undefined;
    throw awsFailure(`read the image index manifests in ECR ${where} (to know the platform images they list)`, error, hint);
  }
  const listed = new Map<string, string[]>();
  for (const image of answer.images ?? []) {
    const platforms = image.imageId?.imageDigest && image.imageManifest ? platformDigests(image.imageManifest) : undefined;
    if (platforms) listed.set(image.imageId!.imageDigest!, platforms);
  }
  const failed = (answer.failures ?? []).map((failure) => `${failure.imageId?.imageDigest}: ${failure.failureCode} ${failure.failureReason ?? ''}`.trim());
  if (failed.length > 0) {
    throw new ActionError(`Could not read the image index manifests in ECR ${where}: ${failed.join('; ')}. Check the images, or set 'verify-digests: false'.`);
  }
  return listed;
}

function expectedFor(container: ContainerDefinition, answers: EcrAnswers): ExpectedImage {
  const name = container.name!;
  const image = container.image!;
  const found = answers.details.get(name);
  if (found) {
    return { container: name, image, digest: found.detail.imageDigest, source: 'ecr', platforms: [], complete: true };
  }
  const pinned = DIGEST_IN_REFERENCE.exec(image)?.[1];
  if (pinned) return { container: name, image, digest: pinned, source: 'reference', platforms: [], complete: false };
  const skipped = parseEcrImage(name, image) ? (answers.notAsked ? `ECR was not asked for its digest (${answers.notAsked})` : 'ECR did not describe it') : 'not an ECR image and no digest in the reference';
  return { container: name, image, source: 'none', platforms: [], complete: false, skipped };
}

/**
 * One ExpectedImage per container. Indexes are read with one BatchGetImage per repository;
 * `ecrFor` is called only when there is one.
 */
export async function recordExpectedImages(
  containers: ContainerDefinition[],
  answers: EcrAnswers,
  ecrFor: (region: string) => Promise<ECRClient>,
): Promise<ExpectedImage[]> {
  const expected = containers
    .filter((c) => c.name && c.image)
    .map((c) => ({ ...expectedFor(c, answers), ...(c.versionConsistency === 'disabled' ? { unresolved: true } : {}) }));
  const indexes = [...answers.details.values()].filter(({ detail }) => INDEX_MEDIA_TYPES.includes(detail.imageManifestMediaType ?? ''));
  const byRepository = new Map<string, { first: EcrImage; digests: Set<string> }>();
  for (const { image, detail } of indexes) {
    const key = `${image.region}/${image.registryId}/${image.repository}`;
    const group = byRepository.get(key) ?? { first: image, digests: new Set<string>() };
    group.digests.add(detail.imageDigest!);
    byRepository.set(key, group);
  }
  const listed = new Map<string, string[]>();
  for (const { first, digests } of byRepository.values()) {
    for (const [digest, platforms] of await readIndexes(await ecrFor(first.region), first, [...digests])) listed.set(digest, platforms);
  }
  return expected.map((entry) => {
    const platforms = entry.digest ? listed.get(entry.digest) : undefined;
    if (platforms) return { ...entry, platforms };
    const isIndex = indexes.some(({ image }) => image.container === entry.container);
    // An index whose manifest could not be read: its platform images are unknown.
    return isIndex ? { ...entry, complete: false } : entry;
  });
}
