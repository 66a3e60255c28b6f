/**
 * What the producers of docs/troubleshooting.md's examples share: the AWS clients they mock (one
 * stub per client class, reset before each example), the names the examples use, and the helpers
 * that turn a failure into its message. Imports no src/ module, so @actions/core is mocked first.
 */
import { mockClient } from 'aws-sdk-client-mock';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SchedulerClient } from '@aws-sdk/client-scheduler';

/** The producers of one part of the page, by example id. */
export type Producers = Record<string, () => Promise<string> | string>;

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const ECR = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
export const WORKSPACE = '/home/runner/work/shop/shop';
export const TASK_DEFINITION = (revision: string, region = REGION) => `arn:aws:ecs:${region}:${ACCOUNT}:task-definition/${revision}`;

export const ecs = mockClient(ECSClient);
export const ecr = mockClient(ECRClient);
export const events = mockClient(EventBridgeClient);
export const scheduler = mockClient(SchedulerClient);

export function resetMocks(): void {
  for (const mock of [ecs, ecr, events, scheduler]) mock.reset();
}

export const ecsClient = (region = REGION) => new ECSClient({ region });
export const ecrClient = () => new ECRClient({ region: REGION });

/** An SDK error as the client throws it. */
export const awsError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

export const denied = (action: string, resource?: string) =>
  awsError(
    'AccessDeniedException',
    `User: arn:aws:sts::${ACCOUNT}:assumed-role/github-deploy/GitHubActions is not authorized to perform: ${action}${resource ? ` on resource: ${resource}` : ''} because no identity-based policy allows the ${action} action`,
  );

/** The message of what `produce` throws; a producer that does not throw is a broken example. */
export async function refusal(produce: () => unknown): Promise<string> {
  try {
    await produce();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the example was expected to fail');
}

/** The one message a jest.fn of @actions/core logged that starts with `start`. */
export function logged(fn: { mock: { calls: unknown[][] } }, start: string): string {
  const lines = fn.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith(start));
  if (lines.length !== 1) throw new Error(`expected one logged line starting '${start}', got ${lines.length}`);
  return lines[0];
}

export function definition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
    containerDefinitions: [{ name: 'web', image: `${ECR}/web:v2`, essential: true }],
    ...overrides,
  };
}
