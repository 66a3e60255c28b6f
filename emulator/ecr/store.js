// @ts-check
import { ApiError } from '../core/errors.js';

const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';

/**
 * ECR repositories and images of the scenario, and the ECR operations the action uses.
 */
export class EcrStore {
  /**
   * @param {{ account: string, region: string, repositories: any[], ids: import('../core/random.js').IdFactory, epoch: () => number }} options
   */
  constructor({ account, region, repositories, ids, epoch }) {
    this.account = account;
    this.region = region;
    this.registry = `${account}.dkr.ecr.${region}.amazonaws.com`;
    /** @type {Map<string, {name: string, images: {tags: string[], digest: string, sizeInBytes: number, pushedAt: number}[]}>} */
    this.repositories = new Map();
    for (const repo of repositories) {
      this.repositories.set(repo.name, {
        name: repo.name,
        images: (repo.images ?? []).map((/** @type {any} */ image) => ({
          tags: image.tags ?? [],
          digest: image.digest ?? ids.digest(),
          sizeInBytes: image.sizeInBytes ?? 31457280,
          pushedAt: epoch(),
        })),
      });
    }
  }

  /**
   * Where an image reference points in this emulator's registry: undefined when it names
   * another registry; `{ image: undefined }` when the repository or tag/digest is missing.
   * @param {string} reference
   */
  resolve(reference) {
    if (!reference.startsWith(`${this.registry}/`)) return undefined;
    const rest = reference.slice(this.registry.length + 1);
    const at = rest.indexOf('@');
    const colon = rest.lastIndexOf(':');
    const name = at >= 0 ? rest.slice(0, at) : colon >= 0 ? rest.slice(0, colon) : rest;
    const id = at >= 0 ? { imageDigest: rest.slice(at + 1) } : { imageTag: colon >= 0 ? rest.slice(colon + 1) : 'latest' };
    const repo = this.repositories.get(name);
    return { image: repo ? findImage(repo, id) : undefined };
  }

  /** @param {any} input */
  describeImages(input) {
    const repo = this.repository(input);
    const ids = input.imageIds ?? repo.images.map((image) => ({ imageDigest: image.digest }));
    const imageDetails = ids.map((/** @type {any} */ id) => {
      const image = findImage(repo, id);
      if (!image) {
        throw new ApiError(400, 'ImageNotFoundException',
          `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${repo.name}' in the registry with id '${this.account}'`);
      }
      return {
        registryId: this.account,
        repositoryName: repo.name,
        imageDigest: image.digest,
        ...(image.tags.length ? { imageTags: image.tags } : {}),
        imageSizeInBytes: image.sizeInBytes,
        imagePushedAt: image.pushedAt,
        imageManifestMediaType: MANIFEST_TYPE,
        artifactMediaType: 'application/vnd.docker.container.image.v1+json',
      };
    });
    return { imageDetails };
  }

  /** @param {any} input */
  batchGetImage(input) {
    const repo = this.repository(input);
    /** @type {any[]} */
    const images = [];
    /** @type {any[]} */
    const failures = [];
    for (const id of input.imageIds ?? []) {
      const image = findImage(repo, id);
      if (!image) {
        failures.push({ imageId: id, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' });
        continue;
      }
      images.push({
        registryId: this.account,
        repositoryName: repo.name,
        imageId: { imageDigest: image.digest, ...(id.imageTag ? { imageTag: id.imageTag } : {}) },
        imageManifest: JSON.stringify({ schemaVersion: 2, mediaType: MANIFEST_TYPE, config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 1500, digest: image.digest } }),
        imageManifestMediaType: MANIFEST_TYPE,
      });
    }
    return { images, failures };
  }

  /** @param {any} input */
  repository(input) {
    if (input.registryId !== undefined && input.registryId !== this.account) {
      throw new ApiError(400, 'RepositoryNotFoundException', `The repository with name '${input.repositoryName}' does not exist in the registry with id '${input.registryId}'`);
    }
    const repo = this.repositories.get(input.repositoryName);
    if (!repo) {
      throw new ApiError(400, 'RepositoryNotFoundException', `The repository with name '${input.repositoryName}' does not exist in the registry with id '${this.account}'`);
    }
    return repo;
  }

  state() {
    return [...this.repositories.values()];
  }
}

/** @param {{images: any[]}} repo @param {{imageTag?: string, imageDigest?: string}} id */
function findImage(repo, id) {
  return repo.images.find((image) => (id.imageDigest === undefined || image.digest === id.imageDigest)
    && (id.imageTag === undefined || image.tags.includes(id.imageTag)));
}
