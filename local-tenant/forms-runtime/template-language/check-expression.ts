// Checks an expression before anything runs: every helper it calls exists here, and every
// variable it reads starts at a root the place allows (a form step has no actions.*).
import { UnsupportedFeatureError } from '../unsupported';
import { type Expression, parseExpression } from '../../../platform/forms-expression-parser';
import { isHelper } from './helper-functions';

function visit(expression: Expression, roots: readonly string[], source: string): void {
  switch (expression.kind) {
    case 'literal':
      return;
    case 'array':
      expression.items.forEach((item) => visit(item, roots, source));
      return;
    case 'nullish':
      visit(expression.left, roots, source);
      visit(expression.right, roots, source);
      return;
    case 'call':
      if (!isHelper(expression.name))
        throw new UnsupportedFeatureError(`the helper functions.${expression.name}()`, `in {{${source}}}`);
      expression.args.forEach((arg) => visit(arg, roots, source));
      return;
    case 'path':
      if (!roots.includes(expression.root)) {
        throw new UnsupportedFeatureError(
          `the variable "${[expression.root, ...expression.segments].join('.')}"`,
          `in {{${source}}}, where a template may read ${roots.join(', ')}`,
        );
      }
  }
}

export function checkExpression(source: string, roots: readonly string[]): void {
  visit(parseExpression(source), roots, source.trim());
}
