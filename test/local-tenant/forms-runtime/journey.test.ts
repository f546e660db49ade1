// The Forms runtime on small forms of its own (no tenant needed): how it walks nodes, validates
// fields, renders steps, keeps state as plain data, and refuses what it does not implement.
import {
  createFormsRuntime,
  type DeployedFlow,
  type DeployedForm,
  DefinitionError,
  type Journey,
  JourneyRequestError,
  UndocumentedConstructError,
  UnsupportedFeatureError,
  type VaultConnection,
} from '../../../local-tenant/forms-runtime';
import { visibleText } from '../../../bench/lib/http-session';

const runtime = createFormsRuntime({
  managementDomain: 'localhost:1',
  sendgridBaseUrl: 'http://127.0.0.1:9',
  now: () => Date.parse('2026-11-21T09:00:00Z'),
  randomDigit: () => 7,
});
const sendgrid: VaultConnection = {
  name: 'mail',
  app_id: 'HTTP',
  setup: { type: 'BEARER', token: 'SG.not-a-real-key' },
};

const step = (id: string, components: unknown[], next = '$ending') => ({
  id,
  type: 'STEP',
  config: { components, next_node: next },
});
const next = { id: 'go', category: 'BLOCK', type: 'NEXT_BUTTON', config: { text: 'Continue' } };
const emailField = {
  id: 'email',
  category: 'FIELD',
  type: 'EMAIL',
  label: 'Your email',
  hint: 'Where we write to you',
  required: true,
  config: {},
};

function form(nodes: unknown[], extra: Partial<DeployedForm> = {}): DeployedForm {
  return {
    name: 'test-form',
    start: { next_node: (nodes[0] as { id: string }).id },
    nodes,
    ending: { resume_flow: true },
    ...extra,
  };
}

function start(
  f: DeployedForm,
  flows: DeployedFlow[] = [],
  options: { vars?: Record<string, unknown>; language?: string } = {},
): Promise<Journey> {
  return runtime.startJourney({
    form: f,
    flows,
    vaultConnections: [sendgrid],
    user: { user_id: 'auth0|1', email: 'me@example.com' },
    vars: options.vars ?? {},
    language: options.language,
  });
}

const page = (journey: Journey) => journey.render({ postUrl: '/post' });

