// The BUILT form and flows, read as files: what they may use, what they must never trust, and
// that every text exists in every locale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESEND_CODE_FLOW, SEND_CODE_FLOW, VERIFY_CODE_FLOW } from '../../forms/names';
import { checkFlowBody, checkFormBody, DOCUMENTED_HELPERS } from '../../platform/forms-model';
import { parseExpression, type Expression } from '../../platform/forms-expression-parser';
import { expressionsIn } from '../../local-tenant/forms-runtime/template-language/render-template';
import { LOCALES } from '../../templates/catalog';
import { DIST } from '../helpers/paths';

const built = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(DIST, file), 'utf8'));
const form = built('forms/email-change.json') as {
  nodes: { id: string; type: string; config: Record<string, unknown> }[];
};
const sendCode = built(`flows/${SEND_CODE_FLOW}.json`);
const resendCode = built(`flows/${RESEND_CODE_FLOW}.json`);
const verifyCode = built(`flows/${VERIFY_CODE_FLOW}.json`);

type Action = { id: string; type: string; action: string; params: Record<string, unknown> };

/** Every action of a flow, branches included. */
function actionsOf(flow: unknown): Action[] {
  const top = (flow as { actions: Action[] }).actions;
  return top.flatMap(function walk(action: Action): Action[] {
    const branches =
      action.action === 'BOOLEAN_CONDITION'
        ? [...((action.params.then as Action[]) ?? []), ...((action.params.else as Action[]) ?? [])]
        : [];
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
  const own =
    typeof (value as { operator?: unknown }).operator === 'string' ? [(value as { operator: string }).operator] : [];
  return [...own, ...Object.values(value).flatMap(operatorsIn)];
}

test('the built form and every flow pass the platform model: only what Auth0 documents', () => {
  expect(checkFormBody(form)).toEqual([]);
  for (const flow of [sendCode, resendCode, verifyCode]) expect(checkFlowBody(flow)).toEqual([]);
  const used = [form, sendCode, resendCode, verifyCode].flatMap((body) =>
    expressionsIn(body).flatMap((source) => functionsIn(parseExpression(source))),
  );
  expect([...new Set(used)].filter((name) => !Object.hasOwn(DOCUMENTED_HELPERS, name))).toEqual([]);
  // One lower-case call, documented since 2026-04-24; no replaceAll chains.
  expect(used.filter((name) => name === 'toLowerCase')).toHaveLength(1);
  expect(used).not.toContain('replaceAll');
  // Every condition an AND group of EQ with string literals (the Dashboard export's shape).
  expect([...new Set([form, sendCode, resendCode, verifyCode].flatMap(operatorsIn))].sort()).toEqual(['AND', 'EQ']);
});

test('the change is decided by the server: the user comes from context, the address from vars, never from a field', () => {
  const update = actionsOf(verifyCode).find((a) => a.id === 'update_user') as Action;
  expect(update.params.url).toBe(
    'https://##AUTH0_DOMAIN##/api/v2/users/{{functions.encodeURIComponent(context.user.user_id)}}',
  );
  expect((update.params.payload as { email: string }).email).toBe('{{vars.pending_email}}');
  const verify = actionsOf(verifyCode).find((a) => a.action === 'VERIFY_CODE') as Action;
  expect(verify.params.reference).toBe(
    '{{context.user.user_id}}|{{vars.pending_email}}|{{vars.journey_id}}|{{vars.code_sends}}',
  );
  const generate = actionsOf(sendCode).find((a) => a.action === 'GENERATE_CODE') as Action;
  expect(generate.params.reference).toBe(
    "{{context.user.user_id}}|{{vars.candidate_email}}|{{vars.journey_id}}|{{functions.merge(vars.code_sends, 'x')}}",
  );
  // The only field the verify flow reads is the code; the resend flow reads none.
  const fieldsRead = (flow: unknown) =>
    expressionsIn(flow).flatMap((source) => [...source.matchAll(/fields\.([a-z_]+)/g)].map((m) => m[1]));
  expect([...new Set(fieldsRead(verifyCode))].sort()).toEqual(['code_en', 'code_es']);
  expect(fieldsRead(resendCode)).toEqual([]);
});

test('every step exists in every locale, reached by a router on vars.locale, with texts of its own', () => {
  const steps = form.nodes.filter((n) => n.type === 'STEP');
  for (const base of ['step_new_email', 'step_code', 'step_locked']) {
    const texts = LOCALES.map((locale) => {
      const step = steps.find((s) => s.id === `${base}_${locale}`);
      expect(step).toBeDefined();
      return JSON.stringify(
        (step?.config.components as { label?: string; hint?: string; config?: Record<string, unknown> }[]).map((c) => [
          c.label,
          c.hint,
          c.config?.content,
          c.config?.text,
          c.config?.button_text,
        ]),
      );
    });
    expect(new Set(texts).size).toBe(LOCALES.length);
  }
  const routers = form.nodes.filter(
    (n) => n.type === 'ROUTER' && n.id.startsWith('route_') && n.id !== 'route_after_verify',
  );
  expect(routers.map((r) => r.config)).toEqual(
    ['step_new_email', 'step_code', 'step_locked'].map((base) => ({
      rules: [
        expect.objectContaining({
          condition: { operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.locale}}', 'es'] }] },
          next_node: `${base}_es`,
        }),
      ],
      fallback: `${base}_en`,
    })),
  );
});

test('every flow message exists in every locale, chosen by vars.locale', () => {
  for (const flow of [sendCode, resendCode, verifyCode]) {
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
  const connections = [...actionsOf(sendCode), ...actionsOf(resendCode), ...actionsOf(verifyCode)]
    .map((a) => a.params.connection_id)
    .filter(Boolean);
  expect(new Set(connections)).toEqual(new Set(['email-change-management-api', 'email-change-sendgrid-http']));
  expect(JSON.stringify(form).match(/"flow_id":"[^"]+"/g)).toEqual([
    '"flow_id":"email-change-send-code"',
    '"flow_id":"email-change-resend-code"',
    '"flow_id":"email-change-resend-code"',
    '"flow_id":"email-change-verify-code"',
  ]);
});

test('every step has a way out to the ending, and the code step a way back to the address', () => {
  for (const step of form.nodes.filter((n) => n.type === 'STEP')) {
    const jumps = (step.config.components as { type: string; config: { next_node?: string } }[]).filter(
      (c) => c.type === 'JUMP_BUTTON',
    );
    expect(jumps.map((j) => j.config.next_node)).toContain('$ending');
  }
  const code = form.nodes.find((n) => n.id === 'step_code_en');
  expect(
    (code?.config.components as { type: string; config: { next_node?: string } }[])
      .filter((c) => c.type === 'JUMP_BUTTON')
      .map((c) => c.config.next_node),
  ).toEqual(['route_new_email', '$ending']);
});
