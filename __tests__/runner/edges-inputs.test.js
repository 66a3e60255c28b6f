/**
 * Inputs refused before anything is changed, by the built dist/index.js as the runner runs it:
 * polls faster than once a second against AWS, a broken container-overrides list (without
 * echoing its environment values), and a release task whose judgement the update would not wait for.
 */
import { describe, expect, it } from '@jest/globals';
import { errorLines, runAction } from '../../test-support/action-runner.js';
import { deployInputs, runCase } from './run-case.js';

const SECRET = 'hunter2-Zq8Lm4';

describe('inputs refused before any change (dist/index.js)', () => {
  it('poll-interval-seconds below 1 against an endpoint that is not this machine: refused, naming the input and the endpoint', async () => {
    // .invalid never resolves (RFC 2606): a run that got past its inputs could not reach anything.
    const run = await runAction({ endpoint: 'http://ecs.invalid:4566', inputs: deployInputs('v2') });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(errorLines(run.stdout).at(-1)).toBe(
      "Invalid input 'poll-interval-seconds': '0.3'. Expected a number from 1 to 300 against AWS (below 1 only when AWS_ENDPOINT_URL points at this machine, as for the local emulator; it is 'http://ecs.invalid:4566').",
    );
  });

  it('a container-overrides list that is not valid JSON: where it breaks, and none of its values', async () => {
    const overrides = `[{"name": "web", "environment": [{"name": "DB_PASSWORD", "value": "${SECRET}"}]`;
    const { run, requests } = await runCase('release-tasks', deployInputs('v2', { 'run-task': 'true', 'run-task-container-overrides': overrides }));
    expect(run.code).toBe(1);
    expect(run.errors.at(-1)).toMatch(
      /^Invalid input 'run-task-container-overrides' \(its value is not shown: it may hold environment values\): not valid JSON at line 1, column \d+: \w+\. Expected a JSON list of containerOverrides/,
    );
    expect(`${run.stdout}${run.stderr}${run.summary}`).not.toContain(SECRET.slice(0, 7));
    expect(requests('RunTask')).toHaveLength(0);
  });

  it("run-task: true with wait-for-task-stopped: false is contradictory: refused, and nothing runs or changes", async () => {
    const { run, requests } = await runCase('release-tasks', deployInputs('v2', { 'run-task': 'true', 'run-task-command': './migrate up', 'wait-for-task-stopped': 'false' }));
    expect(run.code).toBe(1);
    expect(run.errors.at(-1)).toBe(
      "Invalid input 'wait-for-task-stopped': 'false'. Expected 'true' with 'run-task: true' (the service is updated only after the release task has stopped and passed; 'false' would update it before the task is judged).",
    );
    expect(requests('RegisterTaskDefinition')).toHaveLength(0);
    expect(requests('RunTask')).toHaveLength(0);
    expect(requests('UpdateService')).toHaveLength(0);
  });
});
