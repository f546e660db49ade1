// Values in config/<env>.json that are still the repository's placeholders: template ids that
// templates:push has not replaced (d-000…), and senders or links on the example domains. Fine for
// the local tenant; for any other environment they would send mail from a sender SendGrid
// refuses (403, unverified sender) with templates that do not exist.
import type { EnvironmentConfig } from '../environment-config';

const PLACEHOLDER_TEMPLATE_ID = /^d-0{20,}[0-9a-f]{0,12}$/;
const EXAMPLE_DOMAIN = /(^|[.@/])example\.(com|org|net)\b/i;

export function placeholderProblems(envName: string, config: EnvironmentConfig): string[] {
  if (envName === 'local') return [];
  const file = `config/${envName}.json`;
  const problems: string[] = [];
  for (const [key, value] of Object.entries(config.keywords)) {
    if (key.startsWith('SENDGRID_TEMPLATE_') && typeof value === 'string' && PLACEHOLDER_TEMPLATE_ID.test(value)) {
      problems.push(
        `${file}: ${key} is the placeholder ${value}. Run npm run templates:push -- --env ${envName} with that SendGrid account's key, then commit ${file}.`,
      );
    }
  }
  const from = config.keywords.SENDGRID_FROM as { email?: unknown } | undefined;
  if (typeof from?.email === 'string' && EXAMPLE_DOMAIN.test(from.email)) {
    problems.push(
      `${file}: SENDGRID_FROM.email is the example sender ${from.email}. Use a sender verified in SendGrid (Settings > Sender Authentication).`,
    );
  }
  const support = config.keywords.SUPPORT_URL;
  if (typeof support === 'string' && EXAMPLE_DOMAIN.test(support)) {
    problems.push(
      `${file}: SUPPORT_URL is the example ${support}. Use your support page: the notice to the old address links to it.`,
    );
  }
  return problems;
}
