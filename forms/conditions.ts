// Conditions of routers and FLOW/BOOLEAN_CONDITION, in the only shape an Auth0 export shows: an
// AND group of EQ comparisons whose literals are strings (platform/forms-model.ts).
// A negation is written by swapping the branches; an OR by chaining conditions.
import type { Condition } from './types';

/** True when the two operands (templates or string literals) read the same. */
export function equals(a: string, b: string): Condition {
  return { operator: 'AND', operands: [{ operator: 'EQ', operands: [a, b] }] };
}
