// The BUILT form and flows, read as files: what they may use, what they must never trust, and
// that every text exists in every locale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEND_CODE_FLOW, VERIFY_CODE_FLOW } from '../../forms/names';
import { parseExpression, type Expression } from '../../local-tenant/forms-runtime/template-language/expression-parser';
import { expressionsIn } from '../../local-tenant/forms-runtime/template-language/render-template';
import { LOCALES } from '../../templates/catalog';
import { DIST } from '../helpers/paths';

const built = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(DIST, file), 'utf8'));
const form = built('forms/email-change.json') as { nodes: { id: string; type: string; config: Record<string, unknown> }[] };
const sendCode = built(`flows/${SEND_CODE_FLOW}.json`);
const verifyCode = built(`flows/${VERIFY_CODE_FLOW}.json`);

type Action = { id: string; type: string; action: string; params: Record<string, unknown> };

/** Every action of a flow, branches included. */
function actionsOf(flow: unknown): Action[] {
  const top = (flow as { actions: Action[] }).actions;
  return top.flatMap(function walk(action: Action): Action[] {
    const branches = action.action === 'BOOLEAN_CONDITION' ? [...((action.params.then as Action[]) ?? []), ...((action.params.else as Action[]) ?? [])] : [];
    return [action, ...branches.flatMap(walk)];
  });
}

function functionsIn(expression: Expression): string[] {
  switch (expression.kind) {
    case 'call':
      return [expression.name, ...expression.args.flatMap(functionsIn)];
    case 'nullish':
      return [...functionsIn(expression.left), ...functionsIn(expression.right)];
    case 'array':
      return expression.items.flatMap(functionsIn);
    default:
      return [];
  }
}

function operatorsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(operatorsIn);
  if (typeof value !== 'object' || value === null) return [];
  const own = typeof (value as { operator?: unknown }).operator === 'string' ? [(value as { operator: string }).operator] : [];
  return [...own, ...Object.values(value).flatMap(operatorsIn)];
}

// docs customize/forms/variables.mdx (the table of helper functions) and
// flows/integrations/auth0.mdx (encodeURIComponent): the only helpers Auth0 documents.
const DOCUMENTED_HELPERS = [
  'toArray', 'toBoolean', 'length', 'mask', 'toNumber', 'random', 'slice', 'toString', 'substring', 'toTimestamp', 'replaceAll',
  'replace', 'split', 'now', 'includes', 'indexOf', 'merge', 'md5', 'sha1', 'sha256', 'sha512', 'uuid', 'encodeURIComponent',
];

test('the form and flows call only helper functions the docs list, and only documented operators', () => {
  const used = [form, sendCode, verifyCode].flatMap((body) => expressionsIn(body).flatMap((source) => functionsIn(parseExpression(source))));
  expect(used.length).toBeGreaterThan(0);
  expect([...new Set(used)].filter((name) => !DOCUMENTED_HELPERS.includes(name))).toEqual([]);
  // docs customize/forms/routers.mdx: equal, different, greater (or equal), exists, does not exist; AND/OR.
  expect([...new Set([form, sendCode, verifyCode].flatMap(operatorsIn))].sort()).toEqual(['AND', 'EQ', 'EXISTS', 'GT', 'GTE', 'NE', 'NOT_EXISTS', 'OR']);
});

test('the change is decided by the server: the user comes from context, the address from vars, never from a field', () => {
  const update = actionsOf(verifyCode).find((a) => a.action === 'UPDATE_USER') as Action;
  expect(update.params.user_id).toBe('{{context.user.user_id}}');
  expect((update.params.changes as { email: string }).email).toBe('{{vars.pending_email}}');
  const verify = actionsOf(verifyCode).find((a) => a.action === 'VERIFY_CODE') as Action;
  expect(verify.params.reference).toBe('{{context.user.user_id}}|{{vars.pending_email}}|{{vars.journey_id}}|{{vars.code_sends}}');
  const generate = actionsOf(sendCode).find((a) => a.action === 'GENERATE_CODE') as Action;
  expect(generate.params.reference).toBe("{{context.user.user_id}}|{{vars.candidate_email}}|{{vars.journey_id}}|{{functions.merge(vars.code_sends ?? '', 'x')}}");
  // The only field the verify flow reads is the code.
  const fieldsRead = expressionsIn(verifyCode).flatMap((source) => [...source.matchAll(/fields\.([a-z_]+)/g)].map((m) => m[1]));
  expect([...new Set(fieldsRead)].sort()).toEqual(['code_en', 'code_es']);
});

test('every step exists in every locale, reached by a router on vars.locale, with texts of its own', () => {
  const steps = form.nodes.filter((n) => n.type === 'STEP');
  for (const base of ['step_new_email', 'step_code']) {
    const texts = LOCALES.map((locale) => {
      const step = steps.find((s) => s.id === `${base}_${locale}`);
      expect(step).toBeDefined();
      return JSON.stringify((step?.config.components as { label?: string; hint?: string; config?: Record<string, unknown> }[]).map((c) => [c.label, c.hint, c.config?.content, c.config?.text, c.config?.button_text]));
    });
    expect(new Set(texts).size).toBe(LOCALES.length);
  }
  const routers = form.nodes.filter((n) => n.type === 'ROUTER');
  expect(routers.map((r) => r.config)).toEqual([
    { rules: [expect.objectContaining({ condition: { operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.locale}}', 'es'] }] }, next_node: 'step_new_email_es' })], fallback: 'step_new_email_en' },
    { rules: [expect.objectContaining({ condition: { operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.locale}}', 'es'] }] }, next_node: 'step_code_es' })], fallback: 'step_code_en' },
  ]);
});

test('every flow message exists in every locale, chosen by vars.locale', () => {
  for (const flow of [sendCode, verifyCode]) {
    const errors = actionsOf(flow).filter((a) => a.action === 'ERROR_MESSAGE');
    const byBase = new Map<string, Set<string>>();
    for (const error of errors) {
      const [, base, locale] = /^(.*)_([a-z]{2})$/.exec(error.id) ?? [];
      expect(LOCALES).toContain(locale);
      byBase.set(base as string, (byBase.get(base as string) ?? new Set()).add(error.params.message as string));
    }
    expect(byBase.size).toBeGreaterThan(3);
    for (const messages of byBase.values()) expect(messages.size).toBe(LOCALES.length);
  }
});

test('the flows name vault connections, and the form names flows, by name (deploy-cli swaps them for ids)', () => {
  const connections = [...actionsOf(sendCode), ...actionsOf(verifyCode)].map((a) => a.params.connection_id).filter(Boolean);
  expect(new Set(connections)).toEqual(new Set(['email-change-auth0', 'email-change-sendgrid']));
  expect(JSON.stringify(form).match(/"flow_id":"[^"]+"/g)).toEqual(['"flow_id":"email-change-send-code"', '"flow_id":"email-change-send-code"', '"flow_id":"email-change-send-code"', '"flow_id":"email-change-verify-code"']);
});
