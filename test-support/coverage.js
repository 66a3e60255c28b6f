/**
 * `npm run coverage`: line, branch and function coverage of src/ from the whole test suite, the
 * runner-level tests included. Those run the bundled action as a child process, out of jest's
 * reach, so each child writes V8 coverage of the bundle (NODE_V8_COVERAGE, set by action-runner.js)
 * and this maps it back to src/*.ts through the bundle's source maps.
 *
 * Both halves are V8 coverage turned into istanbul form by v8-to-istanbul (jest's `v8` provider
 * for the in-process tests), so both count the same lines of the same files and merge line for
 * line. Prints the in-process and the merged figures; writes the merged report to coverage/.
 * Arguments are passed on to jest.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import libCoverage from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';
import v8ToIstanbul from 'v8-to-istanbul';
import { COVERAGE_DIRECTORY, ROOT } from './action-runner.js';
import { freshBundle } from './fresh-bundle.js';

const OUT = path.join(ROOT, 'coverage');
/** Where jest.config.js has jest write the in-process coverage. */
const UNIT_REPORT = path.join(OUT, 'unit', 'coverage-final.json');
const RUNNER_V8 = path.join(OUT, 'runner-v8');
const SRC = path.join(ROOT, 'src') + path.sep;
const METRICS = ['lines', 'branches', 'functions', 'statements'];

function runJest(args) {
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim() };
  return spawnSync(process.execPath, [jest, '--coverage', ...args], { cwd: ROOT, env, stdio: 'inherit' }).status ?? 1;
}

/** ncc names each source `../` and its path from where it ran (`.././src/main.ts`); these are the files. */
function readSourceMap(file) {
  const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8'));
  return { ...map, sourceRoot: '', sources: map.sources.map((source) => path.resolve(ROOT, source.replace(/^\.\.\//, ''))) };
}

/** The runner-level runs' V8 coverage of the bundle in `bundleDir`, as istanbul coverage of src/. */
async function runnerCoverage(bundleDir) {
  const merged = libCoverage.createCoverageMap({});
  const maps = new Map();
  for (const name of fs.readdirSync(RUNNER_V8)) {
    const { result } = JSON.parse(fs.readFileSync(path.join(RUNNER_V8, name), 'utf8'));
    for (const script of result) {
      if (!script.url.startsWith('file://')) continue;
      const file = fileURLToPath(script.url);
      if (path.dirname(file) !== bundleDir || !fs.existsSync(`${file}.map`)) continue;
      if (!maps.has(file)) maps.set(file, { source: fs.readFileSync(file, 'utf8'), sourceMap: { sourcemap: readSourceMap(file) } });
      const converter = v8ToIstanbul(file, 0, maps.get(file), (source) => !source.startsWith(SRC));
      await converter.load();
      converter.applyCoverage(script.functions);
      merged.merge(converter.toIstanbul());
    }
  }
  return merged;
}

const sameLines = ({ start, end }) => `${start.line}-${end.line}:${end.column}`;

/**
 * Moves functions or branches of `items` onto the location `reference` gives them. The two sides
 * reach src/ through different source maps (ts-jest's, ncc's), which can disagree on the column a
 * function starts at (`export function` at 6 or 7), and istanbul merges only items at the same
 * location. An item is taken to be the reference's when only its start column differs and each
 * side has exactly one item at those lines.
 */
function align(items, reference, locationOf, moveTo) {
  const bySpan = (list) => Map.groupBy(list, (item) => sameLines(locationOf(item)));
  const ours = bySpan(items);
  for (const [span, theirs] of bySpan(reference)) {
    if (theirs.length === 1 && ours.get(span)?.length === 1) moveTo(ours.get(span)[0], locationOf(theirs[0]));
  }
}

/** The runner-level coverage with its locations aligned to the in-process coverage's, where they match. */
function alignedTo(unitData, runner) {
  const data = JSON.parse(JSON.stringify(runner.toJSON()));
  for (const [file, coverage] of Object.entries(data)) {
    const reference = unitData[file];
    if (!reference) continue;
    align(Object.values(coverage.fnMap), Object.values(reference.fnMap), (fn) => fn.loc, (fn, loc) => Object.assign(fn, { loc, decl: loc }));
    align(Object.values(coverage.branchMap), Object.values(reference.branchMap), (branch) => branch.locations[0], (branch, loc) => Object.assign(branch, { loc, locations: [loc] }));
  }
  return data;
}

function percent(summary, metric) {
  return `${summary[metric].pct.toFixed(1)}%`.padStart(7);
}

/** Lines covered per folder of src/, in-process against merged. */
function printFolders(unit, merged) {
  const byFolder = (map) => {
    const folders = new Map();
    for (const file of map.files()) {
      const folder = path.dirname(path.relative(ROOT, file));
      if (!folders.has(folder)) folders.set(folder, libCoverage.createCoverageSummary());
      folders.get(folder).merge(map.fileCoverageFor(file).toSummary());
    }
    return folders;
  };
  const unitFolders = byFolder(unit);
  const mergedFolders = byFolder(merged);
  console.log(`\n${'lines'.padEnd(22)}${'in-proc'.padStart(7)} ${'merged'.padStart(7)}`);
  for (const folder of [...mergedFolders.keys()].sort()) {
    const before = unitFolders.get(folder) ?? libCoverage.createCoverageSummary();
    console.log(`${folder.padEnd(22)}${percent(before, 'lines')} ${percent(mergedFolders.get(folder), 'lines')}`);
  }
}

function printTotals(label, map) {
  const summary = map.getCoverageSummary();
  console.log(`${label.padEnd(22)}${METRICS.map((metric) => `${metric} ${percent(summary, metric)}`).join('  ')}`);
}

function writeReports(map) {
  const context = libReport.createContext({ dir: OUT, coverageMap: map, defaultSummarizer: 'nested' });
  for (const name of ['json', 'html']) reports.create(name).execute(context);
}

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(RUNNER_V8, { recursive: true });
process.env[COVERAGE_DIRECTORY] = RUNNER_V8;
// Built here so the path is known; jest's global setup finds it already built.
const bundleDir = path.dirname(freshBundle());
const status = runJest(process.argv.slice(2));
if (!fs.existsSync(UNIT_REPORT)) {
  console.error(`jest wrote no coverage (${path.relative(ROOT, UNIT_REPORT)}); see its output above.`);
  process.exit(status || 1);
}

const unitData = JSON.parse(fs.readFileSync(UNIT_REPORT, 'utf8'));
const unit = libCoverage.createCoverageMap(unitData);
const runner = await runnerCoverage(bundleDir);
const merged = libCoverage.createCoverageMap(JSON.parse(JSON.stringify(unitData)));
merged.merge(alignedTo(unitData, runner));
writeReports(merged);

console.log(`\ncoverage of src/ (${fs.readdirSync(RUNNER_V8).length} runs of the bundled action)`);
printFolders(unit, merged);
console.log('');
printTotals('in-process tests', unit);
printTotals('runner-level runs', runner);
printTotals('merged', merged);
console.log(`\nreport: ${path.relative(process.cwd(), path.join(OUT, 'index.html'))}`);
process.exitCode = status;
