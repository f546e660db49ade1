// The deployed form as this runtime reads it (docs/platform-facts.md §2), and the check made before a
// journey starts: every node, component, condition, template, flow action and vault connection
// is one this runtime implements and can resolve, or the journey does not start. A form that
// would fail halfway for an unimplemented piece fails here, naming the piece.
import { checkCondition } from './conditions';
import { asFlowAction, type DeployedFlow, FLOW_ACTIONS } from './flow-runner';
import { MAX_ROUTER_RULES } from './limits';
import { checkRichText } from './rich-text';
import { checkExpression } from './template-language/check-expression';
import { expressionsIn } from './template-language/render-template';
import { DefinitionError, UnsupportedFeatureError } from './unsupported';
import { findVaultConnection, type VaultConnection } from './vault-connections';

export const ENDING = '$ending';

export interface Component {
  readonly id: string;
  readonly category: string;
  readonly type: string;
  readonly label?: string;
  readonly hint?: string;
  readonly required?: boolean;
  readonly sensitive?: boolean;
  readonly config?: Record<string, unknown>;
}

export type FormNode =
  | {
      readonly id: string;
      readonly type: 'STEP';
      readonly config: { readonly components: readonly Component[]; readonly next_node: string };
    }
  | {
      readonly id: string;
      readonly type: 'FLOW';
      readonly config: { readonly flow_id: string; readonly next_node: string };
    }
  | {
      readonly id: string;
      readonly type: 'ROUTER';
      readonly config: {
        readonly rules: readonly { id: string; condition: unknown; next_node: string }[];
        readonly fallback: string;
      };
    };

export interface DeployedForm {
  readonly id?: string;
  readonly name?: string;
  readonly languages?: { readonly primary?: string; readonly default?: string };
  readonly start?: { readonly next_node?: string; readonly hidden_fields?: readonly { key: string; value?: string }[] };
  readonly nodes?: readonly unknown[];
  readonly ending?: Record<string, unknown>;
}

/** The components a step may hold here: category/type. */
export const SUPPORTED_COMPONENTS = [
  'BLOCK/RICH_TEXT',
  'BLOCK/NEXT_BUTTON',
  'BLOCK/RESEND_BUTTON',
  'BLOCK/JUMP_BUTTON',
  'BLOCK/PREVIOUS_BUTTON',
  'FIELD/EMAIL',
  'FIELD/TEXT',
];

/** The colours a JUMP_BUTTON's style.background_color may take here. */
export const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Roots a form component's texts may read (docs variables.mdx: context, fields, vars in Forms). */
export const FORM_ROOTS = ['context', 'fields', 'vars'];
/** Roots a flow's params may read: a flow has action outputs too. */
export const FLOW_ROOTS = ['context', 'fields', 'vars', 'actions'];
/** RESEND_BUTTON waiting_text's own variable (docs nodes-and-components.mdx). */
export const REMAINING_SECONDS = 'remaining_seconds';

const FORM_KEYS = [
  'id',
  'name',
  'languages',
  'start',
  'nodes',
  'ending',
  'created_at',
  'updated_at',
  'embedded_at',
  'submitted_at',
];
/** Settings the runtime does not apply: accepted only when empty, so that none is silently ignored. */
const UNAPPLIED_FORM_KEYS = ['messages', 'translations', 'style'];

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'object' && Object.values(value).every(isEmpty));

export function findFlow(flows: readonly DeployedFlow[], reference: string, where: string): DeployedFlow {
  const flow = flows.find((f) => f.id === reference) ?? flows.find((f) => f.name === reference);
  if (!flow)
    throw new DefinitionError(
      `${where}: flow_id "${reference}" names no flow (known: ${flows.map((f) => f.name).join(', ') || 'none'})`,
    );
  return flow;
}

export function findNode(form: DeployedForm, id: string): FormNode {
  const node = (form.nodes ?? []).find((n) => (n as { id?: unknown }).id === id);
  if (!node) throw new DefinitionError(`form ${form.name ?? form.id}: no node "${id}"`);
  return node as FormNode;
}

function checkTemplates(value: unknown, roots: readonly string[]): void {
  for (const expression of expressionsIn(value)) checkExpression(expression, roots);
}

