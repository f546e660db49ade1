// ESLint: the recommended rules of ESLint and typescript-eslint (no type-aware rules, so a run
// over the tree stays fast), and the layer rule of issue 18 (eslint-rules/layers.js).
const js = require('@eslint/js');
const globals = require('globals');
const { defineConfig, globalIgnores } = require('eslint/config');
const { tseslint, plugin } = require('eslint-rules');

// Names starting with _ are left unused on purpose (a destructured field dropped, a callback
// argument the signature requires).
const UNUSED = {
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
  ignoreRestSiblings: true,
};

module.exports = defineConfig([
  globalIgnores([
    'dist/',
    '.local-tenant/',
    '.test-output/',
    'coverage/',
    'templates/.preview/',
    'bench/.tmp/',
    'test/screenshots/.tmp/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.{ts,js,cjs,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': ['error', UNUSED],
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', UNUSED],
      // deploy-cli's internals (lib/tools, lib/context, its ajv) are untyped CommonJS, loaded
      // lazily with require.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // Action code as Auth0 runs it: the handlers keep the (event, api) signature unused.
    files: ['bench/fixtures/**/*.js'],
    rules: { 'no-unused-vars': 'off' },
  },
  {
    files: ['**/*.{ts,js,cjs,mjs}'],
    plugins: { local: plugin },
    rules: { 'local/layers': ['error', { root: __dirname }] },
  },
]);
