// The platform model: what Auth0 documents of forms and flows is accepted, anything else is named.
import { checkFlowBody, checkFormBody, type ModelProblem } from '../../platform/forms-model';

const store = (id: string, vars: Record<string, unknown>) => ({
  id,
  type: 'FLOW',
  action: 'STORE_VARS',
  params: { vars },
});
let branches = 0;
const when = (condition: unknown) => ({
  id: `branch${(branches += 1)}`,
  type: 'FLOW',
  action: 'BOOLEAN_CONDITION',
  params: { if: condition, then: [] },
});
const eq = (a: unknown, b: unknown) => ({ operator: 'AND', operands: [{ operator: 'EQ', operands: [a, b] }] });
const constructs = (problems: ModelProblem[]) => problems.map((p) => `${p.path}: ${p.construct}`);

test('documented constructs pass: toLowerCase, ?? between two variables, AND groups of EQ and INCLUDES with strings, documented outputs', () => {
  const flow = {
    actions: [
      store('a', { email: '{{fields.email_en ?? fields.email_es}}' }),
      store('b', {
        lower: '{{functions.toLowerCase(vars.email)}}',
        upper: '{{functions.toUpperCase(vars.email)}}',
        at: 'on {{functions.now()}}',
      }),
      { id: 'find', type: 'HTTP', action: 'SEND_REQUEST', params: { url: 'https://x/api/v2/users', method: 'GET' } },
      when(eq('{{actions.find.status}}', '200')),
      when({ operator: 'AND', operands: [{ operator: 'INCLUDES', operands: ['{{vars.list}}', 'x'] }] }),
    ],
  };
  expect(checkFlowBody(flow)).toEqual([]);
});

test.each([
  [
    'a helper call nested in another',
    store('s', { v: '{{functions.toLowerCase(functions.toString(vars.x))}}' }),
    "$.actions[0].params.vars.v: functions.toString() nested in another helper's arguments in {{functions.toLowerCase(functions.toString(vars.x))}}",
  ],
  [
    'an undocumented helper',
    store('s', { v: '{{functions.trim(vars.x)}}' }),
    '$.actions[0].params.vars.v: functions.trim()',
  ],
  [
    "?? inside a helper's arguments",
    store('s', { v: "{{functions.length(vars.x ?? '')}}" }),
    "$.actions[0].params.vars.v: ?? inside a helper's arguments in {{functions.length(vars.x ?? '')}}",
  ],
  [
    'an undocumented operator',
    when({ operator: 'AND', operands: [{ operator: 'GTE', operands: ['{{vars.x}}', '5'] }] }),
    '$.actions[0].params.if.operands[0]: operator "GTE"',
  ],
  [
    'a bare condition',
    when({ operator: 'EQ', operands: ['{{vars.x}}', '5'] }),
    '$.actions[0].params.if: condition "EQ"',
  ],
  ['OR', when({ operator: 'OR', operands: [] }), '$.actions[0].params.if: condition "OR"'],
  ['a non-string literal', when(eq('{{vars.x}}', 5)), '$.actions[0].params.if.operands[0].operands[1]: the literal 5'],
  [
    'a boolean literal',
    when(eq('{{vars.x}}', false)),
    '$.actions[0].params.if.operands[0].operands[1]: the literal false',
  ],
  [
    'an action that documents no output (AUTH0/GET_USER)',
    { actions: [{ id: 'g', type: 'AUTH0', action: 'GET_USER', params: {} }] },
    '$.actions[0]: the flow action AUTH0/GET_USER',
  ],
])('%s is refused by name', (_name, action, expected) => {
  const flow = 'actions' in (action as object) ? action : { actions: [action] };
  expect(constructs(checkFlowBody(flow))).toContain(expected);
});

test('a decision on an output Auth0 does not document is refused: AUTH0/UPDATE_USER has none, HTTP/SEND_REQUEST has status but not "user"', () => {
  const flow = {
    actions: [
      { id: 'update', type: 'AUTH0', action: 'UPDATE_USER', params: { connection_id: 'c', user_id: 'u', changes: {} } },
      when(eq('{{actions.update.email}}', 'x')),
      { id: 'find', type: 'HTTP', action: 'SEND_REQUEST', params: { url: 'https://x' } },
      store('s', { v: '{{actions.find.user}}' }),
    ],
  };
  expect(constructs(checkFlowBody(flow))).toEqual([
    '$.actions[1].params.if.operands[0].operands[0]: actions.update.email',
    '$.actions[3].params.vars.v: actions.find.user',
  ]);
});

test("forms: an unknown component, a router with an undocumented operator, and {{remaining_seconds}} only in a resend button's waiting text", () => {
  const form = {
    nodes: [
      {
        id: 'r',
        type: 'ROUTER',
        config: {
          rules: [{ id: 'x', condition: { operator: 'NE', operands: ['{{vars.a}}', 'b'] }, next_node: 's' }],
          fallback: 's',
        },
      },
      {
        id: 's',
        type: 'STEP',
        config: {
          components: [
            { id: 'w', category: 'WIDGET', type: 'RECAPTCHA', config: {} },
            { id: 'rt', category: 'BLOCK', type: 'RICH_TEXT', config: { content: 'in {{remaining_seconds}} s' } },
            {
              id: 'rb',
              category: 'BLOCK',
              type: 'RESEND_BUTTON',
              config: {
                waiting_text: 'in {{remaining_seconds}} s',
                flow_id: 'f',
                button_text: 'x',
                active_text: 'y',
                max_attempts: 1,
                waiting_time: 5,
              },
            },
          ],
          next_node: '$ending',
        },
      },
    ],
  };
  expect(constructs(checkFormBody(form))).toEqual([
    '$.nodes[0].config.rules[0].condition: condition "NE"',
    '$.nodes[1].config.components[0]: the component WIDGET/RECAPTCHA',
    '$.nodes[1].config.components[1].config.content: the variable remaining_seconds',
  ]);
});

test('an action id used twice is refused: outputs are read by id', () => {
  const flow = {
    actions: [
      store('same', { v: '{{vars.a}}' }),
      { ...when(eq('{{vars.a}}', 'b')), params: { if: eq('{{vars.a}}', 'b'), then: [store('same', { v: 'x' })] } },
    ],
  };
  expect(constructs(checkFlowBody(flow))).toEqual([
    '$.actions[1].params.then[0]: the action id same used twice (also at $.actions[0])',
  ]);
});
