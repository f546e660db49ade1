// bench/RESULTS.md and the table printed at the end of a run, from a run's results: each
// measurement next to its reference, the targets met or missed, the machine, and how the
// figures were taken.
import type { BenchResults, DeployKind } from './results';

const fixed = (value: number | null, digits = 2): string => (value === null ? 'not measured' : value.toFixed(digits));
const integer = (value: number | null): string =>
  value === null ? 'not measured' : Math.round(value).toLocaleString('en-US');
const seconds = (ms: number | null): string => (ms === null ? 'not measured' : (ms / 1000).toFixed(1));

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** One line per reason, with the figures it left out. */
function notMeasured(skipped: readonly (readonly [string, string])[]): string {
  const byReason = new Map<string, string[]>();
  for (const [key, why] of skipped) byReason.set(why, [...(byReason.get(why) ?? []), `\`${key}\``]);
  return [...byReason].map(([why, keys]) => `- ${keys.join(', ')}: ${why}`).join('\n');
}

export function targetsTable(results: BenchResults): string {
  return table(
    ['figure', 'target', 'value', 'met'],
    results.targets.map((t) => [
      t.name,
      t.target,
      t.value === null ? 'not measured' : String(Number(t.value.toPrecision(4))),
      t.met === null ? 'not measured' : t.met ? 'yes' : '**NO**',
    ]),
  );
}

function deployRow(results: BenchResults, kind: DeployKind, label: string): string[] {
  const d = results.deploy;
  const samples = results.deploy.samples[kind]?.length ?? 0;
  return [
    label,
    seconds(d[`${kind}Ms`]),
    integer(d[`${kind}Reads`]),
    integer(d[`${kind}Writes`]),
    integer(d[`${kind}Tokens`]),
    String(samples),
  ];
}

export function renderResults(results: BenchResults): string {
  const { machine, normalLogin: nl, coldStart: cs, bundle, build, emailChange: ec } = results;
  const skipped = Object.entries(results.skipped);
  return `# Benchmark results

${results.kind === 'quick' ? 'A quick run (`npm run bench -- --quick`: few repetitions, rough figures)' : 'A full run of `npm run bench`'}, ${results.date}, in ${results.durationS.toFixed(0)} s.
Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}; Node ${results.node}; load average
${machine.loadAverage.map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min) when the run began. Every measurement ran side by side
with its reference in this one run, interleaved; figures are medians, ratios the median of the
per-round ratios. How to run it, and what each figure means: docs/benchmarks.md.

## Targets

${targetsTable(results)}

## 1. Normal login: onExecutePostLogin without email_change, every login of the tenant

${table(
  ['', 'the bundle', 'empty Action', 'ratio'],
  [
    ['handler alone, ns per call', fixed(nl.nsPerCall), fixed(nl.emptyNsPerCall), fixed(nl.ratio)],
    [
      'one execution through the Actions runtime, µs',
      fixed(nl.runtimeUsPerExecution, 1),
      fixed(nl.emptyRuntimeUsPerExecution, 1),
      fixed(nl.runtimeRatio),
    ],
  ],
)}

The normal path reads ${nl.eventReads} properties of the event and ${nl.apiReads} of the api. ${nl.rounds} rounds; ${integer(nl.callsPerSample)} calls per
handler sample.

## 2. Cold start: a fresh vm context, the code loaded, one normal login

${table(
  ['', 'the bundle', 'empty Action', 'SDK variant'],
  [
    ['ms', fixed(cs.ms), fixed(cs.emptyMs), fixed(cs.sdkVariantMs)],
    ['ratio of the bundle to it', '', fixed(cs.ratio), fixed(cs.ratioToSdkVariant, 3)],
  ],
)}

The SDK variant is the same Action with \`require('auth0')\` (ManagementClient) at module level; its
require loads ${cs.sdkVariantModules} modules. ${cs.rounds} rounds.

## 3. Size of the built Action

${table(
  ['', 'bytes', 'gzip (level 9)', 'share of the 100 kB limit'],
  [
    [
      'dist/actions/email-change/code.js',
      integer(bundle.bytes),
      integer(bundle.gzipBytes),
      `${(bundle.shareOfLimit * 100).toFixed(1)} %`,
    ],
    [
      "what the SDK variant's require reads (auth0 and its dependencies)",
      integer(bundle.sdkVariantLoadedBytes),
      '',
      '',
    ],
  ],
)}

## 4. Build

\`npm run build\`: ${seconds(build.ms)} s (median of ${build.samplesMs.length}: ${build.samplesMs.map((ms) => seconds(ms)).join(', ')} s).

## 5. Deploy to the local tenant

${table(
  ['', 'wall time, s', 'Management API reads', 'writes', 'token requests', 'samples'],
  [
    deployRow(results, 'first', '`npm run deploy`, first deploy to a fresh tenant'),
    deployRow(results, 'noop', '`npm run deploy`, nothing changed'),
    deployRow(results, 'flowChange', '`npm run deploy`, one flow changed'),
    deployRow(results, 'a0deploy', 'reference: plain `a0deploy import` of tenant.yaml'),
  ],
)}

\`npm run deploy\` is timed as a user runs it (tsx, build, validate, read, plan, import what changed,
verify). The reference imports the dist/ that \`npm run deploy\` built (its time has no build), into a
tenant of its own that \`npm run deploy\` deployed first; deploy-cli does not diff, so it writes the
same whether or not anything changed. A first deploy takes ${results.deploy.firstMs !== null && results.deploy.a0deployMs !== null ? `${(results.deploy.firstMs / results.deploy.a0deployMs).toFixed(2)} times` : 'not measured against'} the plain import (target: at most
1.2): \`npm run deploy\` runs deploy-cli's import in its own process, with deploy-cli's schema compiled
only for the keys tenant.yaml has (docs/performance.md).

## 6. Validate and npm start

${table(
  ['', 'wall time, s', 'reference: `npm run build`, s', 'ratio', 'samples'],
  [
    [
      '`npm run validate` (warm)',
      seconds(results.validate.ms),
      seconds(results.validate.buildMs),
      fixed(results.validate.ratioToBuild),
      String(results.validate.samplesMs.length),
    ],
    [
      '`npm start`, first time (clean state, to "Ready.")',
      seconds(results.start.firstMs),
      '',
      '',
      String(results.start.samplesMs.length),
    ],
  ],
)}

\`npm run validate\` and \`npm run build\` run in turn on one copy of the project, ${results.kind === 'quick' ? 'with no warm-up round (a quick run)' : 'after one warm-up round of each'}.
\`npm start\` runs on a copy of the project with an empty state folder and free ports each time:
build, a new local tenant (its certificate included), the templates pushed, the first deploy; it
is stopped with SIGTERM at its "Ready." line.

## 7. Email change over HTTP (no browser)

${ec.completed} of ${ec.changes} changes completed${ec.failures.length > 0 ? ` (first failures: ${ec.failures.join('; ')})` : ''}. Per completed change: ${fixed(ec.sendgridCalls)} SendGrid
messages (${fixed(ec.codeEmails)} code, ${fixed(ec.noticeEmails)} notice, ${fixed(ec.otherEmails)} other), ${fixed(ec.managementCalls)} Management API requests
(${fixed(ec.managementReads)} reads, ${fixed(ec.managementWrites)} writes); ${ec.tokenRequests} token request(s) in the whole run. By route:
${
  Object.entries(ec.byRoute)
    .map(([route, count]) => `\`${route}\` ${count}`)
    .join(', ') || 'none'
}.

