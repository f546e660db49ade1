// Puts the project's email templates into a local tenant's SendGrid stand-in that has none yet
// (one the bench or a test just started), as templates:push would on a first push: one template
// per template and locale under the names templates:push uses, so that their ids are
// config/local.json's, each with its first version. No lint and no config write: the tenant is
// fresh and the files are the committed ones.
import { localEmails } from './local-emails';
import { versionContent } from './push-templates';
import { SendgridTemplatesApi } from './sendgrid-templates-api';
import { localTenantSendgridTarget } from './sendgrid-target';
import { readTemplatesSnapshot } from './template-files';

export async function pushTemplatesToNewLocalTenant(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const target = localTenantSendgridTarget(env, "from the local tenant's env");
  if (!target) throw new Error("the local tenant's env lacks SENDGRID_API_KEY or SENDGRID_BASE_URL");
  const api = new SendgridTemplatesApi(target);
  for (const local of localEmails(readTemplatesSnapshot(root))) {
    const { id } = await api.createTemplate(local.name);
    await api.createVersion(id, local.name, versionContent(local));
  }
}
