/**
 * BLUE_GREEN, LINEAR and CANARY deployments that succeed, watched by the built dist/index.js
 * against the emulator: stages and traffic as ECS reports them. Failures are in
 * strategies-failures.test.js, the smoke check at a PAUSE hook in strategies-pause.test.js (one
 * file each, so jest runs them side by side).
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs, runCase } from './run-case.js';
import { ours, productionWeights } from './staged-support.js';

describe('deployment strategies (dist/index.js against the emulator)', () => {
  it.each([
    ['bg-blue-green', [100]],
    ['bg-linear', [50, 100]],
    ['bg-canary', [10, 100]],
  ])('%s succeeds: every stage printed with its time, traffic as ECS reports it, stages with durations in the summary', async (scenario, steps) => {
    const { run, state, services, requests } = await runCase(scenario, deployInputs('v2'));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    for (const stage of ['PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP']) expect(run.stdout).toMatch(new RegExp(`stage ${stage} started at \\d{4}-\\d\\d-\\d\\dT`));
    expect(run.stdout).toContain('traffic on the target revision: production 100%, test 100%');
    // Bake time is counted in the runner's minutes, as on AWS; the emulator's scaled clock ends it sooner.
    expect(run.stdout).toMatch(/bake time: about (\d+ seconds?|1 minute) left/);
    // The summary escapes Markdown, so underscores read SCALE\_UP there.
    expect(run.summary).toMatch(/\| Stage SCALE\\_UP \(\d+ seconds?\) \|/);
    expect(run.summary).toMatch(/\| Stage BAKE\\_TIME \(\d+ seconds?\) \|/);
    expect(productionWeights(ours(state, run))).toEqual(steps);
    expect(requests('ContinueServiceDeployment')).toHaveLength(0);
    expect(services.web.taskDefinition).toBe(REVISION(2));
  });
});
