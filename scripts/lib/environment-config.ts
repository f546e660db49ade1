// Reads config/<env>.json: the committed, non-secret keyword values of one environment.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEYWORDS } from './keywords';
import { UserError } from './user-error';

export interface EnvironmentConfig {
  readonly name: string;
  /** Path relative to the project root, for messages. */
  readonly file: string;
  readonly keywords: Readonly<Record<string, unknown>>;
}

export class ConfigError extends UserError {}

export function environmentNames(root: string): string[] {
  const dir = join(root, 'config');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function loadEnvironmentConfig(root: string, name: string): EnvironmentConfig {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new ConfigError(
      `Environment name "${name}" is not valid: use lower-case letters, digits and dashes (e.g. dev, prod).`,
    );
  }
  const file = `config/${name}.json`;
  const path = join(root, file);
  if (!existsSync(path)) {
    const known = environmentNames(root);
    throw new ConfigError(
      `${file} does not exist. Known environments: ${known.join(', ') || 'none'}. ` +
        `Copy config/dev.json to ${file} and fill in its values.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const keywords = (parsed as { keywords?: unknown } | null)?.keywords;
  if (typeof keywords !== 'object' || keywords === null || Array.isArray(keywords)) {
    throw new ConfigError(
      `${file} must hold an object "keywords" with the environment's values (see config/dev.json).`,
    );
  }
  return { name, file, keywords: keywords as Record<string, unknown> };
}

/** The environment the local tenant stands for: its config holds the local template ids and sender. */
export const LOCAL_ENVIRONMENT = 'local';

/** The sender address of config/local.json, which the local tenant's SendGrid treats as verified. */
export function localSenderEmail(root: string): string {
  const config = loadEnvironmentConfig(root, LOCAL_ENVIRONMENT);
  const from = config.keywords.SENDGRID_FROM as { email?: unknown } | undefined;
  if (typeof from?.email !== 'string') {
    throw new Error(
      `${config.file} has no keywords.SENDGRID_FROM.email: the local SendGrid needs it as its verified sender.`,
    );
  }
  return from.email.toLowerCase();
}

/** Problems with the config's own values: unknown names, deploy-only names, bad values. */
export function checkConfigValues(config: EnvironmentConfig): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(config.keywords)) {
    const spec = KEYWORDS.find((k) => k.name === name);
    if (!spec) {
      problems.push(
        `${config.file}: keywords.${name} is not a keyword of this bundle; remove it (known: see scripts/lib/keywords.ts).`,
      );
    } else if (spec.source !== 'config') {
      problems.push(
        `${config.file}: keywords.${name} is computed at deploy (${spec.description}); remove it from the file.`,
      );
    } else {
      const problem = spec.check?.(value);
      if (problem) problems.push(`${config.file}: keywords.${name} ${problem}.`);
    }
  }
  return problems;
}
