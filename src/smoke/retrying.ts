/** An ECS client whose every call is retried through transient faults within a budget. */
import type { ECSClient } from '@aws-sdk/client-ecs';
import { type RetryBudget, retryTransient } from '../aws/retry.js';

/** For helpers that take a client (DescribeTaskDefinition): the same client, `send` retried. */
export function retryingClient(ecs: ECSClient, what: string, budget: RetryBudget): ECSClient {
  const send = ((command: Parameters<ECSClient['send']>[0]) => retryTransient(what, () => ecs.send(command), budget)) as ECSClient['send'];
  return Object.assign(Object.create(ecs) as ECSClient, { send });
}
