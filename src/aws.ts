import { ECSClient } from '@aws-sdk/client-ecs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ActionError } from './errors.js';
import { USER_AGENT } from './constants.js';

export interface Clients {
  ecs: ECSClient;
  ecr: ECRClient;
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

/** One client per service; both honour AWS_ENDPOINT_URL, AWS_MAX_ATTEMPTS is replaced by `max-retries`. */
export function createClients(maxAttempts: number, env: NodeJS.ProcessEnv = process.env): Clients {
  const region = awsRegion(env);
  const config = { region, maxAttempts, retryMode: 'standard', customUserAgent: USER_AGENT };
  return { ecs: new ECSClient(config), ecr: new ECRClient(config), region };
}
