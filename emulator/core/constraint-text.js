// @ts-check
/**
 * AWS's wording for a request that breaks its model's constraints, as Coral services answer it:
 * the validator's required members and enums, and the documented ranges a few handlers check
 * (`outOfRange`). Quoted in public reports, e.g. CloudWatch Logs: "2 validation errors detected:
 * Value '' at 'logGroupNamePrefix' failed to satisfy constraint: Member must satisfy regular
 * expression pattern: [\.\-_/#A-Za-z0-9]+; Value '' at 'logGroupNamePrefix' failed to satisfy
 * constraint: Member must have length greater than or equal to 1"; "Value null at
 * 'logEvents.1.member.timestamp' failed to satisfy constraint: Member must not be null"; a map:
 * "Value '{...}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint:
 * [Member must have length less than or equal to 256, ...]"; a range (Cognito, aws/aws-sdk-js#2193):
 * "Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or
 * equal to 1".
 */

/** @typedef {Record<string, any>} Descriptor */

/** Java's toString of a parsed JSON value, as the messages quote it. @param {unknown} value @returns {string} */
export function javaText(value) {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaText).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}=${javaText(v)}`).join(', ')}}`;
  return String(value);
}

/**
 * Every constraint a scalar descriptor declares (its enum, the one constraint the installed SDK
 * carries), as AWS lists them in a map's or a list's "must satisfy constraint: [...]".
 * @param {Descriptor} d
 * @returns {string[]}
 */
export function constraintsOf(d) {
  return d.enum ? [`Member must satisfy enum value set: [${d.enum.join(', ')}]`] : [];
}

/**
 * The constraints a present, well-typed scalar value breaks.
 * @param {unknown} value @param {Descriptor} d
 * @returns {string[]}
 */
export function brokenBy(value, d) {
  return d.enum && !d.enum.includes(value) ? [`Member must satisfy enum value set: [${d.enum.join(', ')}]`] : [];
}

/**
 * A documented range a handler checks beside its code (the installed SDK carries no ranges), in
 * AWS's wording: the item to list, none when the value is in range or not sent.
 * @param {unknown} value @param {string} path @param {{ min?: number, max?: number }} range
 * @returns {string[]}
 */
export function outOfRange(value, path, { min, max }) {
  if (typeof value !== 'number') return [];
  if (min !== undefined && value < min) return [item(value, path, `Member must have value greater than or equal to ${min}`)];
  if (max !== undefined && value > max) return [item(value, path, `Member must have value less than or equal to ${max}`)];
  return [];
}

/**
 * "1 validation error detected: ..." / "N validation errors detected: ...".
 * @param {string[]} items
 */
export function detected(items) {
  return `${items.length} validation error${items.length === 1 ? '' : 's'} detected: ${items.join('; ')}`;
}

/**
 * One item: "Value 'x' at 'path' failed to satisfy constraint: ...". A sensitive member's value
 * is not quoted (KMS: "Value at 'plaintext' failed to satisfy constraint: ...").
 * @param {unknown} value @param {string} path @param {string} constraint @param {boolean} [sensitive]
 */
export function item(value, path, constraint, sensitive = false) {
  const shown = sensitive ? '' : value === null || value === undefined ? ' null' : ` '${javaText(value)}'`;
  return `Value${shown} at '${path}' failed to satisfy constraint: ${constraint}`;
}