describe('walking', () => {
  test('a router takes the first rule that holds, else its fallback', async () => {
    const nodes = [
      {
        id: 'route',
        type: 'ROUTER',
        config: {
          rules: [
            {
              id: 'r1',
              condition: { operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.plan}}', 'gold'] }] },
              next_node: 'gold',
            },
            {
              id: 'r2',
              condition: {
                operator: 'AND',
                operands: [{ operator: 'INCLUDES', operands: ['{{vars.plans}}', '{{vars.plan}}'] }],
              },
              next_node: 'other',
            },
          ],
          fallback: 'none',
        },
      },
      step('gold', [{ id: 't1', category: 'BLOCK', type: 'RICH_TEXT', config: { content: '<p>Gold</p>' } }]),
      step('other', [{ id: 't2', category: 'BLOCK', type: 'RICH_TEXT', config: { content: '<p>Other</p>' } }]),
      step('none', [{ id: 't3', category: 'BLOCK', type: 'RICH_TEXT', config: { content: '<p>None</p>' } }]),
    ];
    const plans = ['gold', 'tin'];
    expect(visibleText(page(await start(form(nodes), [], { vars: { plan: 'gold', plans } })))).toBe('Gold');
    expect(visibleText(page(await start(form(nodes), [], { vars: { plan: 'tin', plans } })))).toBe('Other');
    expect(visibleText(page(await start(form(nodes), [], { vars: { plan: 'lead', plans } })))).toBe('None');
  });

  test('a flow that ends in ERROR_MESSAGE keeps the user on the step with the message; vars it stored stay; then the ending hands back the vars', async () => {
    const flow: DeployedFlow = {
      name: 'check',
      actions: [
        {
          id: 'count',
          type: 'FLOW',
          action: 'STORE_VARS',
          params: { vars: { tries: "{{functions.merge(vars.tries, 'x')}}" } },
        },
        {
          id: 'refuse',
          type: 'FLOW',
          action: 'BOOLEAN_CONDITION',
          params: {
            if: { operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{fields.email}}', 'ok@example.com'] }] },
            then: [],
            else: [
              {
                id: 'say',
                type: 'FLOW',
                action: 'ERROR_MESSAGE',
                params: { message: 'Not {{fields.email}}, try ok@example.com' },
              },
            ],
          },
        },
        { id: 'done', type: 'FLOW', action: 'STORE_VARS', params: { vars: { done: true } } },
      ],
    };
    const journey = await start(
      form([
        step('ask', [emailField, next], 'run'),
        { id: 'run', type: 'FLOW', config: { flow_id: 'check', next_node: '$ending' } },
      ]),
      [flow],
      { vars: { tries: '' } },
    );
    expect(await journey.submit({ fields: { email: 'no@example.com' } })).toEqual({
      ended: false,
      step: 'ask',
      errors: { form: 'Not no@example.com, try ok@example.com', fields: {} },
    });
    expect(page(journey)).toContain(
      '<div class="form-error" role="alert" id="form-error" tabindex="-1"><p>Not no@example.com, try ok@example.com</p></div>',
    );
    expect(journey.vars.tries).toBe('x');
    expect(await journey.submit({ fields: { email: 'ok@example.com' } })).toEqual({
      ended: true,
      vars: { tries: 'xx', done: true },
    });
    await expect(journey.submit({})).rejects.toThrow(
      new JourneyRequestError('this journey has ended: the login has resumed, nothing more can be submitted'),
    );
    expect(() => page(journey)).toThrow(JourneyRequestError);
  });

  test('a failed action fails the flow with the platform message, unless allow_failure lets the flow go on', async () => {
    // Nothing listens on 127.0.0.1:9 (the runtime's SendGrid here): the request fails.
    const send = {
      id: 'send',
      type: 'HTTP',
      action: 'SEND_REQUEST',
      params: { connection_id: 'mail', url: 'http://127.0.0.1:9/v3/mail/send', method: 'POST', payload: { a: 1 } },
    };
    const flow = (allowFailure: boolean): DeployedFlow => ({
      name: 'mailer',
      actions: [
        { ...send, allow_failure: allowFailure },
        {
          id: 'after',
          type: 'FLOW',
          action: 'STORE_VARS',
          params: { vars: { sent: '{{actions.send.status ?? vars.none}}' } },
        },
      ],
    });
    const nodes = [
      step('ask', [next], 'run'),
      { id: 'run', type: 'FLOW', config: { flow_id: 'mailer', next_node: '$ending' } },
    ];

    const strict = await start(form(nodes), [flow(false)]);
    expect(await strict.submit({})).toMatchObject({
      ended: false,
      errors: { form: 'Something went wrong on our side. Please try again in a moment.' },
    });
    expect(strict.state.executions).toEqual([
      expect.objectContaining({
        action_id: 'send',
        outcome: 'failed',
        error: expect.stringMatching(/^HTTP\/SEND_REQUEST POST \/v3\/mail\/send: /),
      }),
    ]);
    expect(JSON.stringify(strict.state)).not.toContain('SG.not-a-real-key');

    const lenient = await start(form(nodes), [flow(true)], { vars: { none: 'no output' } });
    expect(await lenient.submit({})).toEqual({ ended: true, vars: { none: 'no output', sent: 'no output' } });
    expect(lenient.state.executions.map((e) => e.outcome)).toEqual(['failure-allowed', 'completed']);
  });

  test('mask_output hides an output from the execution records, not from the flow', async () => {
    const flow: DeployedFlow = {
      name: 'codes',
      actions: [
        {
          id: 'hidden',
          type: 'OTP',
          action: 'GENERATE_CODE',
          mask_output: true,
          params: { reference: 'a', length: 6 },
        },
        { id: 'shown', type: 'OTP', action: 'GENERATE_CODE', params: { reference: 'b', length: 4 } },
        { id: 'keep', type: 'FLOW', action: 'STORE_VARS', params: { vars: { seen: '{{actions.hidden.code}}' } } },
      ],
    };
    const journey = await start(
      form([
        step('ask', [next], 'run'),
        { id: 'run', type: 'FLOW', config: { flow_id: 'codes', next_node: '$ending' } },
      ]),
      [flow],
    );
    expect(await journey.submit({})).toEqual({ ended: true, vars: { seen: '777777' } });
    expect(journey.state.executions.map((e) => [e.action_id, e.output])).toEqual([
      ['hidden', '███'],
      ['shown', { code: '7777' }],
      // What STORE_VARS stored, with the masked code masked there too.
      ['keep', { seen: '███' }],
    ]);
  });

  test('the state is plain data: a journey resumed from its JSON goes on where it was', async () => {
    const f = form([
      step('one', [emailField, next], 'two'),
      step('two', [
        { id: 'bye', category: 'BLOCK', type: 'RICH_TEXT', config: { content: '<p>Bye {{fields.email}}</p>' } },
        { ...next, id: 'go2' },
      ]),
    ]);
    const journey = await start(f, [], { vars: { a: 1 } });
    await journey.submit({ fields: { email: 'me2@example.com' } });
    const saved = JSON.parse(JSON.stringify(journey.state));
    const resumed = runtime.resumeJourney(saved, { form: f, flows: [], vaultConnections: [sendgrid] });
    expect(visibleText(page(resumed))).toBe('Bye me2@example.com Continue');
    expect(await resumed.submit({})).toEqual({ ended: true, vars: { a: 1 } });
  });
});

