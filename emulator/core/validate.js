// @ts-check
/**
 * Checks every request against its service's model, as far as the installed SDK carries it,
 * before a handler sees it, as AWS does: "when a server deserializes a request from a client, the
 * server SHOULD enforce any defined constraint traits and reject the request" (Smithy 2.0,
 * "Constraint traits", 6.1).
 *
 * - A body value of the wrong JSON type (a string where a number or a list belongs, a fraction or
 *   an overflow where an integer belongs, a timestamp that is not epoch seconds, a null inside a
 *   list or map, a union with other than one member) is not deserialized: 400
 *   SerializationException (Smithy's AWS protocol tests, restJson1 "malformedRequests": the JSON
 *   body rules that awsJson1_1 shares).
 * - A constraint broken (required member missing, enum value unknown) answers the exception the
 *   operation's API reference documents for invalid parameters (`constraintError` in the rules),
 *   with every violation listed in AWS's wording. Lengths, ranges and patterns are not in the
 *   installed SDK: the few that matter are handler checks citing their page (emulator/README.md).
 * - A member the model does not have: AWS documents nothing, so `unknownMembers` chooses
 *   `ignore` (dropped before the handler, which never sees it) or `reject` (SerializationException).
 *
 * The rules are generated from the SDK (emulator/model/generate.js); nothing here names a field.
 */
import { readFileSync } from 'node:fs';
import { brokenBy, constraintsOf, detected, item } from './constraint-text.js';
import { ApiError } from './errors.js';
import { fromWireStrings } from './wire-strings.js';

/** @typedef {Record<string, any>} Descriptor */
/** @typedef {{ operations: Record<string, { input: string, constraintError: string }>, shapes: Record<string, Descriptor> }} Rules */
/** @typedef {{ rules: Rules, items: string[], unknownMembers: 'ignore' | 'reject' }} Walk */

/** Integer kinds and the size of their range on each side of zero (Smithy "Simple types"). */
const INTEGER_LIMITS = /** @type {Record<string, number>} */ ({ integer: 2 ** 31, long: 2 ** 63 });
const TYPE_NAMES = /** @type {Record<string, string>} */ ({
  string: 'a String', boolean: 'a Boolean', integer: 'an Integer', long: 'a Long',
  number: 'a Double', timestamp: 'a Timestamp', blob: 'a Blob', structure: 'a Structure', union: 'a Union', list: 'a List', map: 'a Map',
});
/** Smithy's JSON writes a float's or double's special values as these strings. */
const SPECIAL_NUMBERS = ['NaN', 'Infinity', '-Infinity'];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A value the JSON protocol cannot read: the walk stops at the first one. */
class Malformed extends Error {}

/** @param {string} path @param {string} key */
const join = (path, key) => (path === '' ? key : `${path}.${key}`);

/**
 * Coral's words for a value of the wrong JSON type.
 * @param {unknown} value @param {string} type
 */
function mismatch(value, type) {
  if (Array.isArray(value)) return new Malformed('Start of list found where not expected.');
  if (value !== null && typeof value === 'object') return new Malformed('Start of structure or map found where not expected.');
  const token = value === null ? 'NULL_VALUE' : typeof value === 'string' ? 'STRING_VALUE' : typeof value === 'number' ? 'NUMBER_VALUE' : `${String(value).toUpperCase()}_VALUE`;
  return new Malformed(`${token} can not be converted to ${TYPE_NAMES[type] ?? type}`);
}

/**
 * @param {unknown} value present (neither undefined nor null) @param {Descriptor} d @param {string} path @param {Walk} walk
 * @returns {unknown} the value as the handler may read it
 */
function check(value, d, path, walk) {
  if (d.type === 'structure' || d.type === 'union') return checkStructure(value, d, path, walk);
  if (d.type === 'list') return checkList(value, d, path, walk);
  if (d.type === 'map') return checkMap(value, d, path, walk);
  checkScalar(value, d);
  for (const broken of brokenBy(value, d)) walk.items.push(item(value, path, broken, d.sensitive));
  return value;
}

/** @param {unknown} value @param {Descriptor} d */
function checkScalar(value, d) {
  if (d.type === 'document') return;
  if (d.type === 'string' || d.type === 'blob') {
    if (typeof value !== 'string') throw mismatch(value, d.type);
    if (d.type === 'blob' && !BASE64.test(value)) throw new Malformed('Invalid base64 for a Blob.');
    return;
  }
  if (d.type === 'boolean') {
    if (typeof value !== 'boolean') throw mismatch(value, d.type);
    return;
  }
  if (d.type === 'number' && typeof value === 'string' && SPECIAL_NUMBERS.includes(value)) return;
  if (typeof value !== 'number') throw mismatch(value, d.type);
  const limit = INTEGER_LIMITS[d.type];
  if (limit !== undefined && !Number.isInteger(value)) throw new Malformed(`NUMBER_VALUE ${value} can not be converted to ${TYPE_NAMES[d.type]}`);
  if (limit !== undefined && (value < -limit || value >= limit)) throw new Malformed(`NUMBER_VALUE ${value} is out of range for ${TYPE_NAMES[d.type]}`);
}

