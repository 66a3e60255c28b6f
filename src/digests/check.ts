/**
 * The image digest check of one service: reads what ECS resolved and what the tasks of our
 * revision run, judges each container against what was recorded at registration, and logs it.
 * A check that cannot read anything fails, as a smoke check that cannot run does: it proves
 * nothing about the revision.
 */
import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { RetryBudget } from '../aws/retry.js';
import { errorMessage } from '../errors.js';
import type { ContainerDigests, DigestOutcome, ExpectedImage } from '../report/types.js';
import { expectedSource, judgeContainer, matches, shortDigest, type Observed } from './match.js';
import { observe, type DigestScope, type Observations } from './observe.js';

function observedFor(expected: ExpectedImage, observations: Observations): Observed {
  const image = observations.images?.get(expected.container);
  const tasks = observations.tasks.map((task) => task.containers?.find((container) => container.name === expected.container)?.imageDigest);
  if (image?.imageDigest) return { resolved: image.imageDigest, tasks };
  const noResolved = !observations.images
    ? observations.noRevision
    : expected.unresolved
      ? "versionConsistency is 'disabled', so ECS does not resolve the tag"
      : image
        ? 'the service revision has no digest for it'
        : 'the service revision does not list the container';
  return { noResolved, tasks };
}

function log(container: ContainerDigests): void {
  const line = `Container '${container.container}' (${container.image}): ${container.note}`;
  if (container.verdict === 'match') core.info(`✓ ${line}`);
  else if (container.verdict === 'skipped') core.notice(`Image digest not checked for container '${container.container}' (${container.image}): ${container.note.replace(/^Not checked: /, '')}`);
  else if (container.verdict === 'unverified') core.warning(line);
  else core.error(line);
}

export async function checkDigests(
  ecs: ECSClient,
  scope: DigestScope,
  expected: ExpectedImage[],
  budget: RetryBudget,
  stage: DigestOutcome['stage'],
): Promise<DigestOutcome> {
  let observations: Observations;
  try {
    observations = await observe(ecs, scope, budget);
  } catch (error) {
    if (budget.signal?.aborted) throw error;
    const outcome: DigestOutcome = { passed: false, stage, containers: [], tasksChecked: 0, error: errorMessage(error) };
    core.error(`The image digest check could not run: ${outcome.error}`);
    return outcome;
  }
  if (observations.noRevision) core.info(`ECS's resolved digests are not available (${observations.noRevision}): the tasks' digests judge alone.`);
  const containers = expected.map((entry) => judgeContainer(entry, observedFor(entry, observations)));
  containers.forEach(log);
  return { passed: !containers.some((c) => c.verdict === 'mismatch'), stage, containers, tasksChecked: observations.tasks.length };
}

/** The digests a container was found running that are not the one recorded. */
export function wrongDigests(container: ContainerDigests): string[] {
  const seen = [...new Set([...(container.resolved ? [container.resolved] : []), ...container.tasks])];
  return container.expected ? seen.filter((digest) => !matches({ digest: container.expected, platforms: container.platforms }, digest)) : [];
}

/** The check in one clause, for the result's sentence. */
export function digestSentence(outcome: DigestOutcome): string {
  if (outcome.error) return `the image digest check could not run (${outcome.error.replace(/\.$/, '')})`;
  const wrong = outcome.containers.filter((c) => c.verdict === 'mismatch');
  if (wrong.length === 0) return `the image digests match (${outcome.containers.filter((c) => c.verdict === 'match').length} container(s))`;
  const parts = wrong.map((container) => {
    const found = wrongDigests(container).map(shortDigest).join(' and ');
    return `container '${container.container}' runs ${found}, not ${shortDigest(container.expected!)}, ${expectedSource(container)} for ${container.image}`;
  });
  return `the image digest check failed: ${parts.join('; ')}`;
}
