// What Auth0 documents (or has exported) of Forms and Flows: the one list of constructs the local
// tenant accepts and `npm run validate` allows in the built form and flows. Every entry names its
// source; anything else is refused by name, as undocumented, so that a guess never reaches a
// tenant. Sources: the docs (auth0/docs-v2, "docs <path>"), the `auth0` v7 SDK types (generated
// from Auth0's OpenAPI), and the one public Dashboard export of a form with flow conditions
// (PrivateBetaFormExported.json, docs/platform-facts.md §3b).
import { type Expression, parseExpression, TemplateSyntaxError } from './forms-expression-parser';
import { UnsupportedFeatureError } from './unsupported-feature-error';

const VARIABLES_DOC = 'docs customize/forms/variables.mdx';

/** The helper functions, exactly as documented (table "The available helper functions"). */
export const DOCUMENTED_HELPERS: Readonly<Record<string, string>> = {
  toArray: VARIABLES_DOC,
  toBoolean: VARIABLES_DOC,
  length: VARIABLES_DOC,
  mask: VARIABLES_DOC,
  toNumber: VARIABLES_DOC,
  random: VARIABLES_DOC,
  slice: VARIABLES_DOC,
  toString: VARIABLES_DOC,
  substring: VARIABLES_DOC,
  toTimestamp: VARIABLES_DOC,
  toLowerCase: `${VARIABLES_DOC} (since 2026-04-24)`,
  toUpperCase: `${VARIABLES_DOC} (since 2026-04-24)`,
  replaceAll: VARIABLES_DOC,
  replace: VARIABLES_DOC,
  split: VARIABLES_DOC,
  now: VARIABLES_DOC,
  includes: VARIABLES_DOC,
  indexOf: VARIABLES_DOC,
  merge: VARIABLES_DOC,
  md5: VARIABLES_DOC,
  sha1: VARIABLES_DOC,
  sha256: VARIABLES_DOC,
  sha512: VARIABLES_DOC,
  uuid: VARIABLES_DOC,
  encodeURIComponent: 'docs customize/forms/flows/integrations/auth0.mdx',
};

/** The roots a template may read (variables.mdx "Available variables"); actions.* only in flows. */
export const TEMPLATE_ROOTS = {
  form: ['context', 'fields', 'vars', 'functions'],
  flow: ['context', 'fields', 'vars', 'actions', 'functions'],
} as const;

/**
 * Conditions of routers and FLOW/BOOLEAN_CONDITION: the Dashboard export wraps every condition in
 * an AND group of comparisons whose literals are strings; routers.mdx names operators only by
 * their labels. Only these operator names appear in an export.
 */
export const CONDITION_GROUP = 'AND';
export const CONDITION_COMPARISONS: Readonly<Record<string, string>> = {
  EQ: 'Dashboard export (PrivateBetaFormExported.json)',
  INCLUDES: 'Dashboard export (PrivateBetaFormExported.json)',
};

export interface ActionModel {
  readonly source: string;
  /** The params keys it takes (v7 types); others are refused. */
  readonly params: readonly string[];
  readonly required: readonly string[];
  /** The outputs Auth0 documents; a flow may decide only on these. undefined: none documented. */
  readonly outputs?: readonly string[];
}

