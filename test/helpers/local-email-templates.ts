// Puts the project's email templates (templates/<template>/<locale>/subject.hbs, html.hbs,
// text.hbs) into a local tenant's SendGrid stand-in through the real @sendgrid/client, under
// the names templates:push uses, so that their ids are config/local.json's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, sendgridTemplateName, TEMPLATES } from '../../templates/catalog';
import { ROOT } from './paths';
import { sendgridClient } from './sendgrid-client';

export async function pushLocalEmailTemplates(env: { SENDGRID_BASE_URL: string; SENDGRID_API_KEY: string }): Promise<void> {
  const client = sendgridClient(env);
  for (const template of TEMPLATES) {
    for (const locale of LOCALES) {
      const part = (name: string) => readFileSync(join(ROOT, 'templates', template.id, locale, `${name}.hbs`), 'utf8');
      const name = sendgridTemplateName(template, locale);
      const [, created] = await client.request({ method: 'POST', url: '/v3/templates', body: { name, generation: 'dynamic' } });
      const id = (created as { id: string }).id;
      await client.request({
        method: 'POST',
        url: `/v3/templates/${id}/versions`,
        // A subject is one line: the file's final newline is not part of it (templates:push drops it too).
        body: { name, subject: part('subject').trim(), html_content: part('html'), plain_content: part('text'), active: 1 },
      });
    }
  }
}
