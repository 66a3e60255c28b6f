import { ECSClient } from '@aws-sdk/client-ecs';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { ActionError } from '../errors.js';
import { USER_AGENT } from '../constants.js';

export interface Clients {
  ecs: ECSClient;
  /** ECR in a given region: images may live in another region than the service. */
  ecrFor(region: string): Promise<ECRClient>;
  /** ELBv2 in the service's region, for the deploy timings' target group reads. */
  elbv2(): Promise<ElasticLoadBalancingV2Client>;
  /** EventBridge and EventBridge Scheduler, loaded and created at first use: only the scheduled-task phase needs them. */
  events(): Promise<EventBridgeClient>;
  scheduler(): Promise<SchedulerClient>;
  region: string;
}

export function awsRegion(env: NodeJS.ProcessEnv = process.env): string {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new ActionError(
      'No AWS region is set: add aws-actions/configure-aws-credentials (with aws-region) before this step, or set AWS_REGION in its env.',
    );
  }
  return region;
}

/** Clients honour AWS_ENDPOINT_URL (the local emulator); `maxAttempts` counts the first try too. */
export function createClients(maxAttempts: number, env: NodeJS.ProcessEnv = process.env): Clients {
  const region = awsRegion(env);
  const config = { maxAttempts, retryMode: 'standard', customUserAgent: USER_AGENT };
  const ecr = new Map<string, Promise<ECRClient>>();
  let elbv2: Promise<ElasticLoadBalancingV2Client> | undefined;
  let events: Promise<EventBridgeClient> | undefined;
  let scheduler: Promise<SchedulerClient> | undefined;
  return {
    ecs: new ECSClient({ ...config, region }),
    ecrFor: (imageRegion) => {
      // Loaded on demand, after the first ECS request: only ECR images need it, and compiling
      // it would delay every step's start.
      if (!ecr.has(imageRegion)) {
        ecr.set(imageRegion, import('@aws-sdk/client-ecr').then(({ ECRClient }) => new ECRClient({ ...config, region: imageRegion })));
      }
      return ecr.get(imageRegion)!;
    },
    elbv2: () => {
      // Loaded on demand: only a deploy slow enough for load balancer advice reads a target group.
      elbv2 ??= import('@aws-sdk/client-elastic-load-balancing-v2').then(({ ElasticLoadBalancingV2Client }) => new ElasticLoadBalancingV2Client({ ...config, region }));
      return elbv2;
    },
    events: () => (events ??= import('@aws-sdk/client-eventbridge').then(({ EventBridgeClient }) => new EventBridgeClient({ ...config, region }))),
    scheduler: () => (scheduler ??= import('@aws-sdk/client-scheduler').then(({ SchedulerClient }) => new SchedulerClient({ ...config, region }))),
    region,
  };
}