/** The flow actions the bundle may use, with their params and documented outputs. */
export const FLOW_ACTIONS_MODEL: Readonly<Record<string, ActionModel>> = {
  'FLOW/BOOLEAN_CONDITION': {
    source: 'docs flows/integrations/logic.mdx; the export carries params.if',
    params: ['if', 'then', 'else'],
    required: ['if'],
  },
  'FLOW/STORE_VARS': { source: 'docs flows/integrations/logic.mdx', params: ['vars'], required: ['vars'] },
  'FLOW/ERROR_MESSAGE': {
    source: 'docs flows/integrations/logic.mdx ("terminates the Flow")',
    params: ['message'],
    required: ['message'],
  },
  'OTP/GENERATE_CODE': {
    source: 'docs data-verification.mdx',
    params: ['reference', 'length'],
    required: ['reference', 'length'],
    outputs: ['code'],
  },
  'OTP/VERIFY_CODE': {
    source: 'docs data-verification.mdx',
    params: ['reference', 'code'],
    required: ['reference', 'code'],
    outputs: ['valid', 'result'],
  },
  'EMAIL/VERIFY_EMAIL': {
    source: 'docs data-verification.mdx',
    params: ['email', 'rules'],
    required: ['email'],
    outputs: ['valid', 'cause'],
  },
  'HTTP/SEND_REQUEST': {
    source: 'docs flows/integrations/http-request.mdx; v7 FlowActionHttpSendRequestParams',
    params: ['connection_id', 'url', 'method', 'headers', 'basic', 'params', 'payload', 'content_type'],
    required: ['url'],
    outputs: ['headers', 'body', 'status', 'success'],
  },
  // The output is "review Auth0 Management API for expected responses": not relied upon.
  'AUTH0/UPDATE_USER': {
    source: 'docs flows/integrations/auth0.mdx; Dashboard export',
    params: ['connection_id', 'user_id', 'changes'],
    required: ['connection_id', 'user_id', 'changes'],
  },
};

export interface ComponentModel {
  readonly source: string;
  readonly config: readonly string[];
}

/** Form components the bundle may use (the v7 FormBlock and FormField types; docs nodes-and-components.mdx). */
export const COMPONENTS_MODEL: Readonly<Record<string, ComponentModel>> = {
  'BLOCK/RICH_TEXT': { source: 'v7 FormBlockRichText', config: ['content'] },
  'BLOCK/NEXT_BUTTON': { source: 'v7 FormBlockNextButton', config: ['text'] },
  'BLOCK/PREVIOUS_BUTTON': { source: 'v7 FormBlockPreviousButton', config: ['text'] },
  'BLOCK/JUMP_BUTTON': {
    source: 'v7 FormBlockJumpButton; docs nodes-and-components.mdx "Jump button block"',
    config: ['text', 'next_node', 'style'],
  },
  'BLOCK/RESEND_BUTTON': {
    source: 'v7 FormBlockResendButton',
    config: ['active_text', 'button_text', 'waiting_text', 'text_alignment', 'flow_id', 'max_attempts', 'waiting_time'],
  },
  'FIELD/EMAIL': { source: 'v7 FormFieldEmail', config: ['default_value', 'placeholder'] },
  'FIELD/TEXT': {
    source: 'v7 FormFieldText',
    config: ['multiline', 'default_value', 'placeholder', 'min_length', 'max_length'],
  },
};

/** Node types and their config keys (v7 FormStep, FormFlow, FormRouter). */
export const NODES_MODEL: Readonly<Record<string, { readonly source: string; readonly config: readonly string[] }>> = {
  STEP: { source: 'v7 FormStep', config: ['components', 'next_node'] },
  FLOW: { source: 'v7 FormFlow', config: ['flow_id', 'next_node'] },
  ROUTER: { source: 'v7 FormRouter; docs routers.mdx', config: ['rules', 'fallback'] },
};

export interface ModelProblem {
  /** JSON path in the file, e.g. $.actions[3].params.if */
  readonly path: string;
  readonly construct: string;
  readonly message: string;
  /** What is wrong with the construct; default: no Auth0 source shows it. */
  readonly verdict?: 'undocumented' | 'ambiguous';
}

type Report = (path: string, construct: string, message: string) => void;

// ---- templates -------------------------------------------------------------------------------

/** The {{...}} expressions in a string. */
export function templatesIn(text: string): string[] {
  return [...text.matchAll(/\{\{([\s\S]*?)\}\}/g)].map((m) => m[1] as string);
}

