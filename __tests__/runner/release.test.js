/**
 * The release task before the update (run-task: true) and mode run-task, run by the built
 * dist/index.js against the emulator: RunTask where the service runs, the log streamed, the
 * verdict from the judged container, and no UpdateService after a failure.
 */
import { describe, expect, it } from '@jest/globals';
import { IMAGE, REVISION, deployInputs, runCase } from './run-case.js';

const SERVICE_NETWORK = { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0123456789abcdef0'], assignPublicIp: 'DISABLED' };
const release = (command, extra = {}) => deployInputs('v2', { 'run-task': 'true', 'run-task-command': command, ...extra });

/** The lines printed between ::stop-commands::<token> and ::<token>::, and whether every one is quoted. */
function programOutput(stdout) {
  const lines = stdout.split('\n');
  const quoted = [];
  for (let i = 0; i < lines.length; i++) {
    const start = /^::stop-commands::(.+)$/.exec(lines[i]);
    if (!start) continue;
    for (i++; i < lines.length && lines[i] !== `::${start[1]}::`; i++) quoted.push(lines[i]);
  }
  return quoted;
}

describe('release task (dist/index.js against the emulator)', () => {
  it('a migration that succeeds, then the update: the task ran first, where the service runs, with the command split as a shell would', async () => {
    const { run, requests, services } = await runCase('release-tasks', release('./migrate "up"'));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'deployed', 'task-definition-arn': REVISION(2), 'run-task-exit-code': '0' });
    const [runTask] = requests('RunTask');
    expect(run.outputs['run-task-arn']).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/demo\//);
    expect(runTask.input).toMatchObject({
      cluster: 'demo',
      taskDefinition: REVISION(2),
      count: 1,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      networkConfiguration: { awsvpcConfiguration: SERVICE_NETWORK },
      overrides: { containerOverrides: [{ name: 'web', command: ['./migrate', 'up'] }] },
      startedBy: 'ecs-deploy-verify',
    });
    expect(runTask.input.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    const order = run.stdout.indexOf('Release task');
    expect(order).toBeGreaterThan(-1);
    expect(order).toBeLessThan(run.stdout.indexOf('UpdateService accepted'));
    expect(requests('UpdateService')).toHaveLength(1);
    expect(services.web.taskDefinition).toBe(REVISION(2));
    // The log arrives as program output: quoted, and between stop-commands so it cannot run as a command.
    expect(programOutput(run.stdout)).toEqual(expect.arrayContaining(['  | Applying migration 0042_add_orders', '  | ::error::not a workflow command, just output']));
    expect(run.errors).toEqual([]);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([]);
  });

  it('a migration that fails: run-task-failed, no UpdateService at all, the last log lines and the fix in the summary', async () => {
    const { run, requests, services } = await runCase('release-tasks', release('./migrate broken'));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'run-task-failed', 'run-task-exit-code': '3' });
    expect(requests('UpdateService')).toHaveLength(0);
    expect(services.web.taskDefinition).toBe(REVISION(1));
    expect(run.errors.at(-1)).toMatch(/^The release task \w+ of web:2 failed: container 'web' exited with code 3; the service was not updated and runs .*web:1\.$/);
    const summary = run.summary.split('\n');
    expect(summary[0]).toMatch(/^## ❌ The release task \w+ of web:2 failed/);
    expect(summary[2]).toBe('### Cause and fix');
    expect(run.summary).toContain("**Fix:** The application in container 'web' stopped with exit code 3: its last log lines say why.");
    expect(run.summary).toContain('ERROR: relation "orders_idx" already exists\nMigration 0043_orders_index failed; rolled back\n```');
    expect(run.summary.indexOf('### Cause and fix')).toBeLessThan(run.summary.indexOf('| Result |'));
  });

  it('a task that never starts: its stoppedReason and the hint, and the service untouched', async () => {
    const { run, requests } = await runCase('release-tasks', deployInputs('secrets', { 'run-task': 'true', 'run-task-command': './migrate up' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('run-task-failed');
    expect(run.outputs['run-task-exit-code']).toBe('');
    expect(run.errors.at(-1)).toMatch(/failed: never started: ResourceInitializationError: unable to pull secrets or registry auth/);
    expect(run.errors.join('\n')).toContain('fix: The execution role arn:aws:iam::123456789012:role/ecsTaskExecutionRole may not read arn:aws:secretsmanager:us-east-1:123456789012:secret:web/db-AbCdEf');
    expect(requests('UpdateService')).toHaveLength(0);
  });

  it('a sidecar that exits non-zero while the named container exits 0: proceeds to the update', async () => {
    const inputs = { ...release('./migrate sidecar'), 'task-definition': '__fixtures__/task-definitions/release-sidecar.json' };
    const { run, state, requests } = await runCase('release-tasks', inputs);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'deployed', 'run-task-exit-code': '0' });
    const task = state.tasks.find((t) => t.taskArn === run.outputs['run-task-arn']);
    expect(task.containers.map((c) => [c.name, c.exitCode])).toEqual([['log-router', 1], ['web', 0]]);
    expect(requests('UpdateService')).toHaveLength(1);
  });

  it('explicit network, launch type and container inputs override the service\'s', async () => {
    const inputs = release('./migrate up', {
      'run-task-subnets': 'subnet-aaaa1111, subnet-bbbb2222',
      'run-task-security-groups': 'sg-migrations',
      'run-task-assign-public-IP': 'ENABLED',
      'run-task-capacity-provider-strategy': '[{"capacityProvider": "FARGATE_SPOT", "weight": 1}]',
      'run-task-container': 'web',
      'run-task-container-overrides': '[{"name": "web", "environment": [{"name": "MIGRATE", "value": "1"}]}]',
      'run-task-started-by': 'release-42',
    });
    const { run, requests } = await runCase('release-tasks', inputs);
    expect(run.code).toBe(0);
    const { input } = requests('RunTask')[0];
    expect(input.networkConfiguration).toEqual({ awsvpcConfiguration: { subnets: ['subnet-aaaa1111', 'subnet-bbbb2222'], securityGroups: ['sg-migrations'], assignPublicIp: 'ENABLED' } });
    expect(input.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]);
    expect(input.launchType).toBeUndefined();
    expect(input.platformVersion).toBeUndefined();
    expect(input.startedBy).toBe('release-42');
    expect(input.overrides.containerOverrides).toEqual([{ name: 'web', environment: [{ name: 'MIGRATE', value: '1' }], command: ['./migrate', 'up'] }]);
  });

  it('the timeout: the task is stopped with StopTask, said so, and nothing is updated', async () => {
    const { run, requests } = await runCase('release-tasks', release('./migrate forever', { 'run-task-timeout-minutes': '0.05' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('run-task-failed');
    const [stop] = requests('StopTask');
    expect(stop.input).toMatchObject({ cluster: 'demo', task: run.outputs['run-task-arn'] });
    expect(run.errors.at(-1)).toMatch(/did not stop within run-task-timeout-minutes \(0\.05\); the action stopped it with StopTask; the service was not updated/);
    expect(requests('UpdateService')).toHaveLength(0);
  });

  it('cancelled while the task runs: said to be a cancel, the task left running with its ARN and the command that stops it, the service not updated', async () => {
    const { run, requests, state, services } = await runCase('release-tasks', release('./migrate forever'), { signalOnLog: /Started the release task/ });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    const taskArn = run.outputs['run-task-arn'];
    expect(taskArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/demo\//);
    const last = run.errors.at(-1);
    expect(last).toMatch(
      new RegExp(`^Cancelled while the release task ${taskArn.split('/').pop()} of web:2 was (PROVISIONING|PENDING|RUNNING): the action did not stop it, and the service was not updated and runs \\S+web:1\\. The task keeps running until it ends: `),
    );
    expect(last).toContain(`To stop it: aws ecs stop-task --cluster demo --task ${taskArn} --reason 'cancelled release task (ecs-deploy-verify)'`);
    expect(last).not.toMatch(/DescribeTasks|run-task-failed/);
    expect(requests('StopTask')).toHaveLength(0);
    expect(requests('UpdateService')).toHaveLength(0);
    expect(services.web.taskDefinition).toBe(REVISION(1));
    expect(state.tasks.find((task) => task.taskArn === taskArn).desiredStatus).toBe('RUNNING');
    expect(run.summary).toMatch(/\| Release task \| ❌ `\w+`, cancelled while (PROVISIONING|PENDING|RUNNING); left running \|/);
  });

  it("without run-task-command: a warning before RunTask names the image's own command and the timeout that will end it", async () => {
    const { run, requests } = await runCase('release-tasks', deployInputs('v2', { 'run-task': 'true', 'run-task-timeout-minutes': '0.05' }));
    const lines = run.stdout.split('\n');
    const warning = lines.findIndex((line) => line.startsWith("::warning::run-task-command is empty, so the release task's container 'web' runs the image's own CMD/ENTRYPOINT"));
    expect(warning).toBeGreaterThan(-1);
    expect(lines[warning]).toContain('the action stops it with StopTask after run-task-timeout-minutes (0.05) and the step fails');
    expect(warning).toBeLessThan(lines.findIndex((line) => line.startsWith('RunTask web:2')));
    expect(requests('RunTask')[0].input.overrides).toBeUndefined();
    expect(run.outputs.result).toBe('run-task-failed');
  });

  it('mode run-task alone runs the service\'s current revision and changes nothing', async () => {
    const { run, requests } = await runCase('release-tasks', { mode: 'run-task', cluster: 'demo', service: 'web', 'run-task-command': './migrate up', 'poll-interval-seconds': '0.3' });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('run-task-succeeded');
    expect(requests('RunTask')[0].input.taskDefinition).toBe(REVISION(1));
    expect(requests('RegisterTaskDefinition')).toHaveLength(0);
    expect(requests('UpdateService')).toHaveLength(0);
  });

  it('without a service the network inputs are required, and the error names the input', async () => {
    const { run, requests } = await runCase('release-tasks', { mode: 'run-task', cluster: 'demo', 'task-definition-arn': 'web:1', 'poll-interval-seconds': '0.3' });
    expect(run.code).toBe(1);
    expect(run.errors.at(-1)).toMatch(/Invalid input 'run-task-subnets': ''\. Expected the subnets to run the task in: web uses the awsvpc network mode and no service was given/);
    expect(requests('RunTask')).toHaveLength(0);
  });
});

export { IMAGE };
