/**
 * Finding our service deployment on AWS's clock, not the runner's (dist/index.js against the
 * emulator): a runner clock ten minutes ahead of AWS or behind it, and a ListServiceDeployments
 * that shows a new deployment late, still find ours, so the gate at the PAUSE hook and fail-fast
 * work; the watch never settles for deployments[].rolloutState.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs } from './run-case.js';
import { runChanged } from './edges-support.js';

const TEN_MINUTES = 600;
const POLL_SECONDS = 0.3;
/** A loaded machine may answer late; a clock mixed up with the other would be ten minutes off. */
const SLACK_SECONDS = 5;
const ourDeployment = (state) => state.serviceDeployments.find((sd) => sd.targetServiceRevision.arn && state.serviceRevisions.find((r) => r.serviceRevisionArn === sd.targetServiceRevision.arn)?.taskDefinition === REVISION(2));

/**
 * The deploy timings measured on one clock: phases that meet and add up to the wall time, none
 * negative or longer than the run; ECS's part on AWS's clock (from the service deployment's
 * createdAt to its finishedAt), the wall time the runner's (the emulator's own measure of the run,
 * plus the watch's last poll).
 */
function expectTimingsOnOneClock(run, state) {
  const timings = JSON.parse(run.outputs['deploy-timings']);
  expect(timings).toMatchObject({ outcome: 'deployed', strategy: 'BLUE_GREEN' });
  timings.phases.slice(1).forEach((phase, i) => expect(phase.startedAt).toBe(timings.phases[i].endedAt));
  expect(timings.phases[0].startedAt).toBe(timings.startedAt);
  expect(timings.phases.at(-1).endedAt).toBe(timings.endedAt);
  const sum = timings.phases.reduce((total, phase) => total + phase.seconds, 0);
  expect(Math.abs(sum - timings.wallSeconds)).toBeLessThan(0.01);
  for (const phase of timings.phases) {
    expect(phase.seconds).toBeGreaterThan(0);
    expect(phase.seconds).toBeLessThanOrEqual(timings.wallSeconds);
  }
  const sd = ourDeployment(state);
  const [update, verdict] = [timings.phases[0], timings.phases.at(-1)];
  expect(update.phase).toBe('update');
  expect(Math.abs(Date.parse(update.endedAt) / 1000 - sd.createdAt)).toBeLessThan(0.002);
  expect(verdict.phase).toBe('verdict');
  expect(Math.abs(Date.parse(verdict.startedAt) / 1000 - sd.finishedAt)).toBeLessThan(0.002);
  const measured = (sd.statusHistory.find((entry) => entry.status === 'SUCCESSFUL').wallMs - state.requests[0].wallMs) / 1000;
  expect(timings.wallSeconds).toBeGreaterThanOrEqual(measured);
  expect(timings.wallSeconds - measured).toBeLessThan(POLL_SECONDS + SLACK_SECONDS);
}

describe("our service deployment is found on AWS's clock (dist/index.js against the emulator)", () => {
  it.each([
    ['ahead of AWS', -TEN_MINUTES],
    ['behind AWS', TEN_MINUTES],
  ])('a runner clock ten minutes %s: ours is found, the smoke check runs at the pause, service events are printed, and the deploy timings are measured', async (_name, offset) => {
    const { run, state, requests } = await runChanged(
      'bg-pause',
      (scenario) => (scenario.awsClockOffsetSeconds = offset),
      deployInputs('v2', { 'smoke-command': 'healthcheck' }),
    );
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(run.outputs['service-deployment-arn']).toBe(ourDeployment(state).serviceDeploymentArn);
    expect(run.stdout).toContain(`Our service deployment: ${ourDeployment(state).serviceDeploymentArn}`);
    expect(requests('ContinueServiceDeployment').map((request) => request.input.action)).toEqual(['CONTINUE']);
    expect(run.stdout).not.toContain('falls back to deployments[].rolloutState');
    // Events carry AWS's time: printed whichever way the runner's clock is off.
    expect(run.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}\(service web\) \(deployment ecs-svc\/\d+\) deployment completed\.$/m);
    expectTimingsOnOneClock(run, state);
  });

  it('a ListServiceDeployments that lists the new deployment only after a few seconds: the search keeps looking, and the gate works', async () => {
    const { run, state, requests } = await runChanged(
      'bg-pause',
      (scenario) => (scenario.undocumented = { updateServiceCurrentServiceDeployment: false, listServiceDeploymentsLagSeconds: 300 }),
      deployInputs('v2', { 'smoke-command': 'healthcheck' }),
    );
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(run.outputs['service-deployment-arn']).toBe(ourDeployment(state).serviceDeploymentArn);
    expect(requests('ContinueServiceDeployment').map((request) => request.input.action)).toEqual(['CONTINUE']);
    // The scripted lag is 5 real seconds: several looks came back without ours first.
    const lists = requests('ListServiceDeployments').filter((request) => request.input.createdAt?.after !== undefined);
    expect(lists.length).toBeGreaterThan(3);
  });

  it('fail-fast with a runner clock ten minutes ahead of AWS: the stopped tasks are still known as ours', async () => {
    const { run, requests, services } = await runChanged(
      'failfast-image-missing',
      (scenario) => (scenario.awsClockOffsetSeconds = -TEN_MINUTES),
      deployInputs('v9', { 'verify-images': 'false' }),
    );
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.at(-1)).toMatch(/failed: it cannot succeed \(fail-fast\): task \w+ of web:2 stopped because the image does not exist/);
    expect(requests('StopServiceDeployment').map((request) => request.input.serviceDeploymentArn)).toEqual([run.outputs['service-deployment-arn']]);
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });
});

describe('an update that starts no deployment (dist/index.js against the emulator)', () => {
  it('the unchanged revision without force-new-deployment: the current service deployment gives the verdict at once', async () => {
    const { run, state, requests } = await runChanged('deployed', () => {}, deployInputs('v1', { 'force-new-deployment': 'false' }));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(run.outputs['task-definition-arn']).toBe(REVISION(1));
    expect(requests('UpdateService')).toHaveLength(1);
    expect(state.serviceDeployments).toHaveLength(1);
    expect(run.outputs['service-deployment-arn']).toBe(state.serviceDeployments[0].serviceDeploymentArn);
    expect(run.stdout).toMatch(/UpdateService started no new deployment: web:1 was already the service's PRIMARY deployment \(ecs-svc\/\d+\), so the verdict is that of its service deployment arn:/);
    expect(requests('ListServiceDeployments')).toHaveLength(0);
    // No deployment of ours to chart: no task read, and nothing of another deployment's charted as ours.
    const timings = JSON.parse(run.outputs['deploy-timings']);
    expect(timings).toMatchObject({ requests: 0, tasks: [], notes: [expect.stringContaining('ECS started no new deployment for this update')] });
    expect(timings.phases.map((phase) => phase.phase)).toEqual(['update', 'verdict']);
  });
});