${table(
  ['latency over loopback, ms', 'p50', 'p95'],
  [
    ['whole change (sum of its requests)', fixed(ec.p50Ms, 1), fixed(ec.p95Ms, 1)],
    ['address step (send-code flow)', fixed(ec.sendCodeStepP50Ms, 1), fixed(ec.sendCodeStepP95Ms, 1)],
    [
      'code step (verify, update the user, notice, resume the login)',
      fixed(ec.verifyCodeStepP50Ms, 1),
      fixed(ec.verifyCodeStepP95Ms, 1),
    ],
    [
      'reference: a normal login (authorize, login page, callback)',
      fixed(ec.normalLoginP50Ms, 1),
      fixed(ec.normalLoginP95Ms, 1),
    ],
  ],
)}

These are the local tenant's times (it writes its whole state file after every change), not
Auth0's: they show how the flow's steps compare with a login, not what users of a real tenant wait.
${skipped.length > 0 ? `\n## Not measured in this run\n\n${notMeasured(skipped)}\n` : ''}
## Method

- Normal login: the handlers come from the built code.js loaded in a vm context with the Actions
  runtime's globals, require and CommonJS wrapper (bench/lib/action-handlers.ts), and are called in
  batches long enough that the timer costs nothing; each result is consumed. They are timed before
  anything runs through the runtime, whose AsyncLocalStorage turns on Node's promise hooks for the
  rest of the process. The runtime row runs whole executions with loadAction, as the login side does.
- Cold start: each sample is loadAction on the code with a comment of its own (so V8 cannot reuse a
  compilation) and one onExecutePostLogin; the modules the SDK variant required are dropped from
  require.cache after each sample. The first round is left out (the runtime's own code is cold).
  Measurements 1 and 2 run in a child process that has not loaded the SDK.
- Deploy: request counts are the local tenant's counters (/__local/stats), reset before each deploy.
`;
}
