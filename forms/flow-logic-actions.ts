// Builders for the FLOW actions (docs flows/integrations/logic.mdx): If/then condition, Store
// shared variable, Show error message; and a localised error, which picks its text by vars.locale.
import { DEFAULT_LOCALE, type Locale } from '../templates/catalog';
import { BRANCHED_LOCALES, isLocale, type LocalisedText } from './locale-text';
import type { BooleanConditionAction, Condition, FlowAction } from './types';

export function ifThen(
  id: string,
  condition: Condition,
  then: FlowAction[],
  otherwise: FlowAction[] = [],
): BooleanConditionAction {
  return {
    id,
    type: 'FLOW',
    action: 'BOOLEAN_CONDITION',
    params: otherwise.length > 0 ? { if: condition, then, else: otherwise } : { if: condition, then },
  };
}

/** Runs `actions` unless the condition holds: a negation written by swapping the branches. */
export function unless(id: string, condition: Condition, actions: FlowAction[]): BooleanConditionAction {
  return { id, type: 'FLOW', action: 'BOOLEAN_CONDITION', params: { if: condition, then: [], else: actions } };
}

export function storeVars(id: string, vars: Record<string, unknown>): FlowAction {
  return { id, type: 'FLOW', action: 'STORE_VARS', params: { vars } };
}

/** Ends the flow; the page shows the message and stays on the step (docs nodes-and-components.mdx). */
export function errorMessage(id: string, message: string): FlowAction {
  return { id, type: 'FLOW', action: 'ERROR_MESSAGE', params: { message } };
}

/** An error message in the journey's locale: one branch per non-default locale, the default last. */
export function localisedError(id: string, text: LocalisedText): FlowAction {
  return BRANCHED_LOCALES.reduceRight<FlowAction>(
    (otherwise, locale) =>
      ifThen(`${id}_if_${locale}`, isLocale(locale), [errorMessage(`${id}_${locale}`, text[locale])], [otherwise]),
    errorMessage(`${id}_${DEFAULT_LOCALE}`, text[DEFAULT_LOCALE]),
  );
}

/** Stores different values per locale (e.g. the template ids of that locale). */
export function localisedStoreVars(id: string, varsOf: (locale: Locale) => Record<string, unknown>): FlowAction {
  return BRANCHED_LOCALES.reduceRight<FlowAction>(
    (otherwise, locale) =>
      ifThen(`${id}_if_${locale}`, isLocale(locale), [storeVars(`${id}_${locale}`, varsOf(locale))], [otherwise]),
    storeVars(`${id}_${DEFAULT_LOCALE}`, varsOf(DEFAULT_LOCALE)),
  );
}
