/**
 * The verdict for one container: do the digest ECS resolved for our deployment and the digests
 * its tasks run equal the one recorded when the revision was registered? An image index matches
 * by its own digest or by any platform manifest it lists, since which of the two ECS records is
 * not documented.
 */
import type { ContainerDigests, ExpectedImage } from '../report/types.js';

/** What ECS says the container runs. */
export interface Observed {
  /** The digest in our service revision's containerImages. */
  resolved?: string;
  /** Why the revision gives none (versionConsistency disabled, the revision could not be described, ...). */
  noResolved?: string;
  /** The digest each RUNNING task of our revision reports for the container, if any. */
  tasks: (string | undefined)[];
}

/** `sha256:` and the first 12 hex digits, enough to tell digests apart in a sentence. */
export function shortDigest(digest: string): string {
  return digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1');
}

export function matches(expected: Pick<ExpectedImage, 'digest' | 'platforms'>, digest: string): boolean {
  return digest === expected.digest || expected.platforms.includes(digest);
}

/** Where the expected digest came from, for the notes and the failure sentence. */
export function expectedSource(expected: Pick<ExpectedImage, 'source'>): string {
  return expected.source === 'ecr' ? 'the digest ECR gave when the revision was registered' : 'the digest in the image reference';
}

function sources(observed: Observed, tasks: string[]): string {
  const ecs = observed.resolved ? 'ECS resolved it for the deployment' : `ECS gave no digest for the deployment (${observed.noResolved ?? 'none in the service revision'})`;
  const reporting = observed.tasks.filter((digest) => digest !== undefined).length;
  const running = observed.tasks.length === 0 ? 'no RUNNING task of the revision to read' : `${reporting} of ${observed.tasks.length} RUNNING task(s) report ${tasks.length > 1 ? 'digests' : 'it'}`;
  return `${ecs}; ${running}`;
}

export function judgeContainer(expected: ExpectedImage, observed: Observed): ContainerDigests {
  const tasks = [...new Set(observed.tasks.filter((digest): digest is string => digest !== undefined))];
  const base = { container: expected.container, image: expected.image, expected: expected.digest, source: expected.source, platforms: expected.platforms, resolved: observed.resolved, tasks };
  if (!expected.digest) return { ...base, verdict: 'skipped', note: `Not checked: ${expected.skipped}.` };
  const seen = [...new Set([...(observed.resolved ? [observed.resolved] : []), ...tasks])];
  if (seen.length === 0) {
    return { ...base, verdict: 'unverified', note: `No digest to compare: ${sources(observed, tasks)}.` };
  }
  const index = expected.platforms.length > 0 ? ` (an image index of ${expected.platforms.length} platform image(s))` : '';
  const wrong = seen.filter((digest) => !matches(expected, digest));
  if (wrong.length === 0) {
    return { ...base, verdict: 'match', note: `Runs ${shortDigest(expected.digest)}${index}, ${expectedSource(expected)}: ${sources(observed, tasks)}.` };
  }
  const found = wrong.map(shortDigest).join(', ');
  if (!expected.complete) {
    // A digest reference ECR did not describe may name an index whose platform images are unknown here.
    return {
      ...base,
      verdict: 'unverified',
      note: `Runs ${found}, not ${shortDigest(expected.digest)}, ${expectedSource(expected)}; that may be a platform image of an image index whose manifest the action did not read: ${sources(observed, tasks)}.`,
    };
  }
  return {
    ...base,
    verdict: 'mismatch',
    note: `Runs ${found}, not ${shortDigest(expected.digest)}${index}, ${expectedSource(expected)}: ${sources(observed, tasks)}.`,
  };
}
