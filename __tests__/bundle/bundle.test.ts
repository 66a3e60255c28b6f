/**
 * What the bundle leaves out, and that it still loads: `undici` (through `@actions/http-client`,
 * which `@actions/core` imports only for OIDC) and `@actions/exec` (imported only for
 * `platform.getDetails`) must not come back, and what a run needs only after its first request
 * (the ECR client, the deploy phases, the job summary) stays in chunks of its own. The runner
 * tests (__tests__/runner) run the whole bundle against the emulator.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { exec, getExecOutput } from '../../src/shims/exec.js';
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

  it.each([
    ['@actions/http-client', './src/shims/http-client.ts'],
    ['@actions/exec', './src/shims/exec.ts'],
  ])('maps every %s import of @actions/core to the stand-in', (name, shim) => {
    const lib = path.join(ROOT, 'node_modules', '@actions', 'core', 'lib');
    const imported = new Set<string>();
    for (const file of fs.readdirSync(lib).filter((file) => file.endsWith('.js'))) {
      for (const [, specifier] of fs.readFileSync(path.join(lib, file), 'utf8').matchAll(/from '(@actions\/[^']*)'/g)) {
        if (specifier === name || specifier.startsWith(`${name}/`)) imported.add(specifier);
      }
    }
    const { paths } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')).compilerOptions;
    expect(imported.size).toBeGreaterThan(0);
    for (const specifier of imported) expect(paths[specifier]).toEqual([shim]);
  });

  it('carries none of @actions/exec in any chunk', () => {
    // The action spawns the session plugin itself (src/exec/plugin.ts).
    expect(chunks.filter((file) => /class ToolRunner\b/.test(read(file)))).toEqual([]);
  });

  it.each([
    ['the deploy phases', 'deployOpenedRelease'],
    ['the job summary', 'writeSummary'],
    ['the release rollback', 'rollBackMember'],
  ])('keeps %s out of index.js, in a chunk loaded after the first request', (_what, name) => {
    const holding = chunks.filter((file) => new RegExp(`(function|const) ${name}\\b`).test(read(file)));
    expect(holding).toHaveLength(1);
    expect(holding[0]).not.toBe('index.js');
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

describe('the stand-ins', () => {
  it.each([
    ['HttpClient', () => new HttpClient()],
    ['BearerCredentialHandler', () => new BearerCredentialHandler()],
  ])('%s says why it cannot be used', (_name, construct) => {
    expect(construct).toThrow("@actions/http-client is left out of this action's bundle (see src/shims/http-client.ts), so core.getIDToken cannot be used here.");
  });

  it.each([
    ['getExecOutput', getExecOutput],
    ['exec', exec],
  ])('@actions/exec %s says why it cannot be used', async (_name, call) => {
    await expect(call()).rejects.toThrow("@actions/exec is left out of this action's bundle (see src/shims/exec.ts), so core.platform.getDetails cannot be used here.");
  });
});
