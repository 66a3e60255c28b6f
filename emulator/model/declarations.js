// @ts-check
/**
 * What an installed SDK client's `dist-types` declarations say and its static schemas do not:
 * which members take an enum (a string member typed `NetworkMode | undefined` rather than
 * `string`), which exceptions each operation documents (the `@throws` list of its command) and
 * which numbers are integers (the input example the SDK's code generator writes into each
 * command's documentation: `desiredCount: Number("int")`, `startTime: Number("long")`,
 * `canaryPercent: Number("double")`; the schemas give every number one type). Read with the
 * TypeScript compiler's parser, never with regular expressions over types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/**
 * Where an enum sits in a member's type: the member itself, a list's elements, a map's keys or values.
 * @typedef {{ enum: string } | { list: TypeHint } | { map: { key?: TypeHint, value?: TypeHint } }} TypeHint
 */

/** @param {string} pkg @returns {string} the package's folder */
function packageDir(pkg) {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

/** @param {string} file */
const parse = (file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);

/**
 * @param {ts.TypeNode} node @param {Set<string>} enums
 * @returns {TypeHint | undefined}
 */
function hintOf(node, enums) {
  if (ts.isUnionTypeNode(node)) {
    const defined = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
    return defined.length === 1 ? hintOf(defined[0], enums) : undefined;
  }
  if (ts.isArrayTypeNode(node)) {
    const element = hintOf(node.elementType, enums);
    return element && { list: element };
  }
  if (!ts.isTypeReferenceNode(node) || !ts.isIdentifier(node.typeName)) return undefined;
  const name = node.typeName.text;
  const args = node.typeArguments ?? [];
  if (enums.has(name)) return { enum: name };
  if (name === 'Partial' && args.length === 1) return hintOf(args[0], enums);
  if (name === 'Record' && args.length === 2) {
    const key = hintOf(args[0], enums);
    const value = hintOf(args[1], enums);
    return key || value ? { map: { ...(key ? { key } : {}), ...(value ? { value } : {}) } } : undefined;
  }
  return undefined;
}

/**
 * Member type hints of every interface (a union's members are the `<X>Member` interfaces of its
 * namespace, one member each).
 * @param {ts.SourceFile} source @param {Set<string>} enums @param {Map<string, Map<string, TypeHint>>} out
 */
function collectInterfaces(source, enums, out) {
  /** @param {ts.InterfaceDeclaration} node @param {string} owner */
  const addMembers = (node, owner) => {
    const members = out.get(owner) ?? new Map();
    out.set(owner, members);
    for (const member of node.members) {
      if (!ts.isPropertySignature(member) || !member.type || !ts.isIdentifier(member.name)) continue;
      if (member.type.kind === ts.SyntaxKind.NeverKeyword) continue;
      const hint = hintOf(member.type, enums);
      if (hint) members.set(member.name.text, hint);
    }
  };
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) addMembers(statement, statement.name.text);
    if (ts.isModuleDeclaration(statement) && statement.body && ts.isModuleBlock(statement.body)) {
      for (const inner of statement.body.statements) {
        if (ts.isInterfaceDeclaration(inner)) addMembers(inner, statement.name.text);
      }
    }
  }
}

/**
 * An input example as a plain value: objects and lists as they are written (a map's entry is
 * `"<keys>"`), `Number("int")` as its kind (`'int'`), every other value (strings, enum choices,
 * booleans, dates, blobs, the `"<Shape>"` that stands for a structure nested too deep) as null.
 * @param {ts.Expression} node
 * @returns {unknown}
 */
function exampleValue(node) {
  if (ts.isObjectLiteralExpression(node)) {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const p of node.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out[p.name.text] = exampleValue(p.initializer);
    }
    return out;
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.map(exampleValue);
  const numberOf = ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Number';
  const [kind] = numberOf ? node.arguments : [];
  return kind && ts.isStringLiteral(kind) ? kind.text : null;
}

/**
 * The generated input example of a command's documentation: the first `const input = ...` of its
 * comment (the hand-written examples come after it), up to the line that closes it.
 * @param {string} text a `<Operation>Command.d.ts` file
 * @returns {unknown}
 */
function inputExample(text) {
  const lines = text.split('\n').map((line) => line.replace(/^\s*\*(?: |$)/, ''));
  const first = lines.findIndex((line) => line.startsWith('const input = '));
  if (first < 0) return undefined;
  const last = lines[first].trimEnd().endsWith(';') ? first : lines.findIndex((line, i) => i > first && line.startsWith('};'));
  const source = ts.createSourceFile('example.js', lines.slice(first, last + 1).join('\n'), ts.ScriptTarget.ES2022, false);
  const [statement] = source.statements;
  const declaration = statement && ts.isVariableStatement(statement) ? statement.declarationList.declarations[0] : undefined;
  return declaration?.initializer ? exampleValue(declaration.initializer) : undefined;
}

/**
 * @param {string} pkg e.g. `@aws-sdk/client-ecs`
 * @returns {{
 *   hints: Map<string, Map<string, TypeHint>>,
 *   errors: (operation: string) => string[],
 *   example: (operation: string) => unknown,
 * }}
 */
export function readDeclarations(pkg) {
  const dir = path.join(packageDir(pkg), 'dist-types');
  /** @type {Set<string>} */
  const enums = new Set();
  for (const statement of parse(path.join(dir, 'models', 'enums.d.ts')).statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name)) enums.add(declaration.name.text);
    }
  }
  /** @type {Map<string, Map<string, TypeHint>>} */
  const hints = new Map();
  for (const file of readdirSync(path.join(dir, 'models')).filter((f) => /^models_\d+\.d\.ts$/.test(f)).sort()) {
    collectInterfaces(parse(path.join(dir, 'models', file)), enums, hints);
  }
  /** @param {string} operation */
  const command = (operation) => readFileSync(path.join(dir, 'commands', `${operation}Command.d.ts`), 'utf8');
  /** @param {string} operation */
  const errors = (operation) => [...command(operation).matchAll(/@throws \{@link (\w+)\}/g)].map((m) => m[1]);
  /** @param {string} operation */
  const example = (operation) => inputExample(command(operation));
  return { hints, errors, example };
}
