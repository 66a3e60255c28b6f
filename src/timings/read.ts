/**
 * The reads after the verdict that the timings need, each counted: the tasks of the service
 * (ListTasks RUNNING and STOPPED, DescribeTasks of them: the watch reads no task of a deployment
 * that went well), and only when a rule's cost calls for it, the target groups' health checks
 * (one DescribeTargetGroups), their deregistration delays (one DescribeTargetGroupAttributes per
 * target group) and the image sizes (one ECR DescribeImages per repository).
 */
import { DescribeTasksCommand, ListTasksCommand, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { errorMessage } from '../errors.js';
import { awsErrorName, isCredentialError } from '../aws/errors.js';
import { parseEcrImage } from '../task-definition/images.js';
import type { TargetGroupSettings } from './advice.js';

/** DescribeTasks takes at most 100 ARNs; one page of each listing covers any deployment worth charting. */
const PAGE = 100;
/**
 * `since` and the tasks' timestamps are all AWS's clock (never the runner's, which can be minutes
 * off): this only covers ECS stamping the deployment and its first tasks moments apart.
 */
const STAMP_MARGIN_MS = 2_000;

/** Counts the reads, turns a failed one into a note, and sends none after the credentials failed. */
export class Reads {
  requests = 0;
  readonly notes: string[] = [];
  private refused = false;

  async send<T>(what: string, request: () => Promise<T>): Promise<T | undefined> {
    if (this.refused) return undefined;
    this.requests += 1;
    try {
      return await request();
    } catch (error) {
      this.refused = isCredentialError(error);
      this.notes.push(`Could not ${what} (${awsErrorName(error) ?? 'error'}: ${errorMessage(error)}).`);
      return undefined;
    }
  }
}

export interface DeploymentTasks {
  /** Started by our deployment. */
  ours: Task[];
  /** Other tasks of the service that stopped while it ran. */
  replaced: Task[];
}

/** The tasks of our deployment and the ones it replaced, from one page of each listing; `since`: when ECS created our deployment. */
export async function readTasks(
  reads: Reads,
  ecs: ECSClient,
  where: { cluster: string; service: string; deploymentId?: string; taskDefinitionArn: string; since: number },
  signal?: AbortSignal,
): Promise<DeploymentTasks> {
  const arns: string[] = [];
  for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
    const listed = await reads.send(`list the ${desiredStatus.toLowerCase()} tasks of service ${where.service} (ecs:ListTasks)`, () =>
      ecs.send(new ListTasksCommand({ cluster: where.cluster, serviceName: where.service, desiredStatus, maxResults: PAGE }), { abortSignal: signal }),
    );
    arns.push(...(listed?.taskArns ?? []));
  }
  const tasks: Task[] = [];
  for (let at = 0; at < arns.length; at += PAGE) {
    const described = await reads.send('describe the tasks (ecs:DescribeTasks)', () =>
      ecs.send(new DescribeTasksCommand({ cluster: where.cluster, tasks: arns.slice(at, at + PAGE) }), { abortSignal: signal }),
    );
    tasks.push(...(described?.tasks ?? []));
  }
  const since = where.since - STAMP_MARGIN_MS;
  const isOurs = (task: Task): boolean =>
    where.deploymentId ? task.startedBy === where.deploymentId : task.taskDefinitionArn === where.taskDefinitionArn && (task.createdAt?.getTime() ?? 0) >= since;
  const stoppedSince = tasks.filter((task) => !isOurs(task) && (task.stoppingAt?.getTime() ?? 0) >= since);
  // ECS names the deployment whose scaling stopped a task ("Scaling activity initiated by (deployment
  // ecs-svc/...)"): those are the ones ours replaced, not a rollback's. Without such a name, all of them.
  const byOurs = stoppedSince.filter((task) => where.deploymentId !== undefined && task.stoppedReason?.includes(`(deployment ${where.deploymentId})`));
  return { ours: tasks.filter(isOurs), replaced: byOurs.length > 0 ? byOurs : stoppedSince };
}

/** HealthCheckIntervalSeconds and the thresholds of the service's target groups: one DescribeTargetGroups. */
export async function readHealthChecks(reads: Reads, elb: ElasticLoadBalancingV2Client, arns: string[], signal?: AbortSignal): Promise<TargetGroupSettings[]> {
  const { DescribeTargetGroupsCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
  const answer = await reads.send('read the target groups\' health checks (elasticloadbalancing:DescribeTargetGroups)', () =>
    elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: arns }), { abortSignal: signal }),
  );
  return (answer?.TargetGroups ?? []).map((group) => ({
    arn: group.TargetGroupArn ?? '',
    name: group.TargetGroupName ?? group.TargetGroupArn ?? '',
    intervalSeconds: group.HealthCheckIntervalSeconds,
    healthyThresholdCount: group.HealthyThresholdCount,
    unhealthyThresholdCount: group.UnhealthyThresholdCount,
  }));
}

/** deregistration_delay.timeout_seconds of each target group: one DescribeTargetGroupAttributes each. */
export async function readDeregistrationDelays(reads: Reads, elb: ElasticLoadBalancingV2Client, arns: string[], signal?: AbortSignal): Promise<TargetGroupSettings[]> {
  const { DescribeTargetGroupAttributesCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
  const settings: TargetGroupSettings[] = [];
  for (const arn of arns) {
    const answer = await reads.send(`read the deregistration delay of target group ${arn} (elasticloadbalancing:DescribeTargetGroupAttributes)`, () =>
      elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }), { abortSignal: signal }),
    );
    const value = answer?.Attributes?.find((attribute) => attribute.Key === 'deregistration_delay.timeout_seconds')?.Value;
    if (value !== undefined) settings.push({ arn, name: arn.split('/')[1] ?? arn, deregistrationDelaySeconds: Number(value) });
  }
  return settings;
}

/** imageSizeInBytes of the revision's ECR images: one DescribeImages per repository. */
export async function readImageSizes(
  reads: Reads,
  ecrFor: (region: string) => Promise<ECRClient>,
  images: { container: string; image: string }[],
  signal?: AbortSignal,
): Promise<{ image: string; bytes?: number }[]> {
  const { DescribeImagesCommand } = await import('@aws-sdk/client-ecr');
  const sizes: { image: string; bytes?: number }[] = [];
  for (const { container, image } of images) {
    const ecr = parseEcrImage(container, image);
    if (!ecr) {
      sizes.push({ image });
      continue;
    }
    const client = await ecrFor(ecr.region);
    const answer = await reads.send(`read the size of ${image} (ecr:DescribeImages)`, () =>
      client.send(new DescribeImagesCommand({ registryId: ecr.registryId, repositoryName: ecr.repository, imageIds: [ecr.id] }), { abortSignal: signal }),
    );
    sizes.push({ image, bytes: answer?.imageDetails?.[0]?.imageSizeInBytes });
  }
  return sizes;
}
