// The bundle's deploy-time keywords: the only `##KEY##` / `@@KEY@@` patterns allowed in
// tenant.yaml and in anything under dist/. deploy-cli swaps them on the raw YAML and on every
// file it loads (docs/platform-facts.md §5): `##KEY##` is a plain text swap, `@@KEY@@` (quoted or
// not) becomes JSON.stringify(value). JSON bodies therefore use "@@KEY@@" for every value,
// so that quotes in a value can never break the JSON.
//
// Where a value comes from:
// - config: `config/<env>.json` under "keywords" (committed, per environment, never a secret);
// - deploy: computed by `npm run deploy` (the form id it looks up, vault setups it builds
//   from secrets in the environment); validate stands a placeholder in for them.

import { LOCALES, TEMPLATES, templateKeyword } from '../../templates/catalog';

export type KeywordSource = 'config' | 'deploy';

export interface KeywordSpec {
  readonly name: string;
  readonly source: KeywordSource;
  /** 'string' values go in as text; 'json' values are objects or arrays. */
  readonly type: 'string' | 'json';
  readonly description: string;
  /** Checks a config value; returns a problem in the user's terms, or undefined. */
  readonly check?: (value: unknown) => string | undefined;
  /** For 'deploy' keywords: what validate uses, as no tenant is there to compute the value. */
  readonly placeholder?: string | object;
  /** A 'deploy' keyword whose placeholder is also right when no value is given. */
  readonly optional?: boolean;
}

const positiveIntegerString = (value: unknown): string | undefined =>
  typeof value === 'string' && /^[1-9][0-9]*$/.test(value)
    ? undefined
    : 'must be a positive whole number written as a string, e.g. "300"';

// SendGrid dynamic template ids start with "d-" (docs/platform-facts.md §6).
const sendgridTemplateId = (value: unknown): string | undefined =>
  typeof value === 'string' && /^d-[0-9a-f]{32}$/.test(value)
    ? undefined
    : 'must be a SendGrid dynamic template id ("d-" and 32 hex digits)';

export const KEYWORDS: readonly KeywordSpec[] = [
  {
    name: 'AUTH0_DOMAIN',
    source: 'deploy',
    type: 'string',
    description: 'the tenant domain deployed to (from the AUTH0_DOMAIN variable)',
    placeholder: 'validate.invalid',
  },
  {
    name: 'EMAIL_CHANGE_FORM_ID',
    source: 'deploy',
    type: 'string',
    description: 'id of the email-change form, looked up by name at deploy',
    placeholder: 'ap_validateplaceholder000000',
  },
  {
    name: 'MANAGEMENT_API_VAULT_SETUP',
    source: 'deploy',
    type: 'json',
    description:
      "setup of the HTTP vault connection to the Management API (OAuth client credentials), built from the vault M2M application's credentials",
    placeholder: {
      type: 'OAUTH_CLIENT_CREDENTIALS',
      client_id: 'placeholder',
      client_secret: 'placeholder',
      token_endpoint: 'https://validate.invalid/oauth/token',
      audience: 'https://validate.invalid/api/v2/',
    },
  },
  {
    name: 'SENDGRID_VAULT_SETUP',
    source: 'deploy',
    type: 'json',
    description: 'setup of the HTTP vault connection to SendGrid (Bearer), built from SENDGRID_API_KEY',
    placeholder: { type: 'BEARER', token: 'placeholder' },
  },
  {
    name: 'SENDGRID_API_URL',
    source: 'deploy',
    type: 'string',
    description:
      "SendGrid's API base URL: https://api.sendgrid.com, or SENDGRID_BASE_URL (the local tenant's stand-in)",
    placeholder: 'https://api.sendgrid.com',
  },
  {
    name: 'VAULT_CLIENT_METADATA',
    source: 'deploy',
    type: 'json',
    description:
      "the vault client's client_metadata: SHA-256 of the secret values Auth0 never returns, so that plan can tell when they change",
    placeholder: {},
    optional: true,
  },
  {
    name: 'MAX_AUTH_AGE_SECONDS',
    source: 'config',
    type: 'string',
    description: 'how old the last password sign-in may be for a change to start (seconds)',
    check: positiveIntegerString,
  },
  {
    name: 'MAX_CHANGES_PER_DAY',
    source: 'config',
    type: 'string',
    description: 'how many changes a user may start in 24 hours',
    check: positiveIntegerString,
  },
  {
    name: 'FORCE_RELOGIN',
    source: 'config',
    type: 'string',
    description: 'how the login ends after a change: "deny", or "revoke-session" on Enterprise plans',
    check: (value) =>
      value === 'deny' || value === 'revoke-session' ? undefined : 'must be "deny" or "revoke-session"',
  },
  {
    name: 'SENDGRID_FROM',
    source: 'config',
    type: 'json',
    description: 'sender of every email: {"email": "...", "name": "..."}, a verified SendGrid sender',
    check: (value) =>
      typeof value === 'object' && value !== null && typeof (value as { email?: unknown }).email === 'string'
        ? undefined
        : 'must be an object with an "email" string, e.g. {"email": "no-reply@example.com", "name": "Example"}',
  },
  ...TEMPLATES.flatMap((template) =>
    LOCALES.map((locale): KeywordSpec => ({
      name: templateKeyword(template, locale),
      source: 'config',
      type: 'string',
      description: `SendGrid dynamic template id of ${template.description}, in "${locale}" (written by npm run templates:push)`,
      check: sendgridTemplateId,
    })),
  ),
  {
    name: 'SUPPORT_URL',
    source: 'config',
    type: 'string',
    description: 'https page the notices point to for someone who did not make the change',
    check: (value) =>
      typeof value === 'string' && /^https:\/\/[^\s]+$/.test(value)
        ? undefined
        : 'must be an https URL, e.g. "https://example.com/support"',
  },
  {
    name: 'EMAIL_RULES',
    source: 'config',
    type: 'json',
    description: 'rules of EMAIL/VERIFY_EMAIL for new addresses: {"block_disposable_emails": true, "blocklist": [...]}',
    check: (value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? undefined
        : 'must be an object, e.g. {"block_disposable_emails": true, "blocklist": []}',
  },
];

export const KEYWORD_NAMES: ReadonlySet<string> = new Set(KEYWORDS.map((k) => k.name));

export function keywordSpec(name: string): KeywordSpec | undefined {
  return KEYWORDS.find((k) => k.name === name);
}

/** A keyword occurrence found in a text: which pattern and where. */
export interface KeywordUse {
  readonly name: string;
  readonly pattern: string;
  readonly line: number;
}

// deploy-cli matches any mapping key between the markers, and it merges all of process.env
// into the mappings (docs/platform-facts.md §5), so any name between markers may be swapped.
const KEYWORD_PATTERN = /##([A-Za-z0-9_.-]+)##|@@([A-Za-z0-9_.-]+)@@/g;

export function findKeywordUses(text: string): KeywordUse[] {
  const uses: KeywordUse[] = [];
  for (const match of text.matchAll(KEYWORD_PATTERN)) {
    const name = (match[1] ?? match[2]) as string;
    const line = text.slice(0, match.index).split('\n').length;
    uses.push({ name, pattern: match[0], line });
  }
  return uses;
}
