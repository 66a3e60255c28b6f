/**
 * Confirms that every ECR image the new revision names exists, so a typo in a tag fails in
 * seconds instead of after a circuit breaker gives up on pulls ten minutes later.
 */
import * as core from '@actions/core';
import type { ECRClient, ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { ActionError } from '../errors.js';
import { awsErrorName, awsFailure } from '../aws/errors.js';

export interface EcrImage {
  container: string;
  image: string;
  registryId: string;
  region: string;
  repository: string;
  id: ImageIdentifier;
}

const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9][a-z0-9._/-]*?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

/** Parses a private ECR image reference; undefined for any other registry. */
export function parseEcrImage(container: string, image: string): EcrImage | undefined {
  const match = ECR_IMAGE.exec(image);
  if (!match) return undefined;
  const [, registryId, region, repository, tag, digest] = match;
  const id: ImageIdentifier = digest ? { imageDigest: digest } : { imageTag: tag ?? 'latest' };
  return { container, image, registryId, region, repository, id };
}

/** "tag 'v2'" or "digest sha256:…": what was looked for, in our words rather than ECR's imageId. */
function label(image: EcrImage): string {
  return image.id.imageDigest ? `digest ${image.id.imageDigest}` : `tag '${image.id.imageTag}'`;
}

function missingImage(image: EcrImage, where: string): string {
  return `${image.image} (container '${image.container}'): ${where} has no image with ${label(image)}`;
}

/** Sees what ECR answered for each image found, so the digest check knows what was registered. */
export type FoundImage = (image: EcrImage, detail: ImageDetail) => void;

async function checkRepository(ecr: ECRClient, images: EcrImage[], onFound?: FoundImage): Promise<string[]> {
  const [{ registryId, repository, region }] = images;
  const where = `repository '${repository}' (registry ${registryId}, ${region})`;
  const { DescribeImagesCommand } = await import('@aws-sdk/client-ecr');
  try {
    const answer = await ecr.send(
      new DescribeImagesCommand({ registryId, repositoryName: repository, imageIds: images.map((image) => image.id) }),
    );
    const found = answer.imageDetails ?? [];
    const detailOf = ({ id }: EcrImage): ImageDetail | undefined =>
      found.find((detail) => (id.imageDigest ? detail.imageDigest === id.imageDigest : detail.imageTags?.includes(id.imageTag!)));
    for (const image of images) {
      const detail = detailOf(image);
      if (detail) onFound?.(image, detail);
    }
    return images
      .filter((image) => !detailOf(image))
      .map((image) => missingImage(image, where));
  } catch (error) {
    const name = awsErrorName(error);
    if (name === 'ImageNotFoundException') {
      // ECR names the image it did not find only inside its own message, which is not ours to parse.
      if (images.length === 1) return [missingImage(images[0], where)];
      const asked = images.map((image) => `${image.image} (container '${image.container}', ${label(image)})`).join(', ');
      return [`${where} lacks at least one of ${asked}; ECR did not say which`];
    }
    if (name === 'RepositoryNotFoundException') {
      return images.map((image) => `${image.image} (container '${image.container}'): ${where} does not exist`);
    }
    throw awsFailure(
      `check that the images exist in ECR ${where}`,
      error,
      name === 'AccessDeniedException'
        ? "Grant 'ecr:DescribeImages' on the repository to the role this job runs as, or set 'verify-images: false'."
        : undefined,
    );
  }
}

/**
 * Checks ECR images (grouped per repository, one request each) and returns the number checked.
 * `ecrFor` gives a client for the image's region, which need not be the action's; it is only
 * called when there is an ECR image, so other steps never load the ECR client.
 */
export async function verifyImages(
  containers: ContainerDefinition[],
  ecrFor: (region: string) => Promise<ECRClient>,
  onFound?: FoundImage,
): Promise<number> {
  const ecrImages: EcrImage[] = [];
  const skipped: string[] = [];
  for (const container of containers) {
    if (!container.image || !container.name) continue;
    const parsed = parseEcrImage(container.name, container.image);
    if (parsed) ecrImages.push(parsed);
    else skipped.push(container.image);
  }
  if (skipped.length > 0) {
    core.notice(`Not an ECR image, existence not checked: ${skipped.join(', ')}`);
  }
  const byRepository = new Map<string, EcrImage[]>();
  for (const image of ecrImages) {
    const key = `${image.region}/${image.registryId}/${image.repository}`;
    byRepository.set(key, [...(byRepository.get(key) ?? []), image]);
  }
  const missing = (
    await Promise.all([...byRepository.values()].map(async (group) => checkRepository(await ecrFor(group[0].region), group, onFound)))
  ).flat();
  if (missing.length > 0) {
    throw new ActionError(
      `Image not found in ECR, nothing was registered: ${missing.join('; ')}. Push the image first, or fix the tag or digest in 'container-images'.`,
    );
  }
  return ecrImages.length;
}
