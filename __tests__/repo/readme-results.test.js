/**
 * The README's Results table against src/report/types.ts (every result, green exactly when
 * PASSING_RESULTS says so), and its Usage example: real inputs and outputs, outputs read through
 * env:, printed after a failure too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { ROOT } from '../../test-support/action-runner.js';
import { actionUseProblems, readYamlFile } from '../../test-support/repo-checks.js';
import { PASSING_RESULTS } from '../../src/report/types.js';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const types = fs.readFileSync(path.join(ROOT, 'src', 'report', 'types.ts'), 'utf8');
const action = readYamlFile(path.join(ROOT, 'action.yml'));

/** Every string literal of the Verdict and Result unions. */
function resultsInSource() {
  const code = types.replace(/\/\*[\s\S]*?\*\//g, '');
  const unions = ['Verdict', 'Result'].map((name) => new RegExp(`export type ${name} =([\\s\\S]*?);`).exec(code)[1]);
  return new Set(unions.flatMap((union) => [...union.matchAll(/'([a-z-]+)'/g)].map(([, value]) => value)));
}

function resultsTable() {
  const section = /### Results\n([\s\S]*?)\n\n(?=[^|])/.exec(readme.slice(readme.indexOf('### Results')))?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\| `[a-z-]+` \|.* \| (green|red) \|$/.test(line))
    .map((line) => line.split(' | '))
    .map((cells) => ({ result: cells[0].replace(/^\| `|`$/g, ''), when: cells[1], step: cells[2].replace(/ \|$/, '') }));
}

describe("README's Results", () => {
  it('lists every result of src/report/types.ts once, green exactly for PASSING_RESULTS', () => {
    const rows = resultsTable();
    expect(rows.map((row) => row.result).sort()).toEqual([...resultsInSource()].sort());
    expect(rows.filter((row) => row.step === 'green').map((row) => row.result).sort()).toEqual([...PASSING_RESULTS].sort());
  });

  it("says where 'started' comes from: both wait inputs set to false", () => {
    const started = resultsTable().find((row) => row.result === 'started');
    expect(started.when).toContain('`wait-for-service-stability: false`');
    expect(started.when).toContain('`wait-for-task-stopped: false`');
  });
});

describe("README's Usage example", () => {
  const yaml = /## Usage\n\n```yaml\n([\s\S]*?)```/.exec(readme)[1];
  const { steps } = parse(yaml);

  it('uses real inputs and outputs of action.yml', () => {
    expect(actionUseProblems({ jobs: { deploy: { steps } } }, action)).toEqual([]);
  });

  it('reads the outputs through env:, never ${{ }} inside run:, and runs after a failed deploy too', () => {
    const readers = steps.filter((step) => JSON.stringify(step).includes('steps.deploy.outputs.'));
    expect(readers.length).toBeGreaterThan(0);
    for (const step of readers) {
      expect(step.run).not.toContain('${{');
      expect(Object.values(step.env).join(' ')).toContain('steps.deploy.outputs.result');
      expect(step.if).toBe('always()');
    }
  });
});
