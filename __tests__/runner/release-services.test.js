/**
 * A release of several services (the `services` input), run by the built action against the
 * emulator: one revision per family, every service watched by one poll, one verdict, and every
 * service back on its revision when one fails. Orders are forced by the scenarios' timeline
 * events on a state (worker's exec agent starts only once web has completed, or waits at its
 * PAUSE hook), never by timing.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs, runCase } from './run-case.js';

const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const TD = (family, n) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:${n}`;

/**
 * web (and api, when given) from demo/task-definition.json (family web), worker from its current
 * revision. Only web's completion lets worker's check run, so api is left out where order matters.
 */
function release(workerTag, extra = {}, api = false) {
  return {
    cluster: 'demo',
    services: [
      '- service: web',
      '  task-definition: demo/task-definition.json',
      '  smoke-command: healthcheck',
      ...(api ? ['- service: api', '  task-definition: demo/task-definition.json'] : []),
      '- service: worker',
      '  smoke-command: healthcheck',
      "  smoke-expect: 'database: ok'",
    ].join('\n'),
    'container-images': `web=${ECR}/web:v2\nworker=${ECR}/worker:${workerTag}`,
    'poll-interval-seconds': '0.3',
    'smoke-timeout-seconds': '120',
    ...extra,
  };
}

const results = (run) => Object.fromEntries(JSON.parse(run.outputs['services-result']).map((entry) => [entry.service, entry]));

