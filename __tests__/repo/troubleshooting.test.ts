/**
 * Every message docs/troubleshooting.md quotes is one the action prints: each ```text block after
 * an `<!-- example: id -->` marker is produced by the code that words it, with the inputs or AWS
 * answers the producer describes (troubleshooting/*.ts, one file per part of the page), and
 * compared whole. A quoted block without a marker, a marker without a producer, or a producer the
 * page does not use fails too.
 */
import { jest, describe, expect, it, beforeEach } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '../../__fixtures__/core.js';
import { resetMocks, type Producers } from './troubleshooting/support.js';

jest.unstable_mockModule('@actions/core', () => core);
const parts = ['inputs', 'aws', 'digests', 'verdicts', 'pauses', 'releases', 'schedules', 'stopped', 'smoke'];
const EXAMPLES: Producers = {};
for (const part of parts) {
  const { producers } = (await import(`./troubleshooting/${part}.js`)) as { producers: Producers };
  for (const [id, produce] of Object.entries(producers)) {
    if (EXAMPLES[id]) throw new Error(`example ${id} has two producers`);
    EXAMPLES[id] = produce;
  }
}

beforeEach(resetMocks);

/** The page's examples: each marker's id and the text of the ```text block right after it. */
function examples(markdown: string): Array<{ id: string; text: string }> {
  return [...markdown.matchAll(/<!-- example: ([\w-]+) -->\n```text\n([\s\S]*?)\n```/g)].map(([, id, text]) => ({ id, text }));
}

const page = fs.readFileSync(path.resolve('docs', 'troubleshooting.md'), 'utf8');

describe('docs/troubleshooting.md', () => {
  it.each(examples(page))('quotes $id as the action words it', async ({ id, text }) => {
    expect(EXAMPLES[id]).toBeDefined();
    expect(text).toBe(await EXAMPLES[id]());
  });

  it('quotes no message outside a checked example, and every example here is on the page', () => {
    const blocks = page.match(/```text\n/g)?.length ?? 0;
    expect(examples(page)).toHaveLength(blocks);
    expect(Object.keys(EXAMPLES).filter((id) => !examples(page).some((example) => example.id === id))).toEqual([]);
  });
});
