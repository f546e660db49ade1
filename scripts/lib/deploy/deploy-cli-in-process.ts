// Runs deploy-cli's import (auth0-deploy-cli 8.44) inside this process, through its library,
// the steps of `a0deploy import` (lib/commands/import.js and lib/tools/deploy.js) one by one:
// setupContext (its POST /oauth/token and Management client), the YAML context's
// loadAssetsFromLocal (keyword replacement, files), the Auth0 handlers' validate, then
// processChanges. Two differences, both for speed, neither in what is written:
//   - Auth0#validate, which an import calls twice, uses deploy-cli's schema compiled for the
//     keys the file has (validate/deploy-cli-schema.ts), not the whole 8 MB schema each time;
//   - deploy-cli is loaded once per process, so the staged imports of a first deploy
//     (deploy-bundle.ts) pay its loading once.
// The settings are the ones importWithDeployCli writes into its config file, with no
// process.env merged into the mappings (as --no-env). The secrets stay in memory: no file, no
// command line. deploy-cli's log lines are kept, masked, and shown only when it fails.
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { deployCliTools, withFastDeployCliValidate } from '../validate/deploy-cli-schema';
import { UserError } from '../user-error';
import { maskSecrets } from '../secret-patterns';
import { type DeployCliImportOptions, secretLeaves } from './deploy-cli-import';

const DEPLOY_CLI_DIR = dirname(require.resolve('auth0-deploy-cli/package.json'));

interface WinstonLogger {
  transports: unknown[];
  clear(): void;
  add(transport: unknown): void;
}

interface DeployCliContext {
  assets: Record<string, unknown>;
  mgmtClient: unknown;
  loadAssetsFromLocal(): Promise<void>;
}

const deployCli = () => ({
  setupContext: (
    require('auth0-deploy-cli/lib/context') as {
      setupContext(config: object, command: string): Promise<DeployCliContext>;
    }
  ).setupContext,
  configFactory: (
    require('auth0-deploy-cli/lib/configFactory') as {
      configFactory(): ((key: string) => unknown) & { setProvider(p: (key: string) => unknown): void };
    }
  ).configFactory,
  logger: (require('auth0-deploy-cli/lib/logger') as { default: WinstonLogger }).default,
  winston: require(require.resolve('winston', { paths: [DEPLOY_CLI_DIR] })) as {
    transports: { Stream: new (o: { stream: Writable }) => unknown };
  },
});

/** Runs `work` with deploy-cli's log lines collected instead of printed. */
async function withCapturedLog<T>(work: () => Promise<T>): Promise<{ result?: T; error?: unknown; log: string }> {
  const { logger, winston } = deployCli();
  const saved = [...logger.transports];
  let log = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString('utf8');
      done();
    },
  });
  logger.clear();
  logger.add(new winston.transports.Stream({ stream }));
  try {
    return { result: await work(), log };
  } catch (error) {
    return { error, log };
  } finally {
    logger.clear();
    for (const transport of saved) logger.add(transport);
  }
}

export async function importInProcess(options: DeployCliImportOptions): Promise<{ output: string }> {
  const secrets = [options.clientSecret, ...secretLeaves(options.mappings)];
  const config: Record<string, unknown> = {
    ...options.extraConfig,
    AUTH0_INPUT_FILE: options.tenantFile,
    AUTH0_DOMAIN: options.domain,
    AUTH0_CLIENT_ID: options.clientId,
    AUTH0_CLIENT_SECRET: options.clientSecret,
    AUTH0_KEYWORD_REPLACE_MAPPINGS: options.mappings,
    // docs/platform-facts.md §5: keep deletes off; a resource missing from the file stays on the tenant.
    AUTH0_ALLOW_DELETE: false,
  };
  const { setupContext, configFactory } = deployCli();
  const tools = deployCliTools();
  // deploy-cli's requests go through a connection pool of their own, as in its own process:
  // on fetch's shared pool, after the deploy's reads with the auth0 7 SDK, its first requests
  // (and all ten retries) failed with "other side closed" against the local tenant.
  const previousDispatcher = getGlobalDispatcher();
  const dispatcher = new Agent();
  setGlobalDispatcher(dispatcher);
  const { error, log } = await withCapturedLog(() =>
    withFastDeployCliValidate(async () => {
      const context = await setupContext(config, 'import');
      await context.loadAssetsFromLocal();
      const provider = configFactory();
      provider.setProvider((key) => config[key]);
      const auth0 = new tools.Auth0(context.mgmtClient, context.assets, provider);
      await auth0.validate();
      await auth0.processChanges();
    }, tools),
  ).finally(() => {
    setGlobalDispatcher(previousDispatcher);
    void dispatcher.close();
  });
  // deploy-cli colours its log with ANSI escapes.
  const output = maskSecrets(stripVTControlCharacters(log), secrets);
  if (error !== undefined) {
    const e = error as { message?: string; stage?: string; type?: string };
    const where = e.stage ? ` (stage ${e.stage}${e.type ? `, ${e.type}` : ''})` : '';
    const cause = (error as { cause?: { message?: string; code?: string } }).cause;
    const message = maskSecrets(
      `${String(e.message ?? error)}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`,
      secrets,
    );
    throw new UserError(
      `deploy-cli could not import ${options.tenantFile} into ${options.domain}${where}:\n${message}`,
    );
  }
  return { output };
}
