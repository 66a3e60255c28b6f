/**
 * What ECS says our deployment runs: the digests in our service deployment's target revision
 * (DescribeServiceRevisions `containerImages`: ECS resolves tags once per deployment), and the
 * digest each RUNNING task of our revision reports (DescribeTasks `containers[].imageDigest`).
 * Where the revision gives none, it says why, and the tasks alone judge.
 */
import { DescribeServiceRevisionsCommand, type ContainerImage, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import { awsFailure, isServiceDeploymentsUnavailable } from '../aws/errors.js';
import { errorMessage } from '../errors.js';
import { currentService, describeServiceDeployment } from '../service/describe.js';
import { describeTasks, goneReason, listRunningTaskArns } from '../smoke/tasks.js';
import { retryingClient, type RetryBudget } from '../aws/retry.js';

export interface DigestScope {
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  /** Our service deployment; undefined: the service's current one, checked to target our revision. */
  serviceDeploymentArn?: string;
  /** Our deployment's id: only the tasks it started (startedBy) are judged; undefined: every task of the revision. */
  startedBy?: string;
}

export interface Observations {
  /** containerImages of our revision, by container name; undefined when it could not be read. */
  images?: Map<string, ContainerImage>;
  /** Why there are no `images`. */
  noRevision?: string;
  /** The RUNNING tasks of our revision. */
  tasks: Task[];
}

/** Our deployment's target revision's images, or why they cannot be known. `ecs` retries transient faults. */
async function revisionImages(ecs: ECSClient, scope: DigestScope): Promise<Pick<Observations, 'images' | 'noRevision'>> {
  try {
    const arn = scope.serviceDeploymentArn ?? (await currentService(ecs, scope.cluster, scope.service)).currentServiceDeployment;
    const deployment = arn ? await describeServiceDeployment(ecs, arn) : undefined;
    const revisionArn = deployment?.targetServiceRevision?.arn;
    if (!revisionArn) return { noRevision: 'the service deployment and its revision are not known' };
    const answer = await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn] }));
    const revision = answer.serviceRevisions?.find((found) => found.serviceRevisionArn === revisionArn);
    if (!revision) {
      const reason = answer.failures?.[0]?.reason;
      return { noRevision: `DescribeServiceRevisions did not describe ${revisionArn}${reason ? ` (${reason})` : ''}; revisions created before 2024-10-25 cannot be` };
    }
    if (revision.taskDefinition !== scope.taskDefinitionArn) {
      return { noRevision: `the service's current deployment runs ${revision.taskDefinition}, not ours` };
    }
    return { images: new Map((revision.containerImages ?? []).flatMap((image) => (image.containerName ? [[image.containerName, image] as const] : []))) };
  } catch (error) {
    if (!isServiceDeploymentsUnavailable(error)) throw awsFailure(`read the service revision of ${scope.service}`, error);
    return { noRevision: `the ECS Service Deployments API is not available to this job (${errorMessage(error).replace(/\.$/, '')}); grant ecs:DescribeServiceDeployments and ecs:DescribeServiceRevisions to compare what ECS resolved` };
  }
}

export async function observe(ecs: ECSClient, scope: DigestScope, budget: RetryBudget): Promise<Observations> {
  const { images, noRevision } = await revisionImages(retryingClient(ecs, 'Reading the service revision', budget), scope);
  const arns = await listRunningTaskArns(ecs, scope.cluster, scope.service, budget);
  const tasks = (await describeTasks(ecs, scope.cluster, arns, budget)).filter(
    (task) => task.taskDefinitionArn === scope.taskDefinitionArn && (scope.startedBy === undefined || task.startedBy === scope.startedBy) && goneReason(task) === undefined,
  );
  return { images, noRevision, tasks };
}
