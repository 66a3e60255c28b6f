// The entry of the coverage build (see test-support/fresh-bundle.js): src/index.ts, reached
// through a tsconfig.json that adds source maps.
import '../../src/index.js';
