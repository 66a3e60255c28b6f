/** The job log of a release: each service's lines carry its name, and workflow commands stay commands. */
import { describe, expect, it } from '@jest/globals';
import { labelOutput } from '../../src/release/log.js';
import { limiter } from '../../src/release/limit.js';

describe('labelOutput', () => {
  it.each([
    ['running 1/2, pending 1, failed tasks 0\n', '[web] running 1/2, pending 1, failed tasks 0\n'],
    ['::group::Watching the deployment\n', '[web] ▸ Watching the deployment\n'],
    ['::endgroup::\n', ''],
    ['::error::Deployment of web:2 failed%0Abecause\n', '::error::[web] Deployment of web:2 failed%0Abecause\n'],
    ['::warning file=a.ts::careful\n', '::warning file=a.ts::[web] careful\n'],
    ['::notice::Dropped fields\n', '::notice::[web] Dropped fields\n'],
    ['::add-mask::secret-token\n', '::add-mask::secret-token\n'],
    ['::stop-commands::edv-0123\n  | ::error::app output\n::edv-0123::\n', '::stop-commands::edv-0123\n[web]   | ::error::app output\n::edv-0123::\n'],
    ['one\ntwo\n', '[web] one\n[web] two\n'],
  ])('%j', (written, shown) => {
    expect(labelOutput(written, 'web')).toBe(shown);
  });
});

describe('limiter', () => {
  it('runs at most the bound at once, the others in order as slots free up', async () => {
    const limit = limiter(2);
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const job = (name: string) =>
      limit(async () => {
        running += 1;
        most = Math.max(most, running);
        order.push(name);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
      });
    const all = Promise.all(['a', 'b', 'c', 'd'].map(job));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b']);
    releases.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    // A newcomer cannot take the freed slot before the next in line.
    const late = job('e');
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b', 'c']);
    while (releases.length > 0 || order.length < 5) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([all, late]);
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(most).toBe(2);
  });
});
