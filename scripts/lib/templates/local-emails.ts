// The templates in the files, one LocalEmail per template and locale, as the comparisons take
// them: each part's text, the name and config keyword of its SendGrid template, and the sample
// data that push sends as SendGrid's test data.
import { LOCALES, TEMPLATES, sendgridTemplateName, templateKeyword } from '../../../templates/catalog';
import type { LocalEmail } from './compare-templates';
import { sampleData } from './sample-data';
import { partPath, PARTS, type Part, type TemplatesSnapshot } from './template-files';

export function localEmails(snapshot: TemplatesSnapshot): LocalEmail[] {
  return TEMPLATES.flatMap((template) =>
    LOCALES.map((locale): LocalEmail => {
      const parts = Object.fromEntries(
        PARTS.map((part) => [part, snapshot.files.get(partPath(template, locale, part))]),
      ) as Record<Part, string | undefined>;
      return {
        template: template.id,
        locale,
        name: sendgridTemplateName(template, locale),
        keyword: templateKeyword(template, locale),
        parts,
        testData: JSON.stringify(sampleData(snapshot, template, locale).data),
      };
    }),
  );
}
