/**
 * Scheduled tasks after a deployment, run by the built action against the emulator: EventBridge
 * rules and Scheduler schedules that run web in the cluster, reported, moved only after a verified
 * deployment (every other member of each target and schedule unchanged), restored after a failed
 * move, and not looked at with scheduled-tasks: none.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { startEmulator } from '../../emulator/index.js';
import { ACTION, ROOT, errorLines, runAction } from '../../test-support/action-runner.js';
import { REVISION, deployInputs } from './run-case.js';

const SCENARIO = path.join(ROOT, '__fixtures__', 'scenarios', 'scheduled-tasks.json');
const EVENTS_AND_SCHEDULER = ['ListRuleNamesByTarget', 'ListTargetsByRule', 'PutTargets', 'ListScheduleGroups', 'ListSchedules', 'GetSchedule', 'UpdateSchedule'];

/** Runs one deployment on the scenario, changed by `patch`; the state before and after. */
async function runScheduled(inputs, patch = () => {}) {
  const scenario = JSON.parse(readFileSync(SCENARIO, 'utf8'));
  patch(scenario);
  const emulator = await startEmulator({ scenario, baseDir: path.dirname(SCENARIO) });
  try {
    const before = emulator.state();
    const run = await runAction({ endpoint: emulator.url, inputs });
    const state = emulator.state();
    const requests = (operation) => state.requests.filter((request) => request.operation === operation);
    return { run: { ...run, errors: errorLines(run.stdout) }, before, state, requests };
  } finally {
    await emulator.stop();
  }
}

const rule = (state, name) => state.events.find((r) => r.Name === name);
const target = (state, ruleName, id) => rule(state, ruleName).Targets.find((t) => t.Id === id);
const schedule = (state, name) => state.scheduler.schedules.find((s) => s.Name === name);
/** The target or schedule as it was, but for its task definition. */
const retargeted = (original, revision) => ({ ...original, EcsParameters: { ...original.EcsParameters, TaskDefinitionArn: revision } });
const withoutChangeDate = ({ LastModificationDate: _changed, ...rest }) => rest;
const move = (tag, extra = {}) => deployInputs(tag, { 'smoke-command': 'healthcheck', 'scheduled-tasks': 'move', ...extra });

