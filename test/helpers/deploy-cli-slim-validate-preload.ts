// Preloaded (node --require, after tsx's CommonJS hook; see deploy-cli-slim-validate.ts) into
// the real `a0deploy import` child of test/scripts/lib/deploy/deploy-cli-import.test.ts. It
// installs the project's slim Auth0#validate with installFastDeployCliValidate, the same swap
// npm run deploy makes in process, sha256 guard included, on the deploy-cli module the CLI then
// loads (one module cache): the import skips its two compiles of deploy-cli's whole 8 MB schema.
//
// If the guard refuses (deploy-cli's validate is not the text it was read from), this throws:
// node exits before the CLI runs, the import fails with this message, and so does the test,
// instead of quietly paying the whole-schema compiles. As the child exits it writes how many
// times the slim validate ran, so the test can check the CLI's own Auth0 class was the one swapped.
//
// Only on the main thread: node runs NODE_OPTIONS' preloads in every worker thread too, and
// esbuild (tsx's compiler) starts one to compile TypeScript synchronously while the main thread
// waits on it. A preload that threw in that worker left the main thread waiting forever.
import type * as DeployCliSchema from '../../scripts/lib/validate/deploy-cli-schema';
import type * as SlimValidate from './deploy-cli-slim-validate';
import { isMainThread } from 'node:worker_threads';

function installSlimValidate(): void {
  const { deployCliTools, installFastDeployCliValidate } =
    require('../../scripts/lib/validate/deploy-cli-schema') as typeof DeployCliSchema;
  const { SLIM_VALIDATE_CALLS } = require('./deploy-cli-slim-validate') as typeof SlimValidate;
  const tools = deployCliTools();
  if (installFastDeployCliValidate(tools) === undefined) {
    throw new Error(
      "deploy-cli-slim-validate-preload: deploy-cli's Auth0#validate is not the one scripts/lib/validate/deploy-cli-schema.ts was read from (KNOWN_VALIDATE_SHA256), so the slim validate was NOT installed: read the new validate, then update the hash",
    );
  }
  const prototype = (tools.Auth0 as unknown as { prototype: DeployCliSchema.DeployCliAuth0 }).prototype;
  const slim = prototype.validate;
  let calls = 0;
  prototype.validate = function validate(this: DeployCliSchema.DeployCliAuth0) {
    calls += 1;
    return slim.call(this);
  };
  // stderr on a pipe is synchronous on Linux and macOS: the line is written before the exit.
  process.on('exit', () => process.stderr.write(`${SLIM_VALIDATE_CALLS} ${calls}\n`));
}

if (isMainThread) installSlimValidate();
