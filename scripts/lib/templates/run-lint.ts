// templates:lint on a project folder: reads templates/, runs the checks, and either says what
// was checked or throws a UserError listing every problem.
import { LOCALES, TEMPLATES } from '../../../templates/catalog';
import { UserError } from '../user-error';
import { formatProblem, lintTemplates } from './lint-templates';
import { PARTS, readTemplatesSnapshot } from './template-files';

export class TemplateLintError extends UserError {
  constructor(readonly problems: readonly string[]) {
    super(
      `${problems.join('\n')}\n\ntemplates:lint found ${problems.length} problem${problems.length === 1 ? '' : 's'} in templates/. ` +
        'Fix them and run npm run templates:lint again.',
    );
  }
}

/** Returns the summary line on success. */
export function lintTemplatesIn(root: string): string {
  const problems = lintTemplates(readTemplatesSnapshot(root)).map(formatProblem);
  if (problems.length > 0) throw new TemplateLintError(problems);
  return (
    `templates are fine: ${TEMPLATES.length} templates x ${LOCALES.length} locales (${LOCALES.join(', ')}), ` +
    `${TEMPLATES.length * LOCALES.length * PARTS.length} parts checked`
  );
}
