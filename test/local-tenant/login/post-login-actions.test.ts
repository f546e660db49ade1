// The post-login Actions bound on the tenant run on every login, in their binding order, at their
// deployed version and with its secrets, on an event built from the real request and session;
// what they ask for (deny, metadata, a form) is what the login does.
import { TestClock } from '../../helpers/email-change-journeys';
import { HttpBrowser } from '../../helpers/http-browser';
import { useLocalTenant } from '../../helpers/local-tenant';
import { authorizeUrl, createApp, createUser, PASSWORD, pkce, signInAt } from '../../helpers/login-apps';
import { bindPostLoginActions } from '../../helpers/post-login-actions';

const clock = new TestClock();
const tenant = useLocalTenant({ now: clock.now });

const describeEvent = `exports.onExecutePostLogin = async (event, api) => {
  api.access.deny(JSON.stringify({
    emailChange: event.request.query.email_change,
    protocol: event.transaction.protocol,
    prompt: event.transaction.prompt,
    uiLocales: event.transaction.ui_locales,
    methods: event.authentication.methods,
    strategy: event.connection.strategy,
    provider: event.user.identities[0].provider,
    enrolledFactors: event.user.enrolledFactors,
    email: event.user.email,
    client: event.client.client_id,
    secret: event.secrets.GREETING,
  }));
};`;

test('the event holds the authorization request, the methods of the session with ISO times, the user, the client and the secrets', async () => {
  await bindPostLoginActions(tenant(), [
    { name: 'describe-event', code: describeEvent, secrets: { GREETING: 'hola' } },
  ]);
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'event');
  const page = await signInAt(
    new HttpBrowser(tenant().httpUrl),
    authorizeUrl(tenant(), app, pkce(), { email_change: 'true', ui_locales: 'es en', prompt: 'login' }),
    user.email,
  );
  expect(page.callback?.searchParams.get('error')).toBe('access_denied');
  expect(page.callback?.searchParams.get('state')).toBe('app-state-123');
  expect(JSON.parse(page.callback?.searchParams.get('error_description') as string)).toEqual({
    emailChange: 'true',
    protocol: 'oidc-basic-profile',
    prompt: ['login'],
    uiLocales: ['es', 'en'],
    methods: [{ name: 'pwd', timestamp: new Date(clock.now()).toISOString() }],
    strategy: 'auth0',
    provider: 'auth0',
    enrolledFactors: [],
    email: user.email,
    client: app.clientId,
    secret: 'hola',
  });
});

test('Actions run in binding order; metadata one sets is on the user and in the event of the next', async () => {
  await bindPostLoginActions(tenant(), [
    {
      name: 'first',
      code: `exports.onExecutePostLogin = async (event, api) => {
        api.user.setAppMetadata('visits', (event.user.app_metadata.visits || 0) + 1);
        api.transaction.setMetadata('seen_by', 'first');
      };`,
    },
    {
      name: 'second',
      code: `exports.onExecutePostLogin = async (event, api) => {
        api.access.deny('visits=' + event.user.app_metadata.visits + ' seen_by=' + event.transaction.metadata.seen_by);
      };`,
    },
  ]);
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'order');
  const browser = new HttpBrowser(tenant().httpUrl);
  const first = await signInAt(browser, authorizeUrl(tenant(), app, pkce()), user.email);
  expect(first.callback?.searchParams.get('error_description')).toBe('visits=1 seen_by=first');
  const second = await browser.open(authorizeUrl(tenant(), app, pkce()));
  expect(second.callback?.searchParams.get('error_description')).toBe('visits=2 seen_by=first');
  expect(tenant().state.users.find((u) => u.user_id === user.user_id)?.app_metadata).toEqual({ visits: 2 });
});

test('an Action that throws ends the login with its message, and nothing it asked for is applied', async () => {
  await bindPostLoginActions(tenant(), [
    {
      name: 'broken',
      code: `exports.onExecutePostLogin = async (event, api) => {
        api.user.setAppMetadata('half_done', true);
        throw new Error('the risk service is down');
      };`,
    },
  ]);
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'throws');
  const page = await signInAt(new HttpBrowser(tenant().httpUrl), authorizeUrl(tenant(), app, pkce()), user.email);
  expect(page.callback?.searchParams.get('error')).toBe('access_denied');
  expect(page.callback?.searchParams.get('error_description')).toBe('the risk service is down');
  expect(page.callback?.searchParams.get('code')).toBeNull();
  expect(tenant().state.users.find((u) => u.user_id === user.user_id)?.app_metadata).toEqual({});
});

test('a form cannot show on a silent login: interaction_required; a form the tenant lacks is an error page, not a redirect', async () => {
  await bindPostLoginActions(tenant(), [
    {
      name: 'renders',
      code: `exports.onExecutePostLogin = async (event, api) => {
        if (event.request.query.render === 'yes') api.prompt.render('ap_NoSuchForm000000000000', { vars: { a: '1' } });
      };`,
    },
  ]);
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'render');
  const browser = new HttpBrowser(tenant().httpUrl);
  expect(
    (await signInAt(browser, authorizeUrl(tenant(), app, pkce()), user.email)).callback?.searchParams.get('code'),
  ).toEqual(expect.any(String));
  const silent = await browser.open(authorizeUrl(tenant(), app, pkce(), { prompt: 'none', render: 'yes' }));
  expect(silent.callback?.searchParams.get('error')).toBe('interaction_required');
  const missing = await browser.open(authorizeUrl(tenant(), app, pkce(), { render: 'yes' }));
  expect(missing.callback).toBeUndefined();
  expect(missing.status).toBe(500);
  expect(missing.text).toContain('An Action rendered form ap_NoSuchForm000000000000, which this tenant does not have.');
});

test('with no Action bound, a login ends with a code', async () => {
  await bindPostLoginActions(tenant(), []);
  const app = await createApp(tenant());
  const user = await createUser(tenant(), 'plain');
  const page = await signInAt(
    new HttpBrowser(tenant().httpUrl),
    authorizeUrl(tenant(), app, pkce()),
    user.email,
    PASSWORD,
  );
  expect(page.callback?.searchParams.get('code')).toEqual(expect.any(String));
});
