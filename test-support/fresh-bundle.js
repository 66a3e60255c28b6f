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

/** Where built bundles (and the runs' compile cache) are kept between runs of the suite. */
export const CACHE = path.join(ROOT, 'node_modules', '.cache', 'ecs-deploy-verify');
const NCC = path.join(ROOT, 'node_modules', '@vercel', 'ncc');

/** Runs `build` into a fresh folder and moves it to `dir`, so a build cut short is never found. */
function buildOnce(dir, build) {
  if (fs.existsSync(dir)) return;
  const building = `${dir}.building-${process.pid}`;
  build(building);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(building, dir);
}

/**
 * ncc's cli.js, or for a coverage build a copy whose webpack writes `source-map` instead of
 * `cheap-module-source-map`. Cheap maps carry lines only, every column 0, so V8 ranges that start or
 * end inside a line land on the wrong lines: on the runner-level smoke tests they put runner line
 * coverage at 66% where the column-exact maps give 74%.
 */
function nccCli(mapped) {
  if (!mapped) return path.join(NCC, 'dist', 'ncc', 'cli.js');
  const { version } = JSON.parse(fs.readFileSync(path.join(NCC, 'package.json'), 'utf8'));
  const dir = path.join(CACHE, `ncc-${version}-source-map`);
  buildOnce(dir, (building) => {
    // The whole package: its package.json keeps the loaders CommonJS under our "type": "module".
    fs.cpSync(NCC, building, { recursive: true });
    const file = path.join(building, 'dist', 'ncc', 'index.js.cache.js');
    const cheap = 'devtool:sourceMap?"cheap-module-source-map":false';
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(cheap)) throw new Error(`ncc ${version} no longer sets ${cheap}; update nccCli() in ${path.relative(ROOT, import.meta.filename)}.`);
    fs.writeFileSync(file, text.replace(cheap, 'devtool:sourceMap?"source-map":false'));
  });
  return path.join(dir, 'dist', 'ncc', 'cli.js');
}

/**
 * The path of index.js in a bundle of the current src/, built if this tree has none yet. When
 * COVERAGE_DIRECTORY is set, a separate build with source maps that lead to src/*.ts (and without
 * ncc's source-map-support register, which would change stack traces).
 */
export function freshBundle() {
  const mapped = process.env[COVERAGE_DIRECTORY] !== undefined;
  const key = mapped ? `${sourceHash([COVERAGE_ENTRY])}-source-map` : sourceHash();
  const dir = path.join(CACHE, `bundle-${key}`);
  buildOnce(dir, (building) => {
    const source = mapped ? [`${COVERAGE_ENTRY}/index.ts`, '--source-map', '--no-source-map-register'] : ['src/index.ts'];
    execFileSync(process.execPath, [nccCli(mapped), 'build', ...source, '-o', building, '--target', 'es2022', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  });
  return path.join(dir, 'index.js');
}
