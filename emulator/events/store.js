// @ts-check
/**
 * EventBridge rules and their targets, for the operations a deploy tool uses to find and repoint
 * scheduled ECS tasks: ListRuleNamesByTarget, ListTargetsByRule and PutTargets (AWS JSON 1.1,
 * `X-Amz-Target: AWSEvents.<Op>`). Each behaviour cites its page of the EventBridge API reference,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/.
 */
import { ApiError } from '../core/errors.js';
import { page, pageLimit } from './paging.js';

/** PutTargets: "Targets ... Array Members: Minimum number of 1 item. Maximum number of 10 items." */
const MAX_TARGETS_PER_CALL = 10;

const validation = (/** @type {string} */ message) => new ApiError(400, 'ValidationException', message);
const notFound = (/** @type {string} */ message) => new ApiError(400, 'ResourceNotFoundException', message);

/**
 * @typedef {{ Name: string, EventBusName: string, Arn: string, ScheduleExpression?: string, EventPattern?: string,
 *   State: string, Description?: string, RoleArn?: string, targets: Map<string, any> }} Rule
 * @typedef {{ rule: string, eventBus?: string, targetId: string, errorCode: string, errorMessage: string, calls?: number, seen: number }} ScriptedFailure
 */

/** "The name or ARN of the event bus": an ARN names the bus after `event-bus/`; absent is `default`. @param {unknown} value */
export function busName(value) {
  if (typeof value !== 'string' || value === '') return 'default';
  return value.startsWith('arn:') ? value.slice(value.indexOf(':event-bus/') + ':event-bus/'.length) : value;
}

export class EventsStore {
  /** @param {{ account: string, region: string, events?: any }} options scenario.events */
  constructor({ account, region, events = {} }) {
    this.pageSize = events.pageSize;
    /** @type {Map<string, Rule>} keyed by bus and name */
    this.rules = new Map();
    for (const rule of events.rules ?? []) {
      const bus = busName(rule.EventBusName);
      // Rule ARNs: rule/<name> on the default bus, rule/<bus>/<name> on a custom one (DescribeRule, "Arn").
      const path = bus === 'default' ? rule.Name : `${bus}/${rule.Name}`;
      const { Targets = [], ...fields } = rule;
      this.rules.set(key(bus, rule.Name), {
        ...structuredClone(fields),
        EventBusName: bus,
        State: rule.State ?? 'ENABLED',
        Arn: `arn:aws:events:${region}:${account}:rule/${path}`,
        targets: new Map(Targets.map((/** @type {any} */ t) => [t.Id, structuredClone(t)])),
      });
    }
    /** @type {ScriptedFailure[]} */
    this.failures = (events.putTargetsFailures ?? []).map((/** @type {any} */ f) => ({ ...f, seen: 0 }));
  }

  /** @param {string} operation @returns {((input: any) => any) | undefined} */
  handler(operation) {
    /** @type {Record<string, (input: any) => any>} */
    const ops = {
      ListRuleNamesByTarget: (i) => this.listRuleNamesByTarget(i),
      ListTargetsByRule: (i) => this.listTargetsByRule(i),
      PutTargets: (i) => this.putTargets(i),
    };
    return ops[operation];
  }

  /**
   * ListRuleNamesByTarget (API_ListRuleNamesByTarget.html): "Lists the rules for the specified
   * target", on the bus named by EventBusName ("If you omit this, the default event bus is used").
   * A rule is listed when one of its targets has exactly this Arn.
   * @param {any} input
   */
  listRuleNamesByTarget(input) {
    if (typeof input.TargetArn !== 'string' || input.TargetArn === '') throw validation("1 validation error detected: Value null at 'targetArn' failed to satisfy constraint: Member must not be null");
    const bus = busName(input.EventBusName);
    const names = [...this.rules.values()]
      .filter((rule) => rule.EventBusName === bus && [...rule.targets.values()].some((t) => t.Arn === input.TargetArn))
      .map((rule) => rule.Name);
    const { page: RuleNames, next } = page(names, {
      token: input.NextToken,
      limit: pageLimit(input.Limit, 'limit', validation),
      pageSize: this.pageSize,
      scope: `names:${bus}:${input.TargetArn}`,
      invalid: validation,
    });
    return { RuleNames, ...(next ? { NextToken: next } : {}) };
  }

