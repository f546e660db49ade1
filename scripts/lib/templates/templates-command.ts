// What templates:push, pull and diff share: their options, the SendGrid they target, and the
// environment whose config/<env>.json holds the template ids.
import { LOCAL_ENVIRONMENT } from '../environment-config';
import { UserError } from '../user-error';
import { readDotEnv } from '../env-file';
import { resolveSendgridTarget, type SendgridTarget } from './sendgrid-target';

export interface TemplatesCommandOptions {
  /** The project root: its templates/ and config/ are read (and written by push and pull). */
  readonly root: string;
  /** Where SENDGRID_API_KEY, SENDGRID_BASE_URL and DEPLOY_ENV are read (process.env). */
  readonly env: NodeJS.ProcessEnv;
  /** --env: which config/<env>.json holds the ids. */
  readonly envName?: string;
  /** Where progress goes, one line at a time (console.log). */
  readonly log: (line: string) => void;
}

/**
 * The environment whose config receives (push) or is checked for (diff) the template ids.
 * The local tenant's ids belong in config/local.json only; for a real SendGrid account it is
 * --env, else DEPLOY_ENV (environment, then .env); undefined when none says.
 */
export function environmentFor(target: SendgridTarget, options: TemplatesCommandOptions): string | undefined {
  if (target.source === 'local tenant') {
    const name = options.envName ?? LOCAL_ENVIRONMENT;
    if (name !== LOCAL_ENVIRONMENT) {
      throw new UserError(
        `SENDGRID_API_KEY is not set, so this targets the local tenant, whose template ids belong in config/${LOCAL_ENVIRONMENT}.json, not config/${name}.json. ` +
          `Set SENDGRID_API_KEY to the "${name}" SendGrid account's key, or leave out --env. Nothing was changed.`,
      );
    }
    return name;
  }
  const fromEnv = options.env.DEPLOY_ENV?.trim() || readDotEnv(options.root).DEPLOY_ENV?.trim();
  return options.envName ?? (fromEnv || undefined);
}

export function targetFor(options: TemplatesCommandOptions): SendgridTarget {
  const target = resolveSendgridTarget(options.root, options.env);
  options.log(`SendGrid: ${target.describe}`);
  return target;
}
