/**
 * The watcher over recorded-looking DescribeServices / DescribeServiceDeployments sequences:
 * every verdict, the moment it is decided, and the exact rollback requests sent.
 */
import { jest, describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import {
  ECSClient,
  DescribeServicesCommand,
  DescribeServiceDeploymentsCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ListTasksCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type ECSClientResolvedConfig,
} from '@aws-sdk/client-ecs';
import * as core from '../../__fixtures__/core.js';
import { FakeClock } from '../../__fixtures__/fake-clock.js';
import { loadFixture, SD_OLD, SD_OURS, TD7, TD8, UPDATED_AT } from '../../__fixtures__/watch/load.js';

jest.unstable_mockModule('@actions/core', () => core);
const { watchDeployment } = await import('../../src/rollback/guarded-watch.js');

type EcsMock = AwsStub<ServiceInputTypes, ServiceOutputTypes, ECSClientResolvedConfig>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded answers
type Answer = any;

const POLL_MS = 5_000;
const awsError = (name: string, message: string, status = 400): Error =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

let ecs: EcsMock;
let clock: FakeClock;

beforeEach(() => {
  ecs = mockClient(ECSClient);
  clock = new FakeClock(UPDATED_AT.getTime());
});
afterEach(() => ecs.restore());

/**
 * Recorded answers by poll: a call belongs to the poll numbered by the sleeps before it, so a
 * poll may read either API (the request budget picks) and still see one consistent state. Past
 * the recording, an error, so an unexpected extra poll cannot pass unnoticed.
 */
function answers(command: typeof DescribeServicesCommand | typeof DescribeServiceDeploymentsCommand, sequence: Array<Answer | Error>): void {
  if (command === DescribeServicesCommand && !deploymentsApi) return inOrder(command, sequence);
  ecs.on(command as typeof DescribeServicesCommand).callsFake(async () => {
    const answer = sequence[clock.sleeps.length] ?? awsError('TestFixtureExhausted', `no recorded ${command.name} answer for poll ${clock.sleeps.length}`);
    if (answer instanceof Error) throw answer;
    return answer;
  });
}

/** Without the Service Deployments API every poll reads DescribeServices once, so answers go in call order, as a rollback's new watch needs. */
function inOrder(command: typeof DescribeServicesCommand, sequence: Array<Answer | Error>): void {
  let behaviour = ecs.on(command);
  for (const answer of sequence) behaviour = answer instanceof Error ? behaviour.rejectsOnce(answer) : behaviour.resolvesOnce(answer);
  behaviour.rejects(awsError('TestFixtureExhausted', `no more recorded ${command.name} answers`));
}

let deploymentsApi = true;

interface Run {
  fixture: Answer;
  describeServices: Array<Answer | Error>;
  /** Undefined: the Service Deployments API is denied. */
  describeServiceDeployments?: Array<Answer | Error>;
  previous?: string;
  timeoutMs?: number;
  rollbackOnFailure?: boolean;
  failFast?: boolean;
  signal?: AbortSignal;
}

/** Our revision, and one of a later deployment someone else started (list-service-deployments.json). */
const REVISION_OURS = 'arn:aws:ecs:eu-west-1:123456789012:service-revision/demo/web/4021234567890123456';
const REVISION_LATER = 'arn:aws:ecs:eu-west-1:123456789012:service-revision/demo/web/4027777777777777777';
const TD9 = TD8.replace(':8', ':9');

/** ListServiceDeployments and DescribeServiceRevisions as ECS answers them after our update. */
function identifiable(): void {
  ecs.on(ListServiceDeploymentsCommand).resolves(loadFixture('list-service-deployments').answer);
  const revisions: Record<string, string> = { [REVISION_OURS]: TD8, [REVISION_LATER]: TD9 };
  ecs.on(DescribeServiceRevisionsCommand).callsFake((input: { serviceRevisionArns: string[] }) => ({
    serviceRevisions: input.serviceRevisionArns.map((arn) => ({ serviceRevisionArn: arn, taskDefinition: revisions[arn] })),
  }));
}

async function watch(run: Run) {
  deploymentsApi = run.describeServiceDeployments !== undefined;
  answers(DescribeServicesCommand, run.describeServices);
  if (run.describeServiceDeployments) {
    answers(DescribeServiceDeploymentsCommand, run.describeServiceDeployments);
    identifiable();
  } else {
    const denied = awsError('AccessDeniedException', 'User: arn:aws:sts::123456789012:assumed-role/deployer/gha is not authorized to perform: ecs:DescribeServiceDeployments');
    ecs.on(DescribeServiceDeploymentsCommand).rejects(denied);
    ecs.on(ListServiceDeploymentsCommand).rejects(denied);
  }
  ecs.on(ListTasksCommand).resolves(run.fixture.listTasks ?? { taskArns: [] });
  ecs.on(DescribeTasksCommand).resolves(run.fixture.describeTasks ?? { tasks: [] });
  const updateResponse = run.fixture.updateService.service;
  return watchDeployment(
    new ECSClient({ region: 'eu-west-1' }),
    {
      cluster: 'demo',
      service: 'web',
      taskDefinitionArn: TD8,
      previousTaskDefinitionArn: run.previous,
      updatedAt: UPDATED_AT,
      updateResponse: run.describeServiceDeployments ? updateResponse : { ...updateResponse, currentServiceDeployment: undefined },
      previousServiceDeploymentArn: SD_OLD,
    },
    { timeoutMs: run.timeoutMs ?? 600_000, pollIntervalMs: POLL_MS, rollbackOnFailure: run.rollbackOnFailure ?? true, failFast: run.failFast, clock, signal: run.signal },
  );
}

const polls = (name: string) => loadFixture(name).polls as Array<{ describeServices: Answer; describeServiceDeployments: Answer }>;
const servicesOf = (name: string) => polls(name).map((poll) => poll.describeServices);
const deploymentsOf = (name: string) => polls(name).map((poll) => poll.describeServiceDeployments);
const describeServicesCalls = () => ecs.commandCalls(DescribeServicesCommand).length;
const describeServiceDeploymentsCalls = () => ecs.commandCalls(DescribeServiceDeploymentsCommand).length;

describe('watchDeployment verdicts', () => {
  // reads: [DescribeServices, DescribeServiceDeployments] calls over the whole watch.
  const cases = [
    {
      name: 'a clean rollout is deployed on the poll that shows SUCCESSFUL',
      fixture: 'success',
      sdApi: true,
      verdict: 'deployed',
      sentence: 'Deployed web:8 to demo/web: 2 of 2 tasks running.',
      // first poll both (identifying), then DescribeServiceDeployments only, and DescribeServices once to complete the verdict
      reads: [2, 3],
      polls: 3,
      rolledBackTo: undefined,
      stops: 0,
    },
    {
      name: 'the circuit breaker with ECS rollback is followed to ROLLBACK_SUCCESSFUL',
      fixture: 'circuit-breaker-rollback',
      sdApi: true,
      verdict: 'rolled-back',
      sentence: 'Deployment of web:8 to demo/web failed: the deployment circuit breaker triggered after 3 failed tasks (threshold 3). ECS rolled back to web:7, which the service runs now.',
      // the failure and the rollback's end are each completed with one DescribeServices read
      reads: [3, 5],
      polls: 5,
      rolledBackTo: TD7,
      stops: 0,
    },
    {
      name: 'the same sequence without the Service Deployments API is judged from rolloutState',
      fixture: 'circuit-breaker-rollback',
      sdApi: false,
      verdict: 'rolled-back',
      sentence: 'Deployment of web:8 to demo/web failed: the rollout failed: ECS deployment circuit breaker: tasks failed to start. ECS rolled back to web:7, which the service runs now.',
      // without the API, DescribeServices every poll
      reads: [5, 0],
      polls: 5,
      rolledBackTo: TD7,
      stops: 0,
    },
    {
      name: 'a breaker without rollback is rolled back by the action',
      fixture: 'breaker-without-rollback',
      sdApi: true,
      verdict: 'rolled-back',
      sentence: 'Deployment of web:8 to demo/web failed: the deployment circuit breaker triggered after 3 failed tasks (threshold 3). The action rolled back to web:7, which the service runs now.',
      // one read of both before the StopServiceDeployment, to be sure the service is still ours
      reads: [4, 5],
      polls: 4,
      rolledBackTo: TD7,
      stops: 1,
    },
    {
      name: 'a concurrent deployment supersedes ours',
      fixture: 'superseded',
      sdApi: true,
      verdict: 'superseded',
      sentence:
        "Superseded: another deployment (web:9, ecs-svc/4444444444444444444) replaced the deployment of web:8 to demo/web before it finished; the action does not roll back someone else's deployment.",
      reads: [2, 2],
      polls: 2,
      rolledBackTo: undefined,
      stops: 0,
    },
  ];

  it.each(cases)('$name', async (c) => {
    const fixture = loadFixture(c.fixture);
    const outcome = await watch({
      fixture,
      previous: TD7,
      describeServices: servicesOf(c.fixture),
      describeServiceDeployments: c.sdApi ? deploymentsOf(c.fixture) : undefined,
    });
    expect(outcome.verdict).toBe(c.verdict);
    expect(outcome.sentence).toBe(c.sentence);
    expect(outcome.rolledBackTo).toBe(c.rolledBackTo);
    expect([describeServicesCalls(), describeServiceDeploymentsCalls()]).toEqual(c.reads);
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(c.stops);
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(outcome.serviceDeploymentArn).toBe(c.sdApi ? SD_OURS : undefined);
    expect(clock.sleeps).toEqual(Array(c.polls - 1).fill(POLL_MS));
  });
});

describe('watchDeployment failure detection', () => {
  it('reports a circuit-breaker failure on the first poll that shows TRIGGERED, before the rollback completes', async () => {
    const seenAt: number[] = [];
    core.error.mockImplementation(() => seenAt.push(clock.sleeps.length + 1));
    const outcome = await watch({
      fixture: loadFixture('circuit-breaker-rollback'),
      previous: TD7,
      describeServices: servicesOf('circuit-breaker-rollback'),
      describeServiceDeployments: deploymentsOf('circuit-breaker-rollback'),
    });
    expect(seenAt[0]).toBe(3);
    const explanation = String(core.error.mock.calls[0][0]);
    expect(explanation).toContain('3 tasks of web:8 stopped (EssentialContainerExited): Essential container in task exited');
    expect(explanation).toContain(
      "container 'app': exit code 137 (killed with SIGKILL, possibly out of memory), reason: OutOfMemoryError: Container killed due to memory usage (3 tasks)",
    );
    expect(explanation).not.toContain('ServiceSchedulerInitiated');
    expect(explanation).toContain('deployment ecs-svc/2222222222222222222 deployment failed: tasks failed to start.');
    expect(outcome.explanation).toEqual(explanation.split('\n'));
    expect(outcome.timeline.map((entry) => [entry.label, entry.at.toISOString()])).toEqual([
      ['Deployment started', '2026-03-02T10:00:00.000Z'],
      ['Failure detected', '2026-03-02T10:00:10.000Z'],
      ['Rollback started (ECS)', '2026-03-02T10:00:15.000Z'],
      ['Finished', '2026-03-02T10:00:20.000Z'],
    ]);
    expect(ecs.commandCalls(ListTasksCommand)[0].args[0].input).toEqual({ cluster: 'demo', serviceName: 'web', desiredStatus: 'STOPPED', nextToken: undefined });
  });

  it('sends StopServiceDeployment ROLLBACK for a breaker without rollback, right after the failure poll', async () => {
    const fixture = 'breaker-without-rollback';
    await watch({ fixture: loadFixture(fixture), previous: TD7, describeServices: servicesOf(fixture), describeServiceDeployments: deploymentsOf(fixture) });
    const stops = ecs.commandCalls(StopServiceDeploymentCommand);
    expect(stops.map((call) => call.args[0].input)).toEqual([{ serviceDeploymentArn: SD_OURS, stopType: 'ROLLBACK' }]);
    // The failure poll, then the read that makes sure the service is still ours, then the write.
    expect(stops[0].calledAfter(ecs.commandCalls(DescribeServicesCommand)[2])).toBe(true);
    expect(stops[0].calledBefore(ecs.commandCalls(DescribeServicesCommand)[3])).toBe(true);
  });

  it('fails a first deployment with nothing to roll back to, and says so', async () => {
    const fixture = 'first-deployment';
    const outcome = await watch({ fixture: loadFixture(fixture), describeServices: servicesOf(fixture), describeServiceDeployments: deploymentsOf(fixture) });
    expect(outcome.verdict).toBe('failed');
    expect(outcome.sentence).toBe(
      "Deployment of web:8 to demo/web failed: the deployment circuit breaker triggered after 3 failed tasks (threshold 3). Nothing to roll back to (this was the service's first deployment), so the service stays on web:8 (running 0/2, pending 0, failed tasks 3).",
    );
    expect(outcome.explanation[1]).toBe(
      '2 tasks of web:8 stopped (TaskFailedToStart): CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:8f3a2c1: not found [6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d, 0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a]',
    );
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0);
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(describeServicesCalls()).toBe(2);
  });

  it('rolls back with UpdateService to the previous revision when StopServiceDeployment cannot be used, and watches that', async () => {
    const fixture = 'breaker-without-rollback';
    const services = servicesOf(fixture);
    ecs.on(UpdateServiceCommand).resolves({ service: services[2].services[0] });
    // The read before the rollback write sees what the failure poll saw: the service is still ours.
    const outcome = await watch({ fixture: loadFixture(fixture), previous: TD7, describeServices: [services[0], services[1], services[1], ...services.slice(2)] });
    expect(ecs.commandCalls(UpdateServiceCommand).map((call) => call.args[0].input)).toEqual([
      { cluster: 'demo', service: 'web', taskDefinition: TD7, forceNewDeployment: true },
    ]);
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0);
    expect(outcome.verdict).toBe('rolled-back');
    expect(outcome.rolledBackTo).toBe(TD7);
    expect(outcome.sentence).toBe(
      'Deployment of web:8 to demo/web failed: the rollout failed: ECS deployment circuit breaker: tasks failed to start. The action rolled back to web:7, which the service runs now.',
    );
    expect(outcome.timeline.map((entry) => entry.label)).toEqual([
      'Deployment started',
      'Failure detected',
      'Rollback started (UpdateService)',
      'Rollback: finished',
      'Finished',
    ]);
  });

  it('with rollback-on-failure off, leaves a breaker-without-rollback failure in place', async () => {
    const fixture = 'breaker-without-rollback';
    const outcome = await watch({
      fixture: loadFixture(fixture),
      previous: TD7,
      rollbackOnFailure: false,
      describeServices: servicesOf(fixture).slice(0, 2),
      describeServiceDeployments: deploymentsOf(fixture).slice(0, 2),
    });
    expect(outcome.verdict).toBe('failed');
    expect(outcome.sentence).toContain('rollback-on-failure is off, so the service stays on web:8');
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0);
  });

  it('says loudly which revision the service is on when the rollback fails', async () => {
    const fixture = 'rollback-failed';
    const outcome = await watch({ fixture: loadFixture(fixture), previous: TD7, describeServices: servicesOf(fixture), describeServiceDeployments: deploymentsOf(fixture) });
    expect(outcome.verdict).toBe('failed');
    expect(outcome.sentence).toContain(
      'The rollback failed too (Service deployment rolled back failed because the rollback tasks failed to start.): the service is on web:7 (running 0/2, pending 0, failed tasks 3).',
    );
    expect(core.error).toHaveBeenCalledWith(expect.stringMatching(/^ROLLBACK FAILED: service demo\/web is on task definition arn:aws:ecs:eu-west-1:123456789012:task-definition\/web:7 /));
    expect(outcome.rolledBackTo).toBeUndefined();
  });
});