/** @param {unknown} value @param {Descriptor} d @param {string} path @param {Walk} walk */
function checkStructure(value, d, path, walk) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, d.type);
  const shape = walk.rules.shapes[d.ref];
  /** @type {Record<string, unknown>} */
  const read = {};
  for (const [key, child] of Object.entries(value)) {
    const member = Object.hasOwn(shape.members, key) ? shape.members[key] : undefined;
    if (!member) {
      // A union's unknown member is malformed (Smithy protocol test RestJsonMalformedUnionUnknownMember).
      if (shape.type === 'union' || walk.unknownMembers === 'reject') throw new Malformed(`Unknown member '${key}' at '${join(path, key)}'.`);
      continue;
    }
    // JSON null for a structure member means the member is not set.
    if (child !== null && child !== undefined) read[key] = check(child, member, join(path, key), walk);
  }
  for (const [key, member] of Object.entries(shape.members)) {
    if (member.required && read[key] === undefined) walk.items.push(item(null, join(path, key), 'Member must not be null'));
  }
  if (shape.type === 'union' && Object.keys(read).length !== 1) {
    throw new Malformed(`A union must have exactly one member set, found ${Object.keys(read).length} at '${path}'.`);
  }
  return read;
}

/** @param {unknown} value @param {Descriptor} d @param {string} path @param {Walk} walk */
function checkList(value, d, path, walk) {
  if (!Array.isArray(value)) throw mismatch(value, 'list');
  let elementBroken = false;
  const read = value.map((element, index) => {
    if (element === null || element === undefined) throw new Malformed(`A list member can not be null (at '${path}.${index + 1}.member').`);
    const before = walk.items.length;
    const out = check(element, d.member, `${path}.${index + 1}.member`, walk);
    if (isScalar(d.member) && walk.items.length > before) {
      walk.items.length = before;
      elementBroken = true;
    }
    return out;
  });
  // A list of scalars is reported once, with every constraint its members carry.
  if (elementBroken) walk.items.push(item(value, path, `Member must satisfy constraint: [${constraintsOf(d.member).join(', ')}]`, d.member.sensitive));
  return read;
}

/** @param {unknown} value @param {Descriptor} d @param {string} path @param {Walk} walk */
function checkMap(value, d, path, walk) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, 'map');
  /** @type {[string, unknown][]} */
  const read = [];
  let keyBroken = false;
  let valueBroken = false;
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) throw new Malformed(`A map value can not be null (at '${path}.${key}').`);
    keyBroken ||= brokenBy(key, d.key).length > 0;
    const before = walk.items.length;
    read.push([key, check(entry, d.value, join(path, key), walk)]);
    if (isScalar(d.value) && walk.items.length > before) {
      walk.items.length = before;
      valueBroken = true;
    }
  }
  if (keyBroken) walk.items.push(item(value, path, `Map keys must satisfy constraint: [${constraintsOf(d.key).join(', ')}]`));
  if (valueBroken) walk.items.push(item(value, path, `Map value must satisfy constraint: [${constraintsOf(d.value).join(', ')}]`, d.value.sensitive));
  // Own properties whatever the keys are (a "__proto__" key stays a key).
  return Object.fromEntries(read);
}

/** @param {Descriptor} d */
const isScalar = (d) => !['structure', 'union', 'list', 'map'].includes(d.type);

/** Loads each service's generated rules once and checks requests against them. */
export class RequestValidator {
  /** @param {{ unknownMembers?: 'ignore' | 'reject' }} [options] */
  constructor(options = {}) {
    this.unknownMembers = options.unknownMembers ?? 'ignore';
    /** @type {Map<string, Rules>} */
    this.loaded = new Map();
  }

  /** @param {string} service @returns {Rules} */
  rules(service) {
    let rules = this.loaded.get(service);
    if (!rules) {
      const file = new URL(`../model/rules/${service}.json`, import.meta.url);
      try {
        rules = /** @type {Rules} */ (JSON.parse(readFileSync(file, 'utf8')));
      } catch (error) {
        throw new Error(`No request rules for service '${service}' (${file.pathname}): add it to emulator/model/services.js and run node emulator/model/generate.js`, { cause: error });
      }
      this.loaded.set(service, rules);
    }
    return rules;
  }

  /**
   * The members of an operation's input that arrived as text (an awsQuery form, a restJson1 path
   * and query string), read as the model's types; a front calls it before `check`.
   * @param {string} service @param {string} operation @param {Record<string, unknown>} fields
   * @returns {Record<string, unknown>}
   */
  readStrings(service, operation, fields) {
    const rules = this.rules(service);
    const op = Object.hasOwn(rules.operations, operation) ? rules.operations[operation] : undefined;
    if (!op) return fields;
    return /** @type {Record<string, unknown>} */ (fromWireStrings(fields, { type: 'structure', ref: op.input }, rules.shapes));
  }

  /**
   * @param {string} service key, e.g. `ecs` @param {string} operation e.g. `UpdateService` @param {unknown} input the parsed body
   * @returns {{ input: Record<string, unknown>, error?: undefined } | { error: ApiError, input?: undefined }}
   */
  check(service, operation, input) {
    const rules = this.rules(service);
    const op = Object.hasOwn(rules.operations, operation) ? rules.operations[operation] : undefined;
    if (!op) return { error: new ApiError(400, 'UnknownOperationException', '') };
    /** @type {Walk} */
    const walk = { rules, items: [], unknownMembers: this.unknownMembers };
    try {
      const read = /** @type {Record<string, unknown>} */ (checkStructure(input, { type: 'structure', ref: op.input }, '', walk));
      if (walk.items.length > 0) return { error: new ApiError(400, op.constraintError, detected(walk.items)) };
      return { input: read };
    } catch (error) {
      if (error instanceof Malformed) return { error: new ApiError(400, 'SerializationException', error.message) };
      throw error;
    }
  }
}
