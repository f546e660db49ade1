// RICH_TEXT blocks: the form author's markup (trusted, deployed configuration) with values from
// templates (untrusted: vars and fields hold what users typed). The markup may use a few plain
// tags without attributes; every value is escaped, so a value can never add markup.
import { escapeHtml } from '../shared/html-escape';
import type { TemplateScope } from './template-language/evaluate-expression';
import { parseExpression } from '../../platform/forms-expression-parser';
import { evaluateExpression } from './template-language/evaluate-expression';
import type { HelperEnvironment } from './template-language/helper-functions';
import { asText, splitTemplate } from './template-language/render-template';
import { UnsupportedFeatureError } from './unsupported';

export const RICH_TEXT_TAGS = ['p', 'strong', 'em', 'b', 'i', 'br', 'h1', 'h2', 'h3', 'ul', 'ol', 'li'];

const TAG = /<[^>]*>/g;
const PLAIN_TAG = /^<\/?([a-z0-9]+)\s*\/?>$/;

export function checkRichText(content: string, where: string): void {
  for (const part of splitTemplate(content)) {
    if (part.kind !== 'text') continue;
    for (const [tag] of part.text.matchAll(TAG)) {
      const name = PLAIN_TAG.exec(tag)?.[1];
      if (!name || !RICH_TEXT_TAGS.includes(name))
        throw new UnsupportedFeatureError(
          `the rich text markup ${tag}`,
          `${where}; plain ${RICH_TEXT_TAGS.join(', ')} tags only`,
        );
    }
    if (/<(?![^>]*>)/.test(part.text)) throw new UnsupportedFeatureError('an unclosed "<" in rich text', where);
  }
}

export function renderRichText(content: string, scope: TemplateScope, env: HelperEnvironment, where: string): string {
  checkRichText(content, where);
  return splitTemplate(content)
    .map((part) =>
      part.kind === 'text'
        ? part.text
        : escapeHtml(asText(evaluateExpression(parseExpression(part.source), scope, env))),
    )
    .join('');
}

/** The text of the first heading, for the page title. */
export function firstHeading(html: string): string | undefined {
  const match = /<h[1-3]>(.*?)<\/h[1-3]>/s.exec(html);
  return match?.[1]?.replace(TAG, '').trim() || undefined;
}
