/** The workflow files GitHub would run, checked here: against SchemaStore's schemas and against action.yml. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT } from '../../test-support/action-runner.js';
import { actionUseProblems, readYamlFile, schemaProblems } from '../../test-support/repo-checks.js';

const action = readYamlFile(path.join(ROOT, 'action.yml'));
const yamlIn = (dir) => fs.readdirSync(path.join(ROOT, dir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));
const workflows = yamlIn('.github/workflows');
const examples = yamlIn('docs/examples');
const ciRun = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');

describe('workflow files', () => {
  it('exist: CI, the self-test, the release, and the documented examples', () => {
    expect(workflows).toEqual(expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/self-test.yml', '.github/workflows/release.yml']));
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each([...workflows, ...examples])('%s is a valid GitHub workflow', (file) => {
    expect(schemaProblems('github-workflow.json', readYamlFile(path.join(ROOT, file)))).toEqual([]);
  });

  it.each([...workflows, ...examples])('%s gives this action only inputs and reads only outputs that action.yml declares', (file) => {
    expect(actionUseProblems(readYamlFile(path.join(ROOT, file)), action)).toEqual([]);
  });

  it('.github/dependabot.yml is valid and covers npm and the actions the workflows use', () => {
    const dependabot = readYamlFile(path.join(ROOT, '.github', 'dependabot.yml'));
    expect(schemaProblems('dependabot-2.0.json', dependabot)).toEqual([]);
    expect(dependabot.updates.map((u) => `${u['package-ecosystem']} ${u.directory}`)).toEqual(
      expect.arrayContaining(['npm /', 'github-actions /']),
    );
  });

  it('action.yml is valid action metadata on node24', () => {
    // The packaged schema's runs.using enum stops at node16: runs is checked exactly, the rest by the schema.
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(schemaProblems('github-action.json', { ...action, runs: { ...action.runs, using: 'node16' } })).toEqual([]);
  });

  it('CI runs the steps of .ci/run on Node 24', () => {
    const ci = readYamlFile(path.join(ROOT, '.github', 'workflows', 'ci.yml'));
    const steps = ci.jobs.check.steps;
    expect(steps.find((s) => String(s.uses).startsWith('actions/setup-node@')).with['node-version']).toBe(24);
    const runs = steps.map((s) => s.run ?? '').join('\n');
    for (const command of ['npm ci', 'npm run lint', 'npm run typecheck', 'npm run bundle', 'git status --porcelain -- dist', 'npm test']) {
      expect({ command, inCi: runs.includes(command), inCiRun: ciRun.includes(command) }).toEqual({ command, inCi: true, inCiRun: true });
    }
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('the release runs on v1.2.3 tags, checks dist/, publishes the release and moves the major tag', () => {
    const release = readYamlFile(path.join(ROOT, '.github', 'workflows', 'release.yml'));
    expect(release.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
    const runs = release.jobs.release.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm run bundle');
    expect(runs).toContain('gh release create');
    expect(runs).toMatch(/git push --force origin "refs\/tags\/\$major"/);
    expect(release.jobs.release.permissions).toEqual({ contents: 'write' });
  });
});

describe('the checks themselves', () => {
  const workflow = (steps) => ({ on: 'push', jobs: { deploy: { 'runs-on': 'ubuntu-latest', steps } } });

  it('the schema refuses a misspelled key and a job without runs-on', () => {
    expect(schemaProblems('github-workflow.json', { on: 'push', jobs: { deploy: { 'runs-on': 'ubuntu-latest', step: [] } } })).not.toEqual([]);
    expect(schemaProblems('github-workflow.json', { on: 'push', jobs: { deploy: { steps: [{ run: 'true' }] } } })).not.toEqual([]);
  });

  it('the schema refuses a bad dependabot ecosystem and a bad action runtime', () => {
    expect(schemaProblems('dependabot-2.0.json', { version: 2, updates: [{ 'package-ecosystem': 'npmm', directory: '/', schedule: { interval: 'weekly' } }] })).not.toEqual([]);
    expect(schemaProblems('github-action.json', { ...action, runs: { using: 'node', main: 'dist/index.js' } })).not.toEqual([]);
    expect(schemaProblems('github-action.json', { ...action, runs: { using: 'node16', main: 'dist/index.js' }, outputs: { result: { value: 'x' } } })).not.toEqual([]);
  });

  it('finds a with: key and an output that action.yml does not declare', () => {
    const problems = actionUseProblems(
      workflow([
        { id: 'go', uses: './', with: { cluster: 'c', 'smoke-cmd': 'true' } },
        { uses: 'your-org/ecs-deploy-verify@v1', with: { 'max-retry': 3 } },
        { uses: 'actions/checkout@v5', with: { 'fetch-depth': 0 } },
        { run: 'echo', env: { A: '${{ steps.go.outputs.result }}', B: '${{ steps.go.outputs.verdict }}' } },
      ]),
      action,
    );
    expect(problems).toEqual([
      "jobs.deploy.steps[0] (go): with 'smoke-cmd' is not an input of action.yml",
      "jobs.deploy.steps[1]: with 'max-retry' is not an input of action.yml",
      'jobs.deploy: steps.go.outputs.verdict is not an output of action.yml',
    ]);
  });
});
