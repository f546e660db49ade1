// The layer rule (issue 18): each folder imports only what its layer may, so the
// local tenant keeps modelling Auth0's documentation rather than our bundle, the Action stays
// free of node: and npm, and tests and benchmarks never leak into what ships.
//
// It reads relative imports (import, export ... from, import(), require(), import x = require(),
// import('...') types) and resolves them against the repository root; npm packages and node:
// builtins are free except in actions/. Files outside these folders (the root's configs,
// eslint-rules/) are not checked.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const SERVICE_MAY_IMPORT =
  'local-tenant/shared/, local-tenant/state/ (the store), local-tenant/surface.ts (the contract every service implements), platform/, its own folder, and the public face (index.ts) of the services SERVICE_USES declares for it';

/**
 * The only uses of one service by another, each through the other's index.ts, never its files:
 * Auth0's login runs the Post-Login Actions and renders the Forms, and records the flows they ran.
 */
const SERVICE_USES = {
  'local-tenant/login': ['local-tenant/actions-runtime', 'local-tenant/forms-runtime', 'local-tenant/flow-executions'],
  'local-tenant/flow-executions': ['local-tenant/forms-runtime'],
};

/** What a file of local-tenant/ does instead of importing from outside local-tenant/ and platform/. */
const MODELS_AUTH0 =
  "the local tenant models Auth0's documentation, not our product or tooling: put the platform fact in platform/ (with its source) and the plumbing in local-tenant/shared/";
const insideLocalTenant = (t) => t.name.startsWith('local-tenant');

/**
 * The layers, in the order of the table in issue 18. `allows(target, from)` receives the layers
 * ({ name, kind, file }) of the imported file and of the importing one and says whether the
 * import is allowed; `what`, `mayImport` and `instead` (a text, or a function of the target's
 * layer, null outside the layered folders) make the message.
 */
const LAYERS = {
  platform: {
    what: 'facts about Auth0, deploy-cli and SendGrid',
    mayImport: 'platform/ only',
    instead: 'keep the fact in platform/ with its source, and let the caller pass anything else in',
    allows: (t) => t.name === 'platform',
  },
  actions: {
    what: 'the Post-Login Action, bundled alone by esbuild',
    mayImport: 'actions/ and the pure constant modules of platform/; no node: builtins, no npm packages',
    instead: 'move the value into actions/ or into a constant module of platform/',
    allows: (t) => t.name === 'actions' || t.name === 'platform',
    packages: false,
  },
  forms: {
    what: 'the form and flows as TypeScript',
    mayImport: 'actions/, forms/, templates/ and platform/',
    instead: 'move what the form needs into one of those, or pass it in from scripts/',
    allows: (t) => ['actions', 'forms', 'templates', 'platform'].includes(t.name),
  },
  templates: {
    what: 'the email templates as TypeScript and data',
    mayImport: 'actions/, forms/, templates/ and platform/',
    instead: 'move what the templates need into one of those, or pass it in from scripts/',
    allows: (t) => ['actions', 'forms', 'templates', 'platform'].includes(t.name),
  },
  'local-tenant': {
    what: "the local tenant's composition root",
    mayImport: 'platform/ and local-tenant/ (every service)',
    instead: MODELS_AUTH0,
    allows: (t) => t.name === 'platform' || t.name.startsWith('local-tenant'),
  },
  'local-tenant/shared': {
    what: "the local tenant's shared plumbing",
    mayImport: 'platform/ and local-tenant/shared/ only',
    instead: (t) =>
      t !== null && insideLocalTenant(t)
        ? 'shared/ serves every service, so it depends on none: move the code it needs into local-tenant/shared/, or let the service pass it in'
        : MODELS_AUTH0,
    allows: (t) => t.name === 'platform' || t.name === 'local-tenant/shared',
  },
  service: {
    what: 'one simulated service',
    mayImport: SERVICE_MAY_IMPORT + ', never another service',
    instead: (t) =>
      t !== null && insideLocalTenant(t)
        ? 'go through local-tenant/shared/ or the store (local-tenant/state/), or move the code to local-tenant/shared/; a use of another service goes through its index.ts and is declared in SERVICE_USES (eslint-rules/layers.js); only the composition root (local-tenant/index.ts, surfaces.ts) wires services together'
        : MODELS_AUTH0,
    allows: (t, from) =>
      t.name === 'platform' ||
      t.name === 'local-tenant/shared' ||
      t.name === 'local-tenant/state' ||
      t.file === 'local-tenant/surface' ||
      t.name === from.name ||
      ((SERVICE_USES[from.name] ?? []).includes(t.name) && t.file === `${t.name}/index`),
  },
  'demo-app': {
    what: 'the demo app, which signs in like any app',
    mayImport:
      'actions/email-change/contract.ts (the published contract), platform/, local-tenant/shared/ and demo-app/',
    instead: 'use the published contract (actions/email-change/contract.ts) or sign in through OIDC as an app would',
    allows: (t) =>
      ['demo-app', 'platform', 'local-tenant/shared'].includes(t.name) || t.file === 'actions/email-change/contract',
  },
  scripts: {
    what: 'the CLIs',
    mayImport: 'everything except test/, and bench/ only from scripts/bench.ts',
    instead:
      'move the shared code out of test/ or bench/ (for example into scripts/lib/), and let tests import it from there',
    allows: (t, from) => t.name !== 'test' && (t.name !== 'bench' || from.file === 'scripts/bench'),
  },
  bench: {
    what: 'the benchmarks',
    mayImport: 'everything except test/',
    instead:
      'move the shared code out of test/ (for example into bench/lib/ or scripts/lib/), and let tests import it from there',
    allows: (t) => t.name !== 'test',
  },
  test: {
    what: 'the tests',
    mayImport: 'everything',
    instead: '',
    allows: () => true,
  },
};