describe('watchDeployment when the Service Deployments API is denied', () => {
  it('falls back to rolloutState and says so once, naming the permissions', async () => {
    const fixture = 'circuit-breaker-rollback';
    await watch({ fixture: loadFixture(fixture), previous: TD7, describeServices: servicesOf(fixture) });
    const warnings = core.warning.mock.calls.map((call) => String(call[0])).filter((text) => text.includes('Service Deployments API'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('ecs:ListServiceDeployments and ecs:DescribeServiceDeployments');
    expect(ecs.commandCalls(ListServiceDeploymentsCommand)).toHaveLength(1);
    expect(ecs.commandCalls(DescribeServiceDeploymentsCommand)).toHaveLength(0);
  });

  it('finds our service deployment by revision and creation time when the update response does not name a new one', async () => {
    const fixture = 'success';
    identifiable();
    answers(DescribeServicesCommand, servicesOf(fixture));
    answers(DescribeServiceDeploymentsCommand, deploymentsOf(fixture));
    const { service } = loadFixture(fixture).updateService;
    const outcome = await watchDeployment(
      new ECSClient({ region: 'eu-west-1' }),
      { cluster: 'demo', service: 'web', taskDefinitionArn: TD8, previousTaskDefinitionArn: TD7, updatedAt: UPDATED_AT, updateResponse: { ...service, currentServiceDeployment: SD_OLD }, previousServiceDeploymentArn: SD_OLD },
      { timeoutMs: 600_000, pollIntervalMs: POLL_MS, rollbackOnFailure: true, clock },
    );
    expect(outcome.verdict).toBe('deployed');
    expect(outcome.serviceDeploymentArn).toBe(SD_OURS);
    expect(ecs.commandCalls(ListServiceDeploymentsCommand)[0].args[0].input).toEqual({
      cluster: 'demo',
      service: 'web',
      // 30 s before AWS's own stamp of our PRIMARY deployment in the update answer, whatever the runner's clock says.
      createdAt: { after: new Date('2026-03-02T09:59:30.400Z') },
      maxResults: 100,
    });
    expect(ecs.commandCalls(DescribeServiceDeploymentsCommand)[0].args[0].input).toEqual({ serviceDeploymentArns: [SD_OURS] });
  });
});

describe('watchDeployment errors, deadline and cancellation', () => {
  it('retries throttling with backoff and reaches the same verdict', async () => {
    const fixture = 'success';
    const throttled = (sequence: Answer[]) => [sequence[0], awsError('ThrottlingException', 'Rate exceeded'), awsError('ThrottlingException', 'Rate exceeded'), ...sequence.slice(1)];
    const outcome = await watch({
      fixture: loadFixture(fixture),
      previous: TD7,
      describeServices: throttled(servicesOf(fixture)),
      describeServiceDeployments: throttled(deploymentsOf(fixture)),
    });
    expect(describeServiceDeploymentsCalls()).toBe(5);
    expect(outcome.verdict).toBe('deployed');
    expect(outcome.sentence).toBe('Deployed web:8 to demo/web: 2 of 2 tasks running.');
    expect(clock.sleeps).toEqual([POLL_MS, 2 * POLL_MS, 4 * POLL_MS, POLL_MS]);
  });

  it('counts the running tasks of a green verdict from the service deployment that decided it, not from an older read of the service', async () => {
    const fixture = 'success';
    // The last DescribeServices was read while the tasks were still starting (a slow poll); the
    // service deployment read after it is SUCCESSFUL with its target revision's 2 tasks running.
    const services = servicesOf(fixture).map((answer: Answer, poll: number, all: Answer[]) => {
      if (poll !== all.length - 1) return answer;
      const stale = structuredClone(answer);
      for (const service of stale.services) {
        service.runningCount = 0;
        for (const deployment of service.deployments ?? []) deployment.runningCount = 0;
      }
      return stale;
    });
    const outcome = await watch({ fixture: loadFixture(fixture), previous: TD7, describeServices: services, describeServiceDeployments: deploymentsOf(fixture) });
    expect(outcome.verdict).toBe('deployed');
    expect(outcome.sentence).toBe('Deployed web:8 to demo/web: 2 of 2 tasks running.');
  });

  // The second poll reads DescribeServiceDeployments; without that API, DescribeServices.
  it.each([
    ['an expired token', true, awsError('ExpiredTokenException', 'The security token included in the request is expired'), /ExpiredTokenException: The security token included in the request is expired\. The AWS credentials are invalid or expired/],
    ['AccessDenied on DescribeServices', false, awsError('AccessDeniedException', 'User: arn:aws:sts::123456789012:assumed-role/deployer/gha is not authorized to perform: ecs:DescribeServices'), /Grant 'ecs:DescribeServices'/],
  ])('ends the watch at once on %s, without polling until the deadline', async (_name, sdApi, error, message) => {
    const fixture = 'success';
    const outcome = await watch({
      fixture: loadFixture(fixture),
      previous: TD7,
      describeServices: [servicesOf(fixture)[0], error],
      describeServiceDeployments: sdApi ? [deploymentsOf(fixture)[0], error] : undefined,
    });
    expect(outcome.verdict).toBe('failed');
    expect(outcome.sentence).toMatch(/^Could not keep watching the deployment of web:8 to demo\/web: /);
    expect(outcome.sentence).toMatch(message);
    expect(describeServicesCalls() + describeServiceDeploymentsCalls()).toBe(sdApi ? 3 : 2);
    expect(clock.sleeps).toEqual([POLL_MS]);
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0);
  });

  it('ends the watch at once when the service is deleted', async () => {
    const fixture = loadFixture('service-deleted');
    const outcome = await watch({ fixture, previous: TD7, describeServices: [fixture.describeServices], describeServiceDeployments: [] });
    expect(outcome.verdict).toBe('failed');
    expect(outcome.sentence).toContain("Service 'web' in cluster 'demo' was not found (MISSING)");
    expect(clock.sleeps).toEqual([]);
  });

  it('times out at the deadline, explains, then rolls back with StopServiceDeployment', async () => {
    const fixture = loadFixture('stalled');
    const stalledPolls = 7; // at 0, 5, ..., 30 s with a 30 s deadline
    const outcome = await watch({
      fixture,
      previous: TD7,
      timeoutMs: 30_000,
      describeServices: [...Array(stalledPolls).fill(fixture.stalled.describeServices), ...fixture.rollback.map((poll: Answer) => poll.describeServices)],
      describeServiceDeployments: [
        ...Array(stalledPolls).fill(fixture.stalled.describeServiceDeployments),
        ...fixture.rollback.map((poll: Answer) => poll.describeServiceDeployments),
      ],
    });
    expect(outcome.verdict).toBe('timed-out');
    expect(outcome.rolledBackTo).toBe(TD7);
    expect(outcome.sentence).toBe(
      'Deployment of web:8 to demo/web did not finish within 30 seconds (service deployment IN_PROGRESS; web:8 IN_PROGRESS: running 0/2, pending 2, failed tasks 0; the service is set to web:8). The action rolled back to web:7, which the service runs now.',
    );
    expect(outcome.explanation).toContain(
      'event 2026-03-02 10:00:02Z: (service web) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster.',
    );
    expect(ecs.commandCalls(StopServiceDeploymentCommand)[0].args[0].input).toEqual({ serviceDeploymentArn: SD_OURS, stopType: 'ROLLBACK' });
    expect(clock.sleeps.slice(0, stalledPolls - 1)).toEqual(Array(stalledPolls - 1).fill(POLL_MS));
  });

  it('returns promptly with the state when cancelled', async () => {
    const fixture = loadFixture('stalled');
    const controller = new AbortController();
    clock.onSleep = () => {
      if (clock.sleeps.length === 2) controller.abort();
    };
    const outcome = await watch({
      fixture,
      previous: TD7,
      signal: controller.signal,
      describeServices: Array(10).fill(fixture.stalled.describeServices),
      describeServiceDeployments: Array(10).fill(fixture.stalled.describeServiceDeployments),
    });
    expect(outcome.verdict).toBe('failed');
    expect(outcome.sentence).toBe(
      "Cancelled while waiting for the deployment of web:8 to demo/web; the action started nothing after the cancel. The service is moving to web:8 (service deployment IN_PROGRESS; running 0/2, pending 2, failed tasks 0). If its tasks keep failing, ECS's circuit breaker rolls it back to the last completed deployment on its own.",
    );
    // Two polls under the request budget, then one look after the cancel so the sentence is current.
    expect([describeServicesCalls(), describeServiceDeploymentsCalls()]).toEqual([2, 3]);
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0);
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });
});

