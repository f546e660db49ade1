// Renders values that hold {{...}} templates. Text around or between templates makes a string,
// where a missing value is empty text. A string that is exactly one {{expression}} is one of the
// readings of platform/readings.ts (singleTemplateValue): it keeps the expression's value with
// its type ('typed'), or becomes that value's text ('string'); the docs show templates only as
// whole values or inside text, without saying how types come out.
import { evaluateExpression, type TemplateScope } from './evaluate-expression';
import { parseExpression, TemplateSyntaxError } from '../../../platform/forms-expression-parser';
import type { HelperEnvironment } from './helper-functions';
import type { Readings } from '../../../platform/readings';

/** How a value that is exactly one {{expression}} comes out: the reading singleTemplateValue (platform/readings.ts). */
export interface TemplateRenderOptions {
  readonly singleTemplateValue?: Readings['singleTemplateValue'];
}

export type TemplatePart =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'expression'; readonly source: string };

/** Splits a string into text and {{expression}} parts; quotes inside an expression may hold "}}". */
export function splitTemplate(value: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('{{', i);
    if (open === -1) {
      parts.push({ kind: 'text', text: value.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: 'text', text: value.slice(i, open) });
    let j = open + 2;
    let quote: string | undefined;
    while (j < value.length) {
      const c = value[j];
      if (quote) {
        if (c === '\\') j += 1;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === '}' && value[j + 1] === '}') {
        break;
      }
      j += 1;
    }
    if (j >= value.length) throw new TemplateSyntaxError(`"{{" without a closing "}}" in ${JSON.stringify(value)}`);
    parts.push({ kind: 'expression', source: value.slice(open + 2, j) });
    i = j + 2;
  }
  return parts;
}

/** How a value reads inside text. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function renderString(
  value: string,
  scope: TemplateScope,
  env: HelperEnvironment,
  options: TemplateRenderOptions = {},
): unknown {
  const parts = splitTemplate(value);
  const [only] = parts;
  if (parts.length === 1 && only?.kind === 'expression') {
    const single = evaluateExpression(parseExpression(only.source), scope, env);
    // The reading 'string': the value becomes text, as it would inside text (undefined becomes '').
    return options.singleTemplateValue === 'string' ? asText(single) : single;
  }
  return parts
    .map((part) =>
      part.kind === 'text' ? part.text : asText(evaluateExpression(parseExpression(part.source), scope, env)),
    )
    .join('');
}

/** Renders every string inside a value (params of a flow action, a step's texts). */
export function renderValue(
  value: unknown,
  scope: TemplateScope,
  env: HelperEnvironment,
  options: TemplateRenderOptions = {},
): unknown {
  if (typeof value === 'string') return renderString(value, scope, env, options);
  if (Array.isArray(value)) return value.map((item) => renderValue(item, scope, env, options));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, renderValue(item, scope, env, options)]),
    );
  }
  return value;
}

/** Every expression inside a value, to check a definition before running it. */
export function expressionsIn(value: unknown): string[] {
  if (typeof value === 'string')
    return splitTemplate(value).flatMap((part) => (part.kind === 'expression' ? [part.source] : []));
  if (Array.isArray(value)) return value.flatMap(expressionsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(expressionsIn);
  return [];
}