function checkExpression(
  expression: Expression,
  source: string,
  path: string,
  roots: readonly string[],
  report: Report,
  outputsOf: (id: string) => ActionModel | 'unknown' | undefined,
  insideCall: boolean,
): void {
  switch (expression.kind) {
    case 'literal':
      return;
    case 'array':
      for (const item of expression.items) checkExpression(item, source, path, roots, report, outputsOf, insideCall);
      return;
    case 'nullish':
      if (insideCall) {
        report(
          path,
          `?? inside a helper's arguments in {{${source}}}`,
          'the docs show ?? only as {{a ?? b}} between two variables: give the value its initial value in the render vars instead',
        );
        return;
      }
      for (const side of [expression.left, expression.right]) {
        if (side.kind !== 'path')
          report(
            path,
            `?? with a ${side.kind} operand in {{${source}}}`,
            'the docs show ?? only between two variables ({{fields.a ?? fields.b}})',
          );
        else checkExpression(side, source, path, roots, report, outputsOf, false);
      }
      return;
    case 'call':
      if (insideCall) {
        report(
          path,
          `functions.${expression.name}() nested in another helper's arguments in {{${source}}}`,
          'no Auth0 source shows a helper call inside another: store the inner result in vars first',
        );
      }
      if (!Object.hasOwn(DOCUMENTED_HELPERS, expression.name)) {
        report(
          path,
          `functions.${expression.name}()`,
          `not among the helpers Auth0 documents (${VARIABLES_DOC}): ${Object.keys(DOCUMENTED_HELPERS).join(', ')}`,
        );
      }
      for (const arg of expression.args) checkExpression(arg, source, path, roots, report, outputsOf, true);
      return;
    case 'path': {
      if (!roots.includes(expression.root)) {
        report(
          path,
          `the variable ${[expression.root, ...expression.segments].join('.')}`,
          `a template here may read ${roots.join(', ')} (${VARIABLES_DOC})`,
        );
        return;
      }
      if (expression.root === 'actions') {
        const [id, output] = expression.segments;
        const model = id === undefined ? undefined : outputsOf(id);
        if (model === undefined)
          report(path, `actions.${id ?? ''}`, 'reads an action this flow does not have before this point');
        else if (model !== 'unknown') {
          if (model.outputs === undefined)
            report(
              path,
              `actions.${id}.${output ?? ''}`,
              `Auth0 documents no output of this action (${model.source}): decide on an action whose output is documented`,
            );
          else if (output === undefined || !model.outputs.includes(output)) {
            report(
              path,
              `actions.${id}.${output ?? ''}`,
              `not a documented output (documented: ${model.outputs.join(', ')}; ${model.source})`,
            );
          }
        }
      }
    }
  }
}

/** Checks every {{...}} of a string. */
export function checkTemplateText(
  text: string,
  path: string,
  roots: readonly string[],
  report: Report,
  outputsOf: (id: string) => ActionModel | 'unknown' | undefined = () => 'unknown',
): void {
  for (const source of templatesIn(text)) {
    let expression: Expression;
    try {
      expression = parseExpression(source);
    } catch (error) {
      if (error instanceof TemplateSyntaxError || error instanceof UnsupportedFeatureError) {
        report(
          path,
          `{{${source.trim()}}}`,
          `not the template language Auth0 documents (${VARIABLES_DOC}): ${(error as Error).message}`,
        );
        continue;
      }
      throw error;
    }
    checkExpression(expression, source.trim(), path, roots, report, outputsOf, false);
  }
}

function walkStrings(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, `${path}[${i}]`, visit));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) walkStrings(v, `${path}.${k}`, visit);
}

// ---- conditions ------------------------------------------------------------------------------

