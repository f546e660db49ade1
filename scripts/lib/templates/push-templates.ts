// templates:push: publishes the files to SendGrid and records the template ids in
// config/<env>.json. Lint first (nothing broken is published); then every template is read
// before anything is written; a template is created (with its first version) only when
// missing, otherwise its active version is edited in place (SendGrid allows 300 versions per
// account, docs/platform-facts.md §6), and an unchanged template is not touched.
import { loadEnvironmentConfig } from '../environment-config';
import { UserError } from '../user-error';
import { normalizePart, planPush, type LocalEmail, type PushStep } from './compare-templates';
import { formatProblem, lintTemplates } from './lint-templates';
import { readRemoteTemplates } from './read-remote-templates';
import { localEmails } from './local-emails';
import { TemplateLintError } from './run-lint';
import { SendgridTemplatesApi, type VersionContent } from './sendgrid-templates-api';
import { readTemplatesSnapshot } from './template-files';
import { writeTemplateIds, type IdChange } from './template-ids-config';
import { environmentFor, targetFor, type TemplatesCommandOptions } from './templates-command';

export interface PushResult {
  readonly steps: readonly PushStep[];
  readonly configFile: string;
  readonly idChanges: readonly IdChange[];
}

export function versionContent(local: LocalEmail): VersionContent {
  return {
    subject: normalizePart('subject', local.parts.subject ?? ''),
    html_content: normalizePart('html', local.parts.html ?? ''),
    plain_content: normalizePart('text', local.parts.text ?? ''),
    // SendGrid regenerates plain_content from the HTML unless told not to (tsg_templates_v3.yaml,
    // generate_plain_content defaults to true): our plain-text twin is written by hand.
    generate_plain_content: false,
    test_data: local.testData,
  };
}

export async function pushTemplates(options: TemplatesCommandOptions): Promise<PushResult> {
  const snapshot = readTemplatesSnapshot(options.root);
  const problems = lintTemplates(snapshot).map(formatProblem);
  if (problems.length > 0) throw new TemplateLintError(problems);

  const target = targetFor(options);
  const envName = environmentFor(target, options);
  if (envName === undefined) {
    throw new UserError(
      'Say which environment these templates are for, so that its config/<env>.json receives their ids: ' +
        'npm run templates:push -- --env dev (or set DEPLOY_ENV). Nothing was changed.',
    );
  }
  const config = loadEnvironmentConfig(options.root, envName); // fails before any write

  const api = new SendgridTemplatesApi(target);
  const locals = localEmails(snapshot);
  const steps = planPush(locals, await readRemoteTemplates(api, locals));
  const ids = new Map<string, string>();
  let done = 0;
  try {
    for (const step of steps) {
      const content = versionContent(step.local);
      switch (step.kind) {
        case 'create': {
          const { id } = await api.createTemplate(step.local.name);
          await api.createVersion(id, step.local.name, content);
          ids.set(step.local.keyword, id);
          options.log(`created ${step.local.name} (${id}) with its first version`);
          break;
        }
        case 'add-first-version':
          await api.createVersion(step.templateId, step.local.name, content);
          ids.set(step.local.keyword, step.templateId);
          options.log(`added the first version of ${step.local.name} (${step.templateId}), which had none`);
          break;
        case 'update': {
          await api.updateVersion(step.templateId, step.versionId, step.versionName || step.local.name, content);
          if (step.activate) await api.activateVersion(step.templateId, step.versionId);
          ids.set(step.local.keyword, step.templateId);
          const what =
            [...step.parts, ...(step.testData ? ['test data'] : [])].join(', ') || 'nothing but its activation';
          options.log(
            `updated ${step.local.name} (${step.templateId}): ${what}, in version ${step.versionId}` +
              (step.activate ? ', now active' : ' (the active version, edited in place)'),
          );
          break;
        }
        case 'unchanged':
          ids.set(step.local.keyword, step.templateId);
          options.log(`unchanged ${step.local.name} (${step.templateId})`);
          break;
      }
      done++;
    }
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(
      `${error.message}\n${done} of ${steps.length} templates were pushed before this failure, and ${config.file} was not changed. ` +
        'Run npm run templates:push again once the cause is fixed: it finds the templates already there by name.',
    );
  }

  const written = writeTemplateIds(options.root, envName, ids);
  options.log(
    written.changes.length === 0
      ? `${written.file} already holds the ids of the ${steps.length} templates`
      : `wrote ${written.changes.map((c) => c.keyword).join(', ')} to ${written.file} (deploy reads the template ids there)`,
  );
  return { steps, configFile: written.file, idChanges: written.changes };
}
