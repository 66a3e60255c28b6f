/**
 * Rollbacks that pause (dist/index.js against the emulator): the action's redeploy after a failed
 * smoke check and mode rollback make a deployment that waits at the service's PAUSE hook; the
 * action answers it, so ECS cannot put the bad revision back when the hook expires.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs } from './run-case.js';
import { owner, runGate, scenarioFrom } from './gate-case.js';

const SMOKE = { 'smoke-command': 'healthcheck' };
const V3 = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v3';

/** bg-pause with web:2 (image v3, whose smoke check fails) registered too, the service on `running`. */
function withBrokenRevision(running) {
  const scenario = scenarioFrom('bg-pause', { service: { taskDefinition: running } });
  const broken = structuredClone(scenario.taskDefinitions[0]);
  broken.containerDefinitions[0].image = V3;
  scenario.taskDefinitions.push(broken);
  return scenario;
}

const rollbackInputs = (to, extra = {}) => ({ mode: 'rollback', cluster: 'demo', service: 'web', 'rollback-to': to, 'poll-interval-seconds': '0.3', 'wait-for-minutes': '1', ...extra });
/** The newest service deployment to `revision`. */
const latestTo = (state, revision) =>
  state.serviceDeployments
    .filter((sd) => state.serviceRevisions.find((r) => r.serviceRevisionArn === sd.targetServiceRevision?.arn)?.taskDefinition === revision)
    .sort((a, b) => b.createdAt - a.createdAt)[0];

describe('a rollback deployment that waits at a PAUSE hook is answered', () => {
  it('after a failed smoke check: the redeploy of the previous revision is continued at its pause', async () => {
    // Our deployment's pause belongs to someone else here (smoke-stage after-deploy): they continue it.
    const hookOwner = owner(/paused at POST_TEST_TRAFFIC_SHIFT: PAUSE hook ([0-9a-f-]{36}) is AWAITING_ACTION/);
    const { run, state, requests, service } = await runGate(scenarioFrom('bg-pause'), deployInputs('v3', { ...SMOKE, 'smoke-stage': 'after-deploy', 'wait-for-minutes': '1' }), {
      onLine: hookOwner.onLine,
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'smoke-failed-rolled-back', 'rolled-back-to': REVISION(1) });
    expect(requests('UpdateService').map((request) => request.input.taskDefinition)).toEqual([REVISION(2), REVISION(1)]);
    const rollback = latestTo(state, REVISION(1));
    expect(rollback.status).toBe('SUCCESSFUL');
    const answers = requests('ContinueServiceDeployment').filter((request) => request.input.serviceDeploymentArn === rollback.serviceDeploymentArn);
    expect(answers.map((request) => request.input.action)).toEqual(['CONTINUE']);
    expect(run.stdout).toContain('without a check: the rollback target web:1 is the last revision known to work');
    expect(service.taskDefinition).toBe(REVISION(1));
  });

  it.each([
    ['without a smoke command: continued, and the log says why', {}, 0],
    ['with a smoke command: the rollback target is checked at the pause, then continued', SMOKE, 1],
  ])('mode rollback %s', async (_, extra, execs) => {
    const { run, state, requests, service } = await runGate(withBrokenRevision('web:2'), rollbackInputs('web:1', extra));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    const continues = requests('ContinueServiceDeployment');
    expect(continues.map((request) => request.input.action)).toEqual(['CONTINUE']);
    const checked = requests('ExecuteCommand');
    expect(checked).toHaveLength(execs);
    const rollbackTasks = state.tasks.filter((task) => task.startedBy === service.deployments[0].id).map((task) => task.taskArn.split('/').pop());
    for (const exec of checked) {
      expect(rollbackTasks).toContain(exec.input.task.split('/').pop());
      expect(exec.wallMs).toBeLessThan(continues[0].wallMs);
    }
    if (execs === 0) expect(run.stdout).toContain('without a check: the rollback target web:1 is the last revision known to work');
    expect(service.taskDefinition).toBe(REVISION(1));
  });

  it('a rollback whose check fails at its pause: the pause is left, and the action says loudly what ECS does at expiry', async () => {
    const { run, requests, state } = await runGate(withBrokenRevision('web:1'), rollbackInputs('web:2', SMOKE));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(requests('ContinueServiceDeployment')).toHaveLength(0);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(run.errors.at(-1)).toMatch(
      /^The rollback to web:2 is paused at POST_TEST_TRAFFIC_SHIFT \(PAUSE hook [0-9a-f-]+\) and the smoke check failed .*: the action leaves the pause, since ROLLBACK would put web:1 back\. It expires at .*, when ECS rolls the deployment back on its own \(to web:1\)\./,
    );
    const rollback = latestTo(state, REVISION(2));
    expect(rollback.status).toBe('IN_PROGRESS');
  });
});
