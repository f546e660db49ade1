// Checks every built file before deploy-cli can read it: Action size, stray keyword
// patterns that deploy-cli would swap, and anything that looks like a secret.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { findKeywordUses, KEYWORD_NAMES } from '../keywords';
import { MAX_ACTION_CODE_BYTES } from '../../../platform/actions-limits';
import { findSecrets } from '../secret-patterns';

export interface BuiltFile {
  readonly path: string;
  readonly kind: 'action' | 'form' | 'flow';
}

export function checkBuiltFiles(
  root: string,
  files: readonly BuiltFile[],
  options: { knownSecretValues: readonly string[] },
): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const text = readFileSync(file.path, 'utf8');
    const shown = relative(root, file.path);
    const bytes = Buffer.byteLength(text);
    if (file.kind === 'action' && bytes > MAX_ACTION_CODE_BYTES) {
      problems.push(
        `${shown} is ${bytes} bytes; Auth0 accepts at most ${MAX_ACTION_CODE_BYTES} bytes of Action code. ` +
          'Remove dependencies from the bundle or move code out of the Action.',
      );
    }
    for (const use of findKeywordUses(text)) {
      if (!KEYWORD_NAMES.has(use.name)) {
        problems.push(
          `${shown}:${use.line} contains ${use.pattern}, which deploy-cli would replace as a keyword but the bundle does not declare. ` +
            'Rename it, or declare the keyword in scripts/lib/keywords.ts.',
        );
      }
    }
    for (const what of findSecrets(text, options.knownSecretValues)) {
      problems.push(
        `${shown} contains what looks like ${what}. Secrets come from the environment at deploy, never from built files.`,
      );
    }
  }
  return problems;
}