function checkFlowActions(actions: unknown, flow: DeployedFlow, connections: readonly VaultConnection[]): void {
  if (!Array.isArray(actions)) throw new DefinitionError(`flow ${flow.name}: actions must be a list`);
  for (const value of actions) {
    const action = asFlowAction(value, `flow ${flow.name}`);
    const kind = `${action.type}/${action.action}`;
    const where = `flow ${flow.name}, action ${action.id}`;
    if (!FLOW_ACTIONS.includes(kind)) throw new UnsupportedFeatureError(`the flow action ${kind}`, where);
    if (kind === 'FLOW/BOOLEAN_CONDITION') {
      const { if: condition, then, else: otherwise, ...rest } = action.params;
      if (condition === undefined) throw new DefinitionError(`${where}: BOOLEAN_CONDITION needs params.if`);
      checkTemplates(checkCondition(condition, where), FLOW_ROOTS);
      checkTemplates(rest, FLOW_ROOTS);
      checkFlowActions(then ?? [], flow, connections);
      checkFlowActions(otherwise ?? [], flow, connections);
      continue;
    }
    checkTemplates(action.params, FLOW_ROOTS);
    if (action.type === 'AUTH0') findVaultConnection(connections, action.params.connection_id, 'AUTH0', where);
    if (kind === 'HTTP/SEND_REQUEST' && action.params.connection_id !== undefined)
      findVaultConnection(connections, action.params.connection_id, 'HTTP', where);
  }
}

export function checkFlow(flow: DeployedFlow, connections: readonly VaultConnection[]): void {
  checkFlowActions(flow.actions, flow, connections);
}

function checkComponent(
  component: Component,
  step: string,
  flows: readonly DeployedFlow[],
  connections: readonly VaultConnection[],
  pointsAt: (target: unknown, where: string) => void,
): void {
  const kind = `${component.category}/${component.type}`;
  const where = `form step ${step}, component ${component.id}`;
  if (typeof component.id !== 'string' || component.id === '')
    throw new DefinitionError(`form step ${step}: a component needs an id`);
  if (!SUPPORTED_COMPONENTS.includes(kind)) throw new UnsupportedFeatureError(`the component ${kind}`, where);
  const config = component.config ?? {};
  checkTemplates([component.label, component.hint], FORM_ROOTS);
  if (kind === 'BLOCK/RICH_TEXT') {
    if (typeof config.content !== 'string') throw new DefinitionError(`${where}: RICH_TEXT needs config.content`);
    checkRichText(config.content, where);
    checkTemplates(config.content, FORM_ROOTS);
  } else if (kind === 'BLOCK/RESEND_BUTTON') {
    const { waiting_text: waiting, flow_id: flowId, ...texts } = config;
    checkTemplates(texts, FORM_ROOTS);
    checkTemplates(waiting, [...FORM_ROOTS, REMAINING_SECONDS]);
    if (typeof flowId !== 'string') throw new DefinitionError(`${where}: RESEND_BUTTON needs config.flow_id`);
    checkFlow(findFlow(flows, flowId, where), connections);
  } else if (kind === 'BLOCK/JUMP_BUTTON') {
    // The auth0 SDK's FormBlockJumpButtonConfig: text, next_node, style.background_color.
    const { next_node: nextNode, style, ...texts } = config;
    for (const key of Object.keys(texts))
      if (key !== 'text') throw new UnsupportedFeatureError(`the JUMP_BUTTON setting ${key}`, where);
    for (const [key, value] of Object.entries((style as object | undefined) ?? {})) {
      if (key !== 'background_color') throw new UnsupportedFeatureError(`the JUMP_BUTTON style ${key}`, where);
      if (typeof value !== 'string' || !HEX_COLOUR.test(value))
        throw new UnsupportedFeatureError(
          `a JUMP_BUTTON background_color other than a hex colour (#rgb or #rrggbb): ${JSON.stringify(value)}`,
          where,
        );
    }
    checkTemplates(texts, FORM_ROOTS);
    pointsAt(nextNode, `${where}, next_node`);
  } else {
    checkTemplates(config, FORM_ROOTS);
  }
  if (kind === 'FIELD/TEXT') {
    for (const key of Object.keys(config)) {
      if (!['min_length', 'max_length', 'placeholder', 'default_value'].includes(key))
        throw new UnsupportedFeatureError(`the TEXT field setting ${key}`, where);
    }
  }
  if (kind === 'FIELD/EMAIL') {
    for (const key of Object.keys(config)) {
      if (!['placeholder', 'default_value'].includes(key))
        throw new UnsupportedFeatureError(`the EMAIL field setting ${key}`, where);
    }
  }
}