describe('fields are validated on the server before a step continues', () => {
  const codeField = {
    id: 'code',
    category: 'FIELD',
    type: 'TEXT',
    label: 'Code',
    required: true,
    config: { min_length: 6, max_length: 6 },
  };
  const nameField = {
    id: 'name',
    category: 'FIELD',
    type: 'TEXT',
    label: 'Name',
    config: { min_length: 2, max_length: 5 },
  };

  test.each<[string, string, Record<string, string>, Record<string, string>]>([
    ['en', 'nothing', {}, { email: 'Fill in this field.', code: 'Fill in this field.' }],
    [
      'en',
      'bad values',
      { email: 'not-an-address', code: '12', name: 'x' },
      {
        email: 'Enter a valid email address, such as name@example.com.',
        code: 'Enter exactly 6 characters.',
        name: 'Enter at least 2 characters.',
      },
    ],
    [
      'en',
      'too long',
      { email: 'a@example.com', code: '1234567', name: 'abcdef' },
      { code: 'Enter exactly 6 characters.', name: 'Enter no more than 5 characters.' },
    ],
    ['es', 'nothing', {}, { email: 'Rellena este campo.', code: 'Rellena este campo.' }],
    [
      'es-ES',
      'bad values',
      { email: 'x', code: '1', name: 'abcdef' },
      {
        email: 'Introduce una dirección de correo electrónico válida, como nombre@ejemplo.com.',
        code: 'Introduce exactamente 6 caracteres.',
        name: 'Introduce como máximo 5 caracteres.',
      },
    ],
  ])('%s, %s', async (language, _name, fields, errors) => {
    const journey = await start(form([step('ask', [emailField, codeField, nameField, next])]), [], { language });
    expect(await journey.submit({ fields })).toEqual({ ended: false, step: 'ask', errors: { fields: errors } });
  });

  test('an email field is trimmed as a browser trims it; valid values continue', async () => {
    const journey = await start(form([step('ask', [emailField, codeField, next])]));
    expect(await journey.submit({ fields: { email: '  me@example.com\n', code: '000123' } })).toEqual({
      ended: true,
      vars: {},
    });
  });
});

