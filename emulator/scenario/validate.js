// @ts-check
/**
 * Scenario validation with ajv (JSON Schema 2020-12, strict mode: a keyword ajv does not know
 * is an error in the schema, not silently ignored). Ajv's errors are rewritten as
 * `{ path: '$.services[0].desiredCount', message: 'expected a number >= 0, got -1' }`.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';

/** @typedef {{ path: string, message: string }} SchemaError */
/** @typedef {import('ajv').ErrorObject & { data?: unknown, parentSchema?: any, schema?: any }} AjvError */

/** @param {unknown} value */
function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** @param {unknown} value */
function show(value) {
  const text = JSON.stringify(value);
  return text !== undefined && text.length > 60 ? `${text.slice(0, 57)}...` : String(text);
}

/** @param {string} path @param {string} key */
function child(path, key) {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * A JSON pointer into `data` as a `$.a[0].b` path: array positions in brackets, odd keys quoted.
 * @param {unknown} data @param {string} pointer
 */
function jsonPath(data, pointer) {
  let path = '$';
  let at = /** @type {any} */ (data);
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = Array.isArray(at) ? `${path}[${key}]` : child(path, key);
    at = at?.[key];
  }
  return path;
}

/**
 * An object with too few or too many members, e.g. a timeline's `on` that must name exactly one state.
 * @param {AjvError} e @param {unknown} value
 */
function propertyCount(e, value) {
  const { minProperties: min, maxProperties: max, properties } = e.parentSchema ?? {};
  const count = min === max ? `exactly ${min === 1 ? 'one' : min}` : e.keyword === 'minProperties' ? `at least ${min}` : `at most ${max}`;
  const members = Object.keys(/** @type {object} */ (value));
  return `expected ${count} of ${Object.keys(properties ?? {}).join(', ')}, got ${members.length === 0 ? 'none' : members.join(', ')}`;
}

/** @param {AjvError} e @param {string} path @returns {SchemaError} */
function describeError(e, path) {
  const p = /** @type {any} */ (e.params);
  const value = e.data;
  switch (e.keyword) {
    case 'type': {
      const types = Array.isArray(p.type) ? p.type : String(p.type).split(',');
      return { path, message: `expected ${types.join(' or ')}, got ${typeOf(value)} ${show(value)}` };
    }
    case 'const': return { path, message: `expected ${show(p.allowedValue)}, got ${show(value)}` };
    case 'enum': return { path, message: `expected one of ${p.allowedValues.map(show).join(', ')}, got ${show(value)}` };
    case 'minimum': return { path, message: `expected a number >= ${p.limit}, got ${value}` };
    case 'maximum': return { path, message: `expected a number <= ${p.limit}, got ${value}` };
    case 'exclusiveMinimum': return { path, message: `expected a number > ${p.limit}, got ${value}` };
    case 'exclusiveMaximum': return { path, message: `expected a number < ${p.limit}, got ${value}` };
    case 'minLength': return { path, message: `expected a string of at least ${p.limit} character(s), got ${show(value)}` };
    case 'maxLength': return { path, message: `expected a string of at most ${p.limit} character(s), got ${show(value)}` };
    case 'pattern': {
      const about = e.parentSchema?.description ? ` (${e.parentSchema.description})` : '';
      return { path, message: `expected a string matching ${p.pattern}${about}, got ${show(value)}` };
    }
    case 'minItems': return { path, message: `expected at least ${p.limit} item(s), got ${/** @type {unknown[]} */ (value).length}` };
    case 'maxItems': return { path, message: `expected at most ${p.limit} item(s), got ${/** @type {unknown[]} */ (value).length}` };
    case 'required': return { path, message: `missing required property "${p.missingProperty}"` };
    case 'additionalProperties': {
      const known = Object.keys(e.parentSchema?.properties ?? {});
      return { path: child(path, p.additionalProperty), message: `unknown property "${p.additionalProperty}"${known.length ? ` (expected one of: ${known.join(', ')})` : ''}` };
    }
    case 'minProperties':
    case 'maxProperties': return { path, message: propertyCount(e, value) };
    case 'false schema': return { path, message: 'is not allowed here' };
    default: return { path, message: e.message ?? `fails ${e.keyword}` };
  }
}

/**
 * Replaces the errors of every failed anyOf by those of the branch the author most likely
 * meant (the one whose errors sit deepest), or by one line naming the accepted forms.
 * @param {AjvError[]} errors @param {unknown} data
 * @returns {AjvError[]}
 */
function resolveAnyOf(errors, data) {
  let list = errors;
  const anyOfs = list.filter((e) => e.keyword === 'anyOf').sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const anyOf of anyOfs) {
    const prefix = `${anyOf.schemaPath}/`;
    const inside = list.filter((e) => e !== anyOf && e.schemaPath.startsWith(prefix));
    /** @type {Map<string, AjvError[]>} */
    const branches = new Map();
    for (const e of inside) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const depth = (/** @type {AjvError[]} */ es) => Math.max(...es.map((e) => jsonPath(data, e.instancePath).length + (e.keyword === 'additionalProperties' || e.keyword === 'required' ? 1 : 0)));
    const best = [...branches.values()].reduce((a, b) => (depth(b) > depth(a) ? b : a), /** @type {AjvError[]} */ ([]));
    const here = jsonPath(data, anyOf.instancePath).length;
    const keep = best.length > 0 && depth(best) > here ? best : [];
    const forms = /** @type {any[]} */ (anyOf.schema ?? []).map((b) => b.description ?? b.type ?? (b.enum ? b.enum.map(show).join('/') : 'a value')).join('; or ');
    const summary = keep.length > 0 ? [] : [{ ...anyOf, keyword: 'anyOf-summary', message: `expected ${forms}, got ${show(anyOf.data)}` }];
    list = list.flatMap((e) => {
      if (e === anyOf) return [...keep, ...summary];
      return inside.includes(e) ? [] : [e];
    });
  }
  return list;
}

/** @param {object} schema @returns {(data: unknown) => SchemaError[]} */
export function compileValidator(schema) {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
  const check = ajv.compile(schema);
  return (data) => {
    if (check(data)) return [];
    const errors = resolveAnyOf(/** @type {AjvError[]} */ (check.errors ?? []), data);
    return errors.map((e) => describeError(e, jsonPath(data, e.instancePath)));
  };
}
