// Runs the REAL deploy CLI (`a0deploy import`, auth0-deploy-cli 8.44) as a child process on a
// tenant file. Secrets (the client secret, vault setups in the mappings) go only into a config
// file readable by this user alone, in a private temporary folder removed afterwards: never on
// the command line (visible in `ps`), never in a committed file, never in the output.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Mappings } from '../mappings';
import { maskSecrets } from '../secret-patterns';
import { UserError } from '../user-error';

export interface DeployCliImportOptions {
  /** The tenant.yaml to import (paths in it resolve against its folder). */
  readonly tenantFile: string;
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** AUTH0_KEYWORD_REPLACE_MAPPINGS: the only keyword values deploy-cli sees. */
  readonly mappings: Mappings;
  /** Extra environment of the child (e.g. NODE_EXTRA_CA_CERTS for the local tenant). */
  readonly env?: Readonly<Record<string, string>>;
  /** More deploy-cli settings (e.g. AUTH0_INCLUDED_ONLY); they cannot override the ones above. */
  readonly extraConfig?: Readonly<Record<string, unknown>>;
}

export interface DeployCliImportResult {
  /** deploy-cli's output, colours removed, secrets masked. */
  readonly output: string;
}

const DEPLOY_CLI = join(dirname(require.resolve('auth0-deploy-cli/package.json')), 'lib', 'index.js');

/** Every string in the mappings whose key names a secret (client_secret, api_key, token, ...). */
export function secretLeaves(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /secret|api_key|apikey|token|password|private/i.test(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => secretLeaves(v, key));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => secretLeaves(v, k));
  return [];
}

/** deploy-cli's report of the failure: from its first error line on, without log prefixes (or the output's tail). */
function failureMessage(output: string): string {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => / - error: /.test(line));
  const detail = start >= 0 ? lines.slice(start) : lines.slice(-20);
  return detail
    .map((line) => line.replace(/^\S+ - (error|info|warn|debug): /, ''))
    .join('\n')
    .trim();
}

export async function importWithDeployCli(options: DeployCliImportOptions): Promise<DeployCliImportResult> {
  const secrets = [options.clientSecret, ...secretLeaves(options.mappings)];
  const dir = mkdtempSync(join(tmpdir(), 'deploy-cli-'));
  try {
    const configFile = join(dir, 'config.json');
    const config = {
      ...options.extraConfig,
      AUTH0_DOMAIN: options.domain,
      AUTH0_CLIENT_ID: options.clientId,
      AUTH0_CLIENT_SECRET: options.clientSecret,
      AUTH0_KEYWORD_REPLACE_MAPPINGS: options.mappings,
      // docs/platform-facts.md §5: keep deletes off; a resource missing from the file stays on the tenant.
      AUTH0_ALLOW_DELETE: false,
    };
    writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });
    // --no-env: deploy-cli would otherwise merge all of process.env into the keyword mappings
    // (lib/args.js `env`, default true; lib/commands/import.js), so any variable could be
    // swapped into the tenant.
    const args = [DEPLOY_CLI, 'import', '-c', configFile, '-i', options.tenantFile, '--no-env'];
    const { code, output } = await run(process.execPath, args, { ...process.env, ...options.env });
    // deploy-cli colours its log with ANSI escapes.
    const shown = maskSecrets(stripVTControlCharacters(output), secrets);
    if (code !== 0) {
      throw new UserError(
        `deploy-cli could not import ${options.tenantFile} into ${options.domain}:\n${failureMessage(shown)}`,
      );
    }
    return { output: shown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}
