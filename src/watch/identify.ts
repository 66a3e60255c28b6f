/** Finding the one service deployment our UpdateService created. */
import { ListServiceDeploymentsCommand, type ECSClient } from '@aws-sdk/client-ecs';

/**
 * The service deployment our UpdateService created: the oldest one created since just before the
 * update, other than the one that was current before it. The oldest, not the newest, because a
 * deployment someone else started after ours is newer and must not be mistaken for ours.
 */
export async function findServiceDeploymentSince(
  ecs: ECSClient,
  request: { cluster: string; service: string; after: Date; excluding?: string },
  signal?: AbortSignal,
): Promise<string | undefined> {
  const answer = await ecs.send(
    new ListServiceDeploymentsCommand({ cluster: request.cluster, service: request.service, createdAt: { after: request.after } }),
    { abortSignal: signal },
  );
  const candidates = (answer.serviceDeployments ?? []).filter(
    (brief) => brief.serviceDeploymentArn && brief.serviceDeploymentArn !== request.excluding,
  );
  candidates.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
  return candidates[0]?.serviceDeploymentArn;
}
