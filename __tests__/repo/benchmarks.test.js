/**
 * docs/benchmarks.md and the README's "Measured" section carry the figures of bench/*.json as
 * test-support/bench-figures.js writes them: a hand edit, or results not written into the docs,
 * fails here. Fix: `node test-support/bench-figures.js`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT } from '../../test-support/action-runner.js';
import { benchmarksFigures, expectedFiles, readInputs, readmeFigures, withFigures } from '../../test-support/bench-figures.js';

describe('benchmark figures in the docs', () => {
  it.each(Object.entries(expectedFiles()))('%s matches bench/*.json (run `node test-support/bench-figures.js`)', (file, expected) => {
    expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toBe(expected);
  });

  it('writes every figure from the results, so a new result changes the docs', () => {
    const inputs = readInputs();
    const changed = { ...inputs, results: { ...inputs.results, startupToFirstRequestMs: 987, distBytes: 3 * 1024 * 1024, requestsPerMinuteWatching: 411, peakRssMiB: 77.7 } };
    const docs = benchmarksFigures(changed);
    expect(docs).toContain('| process start to first AWS request | 987 ms |');
    expect(docs).toContain('| size of `dist/` (`index.js` alone) | 3072 KiB');
    expect(docs).toContain('**Requests per minute: 411 at a 1 s poll, yet one request per poll?**');
    expect(readmeFigures(changed)).toContain('| peak RSS of the action | 92 MiB | 77.7 MiB |');
    expect(readmeFigures(changed)).toContain('987 ms in the latest `npm run bench`');
  });

  it('explains the request rate that looks like a contradiction, with the steady rate at that poll', () => {
    const { results } = readInputs();
    const docs = benchmarksFigures(readInputs());
    expect(docs).toContain(`so a long watch at a ${results.pollIntervalSeconds} s poll sends about ${60 / results.pollIntervalSeconds} a minute`);
    expect(docs).toContain(`the steady rate, polls after the first only, is ${results.steadyRequestsPerMinuteDefaultPoll} a minute`);
  });

  it('refuses a file without the markers instead of writing around them', () => {
    expect(() => withFigures('# Benchmarks\n', 'x', 'docs/benchmarks.md')).toThrow('docs/benchmarks.md has no figures markers');
  });
});
