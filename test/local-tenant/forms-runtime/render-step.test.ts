// How a step reads and behaves in a browser: Enter continues the step (the primary button comes
// first), a code field gets the phone's number pad and the code from the message, an error takes
// the focus and marks its field, the resend wait is marked for the countdown, and the jump and
// previous buttons go where the form says and nowhere else.
import {
  createFormsRuntime,
  type DeployedFlow,
  type DeployedForm,
  type Journey,
  JourneyRequestError,
  UnsupportedFeatureError,
} from '../../../local-tenant/forms-runtime';

let now = 0;
const runtime = createFormsRuntime({
  managementDomain: 'localhost:1',
  sendgridBaseUrl: 'http://127.0.0.1:9',
  now: () => now,
});

const step = (id: string, components: unknown[], next = '$ending') => ({
  id,
  type: 'STEP',
  config: { components, next_node: next },
});
const next = { id: 'go', category: 'BLOCK', type: 'NEXT_BUTTON', config: { text: 'Verify' } };
const codeField = {
  id: 'code',
  category: 'FIELD',
  type: 'TEXT',
  label: 'Code',
  required: true,
  config: { min_length: 6, max_length: 6 },
};
const emailField = { id: 'email', category: 'FIELD', type: 'EMAIL', label: 'Email', required: true, config: {} };
const resend = {
  id: 'resend',
  category: 'BLOCK',
  type: 'RESEND_BUTTON',
  config: {
    active_text: 'No email?',
    button_text: 'Send a new code',
    waiting_text: 'Send a new code in {{remaining_seconds}} s',
    flow_id: 'noop',
    max_attempts: 3,
    waiting_time: 30,
  },
};
const noop: DeployedFlow = { name: 'noop', actions: [] };
const wrongCode: DeployedFlow = {
  name: 'wrong',
  actions: [{ id: 'say', type: 'FLOW', action: 'ERROR_MESSAGE', params: { message: 'That code is not right.' } }],
};

const form = (nodes: unknown[]): DeployedForm => ({
  name: 'f',
  start: { next_node: (nodes[0] as { id: string }).id },
  nodes,
  ending: { resume_flow: true },
});
const start = (f: DeployedForm, flows: DeployedFlow[] = [noop]): Promise<Journey> =>
  runtime.startJourney({ form: f, flows, vaultConnections: [], user: { user_id: 'u' } });
const page = (journey: Journey) => journey.render({ postUrl: '/post' });
const inputOf = (html: string, name: string) => html.match(new RegExp(`<input[^>]* name="${name}"[^>]*>`))?.[0] ?? '';

test('the primary button is the first submit button, so Enter continues the step; the resend comes after it', async () => {
  const journey = await start(form([step('code', [codeField, resend, next])]));
  const html = page(journey);
  const buttons = [...html.matchAll(/<button[^>]*value="([^"]+)"/g)].map((m) => m[1]);
  expect(buttons).toEqual(['next', 'resend']);
  expect(html.indexOf('value="next"')).toBeGreaterThan(html.indexOf('name="code"'));
});

test('a fixed-length TEXT field on a step with a resend button is a one-time code field; other fields are not', async () => {
  const codeStep = page(await start(form([step('code', [codeField, resend, next])])));
  expect(inputOf(codeStep, 'code')).toContain(' inputmode="numeric" autocomplete="one-time-code"');
  const noResend = page(await start(form([step('code', [codeField, next])])));
  expect(inputOf(noResend, 'code')).not.toContain('one-time-code');
  const freeLength = page(
    await start(form([step('code', [{ ...codeField, config: { min_length: 2, max_length: 6 } }, resend, next])])),
  );
  expect(inputOf(freeLength, 'code')).not.toContain('inputmode');
  const email = page(await start(form([step('ask', [emailField, resend, next])])));
  expect(inputOf(email, 'email')).not.toContain('inputmode');
});

test("a flow's message about the step's one field takes the focus for that field, marks it invalid and describes it", async () => {
  const journey = await start(
    form([
      step('code', [codeField, resend, next], 'check'),
      { id: 'check', type: 'FLOW', config: { flow_id: 'wrong', next_node: '$ending' } },
    ]),
    [noop, wrongCode],
  );
  expect(page(journey)).not.toContain('autofocus');
  await journey.submit({ fields: { code: '123456' } });
  const html = page(journey);
  expect(inputOf(html, 'code')).toContain(' aria-describedby="form-error" aria-invalid="true" autofocus');
  expect(html).toContain(
    '<div class="form-error" role="alert" id="form-error" tabindex="-1"><p>That code is not right.</p></div>',
  );
});

