/**
 * Verdicts a careful user expects when AWS misbehaves or other runs interfere: transient faults
 * never decide, our deployment and only ours gives the verdict, and rollbacks go to something real.
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs, runCase } from './run-case.js';

describe('true verdicts (dist/index.js against the emulator)', () => {
  it('connection resets beyond the SDK retries during the watch are retried by the watch, and the deployment is green', async () => {
    const { run, services, state } = await runCase('watch-resets', deployInputs('v2'));
    expect(run.outputs.result).toBe('deployed');
    expect(run.code).toBe(0);
    expect(services.web.taskDefinition).toBe(REVISION(2));
    // The SDK's own three attempts were not always enough: the watch looked again itself.
    expect(run.stdout).toMatch(/ECS answered \S+ \(.*\); looking again in/);
    expect(state.requests.some((request) => request.errorType === 'ConnectionReset')).toBe(true);
  });

  it('an UpdateService answer that names no service deployment: ours is found by revision and time, and only its status decides', async () => {
    const { run, requests } = await runCase('update-names-no-deployment', deployInputs('v2'));
    expect(run.outputs.result).toBe('deployed');
    expect(run.stdout).toMatch(/Our service deployment: arn:aws:ecs:us-east-1:123456789012:service-deployment\/demo\/web\//);
    expect(run.outputs['service-deployment-arn']).toBe(run.stdout.match(/Our service deployment: (\S+)/)[1]);
    expect(requests('ListServiceDeployments').length).toBeGreaterThan(0);
    expect(requests('DescribeServiceRevisions').length).toBeGreaterThan(0);
  });

  it("two runs deploying at once: each watches its own deployment, and the one replaced never reports the other's as green", async () => {
    // Forced, not hoped for: the second run starts once the first has found its deployment, and
    // that deployment (v2) can never finish on its own (two-runs.json), so the two always overlap.
    const { runs, services } = await runCase('two-runs', [deployInputs('v2'), deployInputs('v3')], { overlapOn: /Our service deployment: / });
    const [loser, winner] = runs;
    expect(winner.outputs.result).toBe('deployed');
    expect(loser.outputs.result).toBe('superseded');
    expect(services.web.taskDefinition).toBe(winner.outputs['task-definition-arn']);
    expect(winner.outputs['task-definition-arn']).toBe(REVISION(3));
    expect(loser.code).toBe(1);
    expect(loser.outputs['service-deployment-arn']).not.toBe(winner.outputs['service-deployment-arn']);
    expect(loser.errors.at(-1)).toMatch(/^Superseded: another deployment .* replaced the deployment of web:2 to demo\/web/);
  });

  it.each([['history-oldest-first'], ['history-shuffled']])(
    "rollback-to previous reads every page of ListServiceDeployments and orders by time itself (%s)",
    async (scenario) => {
      const rollback = { mode: 'rollback', cluster: 'demo', service: 'web', 'rollback-to': 'previous', 'poll-interval-seconds': '0.3' };
      const { runs, services, requests } = await runCase(scenario, [deployInputs('v2'), deployInputs('v3'), rollback], { sequential: true });
      expect(runs.map((run) => run.outputs.result)).toEqual(['deployed', 'deployed', 'deployed']);
      // web:3 runs; the newest successful deployment of another revision is web:2, not web:1.
      expect(runs[2].outputs['task-definition-arn']).toBe(REVISION(2));
      expect(services.web.taskDefinition).toBe(REVISION(2));
      expect(requests('ListServiceDeployments').filter((request) => request.input.status?.includes('SUCCESSFUL')).length).toBeGreaterThan(1);
    },
  );

  it('a failed rollback after a failed smoke check is not rolled back in turn, and the final error names the revision the service is left on', async () => {
    const { run, services, requests } = await runCase('smoke-rollback-fails', deployInputs('v2', { 'smoke-command': 'healthcheck' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('smoke-failed');
    // Our deployment, then the one rollback: nothing rolls the rollback back.
    expect(requests('UpdateService')).toHaveLength(2);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    const last = run.errors.at(-1);
    expect(last).toMatch(/^FAILED and NOT rolled back: the smoke check failed on/);
    // ECS's circuit breaker rolled the failed rollback back to the last completed deployment, web:2.
    expect(services.web.taskDefinition).toBe(REVISION(2));
    expect(last).toContain('ECS rolled back to web:2, which the service runs now.');
  });
});

describe('cancellation starts nothing and tells the truth (dist/index.js against the emulator)', () => {
  it('cancelled during the smoke check: no rollback is started, and the revision is reported deployed but unverified', async () => {
    const { run, services, requests } = await runCase('deployed', deployInputs('v2', { 'smoke-command': 'sleep 20' }), {
      signalOnLog: /running the smoke command/,
    });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(requests('UpdateService')).toHaveLength(1);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(services.web.taskDefinition).toBe(REVISION(2));
    expect(run.errors.at(-1)).toMatch(
      /^Cancelled during the smoke check: arn:aws:ecs:us-east-1:123456789012:task-definition\/web:2 was deployed but is not verified, and the action started no rollback\. The service runs web:2 \(running 2\/2/,
    );
  });

  it('cancelled while following its own rollback: says a rollback is in flight with nobody watching, and starts nothing more', async () => {
    const { run, requests } = await runCase('timed-out', deployInputs('v2', { 'wait-for-minutes': '0.05' }), {
      signalOnLog: /Rolling back: StopServiceDeployment/,
    });
    expect(run.code).toBe(1);
    expect(requests('StopServiceDeployment')).toHaveLength(1);
    expect(requests('UpdateService')).toHaveLength(1);
    const last = run.errors.at(-1);
    expect(last).toMatch(/^Cancelled while following the rollback of web:2 to demo\/web; the action started nothing after the cancel\./);
    expect(last).toContain('A rollback is in flight and nobody is watching it now.');
  });
});
