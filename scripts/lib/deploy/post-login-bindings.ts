// deploy-cli's `triggers: post-login:` REPLACES every post-login binding of the tenant
// (docs/platform-facts.md §5). The deploy keeps the bindings of other Actions: their order, with the
// bundle's Actions where they already are, or added at the end.
import { UserError } from '../user-error';

export function mergePostLoginBindings(
  current: readonly string[],
  ours: readonly string[],
  options: { ownsList: boolean },
): string[] {
  if (options.ownsList) return [...ours];
  const merged = [...current];
  for (const name of ours) if (!merged.includes(name)) merged.push(name);
  return merged;
}

/** Auth0 binds at most 20 Actions per trigger (docs entity-limit-policy.mdx, docs/platform-facts.md §1). */
export const MAX_ACTIONS_PER_TRIGGER = 20;

export function checkBindingCount(bindings: readonly string[]): void {
  if (bindings.length > MAX_ACTIONS_PER_TRIGGER) {
    throw new UserError(
      `The post-login trigger would have ${bindings.length} Actions bound; Auth0 allows at most ${MAX_ACTIONS_PER_TRIGGER}. ` +
        "Unbind an Action you no longer use, or deploy with --owns-post-login to replace the list with this bundle's Actions.",
    );
  }
}
