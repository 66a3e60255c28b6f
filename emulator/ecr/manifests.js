// @ts-check
// Image manifests as a registry stores them: a platform manifest (one image) or an image index
// (a multi-architecture image, or one platform plus build attestations) that lists platform
// manifests by digest. Shapes: OCI Image Index and Image Manifest specifications
// (github.com/opencontainers/image-spec, image-index.md: `manifests[].mediaType, digest, size,
// platform{architecture, os, variant}, annotations`), Docker's "Image Manifest V2, Schema 2" and
// its manifest list; attestation manifests carry the platform unknown/unknown and the annotation
// `vnd.docker.reference.type: attestation-manifest` (Docker docs, "Attestation storage").
import { createHash } from 'node:crypto';

export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const INDEX_TYPES = [OCI_INDEX, DOCKER_LIST];

/**
 * @typedef {{ architecture: string, os: string, variant?: string }} Platform
 * @typedef {{
 *   tags: string[], digest: string, sizeInBytes: number, pushedAt: number, mediaType: string,
 *   platform?: Platform, annotations?: Record<string, string>, manifests?: StoredImage[],
 * }} StoredImage an image (a platform manifest) or an index; `manifests` only for an index
 */

/** @param {string} mediaType */
export function isIndex(mediaType) {
  return INDEX_TYPES.includes(mediaType);
}

/**
 * The images a scenario entry puts in the repository: the entry itself, and for an index each
 * platform manifest it lists, stored untagged as pushing a multi-architecture image leaves them
 * (ECR User Guide, "Pushing a multi-architecture image to an Amazon ECR private repository": the
 * images a manifest list references are pushed first, then the list).
 * @param {any} entry a scenario image @param {{ digest: () => string }} ids @param {number} pushedAt
 * @returns {StoredImage[]}
 */
export function storedImages(entry, ids, pushedAt) {
  const index = Array.isArray(entry.manifests);
  const mediaType = entry.mediaType ?? (index ? OCI_INDEX : DOCKER_MANIFEST);
  const childType = mediaType === DOCKER_LIST ? DOCKER_MANIFEST : OCI_MANIFEST;
  /** @type {StoredImage[]} */
  const children = (entry.manifests ?? []).map((/** @type {any} */ m) => ({
    tags: [],
    digest: m.digest ?? ids.digest(),
    sizeInBytes: m.sizeInBytes ?? 31457280,
    pushedAt,
    mediaType: m.mediaType ?? childType,
    platform: m.platform,
    ...(m.annotations ? { annotations: m.annotations } : {}),
  }));
  /** @type {StoredImage} */
  const image = {
    tags: entry.tags ?? [],
    digest: entry.digest ?? ids.digest(),
    sizeInBytes: entry.sizeInBytes ?? 31457280,
    pushedAt,
    mediaType,
    ...(index ? { manifests: children } : {}),
  };
  return [image, ...children];
}

/** A stable digest for a blob the scenario does not name (an image's config). @param {string} seed */
function blobDigest(seed) {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}

/**
 * The manifest JSON BatchGetImage returns for a stored image (ECR API reference, Image:
 * `imageManifest` "The image manifest associated with the image", `imageManifestMediaType`).
 * @param {StoredImage} image
 */
export function manifestBody(image) {
  if (image.manifests) {
    return JSON.stringify({
      schemaVersion: 2,
      mediaType: image.mediaType,
      manifests: image.manifests.map((m) => ({
        mediaType: m.mediaType,
        digest: m.digest,
        size: 1024,
        platform: m.platform,
        ...(m.annotations ? { annotations: m.annotations } : {}),
      })),
    });
  }
  const docker = image.mediaType === DOCKER_MANIFEST;
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: image.mediaType,
    config: { mediaType: docker ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json', size: 1500, digest: blobDigest(`${image.digest}/config`) },
    layers: [{ mediaType: docker ? 'application/vnd.docker.image.rootfs.diff.tar.gzip' : 'application/vnd.oci.image.layer.v1.tar+gzip', size: image.sizeInBytes, digest: blobDigest(`${image.digest}/layer`) }],
  });
}

/** DescribeImages `artifactMediaType`: the config's media type; an index has no config. @param {StoredImage} image */
export function artifactMediaType(image) {
  if (image.manifests) return undefined;
  return image.mediaType === DOCKER_MANIFEST ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json';
}

/**
 * The platform manifest of an index a task of this CPU architecture runs: linux and the
 * architecture's OCI name (`amd64` for X86_64, `arm64` for ARM64); undefined when none matches.
 * @param {StoredImage} index @param {'amd64' | 'arm64'} architecture
 */
export function platformFor(index, architecture) {
  return index.manifests?.find((m) => m.platform?.os === 'linux' && m.platform.architecture === architecture);
}
