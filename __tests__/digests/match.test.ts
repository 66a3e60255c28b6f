import { describe, expect, it } from '@jest/globals';
import { judgeContainer, matches, shortDigest } from '../../src/digests/match.js';
import type { ExpectedImage } from '../../src/report/types.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const INDEX = d('1');
const AMD64 = d('2');
const ARM64 = d('3');
const OTHER = d('e');
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2';

const fromEcr: ExpectedImage = { container: 'web', image: IMAGE, digest: INDEX, source: 'ecr', platforms: [AMD64, ARM64], complete: true };
const plain: ExpectedImage = { container: 'web', image: IMAGE, digest: AMD64, source: 'ecr', platforms: [], complete: true };
const pinned: ExpectedImage = { container: 'proxy', image: `ghcr.io/acme/proxy@${INDEX}`, digest: INDEX, source: 'reference', platforms: [], complete: false };

describe('matches', () => {
  it.each([
    ['the index itself', fromEcr, INDEX, true],
    ['a platform image the index lists', fromEcr, ARM64, true],
    ['another digest, against an index', fromEcr, OTHER, false],
    ['the same digest, a plain image', plain, AMD64, true],
    ['a digest only an index would list, against a plain image', plain, ARM64, false],
  ])('%s', (_case, expected, digest, result) => {
    expect(matches(expected, digest)).toBe(result);
  });
});

describe('judgeContainer', () => {
  it('matches an index whether ECS recorded the index or a platform image, and says which sources were read', () => {
    for (const resolved of [INDEX, AMD64]) {
      const judged = judgeContainer(fromEcr, { resolved, tasks: [resolved, resolved] });
      expect(judged).toMatchObject({ verdict: 'match', expected: INDEX, resolved, tasks: [resolved], platforms: [AMD64, ARM64], source: 'ecr' });
      expect(judged.note).toBe(
        `Runs ${shortDigest(INDEX)} (an image index of 2 platform image(s)), the digest ECR gave when the revision was registered: ECS resolved it for the deployment; 2 of 2 RUNNING task(s) report it.`,
      );
    }
  });

  it('finds another image in the revision or in any task', () => {
    const inRevision = judgeContainer(plain, { resolved: OTHER, tasks: [OTHER] });
    expect(inRevision.verdict).toBe('mismatch');
    expect(inRevision.note).toBe(
      `Runs ${shortDigest(OTHER)}, not ${shortDigest(AMD64)}, the digest ECR gave when the revision was registered: ECS resolved it for the deployment; 1 of 1 RUNNING task(s) report it.`,
    );
    expect(judgeContainer(plain, { resolved: AMD64, tasks: [AMD64, OTHER] }).verdict).toBe('mismatch');
    expect(judgeContainer(plain, { noResolved: 'x', tasks: [OTHER] }).verdict).toBe('mismatch');
  });

  it('judges from the tasks alone when ECS resolved nothing, and names why', () => {
    const judged = judgeContainer(plain, { noResolved: "versionConsistency is 'disabled', so ECS does not resolve the tag", tasks: [AMD64, undefined] });
    expect(judged.verdict).toBe('match');
    expect(judged.note).toContain("ECS gave no digest for the deployment (versionConsistency is 'disabled', so ECS does not resolve the tag); 1 of 2 RUNNING task(s) report it");
  });

  it('skips an image with nothing recorded, with the reason', () => {
    const judged = judgeContainer({ container: 'proxy', image: 'envoyproxy/envoy:v1.31', source: 'none', platforms: [], complete: false, skipped: 'not an ECR image and no digest in the reference' }, { resolved: OTHER, tasks: [OTHER] });
    expect(judged).toMatchObject({ verdict: 'skipped', note: 'Not checked: not an ECR image and no digest in the reference.', expected: undefined });
  });

  it('cannot verify when neither ECS nor a task reports a digest', () => {
    const judged = judgeContainer(plain, { noResolved: 'DescribeServiceRevisions did not describe it', tasks: [] });
    expect(judged.verdict).toBe('unverified');
    expect(judged.note).toBe('No digest to compare: ECS gave no digest for the deployment (DescribeServiceRevisions did not describe it); no RUNNING task of the revision to read.');
  });

  it('does not fail a digest reference ECR did not describe: the other digest may be a platform image of it', () => {
    expect(judgeContainer(pinned, { resolved: INDEX, tasks: [INDEX] }).verdict).toBe('match');
    const judged = judgeContainer(pinned, { resolved: AMD64, tasks: [AMD64] });
    expect(judged.verdict).toBe('unverified');
    expect(judged.note).toContain(`Runs ${shortDigest(AMD64)}, not ${shortDigest(INDEX)}, the digest in the image reference; that may be a platform image`);
  });
});
