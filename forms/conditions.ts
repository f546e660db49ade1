// Conditions of routers and FLOW/BOOLEAN_CONDITION, in the operator shape of real exports
// (platform-facts.md §2-3). Operands are plain values or "{{...}}" templates.
import type { Condition } from './types';

type Operand = string | number | boolean;

export const equals = (a: Operand, b: Operand): Condition => ({ operator: 'EQ', operands: [a, b] });
export const differs = (a: Operand, b: Operand): Condition => ({ operator: 'NE', operands: [a, b] });
export const atLeast = (a: Operand, b: Operand): Condition => ({ operator: 'GTE', operands: [a, b] });
export const greaterThan = (a: Operand, b: Operand): Condition => ({ operator: 'GT', operands: [a, b] });
export const exists = (a: Operand): Condition => ({ operator: 'EXISTS', operands: [a] });
export const doesNotExist = (a: Operand): Condition => ({ operator: 'NOT_EXISTS', operands: [a] });
export const anyOf = (...operands: Condition[]): Condition => ({ operator: 'OR', operands });
export const allOf = (...operands: Condition[]): Condition => ({ operator: 'AND', operands });
