// templates:diff: what differs between the files and what SendGrid sends (each template's
// active version), per template, locale and part, and whether config/<env>.json holds the ids
// of the templates SendGrid has. Writes nothing, anywhere.
import { environmentNames, loadEnvironmentConfig } from '../environment-config';
import { findDrift, findIdDrift, type Drift, type IdDrift } from './compare-templates';
import { formatDiff } from './line-diff';
import { localEmails } from './local-emails';
import { readRemoteTemplates } from './read-remote-templates';
import { SendgridTemplatesApi } from './sendgrid-templates-api';
import { readTemplatesSnapshot } from './template-files';
import { environmentFor, targetFor, type TemplatesCommandOptions } from './templates-command';

export interface DiffResult {
  readonly drift: readonly Drift[];
  readonly idDrift: readonly IdDrift[];
  /** True when anything differs (the command then exits 2). */
  readonly differs: boolean;
}

function describeDrift(drift: Drift): string[] {
  switch (drift.kind) {
    case 'missing':
      return [`${drift.local.name} is not in SendGrid: npm run templates:push creates it.`];
    case 'no-version':
      return [`${drift.local.name} (${drift.templateId}) has no version in SendGrid: npm run templates:push adds it.`];
    case 'inactive':
      return [
        `${drift.local.name} (${drift.templateId}) has no active version in SendGrid, so it sends nothing: npm run templates:push activates ${drift.versionId}.`,
      ];
    case 'differs':
      return drift.parts.flatMap((part) => [
        `${part.file} differs from the ${part.part} of ${drift.local.name} (${drift.templateId}, version ${drift.versionId}):`,
        ...formatDiff(part.lines).map((line) => `    ${line}`),
      ]);
  }
}

export async function diffTemplates(options: TemplatesCommandOptions): Promise<DiffResult> {
  const snapshot = readTemplatesSnapshot(options.root);
  const target = targetFor(options);
  const envName = environmentFor(target, options);
  const keywords = envName === undefined ? undefined : loadEnvironmentConfig(options.root, envName).keywords;
  const locals = localEmails(snapshot);
  const remotes = await readRemoteTemplates(new SendgridTemplatesApi(target), locals);

  const drift = findDrift(locals, remotes);
  const idDrift = keywords ? findIdDrift(locals, remotes, keywords) : [];
  if (drift.some((d) => d.kind === 'differs')) options.log("Lines with '-' are the files', lines with '+' SendGrid's.");
  for (const item of drift) describeDrift(item).forEach((line) => options.log(line));
  for (const item of idDrift) {
    options.log(
      `config/${envName}.json: keywords.${item.keyword} is ${JSON.stringify(item.configured ?? null)}, but SendGrid's ${item.name} is ${item.actual}: ` +
        `npm run templates:push${envName === 'local' ? '' : ` -- --env ${envName}`} writes it.`,
    );
  }
  if (envName === undefined) {
    options.log(
      `(template ids in config/ not compared: say which environment with --env, one of ${environmentNames(options.root).join(', ')}, or set DEPLOY_ENV)`,
    );
  }
  const differs = drift.length > 0 || idDrift.length > 0;
  options.log(
    differs
      ? `${drift.length + idDrift.length} difference${drift.length + idDrift.length === 1 ? '' : 's'}. npm run templates:push publishes the files; npm run templates:pull brings SendGrid's text into them.`
      : `no differences: the files and SendGrid's active versions match (${locals.length} templates)${envName ? `, and config/${envName}.json holds their ids` : ''}.`,
  );
  return { drift, idDrift, differs };
}