describe('rendering', () => {
  test('labels, hints and errors are tied to their inputs, and the page has a language and a title', async () => {
    const journey = await start(
      form([
        step('ask', [
          { id: 'intro', category: 'BLOCK', type: 'RICH_TEXT', config: { content: '<h1>Tell us</h1><p>Hi</p>' } },
          emailField,
          next,
        ]),
      ]),
      [],
      { language: 'es' },
    );
    await journey.submit({ fields: { email: 'wrong' } });
    const html = page(journey);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<title>Tell us</title>');
    expect(html).toContain('<label for="field-email">Your email</label>');
    expect(html).toContain('<p class="hint" id="field-email-hint">Where we write to you</p>');
    expect(html).toMatch(
      /<input id="field-email" name="email" type="email" autocomplete="email" required aria-describedby="field-email-hint field-email-error" aria-invalid="true" autofocus value="wrong">/,
    );
    expect(html).toContain(
      '<p class="error" id="field-email-error">Introduce una dirección de correo electrónico válida, como nombre@ejemplo.com.</p>',
    );
    expect(html).toContain('<form method="post" action="/post">');
    expect(html).toContain('<button type="submit" name="action" value="next">Continue</button>');
  });

  test('every value is escaped: vars, fields, hidden inputs, flow messages; only the author markup stays', async () => {
    const evil = '"><script>alert(1)</script>';
    const flow: DeployedFlow = {
      name: 'say',
      actions: [{ id: 'say', type: 'FLOW', action: 'ERROR_MESSAGE', params: { message: 'Bad: {{fields.note}}' } }],
    };
    const journey = await start(
      form([
        step(
          'ask',
          [
            {
              id: 'intro',
              category: 'BLOCK',
              type: 'RICH_TEXT',
              config: { content: '<p>Hello <strong>{{vars.name}}</strong></p>' },
            },
            { ...emailField, required: false },
            { id: 'note', category: 'FIELD', type: 'TEXT', label: '{{vars.name}}' },
            next,
          ],
          'run',
        ),
        { id: 'run', type: 'FLOW', config: { flow_id: 'say', next_node: '$ending' } },
      ]),
      [flow],
      { vars: { name: evil } },
    );
    await journey.submit({ fields: { note: evil } });
    const html = journey.render({ postUrl: '/post?a=1&b="2"', hiddenInputs: { state: evil } });
    expect(html).not.toContain('<script>');
    expect(html).toContain('<p>Hello <strong>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</strong></p>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('action="/post?a=1&amp;b=&quot;2&quot;"');
    expect(html).toContain(
      '<div class="form-error" role="alert" id="form-error" tabindex="-1" autofocus><p>Bad: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p></div>',
    );
  });

  test('a resend button shows its waiting text with the seconds left, and disappears after its last attempt', async () => {
    let now = 0;
    const clocked = createFormsRuntime({
      managementDomain: 'localhost:1',
      sendgridBaseUrl: 'http://127.0.0.1:9',
      now: () => now,
    });
    const flow: DeployedFlow = {
      name: 'again',
      actions: [
        {
          id: 'n',
          type: 'FLOW',
          action: 'STORE_VARS',
          params: { vars: { sends: "{{functions.merge(vars.sends, 'x')}}" } },
        },
      ],
    };
    const resend = {
      id: 'resend',
      category: 'BLOCK',
      type: 'RESEND_BUTTON',
      config: {
        active_text: 'No mail?',
        button_text: 'Send again',
        waiting_text: 'Again in {{remaining_seconds}} s',
        flow_id: 'again',
        max_attempts: 2,
        waiting_time: 30,
      },
    };
    const journey = await clocked.startJourney({
      form: form([step('wait', [resend, next])]),
      flows: [flow],
      vaultConnections: [],
      user: { user_id: 'u' },
      vars: { sends: '' },
    });
    expect(page(journey)).toContain(
      '<p class="resend"><span class="resend-active">No mail?</span> <button type="submit" name="action" value="resend" class="link" formnovalidate>Send again</button></p>',
    );
    await journey.submit({ action: 'resend' });
    now += 12_000;
    expect(page(journey)).toContain(
      '<span class="resend-waiting">Again in <span data-countdown-seconds="18">18</span> s</span>',
    );
    expect(page(journey)).toContain(
      '<button type="submit" name="action" value="resend" class="link" formnovalidate data-countdown-seconds-button>Send again</button>',
    );
    now += 18_000;
    await journey.submit({ action: 'resend' });
    expect(journey.vars.sends).toBe('xx');
    expect(page(journey)).not.toContain('resend');
  });
});

describe('what the runtime does not implement is refused by name before the journey starts', () => {
  const flowNode = (flowId: string) => ({ id: 'run', type: 'FLOW', config: { flow_id: flowId, next_node: '$ending' } });
  const oneFlow = (actions: unknown[]): DeployedFlow[] => [{ name: 'f', actions }];
  const withFlow = (actions: unknown[]) => [form([step('s', [next], 'run'), flowNode('f')]), oneFlow(actions)] as const;

  test.each<[string, DeployedForm, DeployedFlow[], string]>([
    [
      'an action type',
      ...withFlow([{ id: 'h', type: 'SENDGRID', action: 'SEND_EMAIL', params: {} }]),
      'the flow action SENDGRID/SEND_EMAIL is undocumented',
    ],
    [
      'an action nested in a branch',
      ...withFlow([
        {
          id: 'b',
          type: 'FLOW',
          action: 'BOOLEAN_CONDITION',
          params: {
            if: { operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.x}}', 'a'] }] },
            else: [{ id: 'd', type: 'FLOW', action: 'DELAY_FLOW', params: { number: 1 } }],
          },
        },
      ]),
      'the flow action FLOW/DELAY_FLOW is undocumented',
    ],
    [
      'an operator',
      ...withFlow([
        {
          id: 'b',
          type: 'FLOW',
          action: 'BOOLEAN_CONDITION',
          params: { if: { operator: 'STARTS_WITH', operands: ['{{vars.x}}', 'a'] } },
        },
      ]),
      'condition "STARTS_WITH" is undocumented',
    ],
    [
      'a helper function',
      ...withFlow([
        { id: 's', type: 'FLOW', action: 'STORE_VARS', params: { vars: { a: '{{functions.trim(fields.x)}}' } } },
      ]),
      'functions.trim() is undocumented',
    ],
    ['a node type', form([{ id: 'x', type: 'PAGE', config: {} }]), [], 'the node type "PAGE"'],
    [
      'a component',
      form([step('s', [{ id: 'n', category: 'FIELD', type: 'NUMBER', config: {} }])]),
      [],
      'the component FIELD/NUMBER',
    ],
    [
      'a field setting',
      form([step('s', [{ id: 't', category: 'FIELD', type: 'TEXT', config: { multiline: true } }])]),
      [],
      'the TEXT field setting multiline',
    ],
    [
      'markup in rich text',
      form([
        step('s', [{ id: 'r', category: 'BLOCK', type: 'RICH_TEXT', config: { content: '<p onclick="x()">Hi</p>' } }]),
      ]),
      [],
      'the rich text markup <p onclick="x()">',
    ],
    [
      'an ending that redirects',
      form([step('s', [next])], { ending: { redirection: { target: 'https://example.com' } } }),
      [],
      'the ending setting redirection',
    ],
    [
      'custom messages',
      form([step('s', [next])], { messages: { custom: { k: 'v' } } } as Partial<DeployedForm>),
      [],
      'the form setting "messages"',
    ],
  ])('%s', async (_name, f, flows, feature) => {
    const error = await start(f, flows).then(
      () => undefined,
      (e: unknown) => e,
    );
    // The platform model refuses what Auth0 does not document; the runtime, what it does not implement.
    expect([UndocumentedConstructError, UnsupportedFeatureError].some((kind) => error instanceof kind)).toBe(true);
    expect((error as Error).message).toContain(feature);
  });

  test.each<[string, DeployedForm, DeployedFlow[], RegExp]>([
    [
      'a flow that does not exist',
      form([step('s', [next], 'run'), flowNode('nowhere')]),
      [],
      /flow_id "nowhere" names no flow \(known: none\)/,
    ],
    [
      'a vault connection that does not exist',
      ...withFlow([
        {
          id: 'm',
          type: 'HTTP',
          action: 'SEND_REQUEST',
          params: { connection_id: 'nope', url: 'http://127.0.0.1:9/' },
        },
      ]),
      /no vault connection "nope" \(known: mail\)/,
    ],
    [
      'a vault connection of the wrong kind',
      ...withFlow([
        { id: 'm', type: 'AUTH0', action: 'UPDATE_USER', params: { connection_id: 'mail', user_id: 'x', changes: {} } },
      ]),
      /vault connection "mail" is HTTP, this action needs AUTH0/,
    ],
    [
      'a next node that does not exist',
      form([step('s', [next], 'lost')]),
      [],
      /next node "lost" is neither a node nor \$ending/,
    ],
    [
      'a router with 11 rules',
      form([
        {
          id: 'r',
          type: 'ROUTER',
          config: {
            rules: Array.from({ length: 11 }, (_, i) => ({
              id: `r${i}`,
              condition: { operator: 'AND', operands: [{ operator: 'EQ', operands: ['{{vars.a}}', 'x'] }] },
              next_node: 's',
            })),
            fallback: 's',
          },
        },
        step('s', [next]),
      ]),
      [],
      /a router has at most 10 rules/,
    ],
  ])('%s is a definition error', async (_name, f, flows, message) => {
    await expect(start(f, flows)).rejects.toThrow(DefinitionError);
    await expect(start(f, flows)).rejects.toThrow(message);
  });
});

test('a helper given data it cannot take fails the flow like any failed action (never a crash of the page)', async () => {
  const flow: DeployedFlow = {
    name: 'bad',
    actions: [
      {
        id: 'grow',
        type: 'FLOW',
        action: 'STORE_VARS',
        params: { vars: { n: "{{functions.merge(vars.none, 'x')}}" } },
      },
    ],
  };
  const journey = await start(
    form([step('ask', [next], 'run'), { id: 'run', type: 'FLOW', config: { flow_id: 'bad', next_node: '$ending' } }]),
    [flow],
  );
  expect(await journey.submit({})).toMatchObject({
    ended: false,
    errors: { form: 'Something went wrong on our side. Please try again in a moment.' },
  });
  expect(journey.state.executions).toEqual([
    expect.objectContaining({
      action_id: 'grow',
      outcome: 'failed',
      error: 'functions.merge needs an array, a string or an object as its base, got undefined',
    }),
  ]);
});
