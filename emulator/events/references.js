// @ts-check
/** Cross-references of the scenario's `events` section that the schema cannot express. */
import { busName } from './store.js';

/** PutTargets: "Each rule can have up to five (5) targets associated with it at one time." */
const MAX_TARGETS_PER_RULE = 5;

/** @typedef {import('../scenario/validate.js').SchemaError} SchemaError */

/** @param {any} events scenario.events @returns {SchemaError[]} */
export function eventsReferenceErrors(events) {
  /** @type {SchemaError[]} */
  const errors = [];
  /** @type {Map<string, Set<string>>} rule key -> target ids */
  const rules = new Map();
  (events?.rules ?? []).forEach((/** @type {any} */ rule, /** @type {number} */ i) => {
    const at = `$.events.rules[${i}]`;
    const ruleKey = `${busName(rule.EventBusName)}/${rule.Name}`;
    if (rules.has(ruleKey)) errors.push({ path: `${at}.Name`, message: `duplicate rule "${rule.Name}" on event bus "${busName(rule.EventBusName)}"` });
    const ids = new Set();
    (rule.Targets ?? []).forEach((/** @type {any} */ target, /** @type {number} */ j) => {
      if (ids.has(target.Id)) errors.push({ path: `${at}.Targets[${j}].Id`, message: `duplicate target Id "${target.Id}" in rule "${rule.Name}"` });
      ids.add(target.Id);
    });
    if (ids.size > MAX_TARGETS_PER_RULE) errors.push({ path: `${at}.Targets`, message: `a rule has at most ${MAX_TARGETS_PER_RULE} targets, got ${ids.size}` });
    rules.set(ruleKey, ids);
  });
  (events?.putTargetsFailures ?? []).forEach((/** @type {any} */ failure, /** @type {number} */ i) => {
    const ids = rules.get(`${busName(failure.eventBus)}/${failure.rule}`);
    if (!ids) errors.push({ path: `$.events.putTargetsFailures[${i}].rule`, message: `rule "${failure.rule}" on event bus "${busName(failure.eventBus)}" is not listed in $.events.rules` });
    else if (!ids.has(failure.targetId)) errors.push({ path: `$.events.putTargetsFailures[${i}].targetId`, message: `rule "${failure.rule}" has no target "${failure.targetId}" (have: ${[...ids].join(', ') || 'none'})` });
  });
  return errors;
}
