/** The image digest check in the step's outputs (`image-digests`) and in the job summary. */
import type { ContainerDigests, DigestOutcome } from '../report/types.js';

/** One entry per container, as the output `image-digests` (and each entry of `services-result`) carries it. */
export function digestEntries(outcome: DigestOutcome) {
  return outcome.containers.map((c) => ({
    container: c.container,
    image: c.image,
    expectedDigest: c.expected ?? null,
    expectedFrom: c.source,
    platformDigests: c.platforms,
    resolvedDigest: c.resolved ?? null,
    taskDigests: c.tasks,
    verdict: c.verdict,
    note: c.note,
  }));
}

/** The output `image-digests`: the entries as JSON. */
export function digestsOutput(outcome: DigestOutcome): string {
  return JSON.stringify(digestEntries(outcome));
}

const VERDICT: Record<ContainerDigests['verdict'], string> = {
  match: '✅ match',
  mismatch: '❌ another image',
  skipped: 'ℹ️ not checked',
  unverified: '⚠️ not verified',
};

/** Digests and image names hold no Markdown, but a backtick or a bar would break the table: such text is escaped instead. */
function code(text: string, escape: (text: string) => string): string {
  return /[`|\n]/.test(text) ? escape(text) : `\`${text}\``;
}

function heading(outcome: DigestOutcome): string {
  if (outcome.error) return '### ❌ Image digests: the check could not run';
  if (!outcome.passed) return '### ❌ Image digests: a container runs another image than the one registered';
  return '### Image digests';
}

/** The summary's section: where it was checked, a row per container, the notes, and the rollback after a mismatch. */
export function digestSection(outcome: DigestOutcome, escape: (text: string) => string): string {
  const where = outcome.stage === 'pause' ? 'in the green tasks at the PAUSE hook, before the action answered it' : 'after the deployment completed';
  const rows = outcome.containers.map((c) => {
    const expected = c.expected ? `${code(c.expected, escape)}${c.platforms.length > 0 ? ` (image index; its ${c.platforms.length} platform image(s) match too)` : ''}` : '';
    // The recorded digest again reads "same", so a differing one stands out.
    const show = (digest: string): string => (digest === c.expected ? 'same' : code(digest, escape));
    const tasks = c.tasks.map(show).join(', ');
    return `| ${code(c.container, escape)} | ${code(c.image, escape)} | ${expected} | ${c.resolved ? show(c.resolved) : ''} | ${tasks} | ${VERDICT[c.verdict]} |`;
  });
  const table = ['| Container | Image | Recorded digest | ECS resolved | Tasks run | Verdict |', '|---|---|---|---|---|---|', ...rows].join('\n');
  const notes = outcome.containers.map((c) => `- ${escape(c.container)}: ${escape(c.note)}`).join('\n');
  const rollback = outcome.rollback
    ? `#### Rollback after the image digest check\n\n${outcome.rollback.verdict === 'deployed' ? '✅' : '❌'} ${escape(outcome.rollback.sentence)}`
    : undefined;
  return [
    heading(outcome),
    `Checked ${where}, ${outcome.tasksChecked} RUNNING task(s) of the revision read.`,
    ...(outcome.error ? [`❌ ${escape(outcome.error)}`] : []),
    ...(rows.length > 0 ? [table, notes] : []),
    ...(rollback ? [rollback] : []),
  ].join('\n\n');
}
