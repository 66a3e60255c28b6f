// @ts-check
/**
 * Generates the request rules the emulator validates with (`rules/<service>.json`) from the
 * installed SDK client alone (see services.js for what each part of it gives):
 *
 *   node emulator/model/generate.js            writes every service's rules
 *   node emulator/model/generate.js --check    exits 1 when a committed file differs
 *
 * Every operation of the client is covered, so a handler added later is validated without
 * regenerating. Never edit `rules/` by hand: `__tests__/emulator/core/model.test.js` fails when a
 * file differs from what this produces from the installed packages.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { NormalizedSchema } from '@smithy/core/schema';
import { readDeclarations } from './declarations.js';
import { SERVICES } from './services.js';

/** @typedef {import('./declarations.js').TypeHint} TypeHint */
/** @typedef {Record<string, any>} Descriptor */

/**
 * @typedef {{
 *   sdk: Record<string, any>,
 *   hints: Map<string, Map<string, TypeHint>>,
 *   kinds: Map<string, string>,
 *   shapes: Record<string, Descriptor>,
 * }} Walk
 */

/** The number kinds the SDK's input examples write (`Number("int")`, ...), as the validator names them. */
const NUMBER_KINDS = /** @type {Record<string, string>} */ ({ int: 'integer', long: 'long', double: 'number' });

/** @param {NormalizedSchema} ns */
const isAggregate = (ns) => ns.isStructSchema() || ns.isUnionSchema();

/**
 * Records the kind of every number an input example shows, keyed as `describe` walks the schemas
 * (`Structure.member`, then `.member` for a list's element, `.value` for a map's): a structure
 * reached from several operations, or cut short in one example, is complete in another.
 * @param {NormalizedSchema} ns @param {unknown} example @param {string} key @param {Map<string, string>} kinds
 */
function collectKinds(ns, example, key, kinds) {
  if (example === null || example === undefined) return;
  if (typeof example === 'string') {
    if (ns.isNumericSchema() && Object.hasOwn(NUMBER_KINDS, example)) kinds.set(key, NUMBER_KINDS[example]);
    return;
  }
  if (isAggregate(ns) && typeof example === 'object' && !Array.isArray(example)) {
    const members = /** @type {Record<string, unknown>} */ (example);
    for (const [member, child] of ns.structIterator()) collectKinds(child, members[member], `${ns.getName()}.${member}`, kinds);
  } else if (ns.isListSchema() && Array.isArray(example)) {
    collectKinds(ns.getValueSchema(), example[0], `${key}.member`, kinds);
  } else if (ns.isMapSchema() && typeof example === 'object') {
    collectKinds(ns.getValueSchema(), /** @type {Record<string, unknown>} */ (example)['<keys>'], `${key}.value`, kinds);
  }
}

/**
 * @param {NormalizedSchema} ns @param {TypeHint | undefined} hint @param {string} key @param {Walk} walk
 * @returns {Descriptor}
 */
function describe(ns, hint, key, walk) {
  const sensitive = ns.getMergedTraits().sensitive ? { sensitive: true } : {};
  if (isAggregate(ns)) return { type: addStructure(ns, walk), ref: ns.getName() };
  if (ns.isListSchema()) {
    return { type: 'list', member: describe(ns.getValueSchema(), hint && 'list' in hint ? hint.list : undefined, `${key}.member`, walk) };
  }
  if (ns.isMapSchema()) {
    const map = hint && 'map' in hint ? hint.map : undefined;
    return {
      type: 'map',
      key: describe(ns.getKeySchema(), map?.key, `${key}.key`, walk),
      value: describe(ns.getValueSchema(), map?.value, `${key}.value`, walk),
    };
  }
  if (ns.isTimestampSchema()) return { type: 'timestamp', ...sensitive };
  if (ns.isBlobSchema()) return { type: 'blob', ...sensitive };
  if (ns.isBooleanSchema()) return { type: 'boolean', ...sensitive };
  if (ns.isDocumentSchema()) return { type: 'document' };
  const values = hint && 'enum' in hint ? Object.values(walk.sdk[hint.enum]) : undefined;
  const enumeration = values ? { enum: values } : {};
  if (ns.isNumericSchema()) {
    const type = walk.kinds.get(key);
    // A guessed kind is wrong one way or the other (an integer taking fractions, a double refusing them): stop, naming the member.
    if (!type) throw new Error(`${key}: no command's input example gives this number's kind (${Object.keys(NUMBER_KINDS).join(', ')})`);
    return { type, ...enumeration, ...sensitive };
  }
  if (ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) return { type: 'number', ...enumeration, ...sensitive };
  return { type: 'string', ...enumeration, ...sensitive };
}

