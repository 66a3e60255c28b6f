// ESM mode: run with NODE_OPTIONS=--experimental-vm-modules (see package.json "test").
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['**/__tests__/**/*.test.ts', '**/__tests__/**/*.test.js'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  clearMocks: true,
  reporters: ['default', '<rootDir>/test-support/closing-line-reporter.js'],
  testTimeout: 30000,
  // Runner-level tests run a bundle of the current src/, not the committed dist/.
  globalSetup: '<rootDir>/test-support/jest-global-setup.js',
};
