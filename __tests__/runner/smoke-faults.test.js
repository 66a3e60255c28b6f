/**
 * Smoke checks under real-world faults (dist/index.js against the emulator): transient AWS faults
 * decide nothing, a reclaimed task is replaced, an unreachable task does not discard the others,
 * a session dropped after ExecuteCommand is retried only with a loud "may have run twice", and the
 * session-manager-plugin never outlives smoke-timeout-seconds.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REVISION, deployInputs, runCase } from './run-case.js';

const smoke = (command, extra = {}) => ({ mode: 'smoke', cluster: 'demo', service: 'web', 'smoke-command': command, ...extra });
const failed = (state, operation) => state.requests.filter((r) => r.operation === operation && r.status !== 200);
const TWICE = /may have run twice/;

describe('smoke checks under faults (dist/index.js against the emulator)', () => {
  it('throttled ListTasks and ExecuteCommand (and a 5xx) after a healthy deploy: deployed, smoke passed, nothing rolled back', async () => {
    const { run, services, state } = await runCase('smoke-throttled', deployInputs('v2', { 'smoke-command': 'healthcheck' }));
    expect({ code: run.code, result: run.outputs.result, errors: run.errors }).toEqual({ code: 0, result: 'deployed', errors: [] });
    expect(run.outputs['smoke-exit-code']).toBe('0');
    expect(services.web.taskDefinition).toBe(REVISION(2));
    // More faults than the SDK's own attempts: the smoke phase's retries carried it.
    expect(failed(state, 'ListTasks').map((r) => r.errorType)).toEqual(Array(4).fill('ThrottlingException'));
    expect(failed(state, 'ExecuteCommand').map((r) => r.errorType)).toEqual([...Array(4).fill('ThrottlingException'), 'ServerException']);
    expect(state.execSessions).toHaveLength(1);
    expect(run.stdout).not.toMatch(TWICE);
    expect(run.summary).toContain('### Smoke check passed');
  });

  it('a throttled KMS GenerateDataKey is retried and the encrypted session completes', async () => {
    const { run, state } = await runCase('smoke-kms-throttled', smoke('healthcheck'));
    expect({ code: run.code, result: run.outputs.result }).toEqual({ code: 0, result: 'smoke-passed' });
    expect(failed(state, 'GenerateDataKey').map((r) => r.errorType)).toEqual(Array(4).fill('ThrottlingException'));
    expect(state.execSessions.map((s) => s.exitCode)).toEqual([0]);
  });

  it('the picked task is reclaimed by Fargate Spot before ExecuteCommand: another task is checked, green, no warning of a second run', async () => {
    const { run, state, requests } = await runCase('smoke-spot-before', smoke('healthcheck'));
    expect({ code: run.code, result: run.outputs.result }).toEqual({ code: 0, result: 'smoke-passed' });
    const [reclaimed, checked] = requests('ExecuteCommand').map((r) => r.input.task);
    expect(checked).not.toBe(reclaimed);
    expect(state.tasks.find((t) => t.taskArn === reclaimed)).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' });
    expect(state.execSessions.map((s) => s.task)).toEqual([checked]);
    expect(run.stdout).toContain('(SpotInterruption: Your Spot Task was interrupted.), so nothing more can run in it. Checking another RUNNING task');
    expect(run.stdout).not.toMatch(TWICE);
  });

  it.each([
    ['the socket drops', 'smoke-spot-during'],
    ['the service sends channel_closed', 'smoke-spot-during-closed'],
  ])('the picked task is reclaimed while the command runs (%s): another task is checked, green, and the log and summary say the command may have run twice', async (_how, scenario) => {
    const { run, state } = await runCase(scenario, smoke('sleep 2; healthcheck'));
    expect({ code: run.code, result: run.outputs.result }).toEqual({ code: 0, result: 'smoke-passed' });
    const [first, second] = state.execSessions;
    expect(first.exitCode).not.toBe(0);
    expect(state.tasks.find((t) => t.taskArn === first.task)).toMatchObject({ stopCode: 'SpotInterruption' });
    expect(second).toMatchObject({ exitCode: 0 });
    expect(second.task).not.toBe(first.task);
    expect(run.stdout).toMatch(/::warning::Task \w+ is (stopping|DEACTIVATING|STOPPED) \(SpotInterruption: Your Spot Task was interrupted\.\), so nothing more can run in it\. ExecuteCommand had started the command there/);
    expect(run.summary).toMatch(TWICE);
    expect(run.summary.split('\n')[0]).toMatch(TWICE);
  });

  it('one of two tasks cannot be reached: the other keeps its result and the verdict says exactly what was checked', async () => {
    const { run, state } = await runCase('smoke-unreachable-one', smoke('healthcheck', { 'smoke-tasks': '2', 'smoke-retries': '1' }));
    expect({ code: run.code, result: run.outputs.result }).toEqual({ code: 1, result: 'smoke-failed' });
    const sentence = run.errors.at(-1);
    expect(sentence).toMatch(/the smoke check is incomplete: it passed on the 1 task checked, but 1 of 2 tasks could not be checked \(Could not start ECS Exec in container 'web' of task \w+: TargetNotConnectedException/);
    expect(sentence).toContain('(after 2 attempts on task');
    expect(run.summary).toMatch(/✅ exit status 0/);
    expect(run.summary).toMatch(/❌ could not be checked: Could not start ECS Exec/);
    expect(state.execSessions.map((s) => s.exitCode)).toEqual([0]);
    expect(run.stdout).not.toMatch(TWICE);
  });

  it('a session dropped after the command started is retried, and the log and the summary say plainly it may have run twice', async () => {
    const { run, state } = await runCase('smoke-session-dropped', smoke('healthcheck'));
    expect({ code: run.code, result: run.outputs.result }).toEqual({ code: 0, result: 'smoke-passed' });
    // The warning is true: the agent ran the command in both sessions.
    expect(state.execSessions.map((s) => s.exitCode)).toEqual([0, 0]);
    expect(run.stdout).toMatch(/::warning::Task \w+: The exec session on task \w+ failed: the WebSocket closed .* ExecuteCommand had already started the command, .* so it may run twice\./);
    expect(run.summary.split('\n')[0]).toMatch(/the smoke check passed on 1 task; the command may have run twice \(see task \w+\)/);
    expect(run.summary).toMatch(/✅ exit status 0 ⚠ the command may have run twice: a session dropped after ExecuteCommand had started the command/);
  });

  it('an ExecuteCommand that got no answer is sent again, saying the command may have run twice', async () => {
    const { run, requests } = await runCase('smoke-execute-reset', smoke('healthcheck'));
    expect({ code: run.code, result: run.outputs.result }).toEqual({ code: 0, result: 'smoke-passed' });
    expect(requests('ExecuteCommand').map((r) => r.status)).toEqual([0, 200]);
    expect(run.stdout).toMatch(/::warning::Task \w+: the command may run twice: ExecuteCommand got no answer on an earlier attempt and was sent again/);
    expect(run.summary.split('\n')[0]).toMatch(TWICE);
  });

  describe("exec-client 'session-manager-plugin'", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fake-plugin-'));
    const pidFile = path.join(dir, 'pid');
    afterAll(() => {
      const pid = Number(readFileSync(pidFile, { encoding: 'utf8', flag: 'a+' }) || 0);
      if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    it('a plugin that never exits is killed at smoke-timeout-seconds and the check fails saying so', async () => {
      const script = `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nprocess.on('SIGTERM', () => {});\nsetInterval(() => {}, 1000);\n`;
      writeFileSync(path.join(dir, 'session-manager-plugin'), script);
      chmodSync(path.join(dir, 'session-manager-plugin'), 0o755);
      const { run } = await runCase('smoke', smoke('healthcheck', { 'exec-client': 'session-manager-plugin', 'smoke-timeout-seconds': '2' }), {
        env: { PATH: `${dir}${path.delimiter}${process.env.PATH}` },
      });
      expect({ code: run.code, result: run.outputs.result }).toEqual({ code: 1, result: 'smoke-failed' });
      expect(run.errors.at(-1)).toContain('the smoke check failed on 1 of 1 task checked (did not finish within smoke-timeout-seconds (2s))');
      const pid = Number(readFileSync(pidFile, 'utf8'));
      expect(alive(pid)).toBe(false);
    });
  });
});

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