test('a field error takes the focus; a platform failure, about no field, focuses the message itself', async () => {
  const journey = await start(form([step('ask', [emailField, next])]));
  await journey.submit({ fields: { email: 'not an address' } });
  expect(inputOf(page(journey), 'email')).toContain(
    'aria-describedby="field-email-error" aria-invalid="true" autofocus',
  );
  now = 0;
  const waiting = await start(form([step('code', [codeField, resend, next])]));
  await waiting.submit({ action: 'resend' });
  await waiting.submit({ action: 'resend' }); // too soon: the platform's message
  const html = page(waiting);
  expect(html).toContain('id="form-error" tabindex="-1" autofocus');
  expect(inputOf(html, 'code')).not.toContain('aria-invalid');
});

test('the resend wait is marked for the countdown, with the button that the script disables', async () => {
  now = 0;
  const journey = await start(form([step('code', [codeField, resend, next])]));
  await journey.submit({ action: 'resend' });
  now = 3_000;
  const html = page(journey);
  expect(html).toContain(
    '<span class="resend-waiting">Send a new code in <span data-countdown-seconds="27">27</span> s</span>',
  );
  expect(html).toContain('<span class="resend-ready" hidden><span class="resend-active">No email?</span></span>');
  expect(html).toContain(
    'value="resend" class="link" formnovalidate data-countdown-seconds-button>Send a new code</button>',
  );
});

describe('JUMP_BUTTON and PREVIOUS_BUTTON', () => {
  const jump = {
    id: 'back_to_app',
    category: 'BLOCK',
    type: 'JUMP_BUTTON',
    config: { text: 'Back to the app', next_node: '$ending', style: { background_color: '#ffffff' } },
  };
  const change = {
    id: 'change_address',
    category: 'BLOCK',
    type: 'JUMP_BUTTON',
    config: { text: 'Use another address', next_node: 'ask' },
  };
  const previous = { id: 'back', category: 'BLOCK', type: 'PREVIOUS_BUTTON', config: { text: 'Back' } };
  const twoSteps = () =>
    form([
      step('ask', [emailField, next, jump], 'code'),
      step('code', [codeField, resend, { ...next, id: 'verify' }, previous, change]),
    ]);

  test('they render after the primary button, as secondary buttons that skip validation, the jump naming its own component', async () => {
    const journey = await start(twoSteps());
    const html = page(journey);
    expect(html).toContain(
      '<button type="submit" name="action" value="jump:back_to_app" class="secondary" style="background-color: #ffffff" formnovalidate>Back to the app</button>',
    );
    expect(html.indexOf('value="next"')).toBeLessThan(html.indexOf('value="jump:back_to_app"'));
  });

  test('a jump goes to its next_node without validating or keeping the fields; the ending ends the journey', async () => {
    const journey = await start(twoSteps());
    expect(await journey.submit({ action: 'jump:back_to_app', fields: { email: 'not an address' } })).toEqual({
      ended: true,
      vars: {},
    });
    expect(journey.state.fields.email).toBeUndefined();
  });

  test('previous returns to the step before; a jump back to an earlier step works too', async () => {
    const journey = await start(twoSteps());
    await journey.submit({ fields: { email: 'a@example.com' } });
    expect(journey.state.node).toBe('code');
    expect(await journey.submit({ action: 'previous' })).toMatchObject({ ended: false, step: 'ask' });
    await journey.submit({ fields: { email: 'b@example.com' } });
    expect(await journey.submit({ action: 'jump:change_address' })).toMatchObject({ ended: false, step: 'ask' });
  });

  test('a page cannot jump through a button its step does not have, nor go back from the first step', async () => {
    const journey = await start(twoSteps());
    await expect(journey.submit({ action: 'jump:change_address' })).rejects.toThrow(
      new JourneyRequestError('step ask has no jump button "change_address"'),
    );
    await expect(journey.submit({ action: 'jump:ask' })).rejects.toThrow(JourneyRequestError);
    await expect(journey.submit({ action: 'previous' })).rejects.toThrow(
      new JourneyRequestError('step ask has no previous button'),
    );
  });

  test('a jump to no node, or a style other than a hex background colour, stops the journey before it starts', async () => {
    await expect(
      start(form([step('ask', [emailField, next, { ...jump, config: { text: 'x', next_node: 'nowhere' } }])])),
    ).rejects.toThrow(/next node "nowhere" is neither a node nor \$ending/);
    await expect(
      start(
        form([
          step('ask', [
            emailField,
            next,
            { ...jump, config: { text: 'x', next_node: '$ending', style: { background_color: 'red;x' } } },
          ]),
        ]),
      ),
    ).rejects.toThrow(UnsupportedFeatureError);
  });
});
