/**
 * Faults the real API throws at a deploy step: throttling at the documented limits with ten
 * deployments in one account, 5xx answers and reset connections, credentials expiring mid-watch.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs, runCase } from './run-case.js';

describe('faults (dist/index.js against the emulator)', () => {
  it('ten deployments at once under the documented throttling limits all get correct verdicts', async () => {
    const inputs = Array.from({ length: 10 }, (_, i) => deployInputs('v2', { service: `web${i}`, 'max-retries': '8' }));
    const { runs, services, state } = await runCase('ten-at-once', inputs, { timeoutMs: 150_000 });
    for (const run of runs) {
      expect({ code: run.code, result: run.outputs.result, errors: run.errors }).toEqual({ code: 0, result: 'deployed', errors: [] });
    }
    for (let i = 0; i < 10; i++) expect(services[`web${i}`].taskDefinition).toBe(runs[i].outputs['task-definition-arn']);
    // The polling of ten watchers outruns the documented refill rates: throttling happened and changed no verdict.
    const throttled = state.requests.filter((request) => request.errorType === 'ThrottlingException');
    expect(throttled.length).toBeGreaterThan(0);
  }, 180_000);

  it('5xx answers and reset connections are retried and do not change the verdict', async () => {
    const { run, services, state } = await runCase('flaky-api', deployInputs('v2', { 'max-retries': '10' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(services.web.taskDefinition).toBe(REVISION(2));
    expect(state.requests.some((request) => request.status >= 500)).toBe(true);
  });

  it('expired credentials end the watch at once with a clear message, not at the deadline', async () => {
    const { run, state } = await runCase('expired-credentials', deployInputs('v2'));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    // Not retried until the deadline: the first expired answer is the last request the action makes.
    const first = state.requests.findIndex((request) => request.errorType === 'ExpiredTokenException');
    expect(first).toBeGreaterThan(-1);
    expect(state.requests.slice(first + 1)).toEqual([]);
    expect(run.errors.at(-1)).toMatch(/^Could not keep watching the deployment of web:2 to demo\/web: ExpiredTokenException: The security token included in the request is expired\. The AWS credentials are invalid or expired/);
    expect(run.errors.at(-1)).toContain('The service runs arn:aws:ecs:us-east-1:123456789012:task-definition/web:2.');
  });
});
