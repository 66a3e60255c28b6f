// @ts-check
/**
 * A small JSON Schema (draft 2020-12) validator for the subset scenario.schema.json uses:
 * type, enum, const, properties, required, additionalProperties, patternProperties, items,
 * minItems, maxItems, minimum, maximum, exclusiveMinimum, minLength, pattern, anyOf, $ref to
 * `#/$defs/...`. Annotations (description, title, default, examples) are ignored.
 */

/** @typedef {{ path: string, message: string }} SchemaError */

/** @param {unknown} value */
function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** @param {string} expected @param {string} actual */
function typeMatches(expected, actual) {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

/** @param {string} path @param {string} key */
function child(path, key) {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** @param {unknown} value */
function show(value) {
  const text = JSON.stringify(value);
  return text !== undefined && text.length > 60 ? `${text.slice(0, 57)}...` : String(text);
}

/**
 * Validates `value` against `schema`; returns every error found (empty when valid).
 * @param {any} schema
 * @param {unknown} value
 * @param {any} [root]
 * @param {string} [path]
 * @returns {SchemaError[]}
 */
export function validate(schema, value, root = schema, path = '$') {
  if (schema === true || schema === undefined) return [];
  if (schema === false) return [{ path, message: 'is not allowed here' }];
  if (schema.$ref) {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce((/** @type {any} */ s, /** @type {string} */ k) => s?.[k], root);
    if (!target) throw new Error(`scenario schema: unresolved $ref ${schema.$ref}`);
    return validate(target, value, root, path);
  }
  if (schema.anyOf) return validateAnyOf(schema, value, root, path);

  const actual = typeOf(value);
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((/** @type {string} */ t) => typeMatches(t, actual))) {
      return [{ path, message: `expected ${types.join(' or ')}, got ${actual} ${show(value)}` }];
    }
  }
  if (schema.const !== undefined && value !== schema.const) {
    return [{ path, message: `expected ${show(schema.const)}, got ${show(value)}` }];
  }
  if (schema.enum && !schema.enum.includes(value)) {
    return [{ path, message: `expected one of ${schema.enum.map(show).join(', ')}, got ${show(value)}` }];
  }
  if (actual === 'integer' || actual === 'number') return checkNumber(schema, /** @type {number} */ (value), path);
  if (actual === 'string') return checkString(schema, /** @type {string} */ (value), path);
  if (actual === 'array') return checkArray(schema, /** @type {unknown[]} */ (value), root, path);
  if (actual === 'object') return checkObject(schema, /** @type {Record<string, unknown>} */ (value), root, path);
  return [];
}

/** @param {any} schema @param {unknown} value @param {any} root @param {string} path */
function validateAnyOf(schema, value, root, path) {
  const attempts = schema.anyOf.map((/** @type {any} */ branch) => validate(branch, value, root, path));
  if (attempts.some((/** @type {SchemaError[]} */ errors) => errors.length === 0)) return [];
  // The branch whose errors sit deepest is the one the author most likely meant.
  const depth = (/** @type {SchemaError[]} */ errors) => Math.max(...errors.map((e) => e.path.length));
  const best = attempts.reduce((/** @type {SchemaError[]} */ a, /** @type {SchemaError[]} */ b) => (depth(b) > depth(a) ? b : a));
  if (depth(best) > path.length) return best;
  const forms = schema.anyOf.map((/** @type {any} */ b) => b.description ?? b.type ?? (b.enum ? b.enum.map(show).join('/') : 'a value')).join('; or ');
  return [{ path, message: `expected ${forms}, got ${show(value)}` }];
}

/** @param {any} schema @param {number} value @param {string} path */
function checkNumber(schema, value, path) {
  if (schema.minimum !== undefined && value < schema.minimum) return [{ path, message: `expected a number >= ${schema.minimum}, got ${value}` }];
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return [{ path, message: `expected a number > ${schema.exclusiveMinimum}, got ${value}` }];
  if (schema.maximum !== undefined && value > schema.maximum) return [{ path, message: `expected a number <= ${schema.maximum}, got ${value}` }];
  return [];
}

/** @param {any} schema @param {string} value @param {string} path */
function checkString(schema, value, path) {
  if (schema.minLength !== undefined && value.length < schema.minLength) return [{ path, message: `expected a string of at least ${schema.minLength} character(s), got ${show(value)}` }];
  if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
    return [{ path, message: `expected a string matching ${schema.pattern}${schema.description ? ` (${schema.description})` : ''}, got ${show(value)}` }];
  }
  return [];
}

/** @param {any} schema @param {unknown[]} value @param {any} root @param {string} path */
function checkArray(schema, value, root, path) {
  if (schema.minItems !== undefined && value.length < schema.minItems) return [{ path, message: `expected at least ${schema.minItems} item(s), got ${value.length}` }];
  if (schema.maxItems !== undefined && value.length > schema.maxItems) return [{ path, message: `expected at most ${schema.maxItems} item(s), got ${value.length}` }];
  if (!schema.items) return [];
  return value.flatMap((item, i) => validate(schema.items, item, root, `${path}[${i}]`));
}

/** @param {any} schema @param {Record<string, unknown>} value @param {any} root @param {string} path */
function checkObject(schema, value, root, path) {
  /** @type {SchemaError[]} */
  const errors = [];
  for (const key of schema.required ?? []) {
    if (!(key in value)) errors.push({ path, message: `missing required property "${key}"` });
  }
  const properties = schema.properties ?? {};
  for (const [key, item] of Object.entries(value)) {
    if (key in properties) {
      errors.push(...validate(properties[key], item, root, child(path, key)));
      continue;
    }
    const patterned = Object.entries(schema.patternProperties ?? {}).find(([re]) => new RegExp(re, 'u').test(key));
    if (patterned) {
      errors.push(...validate(patterned[1], item, root, child(path, key)));
    } else if (schema.additionalProperties === false) {
      const known = Object.keys(properties);
      errors.push({ path: child(path, key), message: `unknown property "${key}"${known.length ? ` (expected one of: ${known.join(', ')})` : ''}` });
    } else if (schema.additionalProperties !== undefined) {
      errors.push(...validate(schema.additionalProperties, item, root, child(path, key)));
    }
  }
  return errors;
}