describe('scheduled tasks (dist/index.js against the emulator)', () => {
  it('move after a verified deployment: the pinned rule targets and the schedule run web:2, every other member unchanged', async () => {
    const { run, before, state, requests } = await runScheduled(move('v2'));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    // Rule targets: the whole target as it was, only the task definition changed.
    expect(target(state, 'nightly-report', 'report')).toEqual(retargeted(target(before, 'nightly-report', 'report'), REVISION(2)));
    expect(target(state, 'hourly-cleanup', 'cleanup')).toEqual(retargeted(target(before, 'hourly-cleanup', 'cleanup'), REVISION(2)));
    // What does not run web:N in this cluster is untouched: another target type, another family, another cluster, the family-only target.
    for (const [name, id] of [['nightly-report', 'notify'], ['hourly-cleanup', 'worker-job'], ['batch-only', 'elsewhere'], ['weekly-digest', 'digest']]) {
      expect(target(state, name, id)).toEqual(target(before, name, id));
    }
    // The schedule: every member GetSchedule shows unchanged but the revision (and the change date Scheduler sets).
    const vacuumBefore = schedule(before, 'db-vacuum');
    expect(withoutChangeDate(schedule(state, 'db-vacuum'))).toEqual(withoutChangeDate({ ...vacuumBefore, Target: retargeted(vacuumBefore.Target, REVISION(2)) }));
    expect(schedule(state, 'universal-report')).toEqual(schedule(before, 'universal-report'));
    expect(schedule(state, 'lambda-job')).toEqual(schedule(before, 'lambda-job'));
    // One PutTargets per rule, after the smoke check; all pages were read (pages of one item).
    expect(requests('PutTargets').map((r) => r.input.Rule)).toEqual(['nightly-report', 'hourly-cleanup']);
    expect(requests('ListRuleNamesByTarget').map((r) => r.input)).toEqual([
      { TargetArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo', EventBusName: 'default' },
      expect.objectContaining({ NextToken: expect.any(String) }),
      expect.objectContaining({ NextToken: expect.any(String) }),
    ]);
    expect(requests('ListSchedules').map((r) => r.input.GroupName)).toEqual(['default', 'default', 'jobs']);
    expect(run.stdout.indexOf('Smoke check')).toBeLessThan(run.stdout.indexOf('::group::Scheduled tasks'));
    expect(JSON.parse(run.outputs['scheduled-tasks'])).toEqual([
      { kind: 'rule', name: 'nightly-report', eventBus: 'default', targetId: 'report', family: 'web', pin: 'revision', from: 'web:1', to: 'web:2', moved: true, note: 'moved' },
      { kind: 'rule', name: 'hourly-cleanup', eventBus: 'default', targetId: 'cleanup', family: 'web', pin: 'revision', from: 'web:1', to: 'web:2', moved: true, note: 'moved' },
      expect.objectContaining({ kind: 'rule', name: 'weekly-digest', targetId: 'digest', pin: 'family', from: 'web', to: 'web', moved: false }),
      { kind: 'schedule', name: 'universal-report', group: 'default', family: 'web', pin: 'universal', from: 'web:1', to: 'web:1', moved: false, note: 'universal target (aws-sdk:ecs:runTask): its task definition is in its Input JSON, which the action does not rewrite' },
      { kind: 'schedule', name: 'db-vacuum', group: 'jobs', family: 'web', pin: 'revision', from: 'web:1', to: 'web:2', moved: true, note: 'moved' },
    ]);
    expect(run.stdout).toContain('Journal of the scheduled tasks moved:\n  EventBridge rule nightly-report (event bus default, target report): web:1 -> web:2\n  EventBridge rule hourly-cleanup (event bus default, target cleanup): web:1 -> web:2\n  schedule db-vacuum (group jobs): web:1 -> web:2');
    expect(run.summary).toContain('### Scheduled tasks: 3 moved');
    expect(run.summary).toContain('| ✅ | rule | `nightly-report` (target `report`) | `default` | `web:1` | `web:2` | moved |');
    // A target's Input can carry secrets: it never reaches the log.
    expect(run.stdout).not.toContain('not-for-logs');
  });

  it('report (the default): lists what runs which revision, warns about the family-only target by name, writes nothing', async () => {
    const { run, requests } = await runScheduled(deployInputs('v2'));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(requests('PutTargets')).toHaveLength(0);
    expect(requests('UpdateSchedule')).toHaveLength(0);
    expect(run.stdout).toContain(
      "::warning::The EventBridge rule weekly-digest (event bus default, target digest) names the task definition family 'web' without a revision: it runs whatever revision of web is newest when it fires, verified or not (this run registered web:2).",
    );
    const tasks = JSON.parse(run.outputs['scheduled-tasks']);
    expect(tasks.map((t) => [t.name, t.from, t.to, t.moved])).toEqual([
      ['nightly-report', 'web:1', 'web:1', false],
      ['hourly-cleanup', 'web:1', 'web:1', false],
      ['weekly-digest', 'web', 'web', false],
      ['universal-report', 'web:1', 'web:1', false],
      ['db-vacuum', 'web:1', 'web:1', false],
    ]);
    expect(tasks[0].note).toBe("not moved (scheduled-tasks is 'report'; 'move' would repoint it to web:2)");
    expect(run.summary).toContain("### Scheduled tasks (scheduled-tasks: 'report', nothing is moved)");
    expect(run.summary).toContain('| ⚠️ | rule | `weekly-digest` (target `digest`) | `default` | `web` | `web` |');
  });

  it('a partial PutTargets failure: the target already moved is written back whole, the schedule is never touched, and the step fails saying so', async () => {
    const { run, before, state, requests } = await runScheduled(move('v2'), (scenario) => {
      scenario.events.putTargetsFailures = [{ rule: 'hourly-cleanup', targetId: 'cleanup', errorCode: 'ConcurrentModificationException', errorMessage: 'Too many requests were made at the same time.' }];
    });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('scheduled-tasks-failed');
    expect(target(state, 'nightly-report', 'report')).toEqual(target(before, 'nightly-report', 'report'));
    expect(target(state, 'hourly-cleanup', 'cleanup')).toEqual(target(before, 'hourly-cleanup', 'cleanup'));
    expect(schedule(state, 'db-vacuum')).toEqual(schedule(before, 'db-vacuum'));
    expect(requests('PutTargets').map((r) => [r.input.Rule, r.input.Targets[0].EcsParameters.TaskDefinitionArn])).toEqual([
      ['nightly-report', REVISION(2)],
      ['hourly-cleanup', REVISION(2)],
      ['nightly-report', REVISION(1)],
    ]);
    expect(requests('UpdateSchedule')).toHaveLength(0);
    expect(state.services.find((s) => s.serviceName === 'web').taskDefinition).toBe(REVISION(2));
    expect(run.errors.at(-1)).toMatch(
      /^Deployed web:2 to demo\/web.*\. But moving the scheduled tasks failed: PutTargets on EventBridge rule hourly-cleanup \(event bus default\) answered FailedEntryCount 1: target cleanup: ConcurrentModificationException: Too many requests were made at the same time\. Restored what had been moved: EventBridge rule nightly-report \(event bus default, target report\) back to web:1\./,
    );
    const tasks = JSON.parse(run.outputs['scheduled-tasks']);
    expect(tasks.filter((t) => t.kind !== 'rule' || t.name !== 'weekly-digest').map((t) => [t.name, t.to, t.moved, t.note])).toEqual([
      ['nightly-report', 'web:1', false, 'moved to web:2, then restored to web:1'],
      ['hourly-cleanup', 'web:1', false, 'not moved: the write failed'],
      ['universal-report', 'web:1', false, expect.stringMatching(/^universal target/)],
      ['db-vacuum', 'web:1', false, 'not moved: moving stopped at an earlier failure'],
    ]);
    expect(run.summary).toContain('### Scheduled tasks: moving failed, what was moved is restored');
    expect(run.summary).toContain('↩️ Restored EventBridge rule nightly-report (event bus default, target report) back to web:1.');
  });

  it('a schedule that cannot be updated: both rule targets already moved are written back', async () => {
    const { run, before, state, requests } = await runScheduled(move('v2'), (scenario) => {
      scenario.scheduler.updateFailures = [{ schedule: 'db-vacuum', group: 'jobs', error: 'ConflictException', message: 'The schedule is being modified.' }];
    });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('scheduled-tasks-failed');
    expect(state.events).toEqual(before.events);
    expect(schedule(state, 'db-vacuum')).toEqual(schedule(before, 'db-vacuum'));
    expect(requests('PutTargets').map((r) => r.input.Rule)).toEqual(['nightly-report', 'hourly-cleanup', 'hourly-cleanup', 'nightly-report']);
    expect(run.errors.at(-1)).toContain('But moving the scheduled tasks failed: Could not update schedule db-vacuum of group jobs (UpdateSchedule): ConflictException: The schedule is being modified.');
  });

  it.each([
    ['reject', undefined, 'moved; its StartDate 2024-01-01T00:00:00.000Z was in the past and Scheduler refused it, so it was sent without one (a past start date does not change when it runs)'],
    ['accept', Date.parse('2024-01-01T00:00:00Z') / 1000, 'moved'],
  ])('a schedule whose StartDate is long past, UpdateSchedule set to %s it: moved either way, the StartDate kept when Scheduler takes it', async (pastStartDate, startDate, note) => {
    const { run, before, state, requests } = await runScheduled(move('v2'), (scenario) => {
      scenario.scheduler.pastStartDate = pastStartDate;
      scenario.scheduler.schedules.find((s) => s.Name === 'db-vacuum').StartDate = '2024-01-01T00:00:00Z';
    });
    expect(run.code).toBe(0);
    const { StartDate: _start, ...vacuumBefore } = schedule(before, 'db-vacuum');
    const expected = { ...vacuumBefore, ...(startDate === undefined ? {} : { StartDate: startDate }), Target: retargeted(vacuumBefore.Target, REVISION(2)) };
    expect(withoutChangeDate(schedule(state, 'db-vacuum'))).toEqual(withoutChangeDate(expected));
    expect(requests('UpdateSchedule')).toHaveLength(pastStartDate === 'reject' ? 2 : 1);
    expect(JSON.parse(run.outputs['scheduled-tasks']).find((t) => t.name === 'db-vacuum').note).toBe(note);
  });

  it('a failed deployment moves nothing, and the report still says what runs which revision', async () => {
    const { run, requests } = await runScheduled(move('v2', { 'smoke-command': 'exit 3' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('smoke-failed-rolled-back');
    expect(requests('PutTargets')).toHaveLength(0);
    expect(requests('UpdateSchedule')).toHaveLength(0);
    const tasks = JSON.parse(run.outputs['scheduled-tasks']);
    expect(tasks.find((t) => t.name === 'nightly-report')).toMatchObject({ from: 'web:1', to: 'web:1', moved: false, note: 'not moved: the smoke check failed' });
    expect(run.stdout).toContain("names the task definition family 'web' without a revision: it runs whatever revision of web is newest when it fires, verified or not (this run registered web:2, which is not verified).");
  });

  it('the EventBridge and Scheduler clients are in chunks of their own, loaded only when the phase runs', () => {
    const dir = path.dirname(ACTION);
    const holding = (name) => readdirSync(dir).filter((file) => file.endsWith('.js') && readFileSync(path.join(dir, file), 'utf8').includes(`class ${name}`));
    for (const client of ['EventBridgeClient', 'SchedulerClient']) {
      expect(holding(client)).toHaveLength(1);
      expect(holding(client)[0]).not.toBe(path.basename(ACTION));
    }
  });

  it('none: no EventBridge or Scheduler call at all, and no scheduled-tasks output', async () => {
    const { run, state } = await runScheduled(deployInputs('v2', { 'scheduled-tasks': 'none' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(state.requests.filter((r) => r.service === 'events' || r.service === 'scheduler' || EVENTS_AND_SCHEDULER.includes(r.operation))).toEqual([]);
    expect(run.outputs['scheduled-tasks']).toBeUndefined();
    expect(run.stdout).not.toContain('Scheduled tasks');
  });
});