describe('a release of several services (dist/index.js against the emulator)', () => {
  it('every service green: one revision per family, shared by web and api, worker from its current revision, one verdict', async () => {
    const { run, services, requests } = await runCase('release', release('v2', {}, true));
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(requests('RegisterTaskDefinition').map((request) => request.input.family)).toEqual(['web', 'worker']);
    const worker = requests('RegisterTaskDefinition')[1].input;
    expect(worker.containerDefinitions[0]).toMatchObject({ image: `${ECR}/worker:v2`, command: ['./work', '--queue', 'orders'] });
    expect(Object.fromEntries(Object.entries(services).map(([name, service]) => [name, service.taskDefinition]))).toEqual({
      web: TD('web', 2),
      api: TD('web', 2),
      worker: TD('worker', 2),
    });
    expect(requests('UpdateService')).toHaveLength(3);
    const entries = results(run);
    expect(Object.keys(entries)).toEqual(['web', 'api', 'worker']);
    for (const entry of Object.values(entries)) expect(entry).toMatchObject({ result: 'deployed', runningTaskDefinition: entry.taskDefinitionArn });
    expect(entries.web.smoke).toEqual({ passed: true, exitCode: 0 });
    expect(entries.api.smoke).toBeUndefined();
    expect(run.errors.at(-1)).toBeUndefined();
    expect(run.stdout).toMatch(/^Deployed 3 services in cluster 'demo', every one verified: web runs web:2, api runs web:2, worker runs worker:2\.$/m);
    // One poll for all: the watch reads the three service deployments in one request.
    expect(requests('DescribeServiceDeployments').some((request) => request.input.serviceDeploymentArns.length === 3)).toBe(true);
    expect(requests('DescribeServices').some((request) => request.input.services.length === 3)).toBe(true);
    const summary = run.summary.split('\n');
    expect(summary[0]).toMatch(/^## ✅ Deployed 3 services/);
    expect(summary.filter((line) => /^\| `(web|api|worker)` \| ✅ deployed \|/.test(line))).toHaveLength(3);
    // Each service's lines carry its name, so interleaved lines stay readable.
    expect(run.stdout).toMatch(/^\[worker\] UpdateService accepted: .*worker:2/m);
  });

  it("worker fails its smoke check after web completed: worker rolls itself back, web is returned to web:1 by UpdateService, the release is red and says the release task ran", async () => {
    const { run, services, requests } = await runCase('release', release('v3', { 'run-task': 'true', 'run-task-command': './migrate up' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(services.web.taskDefinition).toBe(TD('web', 1));
    expect(services.worker.taskDefinition).toBe(TD('worker', 1));
    const entries = results(run);
    expect(entries.worker).toMatchObject({ result: 'smoke-failed-rolled-back', rolledBackTo: TD('worker', 1), rolledBackBecause: 'itself', smoke: { passed: false, exitCode: 3 } });
    expect(entries.web).toMatchObject({ result: 'rolled-back', rolledBackTo: TD('web', 1), runningTaskDefinition: TD('web', 1), rolledBackBecause: 'release' });
    // web had completed: its way back is a new deployment of web:1, never a StopServiceDeployment.
    const webUpdates = requests('UpdateService').filter((request) => request.input.service === 'web').map((request) => request.input.taskDefinition);
    expect(webUpdates).toEqual([TD('web', 2), TD('web', 1)]);
    expect(requests('StopServiceDeployment')).toEqual([]);
    expect(requests('DeregisterTaskDefinition')).toEqual([]);
    expect(run.errors.at(-1)).toMatch(/^Rolled back: worker failed, so every service of the release is back on the revision it ran before \(web runs web:1, worker runs worker:1\)\. worker: .*smoke check failed/);
    // The release task ran once, before any update, with web's new revision where web runs; it cannot be undone.
    expect(requests('RunTask')).toHaveLength(1);
    expect(requests('RunTask')[0].input).toMatchObject({ taskDefinition: TD('web', 2), overrides: { containerOverrides: [{ name: 'web', command: ['./migrate', 'up'] }] } });
    expect(requests('RunTask')[0].wallMs).toBeLessThan(requests('UpdateService')[0].wallMs);
    expect(run.stdout).toContain("The release task runs web:2, the new revision of service 'web', where 'web' runs");
    expect(run.errors.at(-1)).toMatch(/ The release task \w+ ran before the update \(exit code 0\); it cannot be undone\.$/);
    expect(run.outputs['run-task-exit-code']).toBe('0');
    expect(run.summary.split('\n')[0]).toMatch(/^## ❌ Rolled back: worker failed/);
    expect(run.summary).toMatch(/\| `web` \| ↩️ rolled back by the release \| `web:2` \| `web:1` \|/);
  });

  it('rollback-scope failed: only worker goes back, web keeps web:2, and the release is still red', async () => {
    const { run, services, requests } = await runCase('release', release('v3', { 'rollback-scope': 'failed' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(services.web.taskDefinition).toBe(TD('web', 2));
    expect(services.worker.taskDefinition).toBe(TD('worker', 1));
    expect(requests('UpdateService').filter((request) => request.input.service === 'web')).toHaveLength(1);
    expect(run.errors.at(-1)).toMatch(/^FAILED: worker failed, and not every service is back on the revision it ran before \(web runs web:2, worker runs worker:1\)\./);
  });

  it('worker fails while web waits at its PAUSE hook: web is rolled back with ContinueServiceDeployment ROLLBACK, worker by its own rollback', async () => {
    const inputs = {
      cluster: 'demo',
      services: '- web\n- service: worker\n  smoke-command: healthcheck',
      'container-images': `web=${ECR}/web:v2\nworker=${ECR}/worker:v3`,
      'poll-interval-seconds': '0.3',
      'smoke-timeout-seconds': '120',
    };
    const { run, services, requests, state } = await runCase('release-paused', inputs);
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    const entries = results(run);
    const [answer] = requests('ContinueServiceDeployment');
    expect(requests('ContinueServiceDeployment')).toHaveLength(1);
    expect(answer.input).toMatchObject({ serviceDeploymentArn: entries.web.serviceDeploymentArn, action: 'ROLLBACK' });
    expect(state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === entries.web.serviceDeploymentArn).status).toBe('ROLLBACK_SUCCESSFUL');
    expect(requests('UpdateService').filter((request) => request.input.service === 'web')).toHaveLength(1);
    expect(services.web.taskDefinition).toBe(TD('web', 1));
    expect(services.worker.taskDefinition).toBe(TD('worker', 1));
    expect(entries.web).toMatchObject({ result: 'rolled-back', runningTaskDefinition: TD('web', 1), rolledBackBecause: 'release' });
    expect(entries.worker).toMatchObject({ result: 'smoke-failed-rolled-back', runningTaskDefinition: TD('worker', 1) });
    expect(run.stdout).toMatch(/\[web\] Rolling back web: ContinueServiceDeployment .* with action ROLLBACK \(it is paused at POST_TEST_TRAFFIC_SHIFT\)\./);
  });

  it('cancelled while web waits at its PAUSE hook and worker runs its smoke check: nothing is answered or rolled back, and each service is told as it is', async () => {
    const inputs = {
      cluster: 'demo',
      services: '- web\n- service: worker\n  smoke-command: sleep 20',
      'container-images': `web=${ECR}/web:v2\nworker=${ECR}/worker:v3`,
      'poll-interval-seconds': '0.3',
      'smoke-timeout-seconds': '120',
    };
    const { run, requests } = await runCase('release-paused', inputs, { signalOnLog: /\[worker\] Task \w+: running the smoke command/ });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(requests('UpdateService')).toHaveLength(2);
    expect(requests('ContinueServiceDeployment')).toEqual([]);
    expect(requests('StopServiceDeployment')).toEqual([]);
    const last = run.errors.at(-1);
    expect(last).toMatch(/^Cancelled: the release started nothing after the cancel \(web runs web:2, worker runs worker:2\)\. web: Cancelled while waiting for the deployment of web:2/);
    expect(last).toContain('The deployment is paused at POST_TEST_TRAFFIC_SHIFT');
    expect(last).toContain('worker: Cancelled during the smoke check: arn:aws:ecs:us-east-1:123456789012:task-definition/worker:2 was deployed but is not verified, and the action started no rollback.');
  });

  it('the single-service inputs: the same outputs as before, one services-result entry, no service labels and no per-service table', async () => {
    const { run } = await runCase('deployed', deployInputs('v2', { 'smoke-command': 'healthcheck' }));
    expect(run.code).toBe(0);
    expect(Object.keys(run.outputs).sort()).toEqual([
      'deploy-timings',
      'image-digests',
      'previous-task-definition-arn',
      'registered',
      'result',
      'scheduled-tasks',
      'service-deployment-arn',
      'services-result',
      'smoke-exit-code',
      'smoke-output',
      'task-definition-arn',
    ]);
    expect(run.outputs).toMatchObject({ result: 'deployed', 'task-definition-arn': REVISION(2), 'previous-task-definition-arn': REVISION(1), registered: 'true' });
    expect(JSON.parse(run.outputs['services-result'])).toEqual([
      expect.objectContaining({ service: 'web', result: 'deployed', taskDefinitionArn: REVISION(2), serviceDeploymentArn: run.outputs['service-deployment-arn'], smoke: { passed: true, exitCode: 0 } }),
    ]);
    expect(run.stdout).not.toMatch(/^\[web\]/m);
    expect(run.stdout).toMatch(/^::group::Watching the deployment$/m);
    expect(run.summary).not.toContain('| Service | Result |');
  });

  it("a one-item 'services' list is the single-service run: the same outputs and summary rows", async () => {
    const inputs = { cluster: 'demo', services: '- service: web\n  task-definition: demo/task-definition.json', 'container-images': `web=${ECR}/web:v2`, 'poll-interval-seconds': '0.3' };
    const { run } = await runCase('deployed', inputs);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'deployed', 'task-definition-arn': REVISION(2), 'previous-task-definition-arn': REVISION(1), registered: 'true' });
    expect(run.summary).toMatch(/^\| Service \| `web` \|$/m);
    expect(run.stdout).not.toMatch(/^\[web\]/m);
  });
});
