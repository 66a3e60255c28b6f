// Images for the ECR tests: web:v3 is a multi-architecture index, web:att one platform plus an
// attestation manifest, web:other a plain image a tag can be moved to.
import { scenario } from '../helpers.js';

export const digest = (/** @type {string} */ c) => `sha256:${c.repeat(64)}`;
export const INDEX = digest('a');
export const AMD64 = digest('b');
export const ARM64 = digest('c');
export const ATTESTATION = digest('d');
export const OTHER = digest('e');

/** healthy.json with web:v3 a multi-architecture index and web:att one platform plus an attestation. */
export function withIndexes() {
  const s = scenario('healthy.json');
  s.ecr.repositories[0].images.push(
    { tags: ['v3'], digest: INDEX, manifests: [{ digest: AMD64, platform: { architecture: 'amd64', os: 'linux' } }, { digest: ARM64, platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } }] },
    {
      tags: ['att'],
      digest: digest('f'),
      manifests: [
        { digest: digest('1'), platform: { architecture: 'amd64', os: 'linux' } },
        { digest: ATTESTATION, platform: { architecture: 'unknown', os: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': digest('1') } },
      ],
    },
    { tags: ['other'], digest: OTHER },
  );
  return s;
}
