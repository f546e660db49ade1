// Renders the current step of a journey as an accessible HTML page: the language of the page,
// each field's label tied to its input, its hint and error tied with aria-describedby, an
// invalid field marked aria-invalid, the flow's message in a role=alert region. Every value is
// escaped; only the form author's rich-text markup is kept (rich-text.ts).
import { type Component, REMAINING_SECONDS } from './form-definition';
import { escapeHtml } from './html-escape';
import type { JourneyState } from './journey-state';
import { firstHeading, renderRichText } from './rich-text';
import type { TemplateScope } from './template-language/evaluate-expression';
import type { HelperEnvironment } from './template-language/helper-functions';
import { asText, renderValue } from './template-language/render-template';

export interface RenderOptions {
  /** Where the page posts its fields and the pressed button (name "action": next or resend). */
  readonly postUrl: string;
  /** Extra hidden inputs the host needs back (a state or transaction id). */
  readonly hiddenInputs?: Readonly<Record<string, string>>;
}

export interface StepView {
  readonly state: JourneyState;
  readonly components: readonly Component[];
  readonly scope: TemplateScope;
  readonly helpers: HelperEnvironment;
  readonly nowMs: number;
  readonly formName: string;
}

const text = (value: unknown, scope: TemplateScope, helpers: HelperEnvironment): string => escapeHtml(asText(renderValue(value, scope, helpers)));
const attribute = (name: string, value: string | number): string => ` ${name}="${escapeHtml(String(value))}"`;
const inputId = (component: Component) => `field-${component.id}`;

function renderField(component: Component, view: StepView): string {
  const id = inputId(component);
  const error = view.state.errors.fields[component.id];
  const hint = component.hint === undefined ? '' : text(component.hint, view.scope, view.helpers);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const config = component.config ?? {};
  const submitted = view.state.fields[component.id];
  const value = component.sensitive ? '' : typeof submitted === 'string' ? submitted : typeof config.default_value === 'string' ? config.default_value : '';
  const attributes = [
    attribute('id', id),
    attribute('name', component.id),
    attribute('type', component.type === 'EMAIL' ? 'email' : 'text'),
    component.type === 'EMAIL' ? attribute('autocomplete', 'email') : '',
    component.required ? ' required' : '',
    typeof config.min_length === 'number' ? attribute('minlength', config.min_length) : '',
    typeof config.max_length === 'number' ? attribute('maxlength', config.max_length) : '',
    typeof config.placeholder === 'string' ? attribute('placeholder', asText(renderValue(config.placeholder, view.scope, view.helpers))) : '',
    describedBy ? attribute('aria-describedby', describedBy) : '',
    error ? ' aria-invalid="true"' : '',
    attribute('value', value),
  ].join('');
  return [
    '<div class="field">',
    `<label for="${escapeHtml(id)}">${text(component.label ?? component.id, view.scope, view.helpers)}</label>`,
    hint ? `<p class="hint" id="${escapeHtml(id)}-hint">${hint}</p>` : '',
    `<input${attributes}>`,
    error ? `<p class="error" id="${escapeHtml(id)}-error">${escapeHtml(error)}</p>` : '',
    '</div>',
  ].join('\n');
}

function renderResend(component: Component, view: StepView): string {
  const config = component.config ?? {};
  const pressed = view.state.resends[component.id];
  const max = typeof config.max_attempts === 'number' ? config.max_attempts : undefined;
  if (pressed && max !== undefined && pressed.count >= max) return '';
  const waitMs = typeof config.waiting_time === 'number' ? config.waiting_time * 1000 : 0;
  if (pressed && view.nowMs - pressed.lastAtMs < waitMs) {
    const remaining = Math.ceil((waitMs - (view.nowMs - pressed.lastAtMs)) / 1000);
    const waiting = text(config.waiting_text, { ...view.scope, [REMAINING_SECONDS]: remaining }, view.helpers);
    return `<p class="resend" role="status">${waiting}</p>`;
  }
  return `<p class="resend">${text(config.active_text, view.scope, view.helpers)} <button type="submit" name="action" value="resend" formnovalidate>${text(config.button_text, view.scope, view.helpers)}</button></p>`;
}

function renderComponent(component: Component, view: StepView): string {
  switch (`${component.category}/${component.type}`) {
    case 'BLOCK/RICH_TEXT':
      return `<div class="rich-text">${renderRichText(String(component.config?.content ?? ''), view.scope, view.helpers, `component ${component.id}`)}</div>`;
    case 'BLOCK/NEXT_BUTTON':
      return `<button type="submit" name="action" value="next">${text(component.config?.text, view.scope, view.helpers)}</button>`;
    case 'BLOCK/RESEND_BUTTON':
      return renderResend(component, view);
    default:
      return renderField(component, view);
  }
}

export function renderStep(view: StepView, options: RenderOptions): string {
  const body = view.components.map((component) => renderComponent(component, view)).join('\n');
  const hidden = Object.entries(options.hiddenInputs ?? {})
    .map(([name, value]) => `<input type="hidden"${attribute('name', name)}${attribute('value', value)}>`)
    .join('\n');
  const formError = view.state.errors.form;
  const alert = formError ? `<div class="form-error" role="alert" id="form-error"><p>${escapeHtml(formError)}</p></div>` : '';
  const title = firstHeading(body) ?? escapeHtml(view.formName);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(view.state.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    '</head>',
    '<body>',
    '<main>',
    `<form method="post"${attribute('action', options.postUrl)}>`,
    hidden,
    alert,
    body,
    '</form>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
