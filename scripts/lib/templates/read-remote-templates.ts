// Reads, for each of our template names, the SendGrid template of that name and the content
// of the version push edits. push, pull and diff all start here; nothing is written.
import { UserError } from '../user-error';
import { versionToEdit, type LocalEmail, type RemoteEmail } from './compare-templates';
import type { SendgridTemplatesApi } from './sendgrid-templates-api';

export async function readRemoteTemplates(
  api: SendgridTemplatesApi,
  locals: readonly LocalEmail[],
): Promise<Map<string, RemoteEmail>> {
  const wanted = new Set(locals.map((l) => l.name));
  const byName = new Map<string, string[]>();
  for (const template of await api.listDynamicTemplates()) {
    if (!wanted.has(template.name)) continue;
    byName.set(template.name, [...(byName.get(template.name) ?? []), template.id]);
  }
  // SendGrid allows two templates with one name; push finds templates by name, so it cannot
  // choose between them.
  const twins = [...byName].filter(([, ids]) => ids.length > 1);
  if (twins.length > 0) {
    throw new UserError(
      twins
        .map(([name, ids]) => `SendGrid holds ${ids.length} dynamic templates named "${name}" (${ids.join(', ')}).`)
        .join('\n') +
        '\nTemplates are found by name: delete or rename the extra ones in SendGrid (Email API > Dynamic Templates), then run the command again. Nothing was changed.',
    );
  }
  const remotes = new Map<string, RemoteEmail>();
  for (const [name, ids] of byName) {
    const template = await api.getTemplate(ids[0] as string);
    const target = versionToEdit(template.versions);
    if (!target) {
      remotes.set(name, { id: template.id, name, versions: template.versions });
      continue;
    }
    const version = await api.getVersion(template.id, target.id);
    remotes.set(name, {
      id: template.id,
      name,
      versions: template.versions,
      edited: {
        id: version.id || target.id,
        name: version.name,
        active: target.active,
        parts: { subject: version.subject, html: version.html_content, text: version.plain_content },
        ...(version.test_data !== undefined ? { testData: version.test_data } : {}),
      },
    });
  }
  return remotes;
}
