/**
 * The runner-level tests run a bundle of the current src/, never a stale dist/: this builds one
 * with the same ncc flags as `npm run bundle`, cached under node_modules/.cache by a hash of
 * everything that goes into it, so an unchanged tree builds once.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './action-runner.js';

/** What the bundle is built from, besides src/. */
const INPUTS = ['package-lock.json', 'tsconfig.json'];

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

export function sourceHash() {
  const hash = createHash('sha256');
  for (const file of [...files(path.join(ROOT, 'src')).sort(), ...INPUTS.map((name) => path.join(ROOT, name))]) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The path of index.js in a bundle of the current src/, built if this tree has none yet. */
export function freshBundle() {
  const dir = path.join(ROOT, 'node_modules', '.cache', 'ecs-deploy-verify', `bundle-${sourceHash()}`);
  const entry = path.join(dir, 'index.js');
  if (!fs.existsSync(entry)) {
    const building = `${dir}.building-${process.pid}`;
    const ncc = path.join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
    execFileSync(process.execPath, [ncc, 'build', 'src/index.ts', '-o', building, '--target', 'es2022', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(building, dir);
  }
  return entry;
}
