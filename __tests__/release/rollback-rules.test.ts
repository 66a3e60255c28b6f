import { describe, expect, it } from '@jest/globals';
import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { ourServiceDeployment, rollbackPlan, type MemberFacts } from '../../src/release/rollback-rules.js';

const TD = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${n}`;
const SD = (id: string) => `arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/${id}`;
const OURS = SD('ours');
const BEFORE = SD('before');

function service(currentServiceDeployment: string, taskDefinition: string, primary = taskDefinition): Service {
  return { serviceName: 'web', currentServiceDeployment, taskDefinition, deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', taskDefinition: primary }] };
}

function sd(status: string, extra: Partial<ServiceDeployment> = {}): ServiceDeployment {
  return { serviceDeploymentArn: OURS, status: status as ServiceDeployment['status'], ...extra };
}

const paused = sd('IN_PROGRESS', {
  lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
  lifecycleHookDetails: [{ hookId: 'hook-1', targetType: 'PAUSE', status: 'AWAITING_ACTION' }],
} as Partial<ServiceDeployment>);

function facts(extra: Partial<MemberFacts>): MemberFacts {
  return {
    updateSent: true,
    revision: TD(2),
    previous: TD(1),
    previousCompleted: true,
    previousServiceDeploymentArn: BEFORE,
    ours: OURS,
    service: service(OURS, TD(2)),
    ...extra,
  };
}

describe('rolling back a service of a failed release, by the state it is in', () => {
  it.each<[string, Partial<MemberFacts>, ReturnType<typeof rollbackPlan>]>([
    ['never updated', { updateSent: false }, { action: 'none', ended: 'kept', why: 'the release had not updated it' }],
    [
      'the update sent but nothing changed',
      { ours: undefined, service: service(BEFORE, TD(1)) },
      { action: 'none', ended: 'kept', why: 'the update had not changed it' },
    ],
    [
      'another deployment replaced ours',
      { service: service(SD('theirs'), TD(3)), serviceDeployment: sd('IN_PROGRESS') },
      { action: 'none', ended: 'superseded', why: `another deployment (${SD('theirs')}) replaced the release's` },
    ],
    ['in flight', { serviceDeployment: sd('IN_PROGRESS') }, { action: 'stop', serviceDeploymentArn: OURS }],
    ['pending', { serviceDeployment: sd('PENDING') }, { action: 'stop', serviceDeploymentArn: OURS }],
    ['paused at a PAUSE hook', { serviceDeployment: paused }, { action: 'continue', serviceDeploymentArn: OURS, hookId: 'hook-1', stage: 'POST_TEST_TRAFFIC_SHIFT' }],
    ['already rolling back', { serviceDeployment: sd('ROLLBACK_IN_PROGRESS') }, { action: 'follow', serviceDeploymentArn: OURS }],
    ['rollback requested', { serviceDeployment: sd('ROLLBACK_REQUESTED') }, { action: 'follow', serviceDeploymentArn: OURS }],
    [
      'already rolled back',
      { serviceDeployment: sd('ROLLBACK_SUCCESSFUL') },
      { action: 'none', ended: 'rolled-back', why: 'its deployment was already rolled back (ROLLBACK_SUCCESSFUL)' },
    ],
    [
      'its rollback failed',
      { serviceDeployment: sd('ROLLBACK_FAILED', { statusReason: 'tasks failed' }) },
      { action: 'none', ended: 'failed', why: "its deployment's rollback failed (ROLLBACK_FAILED: tasks failed)" },
    ],
    ['completed', { serviceDeployment: sd('SUCCESSFUL') }, { action: 'redeploy', to: TD(1) }],
    [
      'completed, but the revision before never completed',
      { serviceDeployment: sd('SUCCESSFUL'), previousCompleted: false },
      { action: 'none', ended: 'kept', why: 'its earlier deployment of web:1 never completed, so that revision is not known to work' },
    ],
    [
      'completed, and it ran the same revision before',
      { serviceDeployment: sd('SUCCESSFUL'), previous: TD(2) },
      { action: 'none', ended: 'kept', why: 'it already ran web:2 before the release' },
    ],
    [
      'stopped by someone else',
      { serviceDeployment: sd('STOPPED', { statusReason: 'superseded by ecs-svc/9' }) },
      { action: 'none', ended: 'superseded', why: 'its deployment ended STOPPED (superseded by ecs-svc/9) without the release' },
    ],
    ['without the Service Deployments API, ours is PRIMARY: UpdateService back', { ours: undefined, service: service(OURS, TD(2)), serviceDeployment: undefined }, { action: 'redeploy', to: TD(1) }],
    [
      'without the Service Deployments API, another revision is PRIMARY',
      { ours: undefined, service: { ...service(BEFORE, TD(3)), currentServiceDeployment: undefined } },
      { action: 'none', ended: 'superseded', why: "it now deploys web:3, not the release's web:2" },
    ],
  ])('%s', (_name, given, plan) => {
    expect(rollbackPlan(facts(given))).toEqual(plan);
  });

  it('finds our service deployment when the watch had not named it: the current one, if our update made it', () => {
    expect(ourServiceDeployment(facts({ ours: undefined }))).toBe(OURS);
    expect(ourServiceDeployment(facts({ ours: undefined, service: service(BEFORE, TD(2)) }))).toBeUndefined();
    expect(ourServiceDeployment(facts({ ours: undefined, service: service(SD('theirs'), TD(3)) }))).toBeUndefined();
  });
});
