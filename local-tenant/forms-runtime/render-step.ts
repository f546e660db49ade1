// Renders the current step of a journey as an accessible HTML page: the language of the page,
// each field's label tied to its input, its hint and error tied with aria-describedby, an
// invalid field marked aria-invalid and focused, the flow's message in a role=alert region.
// Every value is escaped; only the form author's rich-text markup is kept (rich-text.ts).
//
// The step's buttons are rendered together, at the place of its first button, the primary one
// (NEXT_BUTTON) first: a browser's Enter in a field presses the first submit button in tree
// order (HTML standard, "implicit submission"), so Enter must continue the step, never resend a
// code. Document order is visual order, so the focus order is the order the person sees.
import { type Component, HEX_COLOUR, REMAINING_SECONDS } from './form-definition';
import { escapeHtml } from '../shared/html-escape';
import type { JourneyState } from './journey-state';
import { MAX_OTP_LENGTH, MIN_OTP_LENGTH } from './limits';
import { firstHeading, renderRichText } from './rich-text';
import type { TemplateScope } from './template-language/evaluate-expression';
import type { HelperEnvironment } from './template-language/helper-functions';
import { asText, renderValue } from './template-language/render-template';

export interface RenderOptions {
  /** Where the page posts its fields and the pressed button (name "action": next, resend, previous or jump:<component id>). */
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

/** The buttons of a step; the NEXT_BUTTON is the primary one. */
const BUTTONS = ['NEXT_BUTTON', 'RESEND_BUTTON', 'JUMP_BUTTON', 'PREVIOUS_BUTTON'];
const isButton = (component: Component): boolean => component.category === 'BLOCK' && BUTTONS.includes(component.type);

/** The id of the element a form-level message lives in. */
export const FORM_ERROR_ID = 'form-error';
/** Marks the resend wait: the seconds left, counted down by the host page's script (login/pages/form-page.ts). */
export const COUNTDOWN_ATTRIBUTE = 'data-countdown-seconds';

const text = (value: unknown, scope: TemplateScope, helpers: HelperEnvironment): string =>
  escapeHtml(asText(renderValue(value, scope, helpers)));
const attribute = (name: string, value: string | number): string => ` ${name}="${escapeHtml(String(value))}"`;
const inputId = (component: Component) => `field-${component.id}`;

/**
 * A one-time code field, for the phone's number pad and the code from the SMS or email
 * (autocomplete=one-time-code). Auth0's TEXT field has no setting that says so, so it is read
 * from the step: a TEXT field of one fixed length that an OTP code can have (min_length =
 * max_length, MIN_OTP_LENGTH to MAX_OTP_LENGTH), on a step with a RESEND_BUTTON, the block Auth0
 * documents as "re-run a flow to generate and send a new OTP code" (docs nodes-and-components.mdx);
 * OTP/GENERATE_CODE makes numeric codes (docs data-verification.mdx).
 */
export function isOneTimeCodeField(component: Component, step: readonly Component[]): boolean {
  if (component.category !== 'FIELD' || component.type !== 'TEXT') return false;
  const { min_length: min, max_length: max, multiline } = component.config ?? {};
  if (multiline === true || typeof min !== 'number' || min !== max || min < MIN_OTP_LENGTH || min > MAX_OTP_LENGTH)
    return false;
  return step.some((c) => c.category === 'BLOCK' && c.type === 'RESEND_BUTTON');
}

/**
 * The field a form-level message is about: the step's only field, when the message is the flow's
 * own (ERROR_MESSAGE: a wrong code, a refused address). A platform failure is about no field.
 */
function fieldOfFormError(view: StepView): Component | undefined {
  if (!view.state.errors.form || view.state.formErrorFromFlow !== true) return undefined;
  const fields = view.components.filter((c) => c.category === 'FIELD');
  return fields.length === 1 ? fields[0] : undefined;
}

/** Where focus goes when the page shows an error: the first invalid field, else the message. */
function focusTarget(view: StepView): string | undefined {
  const invalid =
    view.components.find((c) => c.category === 'FIELD' && view.state.errors.fields[c.id] !== undefined) ??
    fieldOfFormError(view);
  if (invalid) return invalid.id;
  return view.state.errors.form ? FORM_ERROR_ID : undefined;
}

function renderField(component: Component, view: StepView, focus: string | undefined): string {
  const id = inputId(component);
  const error = view.state.errors.fields[component.id];
  const aboutFormError = fieldOfFormError(view) === component;
  const hint = component.hint === undefined ? '' : text(component.hint, view.scope, view.helpers);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', aboutFormError ? FORM_ERROR_ID : '']
    .filter(Boolean)
    .join(' ');
  const config = component.config ?? {};
  const submitted = view.state.fields[component.id];
  const value = component.sensitive
    ? ''
    : typeof submitted === 'string'
      ? submitted
      : typeof config.default_value === 'string'
        ? config.default_value
        : '';
  const oneTimeCode = isOneTimeCodeField(component, view.components);
  const attributes = [
    attribute('id', id),
    attribute('name', component.id),
    attribute('type', component.type === 'EMAIL' ? 'email' : 'text'),
    component.type === 'EMAIL' ? attribute('autocomplete', 'email') : '',
    oneTimeCode ? `${attribute('inputmode', 'numeric')}${attribute('autocomplete', 'one-time-code')}` : '',
    component.required ? ' required' : '',
    typeof config.min_length === 'number' ? attribute('minlength', config.min_length) : '',
    typeof config.max_length === 'number' ? attribute('maxlength', config.max_length) : '',
    typeof config.placeholder === 'string'
      ? attribute('placeholder', asText(renderValue(config.placeholder, view.scope, view.helpers)))
      : '',
    describedBy ? attribute('aria-describedby', describedBy) : '',
    error || aboutFormError ? ' aria-invalid="true"' : '',
    focus === component.id ? ' autofocus' : '',
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

/** Stands for {{remaining_seconds}} while the waiting text renders; replaced by the countdown's element. */
const SECONDS_SLOT = '\u0000remaining\u0000';

function renderResend(component: Component, view: StepView): string {
  const config = component.config ?? {};
  const pressed = view.state.resends[component.id];
  const max = typeof config.max_attempts === 'number' ? config.max_attempts : undefined;
  if (pressed && max !== undefined && pressed.count >= max) return '';
  const waitMs = typeof config.waiting_time === 'number' ? config.waiting_time * 1000 : 0;
  const button = (disabled: boolean) =>
    `<button type="submit" name="action" value="resend" class="link" formnovalidate${disabled ? ` ${COUNTDOWN_ATTRIBUTE}-button` : ''}>${text(config.button_text, view.scope, view.helpers)}</button>`;
  const active = `<span class="resend-active">${text(config.active_text, view.scope, view.helpers)}</span>`;
  if (pressed && view.nowMs - pressed.lastAtMs < waitMs) {
    const remaining = Math.ceil((waitMs - (view.nowMs - pressed.lastAtMs)) / 1000);
    // The waiting text with its number in an element the page's script counts down. Without the
    // script the text says how long to wait, and the server refuses a resend that comes too soon
    // (journey.ts), so the button stays usable: the script disables it until the wait is over.
    const waiting = text(
      config.waiting_text,
      { ...view.scope, [REMAINING_SECONDS]: SECONDS_SLOT },
      view.helpers,
    ).replace(escapeHtml(SECONDS_SLOT), `<span${attribute(COUNTDOWN_ATTRIBUTE, remaining)}>${remaining}</span>`);
    return `<p class="resend"><span class="resend-waiting">${waiting}</span> <span class="resend-ready" hidden>${active}</span> ${button(true)}</p>`;
  }
  return `<p class="resend">${active} ${button(false)}</p>`;
}

/** The author's background colour (checked as a hex colour by form-definition.ts). */
function jumpStyle(config: Record<string, unknown>): string {
  const colour = (config.style as { background_color?: unknown } | undefined)?.background_color;
  return typeof colour === 'string' && HEX_COLOUR.test(colour) ? attribute('style', `background-color: ${colour}`) : '';
}

function renderButton(component: Component, view: StepView): string {
  const config = component.config ?? {};
  switch (component.type) {
    case 'NEXT_BUTTON':
      return `<button type="submit" name="action" value="next">${text(config.text, view.scope, view.helpers)}</button>`;
    case 'RESEND_BUTTON':
      return renderResend(component, view);
    // Jump and previous neither validate nor keep the step's fields (docs nodes-and-components.mdx):
    // formnovalidate. The jump posts its own component id, never a node: the server reads the
    // destination from the step's definition, so a page cannot name a node of its own.
    case 'JUMP_BUTTON':
      return `<button type="submit" name="action"${attribute('value', `jump:${component.id}`)} class="secondary"${jumpStyle(config)} formnovalidate>${text(config.text, view.scope, view.helpers)}</button>`;
    case 'PREVIOUS_BUTTON':
      return `<button type="submit" name="action" value="previous" class="secondary" formnovalidate>${text(config.text, view.scope, view.helpers)}</button>`;
    default:
      return '';
  }
}

/** The step's buttons in one group: the primary first, then the others in the author's order. */
function renderButtons(buttons: readonly Component[], view: StepView): string {
  const primary = buttons.filter((b) => b.type === 'NEXT_BUTTON');
  const others = buttons.filter((b) => b.type !== 'NEXT_BUTTON');
  return `<div class="actions">\n${[...primary, ...others]
    .map((b) => renderButton(b, view))
    .filter(Boolean)
    .join('\n')}\n</div>`;
}

function renderComponent(component: Component, view: StepView, focus: string | undefined): string {
  if (component.category === 'BLOCK' && component.type === 'RICH_TEXT') {
    return `<div class="rich-text">${renderRichText(String(component.config?.content ?? ''), view.scope, view.helpers, `component ${component.id}`)}</div>`;
  }
  return renderField(component, view, focus);
}

export function renderStep(view: StepView, options: RenderOptions): string {
  const focus = focusTarget(view);
  const buttons = view.components.filter(isButton);
  const firstButton = view.components.findIndex(isButton);
  const parts = view.components.flatMap((component, index) => {
    if (index === firstButton) return [renderButtons(buttons, view)];
    return isButton(component) ? [] : [renderComponent(component, view, focus)];
  });
  const body = parts.join('\n');
  const hidden = Object.entries(options.hiddenInputs ?? {})
    .map(([name, value]) => `<input type="hidden"${attribute('name', name)}${attribute('value', value)}>`)
    .join('\n');
  const formError = view.state.errors.form;
  // Focusable (tabindex -1) so that focus can move to a message that is about no field.
  const alert = formError
    ? `<div class="form-error" role="alert" id="${FORM_ERROR_ID}" tabindex="-1"${focus === FORM_ERROR_ID ? ' autofocus' : ''}><p>${escapeHtml(formError)}</p></div>`
    : '';
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