  /**
   * ListTargetsByRule (API_ListTargetsByRule.html): the rule's targets as they were put, paginated;
   * an unknown rule is ResourceNotFoundException.
   * @param {any} input
   */
  listTargetsByRule(input) {
    const rule = this.rule(input.Rule, input.EventBusName);
    const { page: Targets, next } = page([...rule.targets.values()], {
      token: input.NextToken,
      limit: pageLimit(input.Limit, 'limit', validation),
      pageSize: this.pageSize,
      scope: `targets:${rule.EventBusName}:${rule.Name}`,
      invalid: validation,
    });
    return { Targets: structuredClone(Targets), ...(next ? { NextToken: next } : {}) };
  }

  /**
   * PutTargets (API_PutTargets.html): "Adds the specified targets to the specified rule, or updates
   * the targets if they are already associated with the rule": the target with that Id becomes
   * exactly what was sent, so a member left out is gone. "This action can partially fail ... If
   * that happens, FailedEntryCount is non-zero in the response and each entry in FailedEntries
   * provides the ID of the failed target and the error code": scripted by
   * `events.putTargetsFailures`, and the failed targets stay as they were.
   * @param {any} input
   */
  putTargets(input) {
    const rule = this.rule(input.Rule, input.EventBusName);
    const targets = Array.isArray(input.Targets) ? input.Targets : [];
    if (targets.length < 1 || targets.length > MAX_TARGETS_PER_CALL) {
      throw validation(`1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length between 1 and ${MAX_TARGETS_PER_CALL}`);
    }
    targets.forEach((/** @type {any} */ target, /** @type {number} */ i) => checkTarget(target, i));
    /** @type {{ TargetId: string, ErrorCode: string, ErrorMessage: string }[]} */
    const FailedEntries = [];
    for (const target of targets) {
      const failure = this.scriptedFailure(rule, target.Id);
      if (failure) FailedEntries.push({ TargetId: target.Id, ErrorCode: failure.errorCode, ErrorMessage: failure.errorMessage });
      else rule.targets.set(target.Id, structuredClone(target));
    }
    return { FailedEntryCount: FailedEntries.length, FailedEntries };
  }

  /** The first scripted failure for this target still in force (each counts the PutTargets entries it saw). @param {Rule} rule @param {string} targetId */
  scriptedFailure(rule, targetId) {
    for (const failure of this.failures) {
      if (failure.rule !== rule.Name || busName(failure.eventBus) !== rule.EventBusName || failure.targetId !== targetId) continue;
      failure.seen += 1;
      if (failure.calls === undefined || failure.seen <= failure.calls) return failure;
    }
    return undefined;
  }

  /** @param {unknown} name @param {unknown} eventBus @returns {Rule} */
  rule(name, eventBus) {
    if (typeof name !== 'string' || name === '') throw validation("1 validation error detected: Value null at 'rule' failed to satisfy constraint: Member must not be null");
    const bus = busName(eventBus);
    const rule = this.rules.get(key(bus, name));
    if (!rule) throw notFound(`Rule ${name} does not exist on EventBus ${bus}.`);
    return rule;
  }

  /** Every rule with its targets, for the state endpoint. */
  state() {
    return [...this.rules.values()].map(({ targets, ...rule }) => ({ ...structuredClone(rule), Targets: structuredClone([...targets.values()]) }));
  }
}

/**
 * What PutTargets refuses as a whole (Target data type, API_Target.html): Id and Arn are required;
 * "Input, InputPath, and InputTransformer are mutually exclusive"; EcsParameters requires
 * TaskDefinitionArn (API_EcsParameters.html, "Required: Yes").
 * @param {any} target @param {number} i
 */
function checkTarget(target, i) {
  for (const member of ['Id', 'Arn']) {
    if (typeof target?.[member] !== 'string' || target[member] === '') {
      throw validation(`1 validation error detected: Value null at 'targets.${i + 1}.member.${member.toLowerCase()}' failed to satisfy constraint: Member must not be null`);
    }
  }
  const inputs = ['Input', 'InputPath', 'InputTransformer'].filter((member) => target[member] !== undefined);
  if (inputs.length > 1) throw validation(`Target ${target.Id}: ${inputs.join(' and ')} are mutually exclusive.`);
  if (target.EcsParameters && typeof target.EcsParameters.TaskDefinitionArn !== 'string') {
    throw validation(`1 validation error detected: Value null at 'targets.${i + 1}.member.ecsParameters.taskDefinitionArn' failed to satisfy constraint: Member must not be null`);
  }
}

/** @param {string} bus @param {string} name */
function key(bus, name) {
  return `${bus}\u0000${name}`;
}
