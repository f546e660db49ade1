// Usage: node --import tsx bench/measure-action-cost.ts --code <built code.js> [--quick]
//
// Measurements 1 and 2 (normal-login cost and cold start), in a process of their own: run by
// bench/run-benchmarks.ts as a child, so that no module the bench itself loads (the auth0 SDK,
// which the local tenant uses) makes the SDK variant's cold start look warm, and so that the
// tenant's servers share no event loop with the timing loops. Prints the results as JSON on stdout.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { samplePostLoginEvent } from '../local-tenant/actions-runtime/sample-post-login-event';
import { measureColdStart } from './cold-start';
import { emptyActionCode, SDK_VARIANT_DEPENDENCIES, sdkVariantCode } from './fixtures/reference-actions';
import { measureNormalLogin } from './normal-login';
import { FULL, QUICK } from './settings';
import { runCli } from '../scripts/lib/cli';

runCli(async () => {
  const { values } = parseArgs({ options: { code: { type: 'string' }, quick: { type: 'boolean', default: false } } });
  if (!values.code) throw new Error('--code <built code.js> is required');
  const settings = values.quick ? QUICK : FULL;
  const bundleCode = readFileSync(values.code, 'utf8');
  const emptyCode = emptyActionCode();
  // A normal login: no email_change in the query, so the Action returns before it reads a secret.
  const event = samplePostLoginEvent();
  // The handler loop first: once anything runs through the Actions runtime, its AsyncLocalStorage
  // turns on Node's promise hooks for the rest of the process, and every async call (the empty
  // Action's too) costs several times more; the runtime figures in normalLogin include that.
  const normalLogin = await measureNormalLogin({ bundleCode, emptyCode, event, ...settings.normalLogin });
  const coldStart = await measureColdStart({
    bundleCode,
    emptyCode,
    sdkVariantCode: sdkVariantCode(bundleCode),
    sdkVariantDependencies: SDK_VARIANT_DEPENDENCIES,
    event,
    rounds: settings.coldStart.rounds,
  });
  process.stdout.write(`${JSON.stringify({ normalLogin, coldStart })}\n`);
});
