// What a secret looks like, for the checks that keep secrets out of dist/, and the one masker that
// keeps them out of what the scripts print.

export interface SecretPattern {
  readonly name: string;
  readonly pattern: RegExp;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { name: 'a SendGrid API key', pattern: /SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/ },
  { name: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: 'a JSON Web Token', pattern: /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  { name: 'an AWS access key', pattern: /AKIA[0-9A-Z]{16}/ },
  {
    name: 'a literal client secret, API key or password',
    pattern: /["']?(client_secret|api_key|apiKey|password|token)["']?\s*[:=]\s*["'](?!@@|##)[^"'\s]{8,}["']/,
  },
];

const SECRET_VARIABLE_NAME = /SECRET|PASSWORD|TOKEN|API_KEY|PRIVATE|CREDENTIAL/i;
const MIN_SECRET_LENGTH = 8;

/** Values of the environment's secret-looking variables, which must never be printed or built. */
export function secretValuesFromEnvironment(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(
      ([name, value]) => SECRET_VARIABLE_NAME.test(name) && value !== undefined && value.length >= MIN_SECRET_LENGTH,
    )
    .map(([, value]) => value as string);
}

/** Names what in `text` looks like a secret; empty when nothing does. */
export function findSecrets(text: string, knownSecretValues: readonly string[] = []): string[] {
  const found = SECRET_PATTERNS.filter((p) => p.pattern.test(text)).map((p) => p.name);
  if (knownSecretValues.some((value) => text.includes(value))) {
    found.push('the value of a secret environment variable');
  }
  return found;
}

/** What a masked secret shows as. */
export const MASK = '[secret]';
// Shorter known values would mask ordinary words; the deploy's secrets are far longer.
const MIN_MASKED_LENGTH = 6;

/** `text` with every known secret value, and anything shaped like a secret, replaced by MASK. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of [...secrets].filter((s) => s.length >= MIN_MASKED_LENGTH).sort((a, b) => b.length - a.length)) {
    masked = masked.split(secret).join(MASK);
  }
  for (const { pattern } of SECRET_PATTERNS) masked = masked.replace(new RegExp(pattern.source, 'g'), MASK);
  return masked;
}