describe('watchDeployment output', () => {
  it('prints each new event once with its time, skips events from before the update, and prints counts only when they change and are read', async () => {
    const fixture = 'success';
    const outcome = await watch({ fixture: loadFixture(fixture), previous: TD7, describeServices: servicesOf(fixture), describeServiceDeployments: deploymentsOf(fixture) });
    const lines = core.info.mock.calls.map((call) => String(call[0]));
    expect(lines.filter((line) => line.includes('has started 2 tasks'))).toEqual([`2026-03-02 10:00:02Z  ${'(service web) has started 2 tasks: (task 4b1e0f8d2c3a4e5f9a8b7c6d5e4f3a2b) (task 9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f).'}`]);
    expect(lines.some((line) => line.includes('ecs-svc/1111111111111111111 deployment completed'))).toBe(false);
    // The second poll reads only DescribeServiceDeployments (the request budget), so its counts are not printed.
    expect(lines.filter((line) => line.startsWith('running '))).toEqual(['running 0/2, pending 2, failed tasks 0', 'running 2/2, pending 0, failed tasks 0']);
    expect(outcome.events.map((event) => event.message)).toHaveLength(4);
  });
});

describe('watchDeployment request budget', () => {
  it('on a steady deployment sends one request per poll after the first: DescribeServices every sixth poll at 5 s, no task reads', async () => {
    const fixture = loadFixture('stalled');
    const minutes = 2;
    const pollCount = (minutes * 60_000) / POLL_MS + 1; // at 0, 5, ..., 120 s
    const outcome = await watch({
      fixture,
      previous: TD7,
      timeoutMs: minutes * 60_000,
      rollbackOnFailure: false,
      failFast: true,
      describeServices: Array(pollCount).fill(fixture.stalled.describeServices),
      describeServiceDeployments: Array(pollCount).fill(fixture.stalled.describeServiceDeployments),
    });
    expect(outcome.verdict).toBe('timed-out');
    // The first poll identifies our deployment: DescribeServices, ListServiceDeployments, DescribeServiceRevisions, DescribeServiceDeployments.
    expect(ecs.commandCalls(ListServiceDeploymentsCommand)).toHaveLength(1);
    expect(ecs.commandCalls(DescribeServiceRevisionsCommand)).toHaveLength(1);
    // Then 24 polls of one request each: 12 a minute, 4 of them DescribeServices (at 30, 60, 90, 120 s).
    expect([describeServicesCalls(), describeServiceDeploymentsCalls()]).toEqual([1 + 4, 1 + 20]);
    expect((describeServicesCalls() + describeServiceDeploymentsCalls() - 2) / minutes).toBe(12);
    // Only the explanation at the deadline reads tasks.
    expect(ecs.commandCalls(ListTasksCommand)).toHaveLength(1);
  });
});