function checkCondition(
  condition: unknown,
  path: string,
  roots: readonly string[],
  report: Report,
  outputsOf: (id: string) => ActionModel | 'unknown' | undefined,
): void {
  const group = condition as { operator?: unknown; operands?: unknown } | null;
  if (
    typeof group !== 'object' ||
    group === null ||
    group.operator !== CONDITION_GROUP ||
    !Array.isArray(group.operands)
  ) {
    report(
      path,
      `condition ${JSON.stringify((group as { operator?: unknown } | null)?.operator ?? group)}`,
      `the Dashboard export wraps every condition in {operator: "AND", operands: [...]} (${CONDITION_COMPARISONS.EQ})`,
    );
    return;
  }
  group.operands.forEach((operand, i) => {
    const at = `${path}.operands[${i}]`;
    const comparison = operand as { operator?: unknown; operands?: unknown } | null;
    const operator = typeof comparison === 'object' && comparison !== null ? comparison.operator : undefined;
    if (typeof operator !== 'string' || !Object.hasOwn(CONDITION_COMPARISONS, operator)) {
      report(
        at,
        `operator ${JSON.stringify(operator)}`,
        `no export shows it; the operators seen are ${Object.keys(CONDITION_COMPARISONS).join(', ')} inside an AND group`,
      );
      return;
    }
    const values = (comparison as { operands?: unknown }).operands;
    if (!Array.isArray(values) || values.length !== 2) {
      report(
        at,
        `${operator} with ${Array.isArray(values) ? values.length : 'no'} operands`,
        'a comparison has two operands',
      );
      return;
    }
    values.forEach((value, j) => {
      if (typeof value !== 'string')
        report(
          `${at}.operands[${j}]`,
          `the literal ${JSON.stringify(value)}`,
          'the export writes every literal as a string (e.g. "true", "5")',
        );
      else checkTemplateText(value, `${at}.operands[${j}]`, roots, report, outputsOf);
    });
  });
}

// ---- flows -----------------------------------------------------------------------------------

function checkActions(
  actions: unknown,
  path: string,
  report: Report,
  known: Map<string, ActionModel | 'unknown'>,
): void {
  if (!Array.isArray(actions)) {
    report(path, 'actions', 'a flow has a list of actions');
    return;
  }
  const outputsOf = (id: string) => known.get(id);
  actions.forEach((value, i) => {
    const at = `${path}[${i}]`;
    const action = value as { id?: unknown; type?: unknown; action?: unknown; params?: unknown } | null;
    const kind = `${String(action?.type)}/${String(action?.action)}`;
    const model = FLOW_ACTIONS_MODEL[kind];
    if (!model) {
      report(
        at,
        `the flow action ${kind}`,
        `not among the actions this bundle may use on what Auth0 documents: ${Object.keys(FLOW_ACTIONS_MODEL).join(', ')}`,
      );
      return;
    }
    const params = (action?.params ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(params))
      if (!model.params.includes(key))
        report(
          `${at}.params.${key}`,
          `${kind} params.${key}`,
          `not a param of ${kind} (${model.source}: ${model.params.join(', ')})`,
        );
    for (const key of model.required)
      if (params[key] === undefined)
        report(`${at}.params`, `${kind} without params.${key}`, `${kind} needs params.${key} (${model.source})`);
    if (kind === 'FLOW/BOOLEAN_CONDITION') {
      if (params.if !== undefined) checkCondition(params.if, `${at}.params.if`, TEMPLATE_ROOTS.flow, report, outputsOf);
      // Outputs of actions in a branch are readable after it only where that branch ran: treat them as known.
      checkActions(params.then ?? [], `${at}.params.then`, report, known);
      if (params.else !== undefined) checkActions(params.else, `${at}.params.else`, report, known);
    } else {
      walkStrings(params, `${at}.params`, (text, p) =>
        checkTemplateText(text, p, TEMPLATE_ROOTS.flow, report, outputsOf),
      );
    }
    if (typeof action?.id === 'string') known.set(action.id, model);
  });
}

