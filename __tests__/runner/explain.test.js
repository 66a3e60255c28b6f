/**
 * Failures explained with the app's own logs and a fix, by the built dist/index.js against the
 * emulator: a crashed deployment's last log lines, the reason logs cannot be shown, and one
 * stopped-task error family per case, the ELB health checks of a service with a load balancer
 * included (explain-elb).
 */
import { describe, expect, it } from '@jest/globals';
import { IMAGE, deployInputs, runCase } from './run-case.js';

const CRASH_LINES = ['Starting web 3.0.0 on :8080', 'Connecting to postgres://db.internal:5432/web', 'FATAL: password authentication failed for user "web"', '::add-mask::not-a-mask'];

describe('failures explained (dist/index.js against the emulator)', () => {
  it("a crashed deployment shows the app's last log lines and the fix, first in the summary", async () => {
    const { run } = await runCase('explain-crash', deployInputs('v3', { 'log-lines': '3' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    const explanation = run.errors.find((line) => line.startsWith('Deployment of web:2'));
    expect(explanation).toMatch(/stopped \(EssentialContainerExited\): Essential container in task exited \[.+\]\n {2}fix: The application in container 'web' stopped with exit code 1: its last log lines say why\.\n {2}container 'web': exit code 1/);
    expect(explanation).toMatch(new RegExp(`  last log lines of 'web' in task \\w+ \\(/ecs/web web/web/\\w+\\):\\n${CRASH_LINES.slice(-3).map((line) => `    \\| ${line.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`).join('\\n')}`));
    expect(explanation).not.toContain('Starting web 3.0.0');
    // The log reached the job log inside one ::error:: command (newlines escaped), never as a command of its own.
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::add-mask::'))).toEqual([]);
    const summary = run.summary;
    expect(summary.indexOf('### Cause and fix')).toBeGreaterThan(-1);
    expect(summary.indexOf('**Fix:**')).toBeLessThan(summary.indexOf('Last log lines of'));
    expect(summary.indexOf('Last log lines of')).toBeLessThan(summary.indexOf('| Result |'));
    expect(summary).toContain('FATAL: password authentication failed for user "web"\n::add-mask::not-a-mask\n```');
  });

  it('log-lines 0 turns the excerpt off and keeps the fix', async () => {
    const { run, requests } = await runCase('explain-crash', deployInputs('v3', { 'log-lines': '0' }));
    expect(run.code).toBe(1);
    expect(run.errors.join('\n')).toContain("fix: The application in container 'web' stopped with exit code 1");
    expect(run.errors.join('\n')).not.toContain("last log lines of '");
    expect(requests('GetLogEvents')).toHaveLength(0);
  });

  it('no permission to read the logs: one line saying why and how to get them', async () => {
    const { run } = await runCase('explain-logs-denied', deployInputs('v3'));
    expect(run.code).toBe(1);
    const lines = run.errors.join('\n').split('\n').filter((line) => line.startsWith('  logs: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ {2}logs: The log lines of stream web\/web\/\w+ in \/ecs\/web are not shown: the action may not read them \(User: .* is not authorized to perform: logs:GetLogEvents .*\); grant logs:GetLogEvents and logs:FilterLogEvents on the log group \/ecs\/web\.$/);
  });

  it('a failed container health check: the health-check fix, not an out-of-memory one', async () => {
    const { run } = await runCase('explain-crash', deployInputs('v4'));
    expect(run.code).toBe(1);
    expect(run.errors.join('\n')).toContain("fix: The container's healthCheck failed: check its command inside the image, and give the application time to start with a longer startPeriod.");
    expect(run.errors.join('\n')).not.toContain('exceeded its memory');
  });

  it('a deployment failing its ELB health checks: the load balancer fix, naming the target group', async () => {
    const { run, services } = await runCase('explain-elb', deployInputs('v2'));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    const explanation = run.errors.find((line) => line.startsWith('Deployment of web:2'));
    expect(explanation).toContain('stopped (ServiceSchedulerInitiated): Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/6d0ecf831eec9f09)');
    const fix = "The load balancer's health checks of target group web-tg failed: allow the load balancer's security group to reach the container port, check the health check path and port, or raise healthCheckGracePeriodSeconds.";
    expect(explanation).toContain(`fix: ${fix}`);
    expect(explanation).not.toContain("container's healthCheck failed");
    expect(run.summary).toContain(`**Fix:** ${fix}`);
    expect(services.web.events.map((event) => event.message)).toContainEqual(expect.stringMatching(/^\(service web\) \(task \w+\) \(port 8080\) is unhealthy in \(target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/web-tg\/6d0ecf831eec9f09\) due to \(reason Request timed out\)\.$/));
  });

  const runTask = (tag, command) => ({
    // The image check would refuse the missing image before any task runs.
    'verify-images': 'false',
    mode: 'run-task',
    'task-definition': 'demo/task-definition.json',
    'container-images': `web=${IMAGE}:${tag}`,
    cluster: 'demo',
    service: 'web',
    'run-task-command': command,
    'poll-interval-seconds': '0.3',
  });

  it('one release task per stopped-task error family: the hint names what the message names', async () => {
    const cases = [
      ['pull-net', './migrate up', /fix: The task's network has no route to the registry 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com: in a public subnet set assignPublicIp to ENABLED/],
      ['pull-missing', './migrate up', /fix: The image 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/web:pull-missing cannot be pulled: .*the execution role arn:aws:iam::123456789012:role\/ecsTaskExecutionRole has the ECR pull permissions/],
      ['secrets', './migrate up', /fix: The execution role arn:aws:iam::123456789012:role\/ecsTaskExecutionRole may not read arn:aws:secretsmanager:us-east-1:123456789012:secret:web\/db-AbCdEf: grant it secretsmanager:GetSecretValue/],
      ['init-net', './migrate up', /fix: The task has no network path to api\.ecr\.us-east-1\.amazonaws\.com: /],
      ['logging', './migrate up', /fix: The awslogs driver could not start: create the log group \/ecs\/web /],
      ['cannot-start', './migrate up', /fix: The container could not start: raise its memory/],
      ['v2', './migrate oom', /fix: Container 'web' exceeded its memory \(OutOfMemoryError\)/],
      ['v2', './migrate spot', /fix: Fargate Spot reclaimed the task: not a fault of the release; run it again\./],
      ['v2', './migrate broken', /fix: The application in container 'web' stopped with exit code 3/],
    ];
    const { runs } = await runCase('release-tasks', cases.map(([tag, command]) => runTask(tag, command)), { sequential: true });
    for (const [index, [tag, command, hint]] of cases.entries()) {
      const run = runs[index];
      expect({ tag, command, code: run.code, result: run.outputs.result }).toEqual({ tag, command, code: 1, result: 'run-task-failed' });
      expect(run.errors.join('\n')).toMatch(hint);
      expect(run.summary).toMatch(new RegExp(`\\*\\*Fix:\\*\\* ${hint.source.replace(/^fix: /, '').slice(0, 20)}`));
    }
  });
});
