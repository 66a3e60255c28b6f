// ESM mode: run with NODE_OPTIONS=--experimental-vm-modules (see package.json "test").
import { availableParallelism } from 'node:os';

export default {
  // The node environment, printing a test's stdout and stderr only when it fails (or with
  // ECS_DEPLOY_VERIFY_TEST_OUTPUT=all): see test-support/quiet-environment.js.
  testEnvironment: '<rootDir>/test-support/quiet-environment.js',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['**/__tests__/**/*.test.ts', '**/__tests__/**/*.test.js'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  clearMocks: true,
  reporters: ['default', '<rootDir>/test-support/closing-line-reporter.js'],
  // A guard against a hang, not a measure: on a machine busy with a second suite a runner-level
  // test can take several times its usual seconds.
  testTimeout: 120_000,
  // The runner-level tests spend most of their time waiting on the emulator's scripted ECS time,
  // not on a core: three files per core (at least four, at most eight) keep both cores of a small
  // machine busy. CONTRIBUTING.md ("How long the suite takes") has the figures.
  maxWorkers: Math.min(8, Math.max(4, 3 * availableParallelism())),
  // Runner-level tests run a bundle of the current src/, not the committed dist/.
  globalSetup: '<rootDir>/test-support/jest-global-setup.js',
  // Coverage (`npm run coverage`, test-support/coverage.js): V8's, so these in-process figures
  // merge line for line with the V8 coverage the runner-level runs write of the bundle.
  collectCoverageFrom: ['src/**/*.ts'],
  coverageProvider: 'v8',
  coverageDirectory: 'coverage/unit',
  coverageReporters: ['json'],
};
