// Counters kept in vars. The template language has no arithmetic (docs variables.mdx lists no
// operator but ??), so a counter is a string that grows by one "x" per event: merge() appends
// to a string base, and length() reads the count back.
import { vars } from './journey-vars';

/** The count so far: 0 while the var is unset. */
export function countOf(name: string): string {
  return `functions.length(${vars(name)} ?? '')`;
}

/** The counter after one more event. */
export function incremented(name: string): string {
  return `functions.merge(${vars(name)} ?? '', 'x')`;
}
