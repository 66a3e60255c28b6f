/** Builds the bundle the runner-level tests run (see fresh-bundle.js) once, before any test file. */
import { freshBundle } from './fresh-bundle.js';

export default function globalSetup(globalConfig) {
  const patterns = globalConfig.testPathPattern ?? '';
  // A run of unit tests alone (`npm test -- __tests__/watch`) needs no bundle.
  if (patterns && !/runner|__tests__\/?$|repo/.test(patterns)) return;
  process.env.ECS_DEPLOY_VERIFY_BUNDLE = freshBundle();
}
