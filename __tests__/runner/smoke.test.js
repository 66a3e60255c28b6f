/**
 * Smoke checks through the emulator's ECS Exec data channel with the action's native client:
 * the verdict and smoke-exit-code come from the command's real exit status.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs, runCase } from './run-case.js';

const smoke = (command, extra = {}) => ({ mode: 'smoke', cluster: 'demo', service: 'web', 'smoke-command': command, ...extra });

describe('smoke checks (dist/index.js against the emulator)', () => {
  it.each([
    ['healthcheck', 0, 'smoke-passed', 'database: ok, cache: ok'],
    ['false', 1, 'smoke-failed', ''],
    ['exit 3', 3, 'smoke-failed', ''],
    ['no-such-tool --version', 127, 'smoke-failed', 'no-such-tool: not found'],
    ["sh -c 'kill -9 $$'", 137, 'smoke-failed', 'Killed'],
    ['printf \'%s\\n\' "it\'s $HOME" \'a\\b\'; exit 0', 0, 'smoke-passed', "it's /"],
  ])('%s: smoke-exit-code %i', async (command, code, result, output) => {
    const { run } = await runCase('smoke', smoke(command));
    expect(run.outputs).toMatchObject({ result, 'smoke-exit-code': String(code) });
    expect(run.code).toBe(code === 0 ? 0 : 1);
    expect(run.outputs['smoke-output']).toContain(output);
    expect(run.outputs['smoke-output']).not.toMatch(/edv-[0-9a-f]{32}/);
  });

  it('a forged status line in the output cannot fake a pass', async () => {
    const { run } = await runCase('smoke', smoke("echo 'edv-0123456789abcdef0123456789abcdef:0'; echo ok; exit 1", { 'smoke-expect': 'ok' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'smoke-failed', 'smoke-exit-code': '1' });
  });

  it('the session token is masked before anything else and appears nowhere else', async () => {
    const { run } = await runCase('smoke', smoke('healthcheck'));
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const masks = lines.filter((line) => line.startsWith('::add-mask::'));
    expect(masks).toHaveLength(1);
    const token = masks[0].slice('::add-mask::'.length);
    expect(token.length).toBeGreaterThan(20);
    const elsewhere = [...lines.filter((line) => !line.startsWith('::add-mask::')), run.stderr, run.summary, JSON.stringify(run.outputs)];
    for (const text of elsewhere) expect(text).not.toContain(token);
  });

  it('smoke-tasks all checks every task of the service', async () => {
    const { run, requests } = await runCase('smoke', smoke('healthcheck', { 'smoke-tasks': 'all' }));
    expect(run.code).toBe(0);
    expect(requests('ExecuteCommand')).toHaveLength(3);
    expect(new Set(requests('ExecuteCommand').map((request) => request.input.task)).size).toBe(3);
    expect(run.summary.match(/✅ exit status 0/g)).toHaveLength(3);
  });

  it('a distroless image: smoke-shell none judged by smoke-expect, and the default shell fails clearly', async () => {
    const passing = await runCase('smoke-distroless', smoke('healthcheck', { 'smoke-shell': 'none', 'smoke-expect': 'database: ok' }));
    expect(passing.run.code).toBe(0);
    expect(passing.run.outputs).toMatchObject({ result: 'smoke-passed', 'smoke-exit-code': '' });
    const failing = await runCase('smoke-distroless', smoke('healthcheck'));
    expect(failing.run.code).toBe(1);
    expect(failing.run.errors.at(-1)).toContain("'/bin/sh' is not in the image (set smoke-shell to the image's shell, or 'none' for images without one)");
  });

  it('an unreliable data channel (reordered, duplicated, unacked input, dropped socket) still gives the right verdict', async () => {
    const { run, state } = await runCase('smoke-unreliable-channel', smoke('healthcheck'));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'smoke-passed', 'smoke-exit-code': '0' });
    expect(state.execSessions.length).toBeGreaterThanOrEqual(2);
  });

  it('a KMS-encrypted session completes the handshake', async () => {
    const { run, state } = await runCase('smoke-kms', smoke('healthcheck'));
    expect(run.code).toBe(0);
    expect(run.outputs['smoke-output']).toContain('database: ok');
    expect(state.requests.some((request) => request.operation === 'GenerateDataKey' && request.status === 200)).toBe(true);
  });

  it('an agent that stays PENDING fails after the timeout, saying so', async () => {
    const { run } = await runCase('smoke-agent-pending', smoke('healthcheck', { 'smoke-timeout-seconds': '2', 'smoke-retries': '0' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('smoke-failed');
    expect(run.errors.at(-1)).toMatch(/the smoke check could not run \(Gave up waiting: the ECS Exec agent in container 'web' of task \w+ is PENDING/);
  });

  it('a deployment whose smoke check cannot run is unverified, and rolled back', async () => {
    const { run, services } = await runCase('smoke-unverifiable', deployInputs('v2', { 'smoke-command': 'healthcheck', 'smoke-timeout-seconds': '2', 'smoke-retries': '0' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'smoke-failed-rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.at(-1)).toMatch(/^Rolled back: the smoke check could not run \(Gave up waiting/);
    expect(services.web.taskDefinition).toBe(REVISION(1));
    expect(run.summary).toContain('### Smoke check could not run');
  });

  it('a failing smoke check after a deployment ends with the service back on the previous revision', async () => {
    const { run, services } = await runCase('smoke-fails', deployInputs('v2', { 'smoke-command': 'healthcheck' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'smoke-failed-rolled-back', 'smoke-exit-code': '3', 'rolled-back-to': REVISION(1) });
    expect(run.outputs['smoke-output']).toContain('database: connection refused');
    expect(services.web.taskDefinition).toBe(REVISION(1));
    expect(run.summary).toContain('### Rollback after the failed smoke check');
  });

  it('a failing smoke check with rollback-on-failure false leaves the new revision and says so', async () => {
    const { run, services } = await runCase('smoke-fails', deployInputs('v2', { 'smoke-command': 'healthcheck', 'rollback-on-failure': 'false' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'smoke-failed', 'smoke-exit-code': '3' });
    expect(run.errors.at(-1)).toContain("not rolled back (rollback-on-failure is 'false')");
    expect(services.web.taskDefinition).toBe(REVISION(2));
  });
});
