// Options every templates:* script takes. --root points the script at another copy of the
// project (its templates/ and config/), which is how the tests work on temporary copies.
import { resolve } from 'node:path';

export const ROOT_OPTION = { root: { type: 'string' } } as const;

/** The project root: --root when given, else the repository this script belongs to. */
export function projectRoot(rootOption: string | undefined): string {
  return rootOption ? resolve(rootOption) : resolve(__dirname, '..', '..', '..');
}
