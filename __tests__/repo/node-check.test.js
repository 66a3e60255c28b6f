/**
 * On a Node older than package.json's engines, `npm test` and `npm run demo` stop at one line that
 * says so (test-support/node-check.cjs), before the SDK or jest print anything.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ROOT } from '../../test-support/action-runner.js';

const CHECK = path.join(ROOT, 'test-support', 'node-check.cjs');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const required = Number(/^>=(\d+)$/.exec(pkg.engines.node)[1]);

/** Every `node` on PATH older than the engines (this machine's default, /usr/bin/node, is Node 20). */
function olderNodes() {
  const found = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const candidates = [...new Set([...found, '/usr/bin/node'])].filter((file) => fs.existsSync(file));
  return candidates
    .map((file) => ({ file, version: execFileSync(file, ['--version'], { encoding: 'utf8' }).trim() }))
    .filter(({ version }) => Number(/^v(\d+)/.exec(version)[1]) < required);
}

const folders = [];
afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** The check as it would run in a checkout whose package.json asks for `engines`. */
function checkWithEngines(engines) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-check-'));
  folders.push(dir);
  fs.mkdirSync(path.join(dir, 'test-support'));
  fs.copyFileSync(CHECK, path.join(dir, 'test-support', 'node-check.cjs'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ engines: { node: engines } }));
  return spawnSync(process.execPath, [path.join(dir, 'test-support', 'node-check.cjs')], { encoding: 'utf8' });
}

describe('the Node version check', () => {
  it('runs first in npm test and npm run demo', () => {
    expect(pkg.scripts.test).toMatch(/^node test-support\/node-check\.cjs && /);
    expect(pkg.scripts.demo).toMatch(/^node test-support\/node-check\.cjs && /);
    expect(fs.readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim()).toBe(String(required));
  });

  it('passes silently on this Node', () => {
    const run = spawnSync(process.execPath, [CHECK], { encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', '']);
  });

  it('says in one line which Node is needed and which one this is, and fails', () => {
    const run = checkWithEngines('>=99');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `ecs-deploy-verify needs Node 99 or later (package.json engines: ">=99"), but this is Node ${process.version} (${process.execPath}): run \`nvm use\` (it reads .nvmrc) or install Node 99.\n`,
    );
  });

  const older = olderNodes();
  const onEach = older.length > 0 ? it.each(older) : it.skip.each([{ file: 'an older node', version: '(none on PATH)' }]);
  // --listTests: should the check let an older Node through, jest lists the tests instead of running them all.
  onEach('stops npm test on $file $version with that one line', ({ file }) => {
    const run = spawnSync('npm', ['test', '--silent', '--', '--listTests'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(file)}:${process.env.PATH}` } });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^ecs-deploy-verify needs Node 24 or later .* but this is Node v\d+/);
  });
});