/** Every action id of a flow, branches included, with its JSON path. */
function actionIds(actions: unknown, path: string): [string, string][] {
  if (!Array.isArray(actions)) return [];
  return actions.flatMap((action: { id?: unknown; params?: { then?: unknown; else?: unknown } }, i) => [
    ...(typeof action?.id === 'string' ? [[action.id, `${path}[${i}]`] as [string, string]] : []),
    ...actionIds(action?.params?.then, `${path}[${i}].params.then`),
    ...actionIds(action?.params?.else, `${path}[${i}].params.else`),
  ]);
}

export function checkFlowBody(flow: unknown): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const report: Report = (path, construct, message) => problems.push({ path, construct, message });
  const actions = (flow as { actions?: unknown } | null)?.actions;
  checkActions(actions, '$.actions', report, new Map());
  // Outputs are read by id ({{actions.<id>.<output>}}, docs variables.mdx): an id means one action.
  const seen = new Map<string, string>();
  for (const [id, path] of actionIds(actions, '$.actions')) {
    if (seen.has(id))
      problems.push({
        path,
        construct: `the action id ${id} used twice (also at ${seen.get(id)})`,
        message: 'outputs are read by action id: give each action its own',
        verdict: 'ambiguous',
      });
    else seen.set(id, path);
  }
  return problems;
}

// ---- forms -----------------------------------------------------------------------------------

export function checkFormBody(form: unknown): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const report: Report = (path, construct, message) => problems.push({ path, construct, message });
  const nodes = (form as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return problems;
  nodes.forEach((value, i) => {
    const at = `$.nodes[${i}]`;
    const node = value as { type?: unknown; config?: Record<string, unknown> } | null;
    const model = NODES_MODEL[String(node?.type)];
    if (!model) {
      report(
        at,
        `the node type ${JSON.stringify(node?.type)}`,
        `Auth0's node types are ${Object.keys(NODES_MODEL).join(', ')}`,
      );
      return;
    }
    const config = node?.config ?? {};
    for (const key of Object.keys(config))
      if (!model.config.includes(key))
        report(`${at}.config.${key}`, `${String(node?.type)} config.${key}`, `not in ${model.source}`);
    if (node?.type === 'ROUTER') {
      const rules = Array.isArray(config.rules) ? config.rules : [];
      rules.forEach((rule: { condition?: unknown }, r: number) =>
        checkCondition(
          rule?.condition,
          `${at}.config.rules[${r}].condition`,
          TEMPLATE_ROOTS.form,
          report,
          () => 'unknown',
        ),
      );
    }
    if (node?.type === 'STEP') {
      const components = Array.isArray(config.components) ? config.components : [];
      components.forEach(
        (component: { category?: unknown; type?: unknown; config?: Record<string, unknown> }, c: number) => {
          const cAt = `${at}.config.components[${c}]`;
          const kind = `${String(component?.category)}/${String(component?.type)}`;
          const cModel = COMPONENTS_MODEL[kind];
          if (!cModel) {
            report(
              cAt,
              `the component ${kind}`,
              `not among the components this bundle may use: ${Object.keys(COMPONENTS_MODEL).join(', ')}`,
            );
            return;
          }
          for (const key of Object.keys(component.config ?? {}))
            if (!cModel.config.includes(key))
              report(`${cAt}.config.${key}`, `${kind} config.${key}`, `not in ${cModel.source}`);
          walkStrings(component, cAt, (text, p) => {
            // The resend button's waiting text may name {{remaining_seconds}} (docs nodes-and-components.mdx, "Resend button block").
            const roots =
              kind === 'BLOCK/RESEND_BUTTON' && p.endsWith('.config.waiting_text')
                ? [...TEMPLATE_ROOTS.form, 'remaining_seconds']
                : TEMPLATE_ROOTS.form;
            checkTemplateText(text, p, roots, report);
          });
        },
      );
    }
  });
  return problems;
}

/** One line per problem: file, JSON path, construct, why. */
export function describeProblems(file: string, problems: readonly ModelProblem[]): string[] {
  return problems.map((p) => `${file}: ${p.path}: ${p.construct} is ${p.verdict ?? 'undocumented'}: ${p.message}`);
}
