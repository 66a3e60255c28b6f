// @ts-check
/**
 * Members that travel as text, read as the model's types before validation: every scalar of an
 * awsQuery form (ELBv2: "Port=80", "Enabled=true"), and a restJson1 request's path labels and query
 * string ("?MaxResults=10"). Smithy's protocols write numbers in decimal, booleans as `true` /
 * `false` and timestamps as ISO 8601 date-times there (AWS query protocol and restJson1
 * specifications, "Query string serialization" and "httpQuery"). Text that is none of these is left
 * as it is, so the validator answers it as a value of the wrong type.
 */

/** @typedef {Record<string, any>} Descriptor */

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * @param {unknown} value @param {Descriptor} d @param {Record<string, Descriptor>} shapes
 * @returns {unknown}
 */
export function fromWireStrings(value, d, shapes) {
  if (value === null || value === undefined) return value;
  if (d.type === 'structure' || d.type === 'union') {
    if (typeof value !== 'object' || Array.isArray(value)) return value;
    const members = shapes[d.ref].members;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Object.hasOwn(members, k) ? fromWireStrings(v, members[k], shapes) : v]));
  }
  // awsQuery writes an empty list as the bare parameter name.
  if (d.type === 'list' && value === '') return [];
  if (d.type === 'list') return Array.isArray(value) ? value.map((v) => fromWireStrings(v, d.member, shapes)) : value;
  if (d.type === 'map') {
    if (typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWireStrings(v, d.value, shapes)]));
  }
  if (typeof value !== 'string') return value;
  if (['integer', 'long', 'number'].includes(d.type)) return NUMBER.test(value) ? Number(value) : value;
  if (d.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (d.type === 'timestamp') {
    const ms = Date.parse(value);
    return /^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(ms) ? ms / 1000 : value;
  }
  return value;
}
