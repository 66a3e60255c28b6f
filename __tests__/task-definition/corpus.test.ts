/**
 * The 30 real-world task definitions in __fixtures__/corpus (byte-for-byte copies, see its
 * README): valid ones must become requests that carry every value the file had and nothing
 * else; broken ones must be refused, naming the field, before any AWS call.
 */
import { describe, expect, it } from '@jest/globals';
import * as fs from 'node:fs';
import { OUTPUT_ONLY_FIELDS, parseTaskDefinitionText, prepareTaskDefinition } from '../../src/task-definition/load.js';

const DIR = '__fixtures__/corpus';
const rows = fs
  .readFileSync(`${DIR}/INDEX.tsv`, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [file, repo, , , features] = line.split('\t');
    return { file, repo, features: features.split(',') };
  });

/** The refusals expected for the files whose features name a mistake, with the field the message must name. */
const REFUSED: Record<string, string> = {
  '13Dev-07__EmailV__task-definition.json': "containerDefinitions[0].memory: container 'email-validator' asks for 1024 MiB but the task has 512 MiB",
  'AmaliTech-Training-Academy__talentradar-config-server-rw__.aws-task-definition.json': 'tags: expected a list, found an object',
  'BHubAI__core-saida-middleware__.aws-task-definition.json': "containerDefinitions[0].environment[0].valueFrom: unknown key 'valueFrom'",
  'Banbury-inc__banbury-cloud-backend__.aws-task-definition.json': 'containerDefinitions[0].portMappings[0].hostPort: with networkMode',
  'NASA-ACROSS__across-server__deploy-task-definition.json': "family: 'family' is required",
  'Oxford-Research-Cloud-Competency-Centre__aws-seismic-data-pipeline__task-def.json': 'containerDefinitions[0].privileged: privileged containers are not supported on Fargate',
  'pokt-foundation__relay-meter__.aws-ecs-task-definition.json': "containerDefinitions[0].links: 'links' is not supported with networkMode 'awsvpc'",
  'zelusio__synth3sis-demo__task-definition.template.json': 'containerDefinitions[0].portMappings[0].containerPort: expected a number, found the string "8000"',
};

type Leaf = [string, unknown];

/** Every meaningful leaf of a definition as [path, value]: nulls and empty values carry nothing. */
function leaves(value: unknown, path = '', out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) value.forEach((item, i) => leaves(item, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) leaves(child, path ? `${path}.${key}` : key, out);
  } else if (value !== null && (value !== '' || /environment\[\d+\]\.value$/.test(path))) {
    out.push([path, value]);
  }
  return out;
}

function unwrapped(parsed: Record<string, unknown>): Record<string, unknown> {
  const inner = (parsed.taskDefinition as Record<string, unknown> | undefined) ?? parsed;
  const copy = { ...inner };
  for (const field of OUTPUT_ONLY_FIELDS) delete copy[field];
  if (parsed.taskDefinition && parsed.tags) copy.tags = parsed.tags;
  return copy;
}

/** Leaves whose list positions moved because empty items were dropped are compared without positions. */
const positionless = (list: Leaf[]): string[] => list.map(([path, value]) => `${path.replace(/\[\d+\]/g, '[]')}=${JSON.stringify(value)}`).sort();

describe('real-world task definitions', () => {
  it('covers all 30 files, each listed once', () => {
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((row) => row.file)).size).toBe(30);
    for (const row of rows) expect(fs.existsSync(`${DIR}/${row.file}`)).toBe(true);
  });

  it('treats every file tagged with a mistake as one to refuse', () => {
    const mistaken = rows.filter((row) => row.features.some((f) => f.startsWith('mistake-') || f === 'missing-family'));
    expect(mistaken.map((row) => row.file).sort()).toEqual(Object.keys(REFUSED).sort());
  });

  const valid = rows.filter((row) => !(row.file in REFUSED));
  it.each(valid.map((row) => row.file))('%s registers unchanged', async (file) => {
    const text = fs.readFileSync(`${DIR}/${file}`, 'utf8');
    const parsed = (await parseTaskDefinitionText(text, file)) as Record<string, unknown>;
    const definition = unwrapped(parsed);
    const containers = definition.containerDefinitions as Array<{ name: string; image?: string }>;
    // Files that leave the image to the pipeline get one through container-images, as in their workflows.
    const images = containers.filter((c) => !c.image).map((c) => ({ container: c.name, image: `registry.example.com/${c.name}:1` }));
    const { request } = prepareTaskDefinition(parsed, file, images);

    // The images set above are the only values the file did not have.
    const actual = leaves(request).filter(([path, value]) => !(path.endsWith('.image') && images.some((image) => image.image === value)));
    expect(positionless(actual)).toEqual(positionless(leaves(definition)));
  });

  it.each(Object.entries(REFUSED))('%s is refused, naming the field', async (file, expected) => {
    const text = fs.readFileSync(`${DIR}/${file}`, 'utf8');
    const run = async () => prepareTaskDefinition(await parseTaskDefinitionText(text, file), file, []);
    await expect(run()).rejects.toThrow(`Invalid input 'task-definition': ${file}: ${expected}`);
  });
});