describe('watchDeployment fail-fast', () => {
  const stalled = loadFixture('stalled');
  /** The stalled deployment with the breaker's failureCount at `count`. */
  const counting = (count: number) => {
    const answer = structuredClone(stalled.stalled.describeServiceDeployments);
    answer.serviceDeployments[0].deploymentCircuitBreaker.failureCount = count;
    return answer;
  };
  const stoppedTask = (id: string, at: string, reason: string, exitCode?: number, healthy = false) => ({
    taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/demo/${id}`,
    taskDefinitionArn: TD8,
    startedBy: 'ecs-svc/2222222222222222222',
    createdAt: new Date('2026-03-02T10:00:02Z'),
    stoppingAt: new Date(at),
    stoppedReason: reason,
    stopCode: exitCode === undefined ? 'TaskFailedToStart' : 'EssentialContainerExited',
    ...(healthy ? { startedAt: new Date('2026-03-02T10:00:20Z'), healthStatus: 'HEALTHY' } : {}),
    containers: [{ name: 'app', lastStatus: 'STOPPED', ...(exitCode === undefined ? {} : { exitCode }) }],
  });
  const withTasks = (tasks: Answer[]) => ({ ...stalled, listTasks: { taskArns: tasks.map((task) => task.taskArn) }, describeTasks: { tasks } });
  const NOT_FOUND = 'CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:8f3a2c1: not found';
  const EXITED = 'Essential container in task exited';
  const rollback = stalled.rollback as Answer[];

  it('stops our deployment with StopServiceDeployment ROLLBACK on the poll that shows the first stop no retry fixes, before the breaker', async () => {
    const outcome = await watch({
      fixture: withTasks([stoppedTask('6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d', '2026-03-02T10:00:04Z', NOT_FOUND)]),
      previous: TD7,
      failFast: true,
      describeServices: [stalled.stalled.describeServices, stalled.stalled.describeServices, ...rollback.map((poll) => poll.describeServices)],
      describeServiceDeployments: [counting(0), counting(1), ...rollback.map((poll) => poll.describeServiceDeployments)],
    });
    expect(outcome.verdict).toBe('rolled-back');
    expect(outcome.sentence).toBe(
      `Deployment of web:8 to demo/web failed: it cannot succeed (fail-fast): task 6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d of web:8 stopped because the image does not exist, which no retry changes: ${NOT_FOUND}. The action rolled back to web:7, which the service runs now.`,
    );
    const stops = ecs.commandCalls(StopServiceDeploymentCommand);
    expect(stops.map((call) => call.args[0].input)).toEqual([{ serviceDeploymentArn: SD_OURS, stopType: 'ROLLBACK' }]);
    // Decided on the second poll, without waiting for ECS to roll back: the breaker has counted one failure of three.
    expect(clock.sleeps.slice(0, 1)).toEqual([POLL_MS]);
    // After the read that makes sure the service is still ours, before the next poll.
    expect(stops[0].calledAfter(ecs.commandCalls(DescribeServiceDeploymentsCommand)[2])).toBe(true);
    expect(stops[0].calledBefore(ecs.commandCalls(DescribeServiceDeploymentsCommand)[3])).toBe(true);
    // Tasks were read once to decide (the failureCount rose), once to explain.
    expect(ecs.commandCalls(ListTasksCommand)).toHaveLength(2);
    expect(ecs.commandCalls(DescribeTasksCommand)[0].args[0].input).toEqual({ cluster: 'demo', tasks: [`arn:aws:ecs:eu-west-1:123456789012:task/demo/6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d`] });
  });

  it.each([
    ['fail-fast is off', false, [stoppedTask('6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d', '2026-03-02T10:00:04Z', NOT_FOUND)]],
    ['the application exited (left to the breaker and the deadline)', true, [stoppedTask('0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a', '2026-03-02T10:00:04Z', EXITED, 1)]],
    [
      'the image pull timed out (a network path, which may work next time)',
      true,
      [stoppedTask('0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a', '2026-03-02T10:00:04Z', 'CannotPullContainerError: ref pull has been retried 5 time(s): failed to copy: httpReadSeeker: failed open: failed to do request: dial tcp 52.0.0.1:443: i/o timeout')],
    ],
  ])('does not fail fast when %s', async (_name, failFast, tasks) => {
    const outcome = await watch({
      fixture: withTasks(tasks),
      previous: TD7,
      failFast,
      timeoutMs: 10_000,
      rollbackOnFailure: false,
      describeServices: Array(3).fill(stalled.stalled.describeServices),
      describeServiceDeployments: [counting(0), counting(1), counting(1)],
    });
    expect(outcome.verdict).toBe('timed-out');
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0);
    // With fail-fast on, tasks are read once when the count rises, and not again while it stays.
    expect(ecs.commandCalls(ListTasksCommand)).toHaveLength(failFast ? 2 : 1);
  });

  it.each([
    ['three stops of tasks that had been healthy (the breaker count was reset)', 3, true, "3 of them within 15 minutes: as many as the circuit breaker's threshold (3), while tasks that had been healthy keep resetting its count"],
    ['six stops with no sign of a reset', 6, false, "6 of them within 15 minutes: twice the circuit breaker's threshold (3), without tripping it"],
  ])('fails a rolling deployment that flaps: %s', async (_name, count, healthy, why) => {
    const times = ['10:00:30', '10:01:10', '10:02:00', '10:03:30', '10:05:00', '10:07:00'].slice(0, count);
    const tasks = times.map((time, index) => stoppedTask(`f1a${index}`, `2026-03-02T${time}Z`, EXITED, 1, healthy));
    const outcome = await watch({
      fixture: withTasks(tasks),
      previous: TD7,
      failFast: true,
      describeServices: [stalled.stalled.describeServices, stalled.stalled.describeServices, ...rollback.map((poll) => poll.describeServices)],
      describeServiceDeployments: [counting(0), counting(1), ...rollback.map((poll) => poll.describeServiceDeployments)],
    });
    expect(outcome.verdict).toBe('rolled-back');
    expect(outcome.sentence).toContain(
      `failed: it flaps (fail-fast): ${count} tasks of web:8 stopped for the same reason (Essential container in task exited; app exit 1), ${why}; the deployment keeps replacing tasks that keep failing.`,
    );
    expect(ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(1);
  });

  it.each([
    ['five stops with no sign of a reset', ['10:00:30', '10:01:30', '10:02:30', '10:03:30', '10:04:30'], false],
    ['six stops spread beyond the window', ['10:00:30', '10:05:00', '10:10:00', '10:15:00', '10:20:00', '10:25:00'], false],
    ['three healthy stops spread beyond the window', ['10:00:30', '10:10:00', '10:20:00'], true],
    ['two healthy stops', ['10:00:30', '10:01:30'], true],
  ])('does not call %s flapping (threshold 3)', async (_name, times, healthy) => {
    const tasks = times.map((time, index) => stoppedTask(`f2b${index}`, `2026-03-02T${time}Z`, EXITED, 1, healthy));
    const outcome = await watch({
      fixture: withTasks(tasks),
      previous: TD7,
      failFast: true,
      timeoutMs: 10_000,
      rollbackOnFailure: false,
      describeServices: Array(3).fill(stalled.stalled.describeServices),
      describeServiceDeployments: [counting(0), counting(1), counting(1)],
    });
    expect(outcome.verdict).toBe('timed-out');
  });
});

describe('watchDeployment request budget near the end', () => {
  it('keeps polling DescribeServiceDeployments while all our tasks run, so SUCCESSFUL is seen on the poll it appears', async () => {
    const fixture = loadFixture('success');
    const [first, , last] = polls('success');
    const baking = structuredClone(last.describeServiceDeployments);
    baking.serviceDeployments[0].status = 'IN_PROGRESS';
    const bakingPolls = 9; // past the sixth poll, when DescribeServices would be due
    const outcome = await watch({
      fixture,
      previous: TD7,
      describeServices: [first.describeServices, ...Array(bakingPolls + 1).fill(last.describeServices)],
      describeServiceDeployments: [first.describeServiceDeployments, ...Array(bakingPolls).fill(baking), last.describeServiceDeployments],
    });
    expect(outcome.verdict).toBe('deployed');
    expect(clock.sleeps).toHaveLength(bakingPolls + 1);
    // DescribeServices on the first poll (identifying) and once to complete the verdict; every other poll, the service deployment.
    expect([describeServicesCalls(), describeServiceDeploymentsCalls()]).toEqual([2, 1 + bakingPolls + 1]);
  });

  it('reads the service once more before explaining a deadline when its last poll read only the service deployment', async () => {
    const fixture = loadFixture('stalled');
    const outcome = await watch({
      fixture,
      previous: TD7,
      timeoutMs: 25_000,
      rollbackOnFailure: false,
      describeServices: Array(6).fill(fixture.stalled.describeServices),
      describeServiceDeployments: Array(6).fill(fixture.stalled.describeServiceDeployments),
    });
    expect(outcome.verdict).toBe('timed-out');
    expect([describeServicesCalls(), describeServiceDeploymentsCalls()]).toEqual([2, 6]);
    expect(ecs.commandCalls(DescribeServicesCommand)[1].calledAfter(ecs.commandCalls(DescribeServiceDeploymentsCommand)[5])).toBe(true);
  });
});

describe('watchDeployment request budget when DescribeServices is due', () => {
  it('reads the service deployment on the same poll when the service shows our deployment COMPLETED, so success is not a poll late', async () => {
    const fixture = loadFixture('success');
    const [first, second, last] = polls('success');
    const waiting = Array(5).fill(second); // polls 1 to 5; DescribeServices is due on the sixth
    const outcome = await watch({
      fixture,
      previous: TD7,
      describeServices: [first, ...waiting, last].map((poll) => poll.describeServices),
      describeServiceDeployments: [first, ...waiting, last].map((poll) => poll.describeServiceDeployments),
    });
    expect(outcome.verdict).toBe('deployed');
    expect(clock.sleeps).toHaveLength(6);
    expect([describeServicesCalls(), describeServiceDeploymentsCalls()]).toEqual([2, 7]);
  });
});
