/** One pluralising helper for counts and durations: "1 second", "2 seconds", "1 task". */
import { describe, expect, it } from '@jest/globals';
import { duration, plural } from '../../src/watch/wording.js';

describe('plural', () => {
  it.each([
    [0, 'task', undefined, '0 tasks'],
    [1, 'task', undefined, '1 task'],
    [2, 'RUNNING task', undefined, '2 RUNNING tasks'],
    [0.5, 'minute', undefined, '0.5 minutes'],
    [1, 'entry', 'entries', '1 entry'],
    [3, 'entry', 'entries', '3 entries'],
  ])('%s %s', (count, noun, nouns, words) => {
    expect(plural(count, noun, nouns)).toBe(words);
  });
});

describe('duration', () => {
  it.each([
    [0, '0 seconds'],
    [1_000, '1 second'],
    [1_400, '1 second'],
    [1_600, '2 seconds'],
    [59_000, '59 seconds'],
    [60_000, '1 minute'],
    [90_000, '1.5 minutes'],
    [1_800_000, '30 minutes'],
  ])('%i ms is %s', (ms, words) => {
    expect(duration(ms)).toBe(words);
  });
});
