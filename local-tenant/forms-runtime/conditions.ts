// Conditions of ROUTER rules and FLOW/BOOLEAN_CONDITION, as the platform model admits them
// (../platform/forms-model.ts): an AND group of EQ or INCLUDES comparisons, which is what the
// Dashboard export shows. Anything else is refused by name as undocumented. The export compares a
// field with the string "true", so EQ compares what the two sides read as text; INCLUDES is true
// when the first operand (a list, or a text) includes the second.
import { CONDITION_COMPARISONS, CONDITION_GROUP } from '../../platform/forms-model';
import type { HelperEnvironment } from './template-language/helper-functions';
import { asText, renderValue } from './template-language/render-template';
import type { TemplateScope } from './template-language/evaluate-expression';
import { DefinitionError, UnsupportedFeatureError } from './unsupported';

interface RawCondition {
  operator?: unknown;
  operands?: unknown;
}

function operandsOf(condition: RawCondition, where: string): unknown[] {
  if (!Array.isArray(condition.operands))
    throw new DefinitionError(`${where}: a condition needs an "operands" array, got ${JSON.stringify(condition)}`);
  return condition.operands;
}

/** Checks the shape and every operator, without evaluating anything. Returns the comparisons' operands. */
export function checkCondition(condition: unknown, where: string): unknown[] {
  if (typeof condition !== 'object' || condition === null)
    throw new DefinitionError(`${where}: expected a condition object, got ${JSON.stringify(condition)}`);
  const group = condition as RawCondition;
  if (group.operator !== CONDITION_GROUP) {
    throw new UnsupportedFeatureError(
      `the condition ${JSON.stringify(group.operator)} outside an AND group (undocumented: the export wraps every condition in AND)`,
      where,
    );
  }
  return operandsOf(group, where).flatMap((operand) => {
    const comparison = (operand ?? {}) as RawCondition;
    if (typeof comparison.operator !== 'string' || !Object.hasOwn(CONDITION_COMPARISONS, comparison.operator)) {
      throw new UnsupportedFeatureError(
        `the condition operator ${JSON.stringify(comparison.operator)} (undocumented: the export shows ${Object.keys(CONDITION_COMPARISONS).join(', ')})`,
        where,
      );
    }
    const values = operandsOf(comparison, where);
    if (values.length !== 2)
      throw new DefinitionError(`${where}: ${comparison.operator} takes 2 operands, got ${values.length}`);
    for (const value of values) {
      if (typeof value !== 'string')
        throw new UnsupportedFeatureError(
          `the literal ${JSON.stringify(value)} (undocumented: the export writes literals as strings)`,
          where,
        );
    }
    return values;
  });
}

function includes(collection: unknown, item: unknown): boolean {
  if (Array.isArray(collection)) return collection.some((entry) => asText(entry) === asText(item));
  return asText(collection).includes(asText(item));
}

export function evaluateCondition(
  condition: unknown,
  scope: TemplateScope,
  env: HelperEnvironment,
  where: string,
): boolean {
  checkCondition(condition, where);
  return operandsOf(condition as RawCondition, where).every((operand) => {
    const comparison = operand as { operator: string; operands: unknown[] };
    const [a, b] = comparison.operands.map((value) => renderValue(value, scope, env));
    return comparison.operator === 'EQ' ? asText(a) === asText(b) : includes(a, b);
  });
}
