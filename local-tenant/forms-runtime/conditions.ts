// Conditions of ROUTER rules and FLOW/BOOLEAN_CONDITION, in the shape of real exports
// ({operator, operands}, AND/OR nesting: platform-facts.md §2-3). The operators are the ones
// forms/types.ts declares, with the meanings the router docs give them (customize/forms/routers.mdx);
// any other operator is refused by name.
import type { HelperEnvironment } from './template-language/helper-functions';
import { renderValue } from './template-language/render-template';
import type { TemplateScope } from './template-language/evaluate-expression';
import { DefinitionError, UnsupportedFeatureError } from './unsupported';

const COMPARISONS = ['EQ', 'NE', 'GT', 'GTE', 'LT', 'LTE', 'CONTAINS', 'NOT_CONTAINS'] as const;
const PRESENCE = ['EXISTS', 'NOT_EXISTS'] as const;
const GROUPS = ['AND', 'OR'] as const;

export const CONDITION_OPERATORS: readonly string[] = [...COMPARISONS, ...PRESENCE, ...GROUPS];

interface RawCondition {
  operator?: unknown;
  operands?: unknown;
}

function operandsOf(condition: RawCondition, where: string): unknown[] {
  if (!Array.isArray(condition.operands)) throw new DefinitionError(`${where}: a condition needs an "operands" array, got ${JSON.stringify(condition)}`);
  return condition.operands;
}

/** Checks the shape and every operator, without evaluating anything. Returns the operands that are values. */
export function checkCondition(condition: unknown, where: string): unknown[] {
  if (typeof condition !== 'object' || condition === null) throw new DefinitionError(`${where}: expected a condition object, got ${JSON.stringify(condition)}`);
  const raw = condition as RawCondition;
  const operator = raw.operator;
  if (typeof operator !== 'string' || !CONDITION_OPERATORS.includes(operator)) {
    throw new UnsupportedFeatureError(`the condition operator ${JSON.stringify(operator)}`, where);
  }
  const operands = operandsOf(raw, where);
  if ((GROUPS as readonly string[]).includes(operator)) return operands.flatMap((operand) => checkCondition(operand, where));
  const expected = (PRESENCE as readonly string[]).includes(operator) ? 1 : 2;
  if (operands.length !== expected) throw new DefinitionError(`${where}: ${operator} takes ${expected} operand${expected === 1 ? '' : 's'}, got ${operands.length}`);
  return operands;
}

const present = (value: unknown): boolean => value !== undefined && value !== null;

function asNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

/** Equal as values: a number and its digits are equal ("5" and 5), since templates in text make strings. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' && typeof b === 'string') || (typeof a === 'string' && typeof b === 'number')) {
    return asNumber(a) === asNumber(b);
  }
  return false;
}

function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') return typeof item === 'string' || typeof item === 'number' ? container.includes(String(item)) : false;
  if (Array.isArray(container)) return container.some((entry) => same(entry, item));
  return false;
}

export function evaluateCondition(condition: unknown, scope: TemplateScope, env: HelperEnvironment, where: string): boolean {
  checkCondition(condition, where);
  const operands = operandsOf(condition as RawCondition, where);
  const operator = (condition as { operator: string }).operator;
  if (operator === 'AND') return operands.every((operand) => evaluateCondition(operand, scope, env, where));
  if (operator === 'OR') return operands.some((operand) => evaluateCondition(operand, scope, env, where));
  const [a, b] = operands.map((operand) => renderValue(operand, scope, env));
  switch (operator) {
    case 'EQ':
      return same(a, b);
    case 'NE':
      return !same(a, b);
    case 'GT':
      return asNumber(a) > asNumber(b);
    case 'GTE':
      return asNumber(a) >= asNumber(b);
    case 'LT':
      return asNumber(a) < asNumber(b);
    case 'LTE':
      return asNumber(a) <= asNumber(b);
    case 'CONTAINS':
      return contains(a, b);
    case 'NOT_CONTAINS':
      return !contains(a, b);
    case 'EXISTS':
      return present(a);
    case 'NOT_EXISTS':
      return !present(a);
    default:
      throw new UnsupportedFeatureError(`the condition operator ${JSON.stringify(operator)}`, where);
  }
}
