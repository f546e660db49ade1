// Brute-force protection as Auth0 documents it (docs secure/attack-protection/brute-force-protection.mdx):
// failed sign-ins are counted per IP address and user identifier, and only that IP is blocked for
// that identifier. An attacker cannot lock the owner out from elsewhere, and the block reads the
// same for an identifier that has no account.
import { Agent, fetch as undiciFetch } from 'undici';
import { HttpBrowser, type HttpPage } from '../../helpers/http-browser';
import { useLocalTenant } from '../../helpers/local-tenant';
import { authorizeUrl, createApp, createUser, PASSWORD, pkce, signInAt, type TestApp } from '../../helpers/login-apps';

const tenant = useLocalTenant();
let app: TestApp;
beforeAll(async () => {
  app = await createApp(tenant());
});

/** A browser whose connections come from another loopback address: another device, as the tenant sees it. */
function browserFrom(address: string): HttpBrowser {
  const dispatcher = new Agent({ localAddress: address });
  const viaAddress = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
  return new HttpBrowser(tenant().httpUrl, { fetch: viaAddress });
}

async function tenWrongPasswords(browser: HttpBrowser, email: string): Promise<HttpPage> {
  let page = await browser.open(authorizeUrl(tenant(), app, pkce()));
  for (let i = 0; i < 10; i += 1) page = await browser.submit(page, { username: email, password: 'not the password' });
  return browser.submit(page, { username: email, password: PASSWORD });
}

test('ten wrong passwords from one address block that address for that user; the owner elsewhere still signs in', async () => {
  const victim = await createUser(tenant(), 'victim');
  const blocked = await tenWrongPasswords(browserFrom('127.0.0.2'), victim.email);
  expect(blocked.status).toBe(429);
  expect(blocked.text).toContain('This account is blocked after too many failed sign-in attempts from this device.');
  const owner = await signInAt(browserFrom('127.0.0.1'), authorizeUrl(tenant(), app, pkce()), victim.email);
  expect(owner.callback?.searchParams.get('code')).toEqual(expect.any(String));
});

test('the block reads the same for an identifier that has no account: nobody learns who has one', async () => {
  const someone = await createUser(tenant(), 'someone');
  const nobody = `nobody.${someone.email}`;
  const forSomeone = await tenWrongPasswords(browserFrom('127.0.0.3'), someone.email);
  const forNobody = await tenWrongPasswords(browserFrom('127.0.0.3'), nobody);
  expect(forNobody.status).toBe(forSomeone.status);
  expect(forNobody.text.split(nobody).join('X')).toBe(forSomeone.text.split(someone.email).join('X'));
});
