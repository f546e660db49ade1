// The local tenant's Management API, written to with the real auth0 SDK, accepts the constructs
// Auth0 documents and refuses every other by name, so that a guess fails at deploy.
import type { Management } from 'auth0';
import { useLocalTenant } from '../../helpers/local-tenant';
import { managementClient, managementError } from '../../helpers/management-client';

const tenant = useLocalTenant();
const client = () => managementClient(tenant());

const store = (id: string, value: string) => ({
  id,
  type: 'FLOW',
  action: 'STORE_VARS',
  params: { vars: { v: value } },
});
let branches = 0;
const branch = (condition: unknown) => {
  branches += 1;
  return {
    id: `branch${branches}`,
    type: 'FLOW',
    action: 'BOOLEAN_CONDITION',
    params: { if: condition, then: [store(`inner${branches}`, 'x')] },
  };
};
const create = (name: string, actions: unknown[]) =>
  client().flows.create({ name, actions } as Management.CreateFlowRequestContent);

test('toLowerCase, INCLUDES and AND-wrapped EQ with string literals are accepted', async () => {
  const created = await create('documented', [
    store('lower', '{{functions.toLowerCase(vars.email)}}'),
    branch({ operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.v}}', 'true'] }] }),
    branch({ operator: 'AND', operands: [{ operator: 'INCLUDES', operands: ['{{vars.list}}', 'x'] }] }),
  ]);
  expect(created.name).toBe('documented');
  expect(tenant().state.flows.map((f) => f.name)).toContain('documented');
});

test.each([
  [
    'a nested helper call',
    [store('s', '{{functions.toLowerCase(functions.toString(vars.x))}}')],
    "actions[0].params.vars.v: functions.toString() nested in another helper's arguments",
  ],
  [
    'an undocumented helper',
    [store('s', '{{functions.trim(vars.x)}}')],
    'actions[0].params.vars.v: functions.trim() is undocumented',
  ],
  [
    'an undocumented operator',
    [branch({ operator: 'AND', operands: [{ operator: 'GTE', operands: ['{{vars.x}}', '5'] }] })],
    '$.actions[0].params.if.operands[0]: operator "GTE" is undocumented',
  ],
  [
    'a non-string literal',
    [branch({ operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.x}}', 5] }] })],
    'operands[1]: the literal 5 is undocumented',
  ],
])('%s is refused on write with a 400 that names it, and nothing is stored', async (_name, actions, expected) => {
  const error = await managementError(create('guess', actions));
  expect(error.statusCode).toBe(400);
  expect(error.body.message).toContain(expected);
  expect(error.body.message).toContain('The local tenant accepts only what Auth0 documents');
  expect(tenant().state.flows.map((f) => f.name)).not.toContain('guess');
});

test('a form with an undocumented router operator is refused too', async () => {
  const error = await managementError(
    client().forms.create({
      name: 'guess-form',
      nodes: [
        {
          id: 'r',
          type: 'ROUTER',
          config: {
            rules: [{ id: 'x', condition: { operator: 'OR', operands: [] }, next_node: '$ending' }],
            fallback: '$ending',
          },
        },
      ],
      start: { next_node: 'r' },
      ending: { resume_flow: true },
    } as unknown as Management.CreateFormRequestContent),
  );
  expect(error.statusCode).toBe(400);
  expect(error.body.message).toContain(
    'Form guess-form: $.nodes[0].config.rules[0].condition: condition "OR" is undocumented',
  );
});
