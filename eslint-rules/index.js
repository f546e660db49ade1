// Local ESLint pieces for eslint.config.js: the layer rule, and typescript-eslint resolved from
// this folder, where npm installs typescript 6 for it (package.json "overrides"): typescript 7,
// the project's compiler, has no JavaScript API for the parser to call.
'use strict';

module.exports = {
  tseslint: require('typescript-eslint'),
  plugin: {
    meta: { name: 'eslint-rules' },
    rules: { layers: require('./layers') },
  },
};
