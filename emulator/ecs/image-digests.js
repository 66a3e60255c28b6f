// @ts-check
// The image digest ECS records for a container: in a service revision's `containerImages` and
// in each task's `containers[].imageDigest`.
//
// ECS Developer Guide, "Container image resolution" (deployment-type-ecs.html
// #deployment-container-image-stability), and ECS API reference, ContainerImage: ECS resolves
// each container's image tag to a digest once per deployment, and "uses the digest to start any
// other desired tasks", so a tag moved after the deployment started changes nothing for it. The
// image name itself stays as written (AWS Containers blog, "Announcing software version
// consistency for Amazon ECS services", update of 12 September 2024).
// ECS API reference, ContainerDefinition.versionConsistency: "disabled" means ECS "will not
// resolve the provided container image tag to a digest and will use the original image URI",
// so the revision has no digest for that container and each task pulls whatever the tag names
// when it starts.
// Images outside the emulator's registry get no digest: other registries are not simulated.
// Which digest ECS records for an image index, the index's own or the platform manifest the
// task runs, is not documented: scenario `undocumented.imageIndexDigest` (default "index").
import { platformFor } from '../ecr/manifests.js';
/** @typedef {import('./engine.js').Engine} Engine */

/** The CPU architecture a task of this task definition runs, in OCI platform terms. @param {any} td */
function architectureOf(td) {
  return td.runtimePlatform?.cpuArchitecture === 'ARM64' ? 'arm64' : 'amd64';
}

/** What the image reference names in ECR now. @param {Engine} engine @param {string} image @param {any} td */
function digestNow(engine, image, td) {
  const found = engine.ecr.resolve(image)?.image;
  if (!found) return undefined;
  if (found.manifests && engine.scenario.undocumented?.imageIndexDigest === 'platform') {
    // No platform for the task's architecture would fail the pull; not simulated, the index's digest stands.
    return platformFor(found, architectureOf(td))?.digest ?? found.digest;
  }
  return found.digest;
}

/** A new service revision's `containerImages`, resolved as its deployment starts. @param {Engine} engine @param {any} td */
export function revisionContainerImages(engine, td) {
  return td.containerDefinitions.map((/** @type {any} */ c) => {
    const digest = c.versionConsistency === 'disabled' ? undefined : digestNow(engine, c.image, td);
    return { containerName: c.name, image: c.image, ...(digest ? { imageDigest: digest } : {}) };
  });
}

/**
 * The digest a new task's container runs: its service revision's when ECS resolved one, else
 * (versionConsistency disabled, a one-off task) what the image names as the task starts.
 * @param {Engine} engine @param {any} td @param {any} container @param {string} [revisionArn]
 */
export function taskImageDigest(engine, td, container, revisionArn) {
  const revision = revisionArn ? engine.serviceRevisions.get(revisionArn) : undefined;
  const pinned = revision?.containerImages.find((/** @type {any} */ i) => i.containerName === container.name)?.imageDigest;
  return pinned ?? digestNow(engine, container.image, td);
}