/**
 * Records a structure (or union) once and returns its type.
 * @param {NormalizedSchema} ns @param {Walk} walk
 */
function addStructure(ns, walk) {
  const type = ns.isUnionSchema() ? 'union' : 'structure';
  const name = /** @type {string} */ (ns.getName());
  if (walk.shapes[name]) return type;
  /** @type {Record<string, Descriptor>} */
  const members = {};
  walk.shapes[name] = { type, members };
  // The SDK's static structure schemas list required members first and store their count at index 6.
  const count = /** @type {any} */ (NormalizedSchema.of(ns.getSchema()).getSchema())[6];
  let index = 0;
  for (const [member, child] of ns.structIterator()) {
    const descriptor = describe(child, walk.hints.get(name)?.get(member), `${name}.${member}`, walk);
    members[member] = typeof count === 'number' && index < count ? { ...descriptor, required: true } : descriptor;
    index += 1;
  }
  return type;
}

/**
 * The rules of one service, from the installed packages alone.
 * @param {import('./services.js').ServiceKey} key
 */
export async function generateRules(key) {
  const service = SERVICES[key];
  const sdk = await import(service.sdk);
  const { hints, errors, example } = readDeclarations(service.sdk);
  const schemas = Object.values(sdk).filter((value) => Array.isArray(value) && value[0] === 9)
    .sort((a, b) => String(a[2]).localeCompare(String(b[2])));
  /** @type {Map<string, string>} */
  const kinds = new Map();
  for (const schema of schemas) collectKinds(NormalizedSchema.of(schema[4]), example(schema[2]), '', kinds);
  /** @type {Walk} */
  const walk = { sdk, hints, kinds, shapes: {} };
  /** @type {Record<string, { input: string, constraintError: string }>} */
  const operations = {};
  for (const schema of schemas) {
    const operation = /** @type {string} */ (schema[2]);
    const input = NormalizedSchema.of(schema[4]);
    if (!isAggregate(input)) throw new Error(`${key} ${operation}: the input is not a structure`);
    addStructure(input, walk);
    const documented = errors(operation);
    operations[operation] = {
      input: /** @type {string} */ (input.getName()),
      constraintError: /** @type {readonly string[]} */ (service.constraintErrors).find((e) => documented.includes(e))
        ?? ('commonError' in service ? service.commonError : 'ValidationException'),
    };
  }
  const version = createRequire(import.meta.url)(`${service.sdk}/package.json`).version;
  const sortedShapes = Object.fromEntries(Object.entries(walk.shapes).sort(([a], [b]) => a.localeCompare(b)));
  return { service: key, generatedFrom: { sdk: `${service.sdk}@${version}` }, operations, shapes: sortedShapes };
}

/**
 * JSON with one operation, and one structure member, per line: readable diffs when the SDK moves.
 * @param {unknown} value @param {number} depth @param {number} collapseAt
 * @returns {string}
 */
function format(value, depth = 0, collapseAt = 2) {
  if (value === null || typeof value !== 'object' || depth >= collapseAt) return JSON.stringify(value);
  const pad = '  '.repeat(depth + 1);
  const entries = Object.entries(value).map(([k, v]) => `${pad}${JSON.stringify(k)}: ${format(v, depth + 1, k === 'shapes' ? 4 : collapseAt)}`);
  return `{\n${entries.join(',\n')}\n${'  '.repeat(depth)}}`;
}

/** @param {import('./services.js').ServiceKey} key */
export async function renderRules(key) {
  return `${format(await generateRules(key))}\n`;
}

async function main() {
  const check = process.argv.includes('--check');
  let differs = false;
  for (const key of /** @type {import('./services.js').ServiceKey[]} */ (Object.keys(SERVICES))) {
    const text = await renderRules(key);
    const file = new URL(`rules/${key}.json`, import.meta.url);
    if (check) {
      let committed = '';
      try { committed = readFileSync(file, 'utf8'); } catch { /* missing counts as different */ }
      if (committed !== text) differs = true;
      console.log(`${key}: ${committed === text ? 'up to date' : 'DIFFERS'}`);
    } else {
      writeFileSync(file, text);
      console.log(`${key}: written`);
    }
  }
  if (differs) process.exit(1);
}

if (import.meta.main) await main();