/** Throws DefinitionError or UnsupportedFeatureError for the first thing this runtime cannot run. */
export function checkForm(
  form: DeployedForm,
  flows: readonly DeployedFlow[],
  connections: readonly VaultConnection[],
): void {
  const label = `form ${form.name ?? form.id ?? '(unnamed)'}`;
  for (const [key, value] of Object.entries(form)) {
    if (FORM_KEYS.includes(key) || (UNAPPLIED_FORM_KEYS.includes(key) && isEmpty(value))) continue;
    throw new UnsupportedFeatureError(`the form setting "${key}"`, label);
  }
  const ending = form.ending ?? {};
  for (const [key, value] of Object.entries(ending)) {
    if (key === 'resume_flow' && value === true) continue;
    if (key === 'coordinates') continue;
    throw new UnsupportedFeatureError(`the ending setting ${key}`, `${label}: only resume_flow: true is implemented`);
  }
  if (ending.resume_flow !== true) throw new UnsupportedFeatureError('an ending without resume_flow: true', label);
  if (!Array.isArray(form.nodes) || form.nodes.length === 0) throw new DefinitionError(`${label} has no nodes`);
  const ids = new Set<string>();
  for (const raw of form.nodes) {
    const node = raw as FormNode;
    if (typeof node?.id !== 'string') throw new DefinitionError(`${label}: a node has no id`);
    if (ids.has(node.id)) throw new DefinitionError(`${label}: two nodes have the id "${node.id}"`);
    ids.add(node.id);
  }
  const pointsAt = (target: unknown, where: string) => {
    if (target !== ENDING && !(typeof target === 'string' && ids.has(target)))
      throw new DefinitionError(
        `${label}, ${where}: next node ${JSON.stringify(target)} is neither a node nor $ending`,
      );
  };
  pointsAt(form.start?.next_node, 'start');
  const componentIds = new Set<string>();
  for (const raw of form.nodes) {
    const node = raw as FormNode;
    const where = `node ${node.id}`;
    switch (node.type) {
      case 'STEP': {
        const components = node.config?.components;
        if (!Array.isArray(components)) throw new DefinitionError(`${label}, ${where}: a step needs config.components`);
        for (const component of components) {
          // Component ids are the keys of {{fields.*}}: this runtime requires them unique in the form.
          if (componentIds.has(component.id))
            throw new DefinitionError(`${label}: two components have the id "${component.id}"`);
          componentIds.add(component.id);
          checkComponent(component, node.id, flows, connections, pointsAt);
        }
        pointsAt(node.config.next_node, where);
        break;
      }
      case 'FLOW':
        checkFlow(findFlow(flows, node.config?.flow_id, `${label}, ${where}`), connections);
        pointsAt(node.config.next_node, where);
        break;
      case 'ROUTER': {
        const rules = node.config?.rules ?? [];
        if (rules.length > MAX_ROUTER_RULES)
          throw new DefinitionError(
            `${label}, ${where}: a router has at most ${MAX_ROUTER_RULES} rules (docs routers.mdx), this one has ${rules.length}`,
          );
        for (const rule of rules) {
          checkTemplates(checkCondition(rule.condition, `${label}, ${where}, rule ${rule.id}`), FORM_ROOTS);
          pointsAt(rule.next_node, `${where}, rule ${rule.id}`);
        }
        pointsAt(node.config?.fallback, `${where}, fallback`);
        break;
      }
      default:
        throw new UnsupportedFeatureError(
          `the node type ${JSON.stringify((node as { type?: unknown }).type)}`,
          `${label}, ${where}`,
        );
    }
  }
}
