/** Backoffs with jitter: between half the wait and all of it, drawn from the clock so tests choose the draw. */
import { jest, describe, expect, it } from '@jest/globals';
import * as core from '../../__fixtures__/core.js';
import { FakeClock } from '../../__fixtures__/fake-clock.js';

jest.unstable_mockModule('@actions/core', () => core);
const { jittered, retryTransient } = await import('../../src/aws/retry.js');

const throttled = (): Error => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });

/** A FakeClock whose jitter draws come from `draws`, in turn. */
function drawing(...draws: number[]): FakeClock {
  const clock = new FakeClock();
  return Object.assign(clock, { random: () => draws.shift() ?? 0 });
}

describe('jittered', () => {
  it.each([
    [0, 4000, 2000],
    [0.5, 4000, 3000],
    [0.9999, 4000, 4000],
  ])('draw %s of a %s ms backoff waits %s ms', (draw, ms, expected) => {
    expect(jittered(ms, { random: () => draw })).toBe(expected);
  });

  it('a clock without a random source waits the whole backoff', () => {
    expect(jittered(4000, {})).toBe(4000);
  });
});

describe('retryTransient', () => {
  it('each pause after a transient fault is jittered, and the pauses still double', async () => {
    const clock = drawing(0, 0.5, 1 - Number.EPSILON);
    const call = jest.fn<() => Promise<string>>().mockRejectedValueOnce(throttled()).mockRejectedValueOnce(throttled()).mockRejectedValueOnce(throttled()).mockResolvedValue('ok');
    await expect(retryTransient('Reading', call, { clock, deadline: clock.now() + 60_000 })).resolves.toBe('ok');
    expect(clock.sleeps).toEqual([500, 1500, 4000]);
    expect(core.info).toHaveBeenCalledWith('Reading: AWS answered ThrottlingException (Rate exceeded); trying again in 1 s.');
  });
});
