/**
 * Every verdict of the watch, produced by the built dist/index.js from a real API sequence on
 * the emulator: exit status, outputs, job summary and what the service runs afterwards.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs, runCase } from './run-case.js';

describe('deployment verdicts (dist/index.js against the emulator)', () => {
  it('deployed: green, outputs set, summary leads with the verdict', async () => {
    const { run, services, requests } = await runCase('deployed', deployInputs('v2'));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      result: 'deployed',
      'task-definition-arn': REVISION(2),
      'previous-task-definition-arn': REVISION(1),
      registered: 'true',
    });
    expect(run.outputs['service-deployment-arn']).toMatch(/^arn:aws:ecs:us-east-1:123456789012:service-deployment\/demo\/web\//);
    expect(run.summary.split('\n')[0]).toBe('## ✅ Deployed web:2 to demo/web: 2 of 2 tasks running.');
    expect(services.web.taskDefinition).toBe(REVISION(2));
    expect(services.web.enableExecuteCommand).toBe(true);
    const [update] = requests('UpdateService');
    expect(update.input).toMatchObject({ taskDefinition: REVISION(2), forceNewDeployment: true, enableExecuteCommand: true });
    expect(update.input.deploymentConfiguration.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
    // Environment values never reach the log, the summary or the outputs.
    for (const text of [run.stdout, run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain('not-for-logs');
  });

  it('reuses the current revision when the file equals it (skip-unchanged)', async () => {
    const { run, requests } = await runCase('deployed', deployInputs('v1'));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'deployed', registered: 'false', 'task-definition-arn': REVISION(1) });
    expect(requests('RegisterTaskDefinition')).toHaveLength(0);
  });

  it('rolled-back by the circuit breaker: red, with the stopped-task reason, back on web:1', async () => {
    // A secret the execution role may not read is a stop fail-fast ends at once (fail-fast.test.js); off here, the breaker decides.
    const { run, services, state } = await runCase('breaker-rollback', deployInputs('v3', { 'fail-fast': 'false' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.join('\n')).toContain('ResourceInitializationError: unable to pull secrets or registry auth');
    expect(run.errors.at(-1)).toMatch(/circuit breaker triggered.*ECS rolled back to web:1, which the service runs now\./);
    expect(services.web.taskDefinition).toBe(REVISION(1));
    // The failure is explained while ECS is still rolling back, not after: the rollback's tasks take a minute.
    const explainedAt = run.stdout.indexOf('::error::Deployment of web:2 to demo/web failed');
    const rollbackDoneAt = run.stdout.indexOf('service deployment ROLLBACK_SUCCESSFUL');
    expect(explainedAt).toBeGreaterThan(-1);
    expect(rollbackDoneAt).toBeGreaterThan(explainedAt);
    const ours = state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === run.outputs['service-deployment-arn']);
    expect(ours.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(run.summary).toContain('ResourceInitializationError');
  });

  it('breaker without ECS rollback (circuit-breaker: detect): the action rolls back itself', async () => {
    const { run, services, requests } = await runCase('breaker-no-rollback', deployInputs('v3', { 'circuit-breaker': 'detect' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.join('\n')).toContain("container 'web': exit code 137");
    expect(requests('UpdateService')[0].input.deploymentConfiguration.deploymentCircuitBreaker).toEqual({ enable: true, rollback: false });
    const rollbacks = requests('StopServiceDeployment').concat(requests('UpdateService').slice(1));
    expect(rollbacks).toHaveLength(1);
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('rollback-on-failure false: failed, and the service is left on our revision, said so', async () => {
    const { run, services, requests } = await runCase('breaker-no-rollback', deployInputs('v3', { 'circuit-breaker': 'detect', 'rollback-on-failure': 'false' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.errors.at(-1)).toMatch(/rollback-on-failure is off, so the service stays on web:2/);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(services.web.taskDefinition).toBe(REVISION(2));
  });

  it('a service whose earlier deployment never completed: nothing known to work, so no rollback, and it says what runs', async () => {
    const { run, services, requests } = await runCase('first-deploy-fails', deployInputs('v3'));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.outputs['rolled-back-to']).toBeUndefined();
    expect(run.errors.join('\n')).toContain('CannotPullContainerError');
    expect(run.errors.at(-1)).toMatch(/Nothing known to work to roll back to \(the service's earlier deployment of web:1 never completed, so it is not known to work\), so the service stays on web:2/);
    expect(requests('UpdateService')).toHaveLength(1);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(services.web.taskDefinition).toBe(REVISION(2));
  });

  it('timed-out: the action\'s own deadline, then its rollback', async () => {
    const { run, services } = await runCase('timed-out', deployInputs('v2', { 'wait-for-minutes': '0.1' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'timed-out', 'rolled-back-to': REVISION(1) });
    expect(run.errors.at(-1)).toMatch(/did not finish within 6 seconds .*The action rolled back to web:1/);
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('superseded: someone else deployed meanwhile, and their deployment is left alone', async () => {
    const { run, services, requests } = await runCase('superseded', deployInputs('v2'));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('superseded');
    expect(run.errors.at(-1)).toContain("the action does not roll back someone else's deployment");
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(requests('UpdateService')).toHaveLength(1);
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('the rollback fails too: failed, saying loudly which revision the service is on', async () => {
    const { run } = await runCase('rollback-fails', deployInputs('v3', { 'wait-for-minutes': '0.25' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.errors.some((line) => line.startsWith(`ROLLBACK FAILED: service demo/web is on task definition ${REVISION(1)}`))).toBe(true);
  });

  it('without the Service Deployments API: falls back to rolloutState and says which permissions to add', async () => {
    const { run } = await runCase('no-service-deployments-api', deployInputs('v2'));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    const warnings = run.stdout.split('\n').filter((line) => line.startsWith('::warning::'));
    expect(warnings.filter((line) => line.includes('Service Deployments API'))).toHaveLength(1);
    expect(warnings.join('\n')).toContain('Grant ecs:ListServiceDeployments and ecs:DescribeServiceDeployments');
  });

  it.each([['previous'], ['web:1']])('mode rollback (rollback-to: %s) after a deployment returns to web:1', async (rollbackTo) => {
    const rollback = { mode: 'rollback', cluster: 'demo', service: 'web', 'rollback-to': rollbackTo, 'poll-interval-seconds': '0.3' };
    const { runs, services, requests } = await runCase('deployed', [deployInputs('v2'), rollback], { sequential: true });
    expect(runs[0].outputs.result).toBe('deployed');
    expect(runs[1].code).toBe(0);
    expect(runs[1].outputs).toMatchObject({
      result: 'deployed',
      'task-definition-arn': REVISION(1),
      'previous-task-definition-arn': REVISION(2),
      registered: 'false',
    });
    expect(requests('RegisterTaskDefinition')).toHaveLength(1);
    expect(requests('UpdateService').at(-1).input).toMatchObject({ taskDefinition: REVISION(1), forceNewDeployment: true });
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('mode rollback with no earlier revision says so', async () => {
    const { run, requests } = await runCase('deployed', { mode: 'rollback', cluster: 'demo', service: 'web', 'poll-interval-seconds': '0.3' });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      "No revision to roll back to: service demo/web runs web:1, ECS records no earlier successful deployment of another revision, and the family has no ACTIVE revision older than it. Set 'rollback-to' to the revision you want.",
    ]);
    expect(requests('UpdateService')).toHaveLength(0);
  });

  it('registers only, with no service', async () => {
    const { run, requests } = await runCase('deployed', { 'task-definition': 'demo/task-definition.json', 'task-definition-tags': 'commit=abc123' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'registered', registered: 'true', 'task-definition-arn': REVISION(2) });
    expect(requests('RegisterTaskDefinition')[0].input.tags).toEqual([{ key: 'commit', value: 'abc123' }]);
    expect(requests('UpdateService')).toHaveLength(0);
  });

  it('cancellation: SIGTERM mid-watch ends promptly with the deployment state', async () => {
    // Cancelled once the log shows the deployment under way, however slow the machine.
    const { run, requests } = await runCase('timed-out', deployInputs('v2'), { signalOnLog: /service deployment IN_PROGRESS/ });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Received SIGTERM');
    const last = run.errors.at(-1);
    expect(last).toMatch(/^Cancelled while waiting for the deployment of web:2 to demo\/web; the action started nothing after the cancel\. The service is moving to web:2 \(service deployment IN_PROGRESS; running \d\/2/);
    expect(last).toContain("ECS's circuit breaker rolls it back to the last completed deployment on its own");
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(requests('UpdateService')).toHaveLength(1);
  });
});
