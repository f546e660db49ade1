// One suffix (.test.ts), one glob: test/meta/test-files.test.ts checks that no test hides outside it.
// Two projects: every test under the readings the evidence favours, and the journeys, the login
// outcomes and the browser security tests again under the least favourable combination of what
// Auth0 leaves unsaid (platform/readings.ts): a guarantee counts only if it holds
// under both.
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.(t|m?j)s$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  // deploy-cli requires chalk 5, and the OIDC tests use openid-client 6 (with oauth4webapi and
  // jose), which are ESM only: compile them to CommonJS for jest.
  transformIgnorePatterns: [
    '/node_modules/(?!(auth0-deploy-cli/node_modules/)?(chalk|@clack|ansi-regex|strip-ansi|is-unicode-supported|sisteransi|picocolors|fast-wrap-ansi|fast-string-width|fast-string-truncated-width|openid-client|oauth4webapi|jose)/)',
  ],
};

/**
 * The tests that run again under the least favourable readings: the HTTP journeys (test/forms:
 * the happy path, codes, outages), the login outcomes and takeover cases, and the browser attacks
 * and hostile input. Not the browser faults, cancel and happy-path suites: they drive the journeys
 * of test/forms/email-change-happy-path and -outages through a page, and cancel is one of the
 * guarantees test/forms/guarantees-under-readings tries under every combination, so a second
 * browser run would test chromium again, not the readings.
 */
const UNDER_LEAST_FAVOURABLE = [
  '<rootDir>/test/forms/email-change-*.test.ts',
  '<rootDir>/test/local-tenant/login/email-change-outcomes.test.ts',
  '<rootDir>/test/local-tenant/login/email-change-takeover.test.ts',
  '<rootDir>/test/browser/email-change-attacks.test.ts',
  '<rootDir>/test/browser/email-change-hostile-input.test.ts',
];

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // On 2 cores jest would run everything in one process. The suite's files wait much of the time
  // (on browsers, child processes, deploy-cli's own pauses): two workers kept the cores about 70 %
  // busy, and three finish the suite about 16 s sooner on 2 cores (docs/performance.md "The tests").
  maxWorkers: 3,
  testTimeout: 30000,
  projects: [
    { ...base, displayName: 'default readings', testMatch: ['<rootDir>/test/**/*.test.ts'] },
    {
      ...base,
      displayName: 'least favourable readings',
      testMatch: UNDER_LEAST_FAVOURABLE,
      setupFiles: ['<rootDir>/test/least-favourable-readings.ts'],
    },
  ],
};