const TOP_FOLDERS = ['platform', 'actions', 'forms', 'templates', 'demo-app', 'scripts', 'bench', 'test'];

/**
 * The layer of a repository-relative path (posix, extension dropped), or null outside the layers.
 * `name` is the folder the message names; `kind` picks the entry of LAYERS.
 */
function layerOf(rel) {
  const parts = rel.split('/');
  const [top] = parts;
  if (TOP_FOLDERS.includes(top)) return { name: top, kind: top, file: rel };
  if (top !== 'local-tenant') return null;
  // The files directly in local-tenant/ are the composition root: they may import every service.
  if (parts.length <= 2) return { name: 'local-tenant', kind: 'local-tenant', file: rel };
  const folder = `local-tenant/${parts[1]}`;
  if (parts[1] === 'shared') return { name: folder, kind: 'local-tenant/shared', file: rel };
  return { name: folder, kind: 'service', file: rel };
}

/** How a message names the layer an import lands in. */
function describe(target, from) {
  if (target.kind === 'local-tenant') return 'local-tenant/ (the composition root)';
  if (target.kind === 'service' && from.kind === 'service') return `${target.name}/ (another service)`;
  return `${target.name}/`;
}

/** An import of a folder is an import of its index.ts: '../forms-runtime' is in that service. */
function resolveFolder(absolute) {
  try {
    return fs.statSync(absolute).isDirectory() ? path.join(absolute, 'index') : absolute;
  } catch {
    return absolute;
  }
}

function withoutExtension(rel) {
  return rel.replace(/\.(d\.ts|ts|tsx|mts|cts|js|mjs|cjs)$/, '');
}

function toRel(root, absolute) {
  const rel = path.relative(root, absolute).split(path.sep).join('/');
  return rel.startsWith('../') || rel === '..' || path.isAbsolute(rel) ? null : withoutExtension(rel);
}

function isPackage(specifier) {
  return !specifier.startsWith('.') && !specifier.startsWith('/');
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers of issue 18 (see the table in eslint-rules/layers.js)' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' } },
        required: ['root'],
        additionalProperties: false,
      },
    ],
    messages: {
      wrongWay:
        "{{from}} ({{what}}) may not import '{{specifier}}', which is in {{target}}. {{from}} may import {{mayImport}}: {{instead}}.",
      outside:
        "{{from}} ({{what}}) may not import '{{specifier}}', which is outside the layered folders. {{from}} may import {{mayImport}}: {{instead}}.",
      package:
        "{{from}} ({{what}}) may not import '{{specifier}}': the Action is bundled without node: builtins or npm packages. {{from}} may import {{mayImport}}: {{instead}}.",
    },
  },
  create(context) {
    const root = context.options[0].root;
    const filename = context.filename;
    const fromRel = toRel(root, filename);
    const from = fromRel === null ? null : layerOf(fromRel);
    if (from === null) return {};
    const layer = LAYERS[from.kind];
    const fromName = `${from.name}/`;

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      const packaged = isPackage(specifier);
      const targetRel = packaged ? null : toRel(root, resolveFolder(path.resolve(path.dirname(filename), specifier)));
      const target = targetRel === null ? null : layerOf(targetRel);
      const instead = typeof layer.instead === 'function' ? layer.instead(target) : layer.instead;
      const data = { from: fromName, what: layer.what, specifier, mayImport: layer.mayImport, instead };
      if (packaged) {
        if (layer.packages === false) context.report({ node, messageId: 'package', data });
        return;
      }
      if (target === null) {
        context.report({ node, messageId: 'outside', data });
        return;
      }
      if (!layer.allows(target, from)) {
        context.report({ node, messageId: 'wrongWay', data: { ...data, target: describe(target, from) } });
      }
    }

    const fromSource = (node) => {
      if (node.source && node.source.type === 'Literal') check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
      CallExpression(node) {
        const [arg] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && arg && arg.type === 'Literal') {
          check(arg, arg.value);
        }
      },
      TSExternalModuleReference(node) {
        if (node.expression.type === 'Literal') check(node.expression, node.expression.value);
      },
      TSImportType(node) {
        // typescript-eslint 8: `argument` is a TSLiteralType wrapping the string.
        const literal = node.argument && node.argument.type === 'TSLiteralType' ? node.argument.literal : node.source;
        if (literal && literal.type === 'Literal') check(literal, literal.value);
      },
    };
  },
};

module.exports.LAYERS = LAYERS;
module.exports.SERVICE_USES = SERVICE_USES;
module.exports.layerOf = layerOf;
