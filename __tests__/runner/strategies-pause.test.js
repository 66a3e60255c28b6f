/**
 * Where the smoke check of a staged deployment runs, watched by the built dist/index.js against
 * the emulator: at a PAUSE hook before production traffic, or after the deployment completes
 * when there is no hook; and a pause the action does not check.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs, runCase } from './run-case.js';
import { green, ours, productionWeights } from './staged-support.js';

describe('the smoke check at a PAUSE hook (dist/index.js against the emulator)', () => {
  it('smoke-stage auto without a PAUSE hook: the check runs after the deployment completes, in the new tasks', async () => {
    const { run, state, requests } = await runCase('bg-blue-green', deployInputs('v2', { 'smoke-command': 'healthcheck' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(requests('ContinueServiceDeployment')).toHaveLength(0);
    const done = ours(state, run).statusHistory.find((entry) => entry.status === 'SUCCESSFUL');
    const [exec] = requests('ExecuteCommand');
    expect(exec.wallMs).toBeGreaterThan(done.wallMs);
    expect(green(state).has(exec.input.task)).toBe(true);
  });

  it('pause + smoke pass: one UpdateService, one CONTINUE, exec only into green tasks, before the pause is answered', async () => {
    const { run, state, requests } = await runCase('bg-pause', deployInputs('v2', { 'smoke-command': 'healthcheck', 'smoke-tasks': 'all' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(run.summary.split('\n')[0]).toContain('in the green tasks at the pause');
    expect(requests('UpdateService')).toHaveLength(1);
    const continues = requests('ContinueServiceDeployment');
    expect(continues.map((request) => request.input.action)).toEqual(['CONTINUE']);
    const execs = requests('ExecuteCommand');
    expect(execs).toHaveLength(2);
    const greenTasks = green(state);
    for (const exec of execs) {
      expect(greenTasks.has(exec.input.task)).toBe(true);
      expect(exec.wallMs).toBeLessThan(continues[0].wallMs);
    }
    expect(ours(state, run).status).toBe('SUCCESSFUL');
  });

  it('pause + smoke fail: ROLLBACK at the pause, no second UpdateService, production never shifted', async () => {
    const { run, state, services, requests } = await runCase('bg-pause', deployInputs('v3', { 'smoke-command': 'healthcheck' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'smoke-failed-rolled-back', 'rolled-back-to': REVISION(1) });
    expect(requests('ContinueServiceDeployment').map((request) => request.input.action)).toEqual(['ROLLBACK']);
    expect(requests('UpdateService')).toHaveLength(1);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    const sd = ours(state, run);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(productionWeights(sd).every((weight) => weight === 0)).toBe(true);
    expect(run.errors.at(-1)).toMatch(/^At the pause at POST_TEST_TRAFFIC_SHIFT, the smoke check failed on 1 of 1 task .*; production traffic never reached web:2\. The action rolled back to web:1/);
    expect(run.summary.split('\n')[0]).toContain('production traffic never reached web:2');
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('LINEAR with a PAUSE hook before every production step: checked and continued at each', async () => {
    const { run, requests } = await runCase('bg-linear-pause', deployInputs('v2', { 'smoke-command': 'healthcheck' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    const continues = requests('ContinueServiceDeployment');
    expect(continues.map((request) => request.input.action)).toEqual(['CONTINUE', 'CONTINUE']);
    expect(new Set(continues.map((request) => request.input.hookId)).size).toBe(2);
    expect(requests('ExecuteCommand')).toHaveLength(2);
  });

  it.each([
    ['no smoke command', {}],
    ['smoke-stage after-deploy', { 'smoke-command': 'healthcheck', 'smoke-stage': 'after-deploy' }],
  ])('pause with %s: reported once, never continued; at the deadline the action rolls back at the pause', async (_, extra) => {
    const { run, services, requests } = await runCase('bg-pause', deployInputs('v2', { 'wait-for-minutes': '0.1', ...extra }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'timed-out', 'rolled-back-to': REVISION(1) });
    const notices = run.stdout.split('\n').filter((line) => line.includes('paused at POST_TEST_TRAFFIC_SHIFT: PAUSE hook'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/is AWAITING_ACTION; it expires at \d{4}-.*, when ECS rolls the deployment back on its own\./);
    expect(requests('ContinueServiceDeployment').map((request) => request.input.action)).toEqual(['ROLLBACK']);
    expect(requests('ExecuteCommand')).toHaveLength(0);
    // The deadline's words about the pause match what the action then does: it answers the pause with ROLLBACK.
    expect(run.errors.at(-1)).toMatch(
      /did not finish within 6 seconds \(.*; paused at POST_TEST_TRAFFIC_SHIFT, PAUSE hook [0-9a-f-]+, AWAITING_ACTION\)\. The action rolled back to web:1 \(by answering the pause with ROLLBACK\), which the service runs now\./,
    );
    expect(run.errors.at(-1)).not.toContain('does not act on');
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });
});
