/**
 * Examples of a release of several services ending red: web's smoke check fails once its
 * deployment completed (web rolls itself back, as one service does), so the release puts worker
 * back from where it is (in progress: StopServiceDeployment ROLLBACK), and the verdict covers both.
 */
import { DescribeServiceDeploymentsCommand, DescribeServicesCommand, StopServiceDeploymentCommand, type Service, type ServiceDeployment } from '@aws-sdk/client-ecs';
import { FakeClock } from '../../../__fixtures__/fake-clock.js';
import { UPDATED_AT } from '../../../__fixtures__/watch/load.js';
import * as core from '../../../__fixtures__/core.js';
import { rollBackAfterCheck } from '../../../src/rollback/redeploy.js';
import { smokeSentence } from '../../../src/smoke/verify.js';
import { closeRelease } from '../../../src/release/verdict.js';
import { failRelease } from '../../../src/release/fail.js';
import { rollBackMember } from '../../../src/release/roll-back-member.js';
import type { Member, Release } from '../../../src/release/types.js';
import { ecs, ecsClient, logged, type Producers } from './support.js';
import { afterWeb9, redeployOfWeb8, smokeOf, TD8, WATCHED_REGION } from './watching.js';

const PREFIX = `arn:aws:ecs:${WATCHED_REGION}:123456789012`;
const WORKER = (revision: number) => `${PREFIX}:task-definition/worker:${revision}`;
const WORKER_SD = `${PREFIX}:service-deployment/demo/worker/Wk4Lm5Np6Qr7St8Uv9Wx0`;
const WORKER_BEFORE = `${PREFIX}:service-deployment/demo/worker/Wk3Ab4Cd5Ef6Gh7Ij8Kl9`;
const WEB_FAILED = 'its smoke check failed';

/** web's own end: its smoke check failed on web:9 after the deployment completed, and the action redeployed web:8. */
async function webFailed(): Promise<Member> {
  redeployOfWeb8();
  const context = afterWeb9(true);
  const smoke = smokeOf(1, 'HTTP 500');
  await rollBackAfterCheck(context as never, { sentence: smokeSentence(smoke), reason: 'smoke check failed', rolledBack: 'smoke-failed-rolled-back', notRolledBack: 'smoke-failed', keep: () => undefined });
  return member('web', context, { taskDefinition: TD8 }, WEB_FAILED);
}

function member(name: string, context: object, current: Service, failed?: string): Member {
  return { spec: { name }, context, current, stop: new AbortController(), updateSent: true, settled: true, failed } as unknown as Member;
}

/** worker was deploying worker:4 when web failed: the release reads it, stops its deployment with ROLLBACK and follows it to worker:3. */
async function workerPutBack(release: Release): Promise<Member> {
  ecs.reset();
  let stopped = false;
  const workerService = (): Service => ({
    serviceName: 'worker',
    taskDefinition: stopped ? WORKER(3) : WORKER(4),
    currentServiceDeployment: WORKER_SD,
    deployments: stopped
      ? [{ id: 'ecs-svc/5555555555555555555', status: 'PRIMARY', taskDefinition: WORKER(3), desiredCount: 1, runningCount: 1, rolloutState: 'COMPLETED' }]
      : [
          { id: 'ecs-svc/4444444444444444444', status: 'PRIMARY', taskDefinition: WORKER(4), desiredCount: 1, runningCount: 0, pendingCount: 1, rolloutState: 'IN_PROGRESS' },
          { id: 'ecs-svc/3333333333333333333', status: 'ACTIVE', taskDefinition: WORKER(3), desiredCount: 1, runningCount: 1, rolloutState: 'COMPLETED' },
        ],
  });
  const workerDeployment = (): ServiceDeployment => ({ serviceDeploymentArn: WORKER_SD, status: stopped ? 'ROLLBACK_SUCCESSFUL' : 'IN_PROGRESS' });
  ecs.on(DescribeServicesCommand).callsFake(async () => ({ services: [workerService()], failures: [] }));
  ecs.on(DescribeServiceDeploymentsCommand).callsFake(async () => ({ serviceDeployments: [workerDeployment()], failures: [] }));
  ecs.on(StopServiceDeploymentCommand).callsFake(async () => {
    stopped = true;
    return { serviceDeploymentArn: WORKER_SD };
  });
  const client = ecsClient(WATCHED_REGION);
  const context = {
    ...afterWeb9(true, { taskDefinitionArn: WORKER(4), previousTaskDefinitionArn: WORKER(3), serviceDeploymentArn: WORKER_SD }),
    member: { pollEcs: client },
  };
  const worker = member('worker', { ...context, inputs: { ...context.inputs, service: 'worker' } }, { serviceName: 'worker', taskDefinition: WORKER(3), currentServiceDeployment: WORKER_BEFORE });
  worker.settled = false;
  worker.rolledBack = await rollBackMember(release, worker);
  worker.settled = true;
  return worker;
}

function releaseOf(rollbackScope: 'all' | 'failed'): Release {
  const inputs = { cluster: 'demo', rollbackOnFailure: true, waitForMinutes: 30, release: { rollbackScope } };
  const report = { result: 'failed', sentence: '', timeline: [], events: [], explanation: [] };
  return { context: { inputs, report, signal: new AbortController().signal, clock: new FakeClock(UPDATED_AT.getTime()) }, members: [] } as unknown as Release;
}

export const producers: Producers = {
  'release-rolled-back': async () => {
    const release = releaseOf('all');
    const web = await webFailed();
    release.failure = { service: 'web', why: WEB_FAILED };
    release.members = [web, await workerPutBack(release)];
    closeRelease(release);
    return release.context.report.sentence;
  },
  'release-scope-failed': () => {
    const release = releaseOf('failed');
    const web = member('web', {}, {});
    release.members = [web, member('worker', {}, {})];
    failRelease(release, web, WEB_FAILED);
    return logged(core.warning, 'web failed');
  },
};
