// One suffix (.test.ts), one glob: test/meta/test-files.test.ts checks that no test hides outside it.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.(t|m?j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // deploy-cli requires chalk 5, and the OIDC tests use openid-client 6 (with oauth4webapi and
  // jose), which are ESM only: compile them to CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(auth0-deploy-cli/node_modules/)?(chalk|@clack|ansi-regex|strip-ansi|is-unicode-supported|sisteransi|picocolors|fast-wrap-ansi|fast-string-width|fast-string-truncated-width|openid-client|oauth4webapi|jose)/)'],
  // On 2 cores jest would run everything in one process; two workers overlap the deploy-cli
  // children and the browser waits (6.3 min -> 3.8 min for the whole suite here).
  maxWorkers: 2,
  testTimeout: 30000,
};
