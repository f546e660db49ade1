// The keyword mappings handed to deploy-cli (AUTH0_KEYWORD_REPLACE_MAPPINGS).
import type { EnvironmentConfig } from './environment-config';
import { KEYWORDS } from './keywords';

export type Mappings = Record<string, unknown>;

/**
 * Config keywords come from the environment's file; deploy keywords from `deployValues`,
 * or, when `placeholders` is set (validate, which has no tenant), from their placeholder.
 * A keyword with no value is left out: the caller reports it where it is used.
 */
export function buildMappings(
  config: EnvironmentConfig,
  deployValues: Readonly<Record<string, unknown>>,
  options: { placeholders: boolean },
): Mappings {
  const mappings: Mappings = {};
  for (const spec of KEYWORDS) {
    const value =
      spec.source === 'config'
        ? config.keywords[spec.name]
        : (deployValues[spec.name] ?? (options.placeholders || spec.optional ? spec.placeholder : undefined));
    if (value !== undefined) mappings[spec.name] = value;
  }
  return mappings;
}
