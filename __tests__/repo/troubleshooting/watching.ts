/**
 * The watch of one deployment (web:8 to demo/web in eu-west-1, replacing web:7) over ECS answers
 * a scenario scripts, from the recorded-looking answers in __fixtures__/watch: the verdicts the
 * action prints come from the code that words them, not from this file. The clock is fake, so a
 * watch of minutes ends at once.
 */
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type ContainerImage,
  type Service,
  type ServiceDeployment,
  type Task,
} from '@aws-sdk/client-ecs';
import { FakeClock } from '../../../__fixtures__/fake-clock.js';
import { loadFixture, SD_OLD, SD_OURS, TD7, TD8, UPDATED_AT } from '../../../__fixtures__/watch/load.js';
import { watchDeployment, type WatchGates } from '../../../src/rollback/guarded-watch.js';
import type { SmokeOutcome } from '../../../src/report/types.js';
import { ecs, ecsClient } from './support.js';

export { SD_OURS, TD7, TD8 };
export const WATCHED_REGION = 'eu-west-1';
/** Our deployment's id in deployments[]: ECS sets it as startedBy on the tasks it starts. */
export const OUR_DEPLOYMENT_ID = 'ecs-svc/2222222222222222222';
const REVISION_OURS = 'arn:aws:ecs:eu-west-1:123456789012:service-revision/demo/web/4021234567890123456';
const stalled = loadFixture('stalled');
/** A later deployment of web:9, whose check failed once it completed: the action then redeploys web:8. */
export const TD9 = TD8.replace(':8', ':9');
export const SD9 = 'arn:aws:ecs:eu-west-1:123456789012:service-deployment/demo/web/Cur9Rr8Ss7Tt6Uu5Vv4Ww';

/** ECS as it answers the action's redeploy of web:8 over web:9 (UpdateService, then a watch to SUCCESSFUL): __fixtures__/watch/success.json. */
export function redeployOfWeb8(): void {
  const success = loadFixture('success');
  const web9 = { ...success.polls[2].describeServices.services[0], taskDefinition: TD9, currentServiceDeployment: SD9 };
  ecs.on(DescribeServicesCommand).resolvesOnce({ services: [web9] }).resolvesOnce(success.polls[0].describeServices).resolves(success.polls[2].describeServices);
  ecs.on(UpdateServiceCommand).resolves(success.updateService);
  ecs.on(ListServiceDeploymentsCommand).resolves(loadFixture('list-service-deployments').answer);
  ecs.on(DescribeServiceRevisionsCommand).resolves({ serviceRevisions: [{ serviceRevisionArn: REVISION_OURS, taskDefinition: TD8 }] });
  ecs.on(DescribeServiceDeploymentsCommand).resolvesOnce(success.polls[0].describeServiceDeployments).resolves(success.polls[2].describeServiceDeployments);
}

/** The context of web:9's completed deployment to demo/web, for the phases after it (a failed check's rollback). */
export function afterWeb9(rollbackOnFailure: boolean, report: Record<string, unknown> = {}) {
  const inputs = { cluster: 'demo', service: 'web', rollbackOnFailure, waitForMinutes: 30, pollIntervalSeconds: 5, failFast: true, logLines: 30, maxAttempts: 3 };
  return {
    inputs,
    report: { taskDefinitionArn: TD9, previousTaskDefinitionArn: TD8, serviceDeploymentArn: SD9, events: [], timeline: [], explanation: [], sentence: '', ...report },
    clients: { ecs: ecsClient(WATCHED_REGION), region: WATCHED_REGION },
    clock: new FakeClock(UPDATED_AT.getTime()),
    signal: new AbortController().signal,
  };
}

/** What ECS shows of the service and our service deployment at one moment. */
export interface Shown {
  service: Service;
  serviceDeployment: ServiceDeployment;
}

/** Our deployment completed: web:8 runs 2 of 2 tasks, its service deployment SUCCESSFUL. */
export function completed(): Shown {
  const last = loadFixture('success').polls[2];
  return { service: last.describeServices.services[0], serviceDeployment: last.describeServiceDeployments.serviceDeployments[0] };
}

/** Our deployment in progress: 2 tasks pending, the circuit breaker at `failures`. */
export function inProgress(failures = 0): Shown {
  const shown: Shown = { service: structuredClone(stalled.stalled.describeServices.services[0]), serviceDeployment: structuredClone(stalled.stalled.describeServiceDeployments.serviceDeployments[0]) };
  shown.serviceDeployment.deploymentCircuitBreaker!.failureCount = failures;
  return shown;
}

/** Our deployment rolling back (`step` 0) or rolled back to web:7 (`step` 1), as StopServiceDeployment ROLLBACK leaves it. */
export function rollingBack(step: 0 | 1): Shown {
  const poll = stalled.rollback[step];
  return { service: poll.describeServices.services[0], serviceDeployment: poll.describeServiceDeployments.serviceDeployments[0] };
}

