// Evaluates a parsed expression against a scope. A path that does not resolve is undefined, as
// the docs say of variables that "can't be resolved" (customize/forms/variables.mdx).
import { UnsupportedFeatureError } from '../unsupported';
import type { Expression } from '../../../platform/forms-expression-parser';
import { callHelper, type HelperEnvironment } from './helper-functions';

/** The roots a template may read: context, fields, vars, actions (in flows), and any extra the caller names. */
export type TemplateScope = Readonly<Record<string, unknown>>;

function lookup(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export function evaluateExpression(expression: Expression, scope: TemplateScope, env: HelperEnvironment): unknown {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'array':
      return expression.items.map((item) => evaluateExpression(item, scope, env));
    case 'nullish': {
      const left = evaluateExpression(expression.left, scope, env);
      return left === undefined || left === null ? evaluateExpression(expression.right, scope, env) : left;
    }
    case 'call':
      return callHelper(
        expression.name,
        expression.args.map((arg) => evaluateExpression(arg, scope, env)),
        env,
      );
    case 'path': {
      if (!Object.hasOwn(scope, expression.root)) {
        const known = Object.keys(scope).join(', ');
        throw new UnsupportedFeatureError(
          `the variable "${[expression.root, ...expression.segments].join('.')}"`,
          `here a template may read ${known}`,
        );
      }
      return lookup(scope[expression.root], expression.segments);
    }
  }
}
