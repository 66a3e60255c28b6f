/** The by-hand recipe in docs/emulator.md passes real inputs, the way the runner names them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT } from '../../test-support/action-runner.js';
import { readYamlFile } from '../../test-support/repo-checks.js';

const doc = fs.readFileSync(path.join(ROOT, 'docs', 'emulator.md'), 'utf8');
const action = readYamlFile(path.join(ROOT, 'action.yml'));
const recipe = /## Running the action by hand[\s\S]*?```sh\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';

describe('docs/emulator.md', () => {
  it('gives a recipe that runs dist/index.js through env, each INPUT_ variable an input of action.yml', () => {
    expect(recipe).toMatch(/^env [\s\S]*node dist\/index\.js/m);
    const names = [...recipe.matchAll(/'INPUT_([A-Z0-9_-]+)=/g)].map(([, name]) => name);
    expect(names.length).toBeGreaterThan(3);
    const inputs = new Map(Object.keys(action.inputs).map((input) => [input.replace(/ /g, '_').toUpperCase(), input]));
    expect(names.filter((name) => !inputs.has(name))).toEqual([]);
    expect(recipe).not.toMatch(/export INPUT_/);
  });

  it('names the schema where it is and every step of the demo', () => {
    expect(doc).toContain('[emulator/scenario/scenario.schema.json](../emulator/scenario/scenario.schema.json)');
    expect(fs.existsSync(path.join(ROOT, 'emulator', 'scenario', 'scenario.schema.json'))).toBe(true);
    const steps = fs.readFileSync(path.join(ROOT, 'demo', 'run.js'), 'utf8').match(/^ {4}title: /gm).length;
    const listed = /## The demo[\s\S]*?\n\n((?:\d+\. [\s\S]*?\n)+)\n/.exec(doc)[1].match(/^\d+\. /gm).length;
    expect(listed).toBe(steps);
  });
});
