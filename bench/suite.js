/**
 * How long `npm test` takes, and whether it stays green: one run from cold (no test bundle, a
 * fresh jest cache, as in CI's clean clone), one warm, then two side by side on a busy machine.
 * Writes bench/suite.json, whose figures test-support/bench-figures.js puts in CONTRIBUTING.md;
 * also counts the temporary folders the runs leave behind.
 *
 *   node bench/suite.js
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../test-support/action-runner.js';
import { CACHE } from '../test-support/fresh-bundle.js';

const RESULTS = path.join(ROOT, 'bench', 'suite.json');
/** The folders tests create under the system temp directory: any left after a run is a leak. */
const TEMP_PREFIXES = ['ecs-deploy-verify-run-', 'ecs-exec-', 'exec-', 'fake-plugin-', 'td-read-', 'emulator-scenarios-', 'node-check-', 'self-test-', 'abandoned-', 'no-plugin-', 'troubleshooting-'];

const tempFolders = () => new Set(fs.readdirSync(os.tmpdir()).filter((name) => TEMP_PREFIXES.some((prefix) => name.startsWith(prefix))));

/** One `npm test`: its wall time and jest's counts (from --json). */
function npmTest(label, jestArgs = []) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'suite-bench-')), 'jest.json');
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['test', '--', '--json', `--outputFile=${report}`, ...jestArgs], { cwd: ROOT, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - startedAt) / 1000);
      const jest = JSON.parse(fs.readFileSync(report, 'utf8'));
      fs.rmSync(path.dirname(report), { recursive: true, force: true });
      const failures = jest.testResults.flatMap((file) => [
        ...(file.status === 'failed' && file.assertionResults.every((test) => test.status !== 'failed') ? [`${path.relative(ROOT, file.name)}: ${file.message.split('\n').find(Boolean)}`] : []),
        ...file.assertionResults.filter((test) => test.status === 'failed').map((test) => `${path.relative(ROOT, file.name)}: ${test.fullName}`),
      ]);
      // A file that fails to load fails no test but fails its suite: both count.
      const run = { label, seconds, exitCode: code, tests: jest.numTotalTests, failed: jest.numFailedTests, files: jest.numTotalTestSuites, failedFiles: jest.numFailedTestSuites, failures };
      console.log(`${label}: ${seconds} s, ${run.tests} tests, ${run.failed} failed, ${run.failedFiles} file(s) failed, exit ${code}`);
      for (const failure of failures) console.log(`  failed: ${failure}`);
      resolve(run);
    });
  });
}

const before = tempFolders();
// Cold: the bundle cache aside and a jest cache of its own, both removed afterwards.
const coldCache = fs.mkdtempSync(path.join(os.tmpdir(), 'suite-bench-jest-'));
const aside = `${CACHE}.aside-${process.pid}`;
if (fs.existsSync(CACHE)) fs.renameSync(CACHE, aside);
let cold;
try {
  cold = await npmTest('cold', [`--cacheDirectory=${coldCache}`]);
} finally {
  fs.rmSync(coldCache, { recursive: true, force: true });
  if (fs.existsSync(aside)) {
    fs.rmSync(CACHE, { recursive: true, force: true });
    fs.renameSync(aside, CACHE);
  }
}
const warm = await npmTest('warm');
const busy = await Promise.all([npmTest('busy 1'), npmTest('busy 2')]);
const left = [...tempFolders()].filter((name) => !before.has(name));

const results = {
  description: 'npm test timed by `node bench/suite.js`: from cold (no test bundle, a fresh jest cache), warm, then two side by side. Seconds of wall time for the whole command.',
  node: process.version,
  cores: os.availableParallelism(),
  runs: [cold, warm, ...busy],
  leftoverTempFolders: left.length,
};
fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
console.log(`${left.length} temporary folder(s) left behind${left.length ? `: ${left.join(', ')}` : ''}`);
console.log('Wrote bench/suite.json');
if (results.runs.some((run) => run.exitCode !== 0)) process.exitCode = 1;
