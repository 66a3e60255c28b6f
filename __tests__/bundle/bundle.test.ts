/**
 * What the bundle leaves out, and that it still loads: `undici` (through `@actions/http-client`,
 * which `@actions/core` imports only for OIDC) must not come back, and the ECR client stays in a
 * chunk of its own. The runner tests (__tests__/runner) run the whole bundle against the emulator.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { BearerCredentialHandler, HttpClient } from '../../src/shims/http-client.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'dist');
const chunks = fs.readdirSync(DIST).filter((file) => file.endsWith('.js'));
const read = (file: string) => fs.readFileSync(path.join(DIST, file), 'utf8');

// Strings undici's source carries (its name in its own symbols and errors, its HTTP parser) and
// the package that brings it in.
const MARKERS = ['undici', 'llhttp', '@actions/http-client', 'node_modules/tunnel'];

describe('dist/', () => {
  it.each(chunks)('%s carries none of undici or @actions/http-client', (file) => {
    const source = read(file).toLowerCase();
    expect(MARKERS.filter((marker) => source.includes(marker))).toEqual([]);
  });

  it('maps every @actions/http-client import of @actions/core to the stand-in', () => {
    const lib = path.join(ROOT, 'node_modules', '@actions', 'core', 'lib');
    const imported = new Set<string>();
    for (const file of fs.readdirSync(lib).filter((name) => name.endsWith('.js'))) {
      for (const [, specifier] of fs.readFileSync(path.join(lib, file), 'utf8').matchAll(/from '(@actions\/http-client[^']*)'/g)) {
        imported.add(specifier);
      }
    }
    const { paths } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')).compilerOptions;
    expect(imported.size).toBeGreaterThan(0);
    for (const specifier of imported) expect(paths[specifier]).toEqual(['./src/shims/http-client.ts']);
  });

  it('keeps the ECR client out of index.js, in a chunk loaded at first use', () => {
    const withEcr = chunks.filter((file) => read(file).includes('class ECRClient'));
    expect(withEcr).toHaveLength(1);
    expect(withEcr[0]).not.toBe('index.js');
    expect(read('index.js')).not.toContain('class ECRClient');
  });

  it('loads and runs as far as reading its inputs', () => {
    const run = spawnSync(process.execPath, [path.join(DIST, 'index.js')], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain("::error::Invalid input 'task-definition'");
    expect(run.status).toBe(1);
  });
});

describe('the @actions/http-client stand-in', () => {
  it.each([
    ['HttpClient', () => new HttpClient()],
    ['BearerCredentialHandler', () => new BearerCredentialHandler()],
  ])('%s says why it cannot be used', (_name, construct) => {
    expect(construct).toThrow("@actions/http-client is left out of this action's bundle (see src/shims/http-client.ts), so core.getIDToken cannot be used here.");
  });
});
