/**
 * The runner-level tests run a bundle of the current src/, never a stale dist/: this builds one
 * with the same ncc flags as `npm run bundle`, cached under node_modules/.cache by a hash of
 * everything that goes into it, so an unchanged tree builds once. A coverage run (see
 * coverage.js) gets its own build with source maps, so V8 coverage of the bundle maps back to src/.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COVERAGE_DIRECTORY, ROOT } from './action-runner.js';

/** What the bundle is built from, besides src/. */
const INPUTS = ['package-lock.json', 'tsconfig.json'];

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

/** A hash of src/, INPUTS and the files under `dirs` (relative to the root). */
export function sourceHash(dirs = []) {
  const hash = createHash('sha256');
  const trees = ['src', ...dirs].flatMap((dir) => files(path.join(ROOT, dir)).sort());
  for (const file of [...trees, ...INPUTS.map((name) => path.join(ROOT, name))]) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * ncc takes its TypeScript options from the tsconfig.json nearest the entry, with no way to add
 * one, and maps the bundle to tsc's output unless that tsconfig asks for source maps. A coverage
 * build therefore starts from coverage-entry/, whose tsconfig adds `sourceMap` to src/'s and whose
 * index.ts only imports src/index.ts.
 */
const COVERAGE_ENTRY = 'test-support/coverage-entry';

/**
 * The path of index.js in a bundle of the current src/, built if this tree has none yet. When
 * COVERAGE_DIRECTORY is set, a separate build with source maps that lead to src/*.ts (and without
 * ncc's source-map-support register, which would change stack traces).
 */
export function freshBundle() {
  const mapped = process.env[COVERAGE_DIRECTORY] !== undefined;
  const key = mapped ? `${sourceHash([COVERAGE_ENTRY])}-mapped` : sourceHash();
  const dir = path.join(ROOT, 'node_modules', '.cache', 'ecs-deploy-verify', `bundle-${key}`);
  const entry = path.join(dir, 'index.js');
  if (!fs.existsSync(entry)) {
    const building = `${dir}.building-${process.pid}`;
    const ncc = path.join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
    const source = mapped ? [`${COVERAGE_ENTRY}/index.ts`, '--source-map', '--no-source-map-register'] : ['src/index.ts'];
    execFileSync(process.execPath, [ncc, 'build', ...source, '-o', building, '--target', 'es2022', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(building, dir);
  }
  return entry;
}
