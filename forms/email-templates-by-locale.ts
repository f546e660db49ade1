// Which SendGrid template a flow sends, in the journey's locale. Each template's id per locale is
// a keyword (templates/catalog.ts templateKeyword); a flow first stores the ids of its locale in
// vars, then sends with {{vars.<template var>}}.
import { TEMPLATES, templateKeyword, type TemplateId, type TemplateSpec } from '../templates/catalog';
import { localisedStoreVars } from './flow-logic-actions';
import { keyword } from './keyword';
import type { FlowAction } from './types';

export function templateSpec(id: TemplateId): TemplateSpec {
  const spec = TEMPLATES.find((t) => t.id === id);
  if (!spec) throw new Error(`templates/catalog.ts lists no template "${id}"`);
  return spec;
}

/** The var holding the template id of the journey's locale, e.g. sendgrid_template_notice_old. */
export function templateVar(id: TemplateId): string {
  return `sendgrid_template_${id.replace(/-/g, '_')}`;
}

/** Stores, for each template, the id of the journey's locale (the default locale otherwise). */
export function chooseTemplates(actionId: string, ids: readonly TemplateId[]): FlowAction {
  return localisedStoreVars(actionId, (locale) =>
    Object.fromEntries(ids.map((id) => [templateVar(id), keyword(templateKeyword(templateSpec(id), locale))])),
  );
}