/** Our BLUE_GREEN deployment waiting at a PAUSE hook at POST_TEST_TRAFFIC_SHIFT, before any production traffic. */
export function paused(hookStatus = 'AWAITING_ACTION', timeoutAction: 'ROLLBACK' | 'CONTINUE' = 'ROLLBACK'): Shown {
  const shown = inProgress();
  const configuration = { strategy: 'BLUE_GREEN' as const, bakeTimeInMinutes: 10, lifecycleHooks: [{ targetType: 'PAUSE' as const, lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT' as const], timeoutConfiguration: { timeoutInMinutes: 60, action: timeoutAction } }] };
  shown.service.deploymentConfiguration = configuration;
  Object.assign(shown.serviceDeployment, {
    deploymentConfiguration: configuration,
    lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
    lifecycleHookDetails: [{ hookId: 'ecs-pause-7f3c2a1b', targetType: 'PAUSE', status: hookStatus, expiresAt: new Date('2026-03-02T11:00:01.000Z'), timeoutAction }],
  });
  shown.serviceDeployment.targetServiceRevision!.requestedProductionTrafficWeight = 0;
  shown.serviceDeployment.targetServiceRevision!.requestedTestTrafficWeight = 100;
  return shown;
}

export interface Scenario {
  /** What ECS shows now; `clock.sleeps.length` is the number of polls so far. */
  shows(clock: FakeClock): Shown;
  /** Our revision's stopped tasks, as ListTasks and DescribeTasks answer. */
  stoppedTasks?: Task[];
  /** Its RUNNING tasks, and the images ECS resolved for the deployment (DescribeServiceRevisions). */
  runningTasks?: Task[];
  containerImages?: ContainerImage[];
  /** A ContinueServiceDeployment (its action) or StopServiceDeployment ('stop ROLLBACK') was accepted. */
  answered?(action: string, clock: FakeClock): void;
  /** What ContinueServiceDeployment answers instead of accepting the answer. */
  continueRefused?: Error;
  rollbackOnFailure?: boolean;
  failFast?: boolean;
  gates?: WatchGates;
  timeoutMs?: number;
  /** Our service deployment never appears in ListServiceDeployments. */
  neverListed?: boolean;
}

export async function watchScenario(scenario: Scenario) {
  const clock = new FakeClock(UPDATED_AT.getTime());
  ecs.on(DescribeServicesCommand).callsFake(async () => ({ services: [scenario.shows(clock).service], failures: [] }));
  ecs.on(DescribeServiceDeploymentsCommand).callsFake(async () => ({ serviceDeployments: [scenario.shows(clock).serviceDeployment], failures: [] }));
  const listed = loadFixture('list-service-deployments').answer;
  ecs.on(ListServiceDeploymentsCommand).resolves(scenario.neverListed ? { serviceDeployments: listed.serviceDeployments.filter((sd: ServiceDeployment) => sd.serviceDeploymentArn !== SD_OURS && !sd.status?.startsWith('IN')) } : listed);
  ecs.on(DescribeServiceRevisionsCommand).resolves({ serviceRevisions: [{ serviceRevisionArn: REVISION_OURS, taskDefinition: TD8, containerImages: scenario.containerImages }] });
  const stopped = scenario.stoppedTasks ?? [];
  const running = scenario.runningTasks ?? [];
  ecs.on(ListTasksCommand).callsFake(async (input: { desiredStatus?: string }) => ({ taskArns: (input.desiredStatus === 'RUNNING' ? running : stopped).map((task) => task.taskArn!) }));
  ecs.on(DescribeTasksCommand).callsFake(async (input: { tasks: string[] }) => ({ tasks: [...running, ...stopped].filter((task) => input.tasks.includes(task.taskArn!)) }));
  for (const command of [ContinueServiceDeploymentCommand, StopServiceDeploymentCommand] as const) {
    ecs.on(command as typeof StopServiceDeploymentCommand).callsFake(async (input: { action?: string; stopType?: string }) => {
      if (input.action && scenario.continueRefused) throw scenario.continueRefused;
      scenario.answered?.(input.action ?? `stop ${input.stopType}`, clock);
      return { serviceDeploymentArn: SD_OURS };
    });
  }
  const update = stalled.updateService.service as Service;
  return watchDeployment(
    ecsClient(WATCHED_REGION),
    { cluster: 'demo', service: 'web', taskDefinitionArn: TD8, previousTaskDefinitionArn: TD7, updatedAt: UPDATED_AT, updateResponse: scenario.neverListed ? { ...update, currentServiceDeployment: undefined } : update, previousServiceDeploymentArn: SD_OLD },
    { timeoutMs: scenario.timeoutMs ?? 30 * 60_000, pollIntervalMs: 5_000, rollbackOnFailure: scenario.rollbackOnFailure ?? true, failFast: scenario.failFast ?? true, clock },
    false,
    scenario.gates,
  );
}

/** A smoke check of one green task that exited with `exitCode`, as the check reports it. */
export function smokeOf(exitCode: number, output = ''): SmokeOutcome {
  const task = { taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/demo/4b1e0f8d2c3a4e5f9a8b7c6d5e4f3a2b', container: 'web', durationMs: 1_800, output, attempts: 1 };
  return { passed: exitCode === 0, command: 'curl -fsS localhost:8080/healthz', tasks: [{ ...task, exitCode, passed: exitCode === 0, reason: `exit status ${exitCode}` }] };
}
