/** The README's promises checked against the files they describe. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT } from '../../test-support/action-runner.js';
import { brokenLinks, descriptionProblems, readYamlFile, readmeProblems } from '../../test-support/repo-checks.js';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const action = readYamlFile(path.join(ROOT, 'action.yml'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const docs = fs.readdirSync(path.join(ROOT, 'docs'), { recursive: true }).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f));

describe('README and action.yml', () => {
  it("the Inputs and Outputs tables list exactly action.yml's inputs and outputs, with its defaults", () => {
    expect(readmeProblems(readme, action)).toEqual([]);
  });

  it('every input description states its default', () => {
    expect(descriptionProblems(action)).toEqual([]);
  });

  it('max-retries says it counts attempts, not retries', () => {
    expect(action.inputs['max-retries'].description).toMatch(/attempts.*not a count of retries/);
  });

  it('finds a renamed input, a missing output and a default that disagrees', () => {
    const changed = readme
      .replace('| `smoke-tasks` |', '| `smoke-task-count` |')
      .replace(/^\| `rolled-back-to` \|.*\n/m, '')
      .replace('| `wait-for-minutes` | `30` |', '| `wait-for-minutes` | `20` |');
    expect(readmeProblems(changed, action).sort()).toEqual([
      "input 'smoke-task-count' in the README's Inputs table is not in action.yml",
      "input 'smoke-tasks' of action.yml is missing from the README's Inputs table",
      "input 'wait-for-minutes': the README's default is '`20`', action.yml's is '`30`'",
      "output 'rolled-back-to' of action.yml is missing from the README's Outputs table",
    ]);
    const undocumented = { ...action, inputs: { ...action.inputs, cluster: { ...action.inputs.cluster, description: 'The ECS cluster.' } } };
    expect(descriptionProblems(undocumented)).toEqual(["input 'cluster': the description does not state its default ('Default: `default`')"]);
  });
});

describe('README', () => {
  it('starts with the two commands, and package.json has the scripts they run', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme);
    expect(readme.indexOf(firstBlock[0])).toBeLessThan(readme.indexOf('## Usage'));
    const commands = firstBlock[1].split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean);
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['demo', 'test']));
  });

  it('links the docs: troubleshooting, emulator, benchmarks, examples, architecture', () => {
    for (const target of ['docs/troubleshooting.md', 'docs/emulator.md', 'docs/benchmarks.md', 'docs/examples/', 'docs/architecture.md']) {
      expect(readme).toContain(`](${target}`);
    }
  });

  it.each(['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md', ...docs])('%s has no broken relative links', (file) => {
    expect(brokenLinks(path.join(ROOT, file), { writtenElsewhere: ['docs/architecture.md'] })).toEqual([]);
  });
});

describe('repository files', () => {
  it('LICENSE is the MIT licence package.json claims', () => {
    expect(pkg.license).toBe('MIT');
    expect(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
  });

  it('engines.node matches runs.using', () => {
    expect(pkg.engines.node).toBe(`>=${action.runs.using.replace('node', '')}`);
  });

  it('CHANGELOG.md follows Keep a Changelog with an Unreleased section', () => {
    const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('https://keepachangelog.com/en/1.1.0/');
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
  });
});
