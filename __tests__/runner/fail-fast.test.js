/**
 * Fail-fast, by the built dist/index.js against the emulator: a stop no retry fixes ends the
 * watch and rolls back before the circuit breaker would; everything else stays with the breaker.
 */
import { describe, expect, it } from '@jest/globals';
import { IMAGE, REVISION, deployInputs, runCase } from './run-case.js';
import { runChanged } from './edges-support.js';

/** web:v9 is not in ECR; verify-images is off so the release reaches ECS, as an image from another registry would. */
const missingImage = (extra = {}) => deployInputs('v9', { 'verify-images': 'false', ...extra });
const ours = (state, run) => state.serviceDeployments.find((sd) => sd.serviceDeploymentArn === run.outputs['service-deployment-arn']);

describe('fail-fast (dist/index.js against the emulator)', () => {
  it('an image that does not exist: rolled back with StopServiceDeployment after the first stopped task, before the breaker trips', async () => {
    const { run, services, requests, state } = await runCase('failfast-image-missing', missingImage());
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.at(-1)).toMatch(
      /^Deployment of web:2 to demo\/web failed: it cannot succeed \(fail-fast\): task \w+ of web:2 stopped because the image does not exist, which no retry changes: CannotPullContainerError: .*not found\. The action rolled back to web:1, which the service runs now\.$/,
    );
    expect(requests('StopServiceDeployment').map((request) => request.input)).toEqual([{ serviceDeploymentArn: run.outputs['service-deployment-arn'], stopType: 'ROLLBACK' }]);
    const sd = ours(state, run);
    expect(sd.deploymentCircuitBreaker.status).not.toBe('TRIGGERED');
    expect(sd.deploymentCircuitBreaker.failureCount).toBeLessThan(sd.deploymentCircuitBreaker.threshold);
    const failed = state.tasks.filter((task) => task.taskDefinitionArn === REVISION(2) && task.stopCode === 'TaskFailedToStart');
    expect(failed.length).toBeLessThan(sd.deploymentCircuitBreaker.threshold);
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('fail-fast: false keeps the old behaviour: the circuit breaker trips and ECS rolls back', async () => {
    const { run, requests, state } = await runCase('failfast-image-missing', missingImage({ 'fail-fast': 'false' }));
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.at(-1)).toMatch(/circuit breaker triggered after 3 failed tasks \(threshold 3\).*ECS rolled back to web:1/);
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(ours(state, run).status).toBe('ROLLBACK_SUCCESSFUL');
  });

  it('an application that exits is not failed fast: the circuit breaker decides', async () => {
    const { run, requests, state } = await runCase('failfast-app-exit', deployInputs('v3'));
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.at(-1)).toMatch(/circuit breaker triggered.*ECS rolled back to web:1/);
    expect(run.errors.join('\n')).toContain("container 'web': exit code 1");
    expect(requests('StopServiceDeployment')).toHaveLength(0);
    expect(ours(state, run).deploymentCircuitBreaker.status).toBe('TRIGGERED');
  });

  it('a rolling deployment that flaps without tripping the breaker is failed within the window and rolled back', async () => {
    const { run, requests, state } = await runCase('failfast-flapping', deployInputs('v3', { 'wait-for-minutes': '5' }));
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'rolled-back-to': REVISION(1) });
    expect(run.errors.at(-1)).toMatch(
      /^Deployment of web:2 to demo\/web failed: it flaps \(fail-fast\): \d+ tasks of web:2 stopped for the same reason \(Essential container in task exited; web exit 1\), 3 of them within 15 minutes: as many as the circuit breaker's threshold \(3\), while tasks that had been healthy keep resetting its count; .* The action rolled back to web:1, which the service runs now\.$/,
    );
    expect(requests('StopServiceDeployment')).toHaveLength(1);
    expect(ours(state, run).deploymentCircuitBreaker.status).not.toBe('TRIGGERED');
    // The stops the verdict counts lie within the window, by ECS's own timestamps (epoch seconds).
    const stops = state.tasks.filter((task) => task.taskDefinitionArn === REVISION(2) && task.stopCode === 'EssentialContainerExited').map((task) => task.stoppingAt).sort();
    expect(stops.length).toBeGreaterThanOrEqual(3);
    expect(stops[2] - stops[0]).toBeLessThanOrEqual(15 * 60);
  });

  describe('an IAM denial is proven by a task started after the first denied one (IAM is eventually consistent)', () => {
    /** release-tasks' web:secrets image: the execution role may not read the secret. A breaker of 10 lets fail-fast speak first. */
    const secrets = (clearsAfter) => (scenario) => {
      scenario.services[0].deploymentConfiguration.deploymentCircuitBreaker.thresholdConfiguration = { type: 'COUNT', value: 10 };
      Object.assign(scenario.behaviours[`${IMAGE}:secrets`], { healthCheck: { healthyAfterSeconds: 60 } }, clearsAfter === undefined ? {} : { errorClearsAfterSeconds: clearsAfter });
    };

    it('the grant becomes visible before ECS starts the next tasks: no rollback, the deployment completes', async () => {
      const { run, requests, state } = await runChanged('release-tasks', secrets(10), deployInputs('secrets'));
      expect(run.outputs.result).toBe('deployed');
      expect(run.code).toBe(0);
      expect(requests('StopServiceDeployment')).toHaveLength(0);
      // The first tasks were denied; the action waited for more than one stop.
      expect(state.tasks.filter((task) => task.taskDefinitionArn === REVISION(2) && task.stopCode === 'TaskFailedToStart').length).toBeGreaterThan(0);
    });

    it('denied again in a task started after the first denial: failed fast, before the breaker, and the message says both', async () => {
      const { run, requests } = await runChanged('release-tasks', secrets(undefined), deployInputs('secrets'));
      expect(run.outputs).toMatchObject({ result: 'rolled-back', 'rolled-back-to': REVISION(1) });
      expect(run.errors.at(-1)).toMatch(
        /failed: it cannot succeed \(fail-fast\): task \w+ of web:2 stopped because the execution role may not read a secret or the registry credentials, and task \w+, started after it, was denied again \(IAM had time to settle\), which no retry changes: ResourceInitializationError/,
      );
      expect(requests('StopServiceDeployment')).toHaveLength(1);
    });
  });

  describe('tasks that stop together because their container instance died are not flapping', () => {
    /**
     * Six tasks of web:2 on one EC2 instance, not yet healthy, when it dies: six stops of one reason
     * are twice the breaker's threshold (3), which reads as flapping. The breaker is off (and kept
     * off), so the verdict is the action's alone.
     */
    const hostDies = (stop) => (scenario) => {
      Object.assign(scenario.services[0], { launchType: 'EC2', desiredCount: 6 });
      scenario.services[0].deploymentConfiguration.deploymentCircuitBreaker = { enable: false, rollback: false };
      scenario.behaviours[`${IMAGE}:v2`] = { startSeconds: 5, healthCheck: { healthyAfterSeconds: 90 } };
      scenario.timeline = [{ at: 0, instanceFails: { cluster: 'demo', service: 'web', whenRunning: { taskDefinition: 'web:2', count: 6 }, ...stop } }];
    };

    it.each([
      ['as field reports word it (TerminationNotice, "Host EC2 (instance ...) terminated.")', {}],
      ['with a wording that names no host (EssentialContainerExited, exit code 137): the shared instance and moment tell', { stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', exitCode: 137 }],
    ])('%s', async (_name, stop) => {
      const { run, requests, state } = await runChanged('deployed', hostDies(stop), deployInputs('v2', { 'circuit-breaker': 'keep' }));
      const died = state.tasks.filter((task) => task.taskDefinitionArn === REVISION(2) && task.desiredStatus === 'STOPPED');
      expect(died).toHaveLength(6);
      expect(new Set(died.map((task) => task.containerInstanceArn)).size).toBe(1);
      expect(run.outputs.result).toBe('deployed');
      expect(requests('StopServiceDeployment')).toHaveLength(0);
    });
  });
});
