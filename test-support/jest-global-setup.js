/**
 * Builds the bundle the runner-level tests run (see fresh-bundle.js) once, before any test file,
 * and gives the runs a compile cache (action-runner.js, COMPILE_CACHE). Workers inherit both.
 */
import * as path from 'node:path';
import { COMPILE_CACHE, COVERAGE_DIRECTORY } from './action-runner.js';
import { CACHE, freshBundle } from './fresh-bundle.js';

export default function globalSetup(globalConfig) {
  const patterns = globalConfig.testPathPattern ?? '';
  // A run of unit tests alone (`npm test -- __tests__/watch`) needs no bundle.
  if (patterns && !/runner|__tests__\/?$|repo/.test(patterns)) return;
  process.env.ECS_DEPLOY_VERIFY_BUNDLE = freshBundle();
  // Off in a coverage run: its bundle (built with source maps) is measured as a cold start runs it.
  if (process.env[COVERAGE_DIRECTORY] === undefined) process.env[COMPILE_CACHE] ??= path.join(CACHE, 'compile-cache');
}
