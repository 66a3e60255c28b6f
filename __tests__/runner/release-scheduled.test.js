/**
 * A release of several services and the scheduled tasks of its families (dist/index.js against
 * the emulator): moved, whole, only once every service passed; left alone when one failed. The
 * order (worker's check only after web completed) is forced by the scenario's timeline event on a
 * state, as in release-services.test.js.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { startEmulator } from '../../emulator/index.js';
import { ROOT, errorLines, runAction } from '../../test-support/action-runner.js';

const SCENARIO = path.join(ROOT, '__fixtures__', 'scenarios', 'release-scheduled.json');
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const TD = (family, n) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:${n}`;

async function runRelease(workerTag) {
  const emulator = await startEmulator({ scenario: JSON.parse(readFileSync(SCENARIO, 'utf8')), baseDir: path.dirname(SCENARIO) });
  try {
    const before = emulator.state();
    const run = await runAction({
      endpoint: emulator.url,
      inputs: {
        cluster: 'demo',
        services: ['- service: web', '  task-definition: demo/task-definition.json', '  smoke-command: healthcheck', '- service: worker', '  smoke-command: healthcheck', "  smoke-expect: 'database: ok'"].join('\n'),
        'container-images': `web=${ECR}/web:v2\nworker=${ECR}/worker:${workerTag}`,
        'poll-interval-seconds': '0.3',
        'smoke-timeout-seconds': '120',
        'scheduled-tasks': 'move',
      },
    });
    const state = emulator.state();
    return { run: { ...run, errors: errorLines(run.stdout) }, before, state, requests: (operation) => state.requests.filter((request) => request.operation === operation) };
  } finally {
    await emulator.stop();
  }
}

const target = (state, rule, id) => state.events.find((r) => r.Name === rule).Targets.find((t) => t.Id === id);
const schedule = (state, name) => state.scheduler.schedules.find((s) => s.Name === name);
const retargeted = (original, revision) => ({ ...original, EcsParameters: { ...original.EcsParameters, TaskDefinitionArn: revision } });
const withoutChangeDate = ({ LastModificationDate: _changed, ...rest }) => rest;

describe('a release and its scheduled tasks (dist/index.js against the emulator)', () => {
  it('web and worker green: the targets of both families move to the new revisions, every other member unchanged', async () => {
    const { run, before, state, requests } = await runRelease('v2');
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(target(state, 'nightly-report', 'report')).toEqual(retargeted(target(before, 'nightly-report', 'report'), TD('web', 2)));
    expect(target(state, 'hourly-cleanup', 'cleanup')).toEqual(retargeted(target(before, 'hourly-cleanup', 'cleanup'), TD('web', 2)));
    expect(target(state, 'hourly-cleanup', 'worker-job')).toEqual(retargeted(target(before, 'hourly-cleanup', 'worker-job'), TD('worker', 2)));
    const vacuum = schedule(before, 'db-vacuum');
    expect(withoutChangeDate(schedule(state, 'db-vacuum'))).toEqual(withoutChangeDate({ ...vacuum, Target: retargeted(vacuum.Target, TD('web', 2)) }));
    for (const [rule, id] of [['nightly-report', 'notify'], ['batch-only', 'elsewhere'], ['weekly-digest', 'digest']]) expect(target(state, rule, id)).toEqual(target(before, rule, id));
    // The targets move once, after every service's smoke check.
    const lastExec = Math.max(...requests('ExecuteCommand').map((request) => request.wallMs));
    expect(requests('PutTargets').every((request) => request.wallMs > lastExec)).toBe(true);
    expect(requests('UpdateSchedule').every((request) => request.wallMs > lastExec)).toBe(true);
    const moved = JSON.parse(run.outputs['scheduled-tasks']).filter((task) => task.moved);
    expect(moved.map((task) => `${task.name} ${task.from} -> ${task.to}`).sort()).toEqual([
      'db-vacuum web:1 -> web:2',
      'hourly-cleanup web:1 -> web:2',
      'hourly-cleanup worker:1 -> worker:2',
      'nightly-report web:1 -> web:2',
    ]);
  });

  it('worker fails its smoke check after web completed: both services back, and no scheduled task moved', async () => {
    const { run, before, state, requests } = await runRelease('v3');
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(Object.fromEntries(state.services.map((service) => [service.serviceName, service.taskDefinition]))).toMatchObject({ web: TD('web', 1), worker: TD('worker', 1) });
    expect(requests('PutTargets')).toHaveLength(0);
    expect(requests('UpdateSchedule')).toHaveLength(0);
    expect(state.events).toEqual(before.events);
    expect(state.scheduler.schedules).toEqual(before.scheduler.schedules);
    expect(JSON.parse(run.outputs['scheduled-tasks']).every((task) => !task.moved)).toBe(true);
    expect(run.summary).toContain('### Scheduled tasks: none moved');
  });
});
