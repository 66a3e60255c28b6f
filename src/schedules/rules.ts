/**
 * EventBridge rules that run ECS tasks in the cluster: found by target (the cluster ARN), read
 * whole, written back whole. An ECS target's `Arn` is the cluster ARN and its task definition is
 * `EcsParameters.TaskDefinitionArn`.
 */
import { ListRuleNamesByTargetCommand, ListTargetsByRuleCommand, PutTargetsCommand, type EventBridgeClient, type PutTargetsResultEntry, type Target } from '@aws-sdk/client-eventbridge';
import { awsFailure } from '../aws/errors.js';
import { ActionError } from '../errors.js';

/**
 * The buses searched. Scheduled rules exist only on the default bus ("You can only use a scheduled
 * expression for the default event bus"; EventBridge User Guide, "Creating a scheduled rule
 * (legacy)"); a rule on a custom bus runs a task for an event, not on a schedule.
 */
export const EVENT_BUSES: readonly string[] = ['default'];

export interface FoundRuleTarget {
  rule: string;
  eventBus: string;
  /** The target exactly as ListTargetsByRule answered it: PutTargets must get all of it back. */
  target: Target;
}

/** Every page of a NextToken listing; a token answered twice would loop, so it stops the listing with an error. */
async function allPages<T>(what: string, read: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const answer = await read(token);
    items.push(...answer.items);
    token = answer.next;
    if (token !== undefined && seen.has(token)) throw new ActionError(`Could not list ${what}: EventBridge answered the same NextToken twice.`);
    if (token !== undefined) seen.add(token);
  } while (token);
  return items;
}

/** The ECS targets in the cluster of every rule that targets it, on each bus; all pages of both listings. */
export async function findRuleTargets(client: EventBridgeClient, clusterArn: string, buses: readonly string[] = EVENT_BUSES): Promise<FoundRuleTarget[]> {
  const found: FoundRuleTarget[] = [];
  for (const eventBus of buses) {
    const rules = await allPages(`the rules targeting ${clusterArn} on event bus ${eventBus}`, async (NextToken) => {
      try {
        const answer = await client.send(new ListRuleNamesByTargetCommand({ TargetArn: clusterArn, EventBusName: eventBus, NextToken }));
        return { items: answer.RuleNames ?? [], next: answer.NextToken };
      } catch (error) {
        throw awsFailure(`list the EventBridge rules that target ${clusterArn} (ListRuleNamesByTarget, event bus ${eventBus})`, error);
      }
    });
    for (const rule of rules) {
      const targets = await allPages(`the targets of rule ${rule}`, async (NextToken) => {
        try {
          const answer = await client.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: eventBus, NextToken }));
          return { items: answer.Targets ?? [], next: answer.NextToken };
        } catch (error) {
          throw awsFailure(`list the targets of EventBridge rule ${rule} (ListTargetsByRule, event bus ${eventBus})`, error);
        }
      });
      for (const target of targets) {
        if (target.Arn === clusterArn && target.EcsParameters?.TaskDefinitionArn) found.push({ rule, eventBus, target });
      }
    }
  }
  return found;
}

/**
 * PutTargets with whole targets (it replaces the target with that Id: a member left out is gone).
 * The call can succeed while entries fail: those come back, and only the others were written.
 */
export async function putRuleTargets(client: EventBridgeClient, rule: string, eventBus: string, targets: Target[]): Promise<PutTargetsResultEntry[]> {
  try {
    const answer = await client.send(new PutTargetsCommand({ Rule: rule, EventBusName: eventBus, Targets: targets }));
    const failed = answer.FailedEntries ?? [];
    // FailedEntryCount is the documented signal; an answer that counts failures it does not list fails every entry.
    if ((answer.FailedEntryCount ?? 0) > failed.length) return targets.map((t) => failed.find((f) => f.TargetId === t.Id) ?? { TargetId: t.Id, ErrorCode: 'Unknown', ErrorMessage: `FailedEntryCount ${answer.FailedEntryCount} without its entries` });
    return failed;
  } catch (error) {
    throw awsFailure(`write the targets of EventBridge rule ${rule} (PutTargets, event bus ${eventBus})`, error);
  }
}
