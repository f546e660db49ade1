// Counters kept in vars. The template language has no arithmetic and conditions compare only by
// equality (docs variables.mdx; forms-model.ts), so a counter is a string that grows by one "x"
// per event (functions.merge concatenates onto a string base) and is compared with the string of
// that many x. The Action renders every counter with its initial value '', so no `??` is needed.
import { equals } from './conditions';
import type { Condition } from './types';

const template = (name: string) => `{{vars.${name}}}`;

/** The counter reads exactly `count`. */
export function counterIs(name: string, count: number): Condition {
  return equals(template(name), 'x'.repeat(count));
}

/** The counter after one more event. */
export function incremented(name: string): string {
  return `{{functions.merge(vars.${name}, 'x')}}`;
}
