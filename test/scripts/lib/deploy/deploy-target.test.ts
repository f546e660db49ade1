import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPLOY_VARIABLES, resolveDeployTarget } from '../../../../scripts/lib/deploy/deploy-target';
import { ROOT } from '../../../helpers/paths';

const good = {
  AUTH0_DOMAIN: 'my-tenant.eu.auth0.com',
  AUTH0_CLIENT_ID: 'abcDEF123456',
  AUTH0_CLIENT_SECRET: 's'.repeat(40),
  SENDGRID_API_KEY: `SG.${'a'.repeat(22)}.${'b'.repeat(43)}`,
  DEPLOY_ENV: 'dev',
};

describe('deploy target', () => {
  test('every variable is named with where it comes from, all at once', () => {
    expect(() =>
      resolveDeployTarget({ AUTH0_DOMAIN: 'https://my-tenant.eu.auth0.com/' }, { localTenantEnv: undefined }),
    ).toThrow(
      new RegExp(
        [
          'Cannot deploy: fix these variables first; nothing was sent\\.',
          '  - AUTH0_DOMAIN must be a bare host name such as my-tenant\\.eu\\.auth0\\.com \\(no https://, no path\\)\\.',
          "  - AUTH0_CLIENT_ID is not set: the client id of the tenant's deploy application \\(Dashboard > Applications\\)\\.",
          "  - AUTH0_CLIENT_SECRET is not set: the client secret of the tenant's deploy application \\(Dashboard > Applications\\)\\.",
          '  - SENDGRID_API_KEY is not set: a SendGrid API key with Mail Send access \\(SendGrid > Settings > API Keys\\)\\.',
          '  - DEPLOY_ENV is not set',
        ].join('\\n'),
      ),
    );
  });

  test('a malformed secret is named without its value', () => {
    let message = '';
    try {
      resolveDeployTarget({ ...good, SENDGRID_API_KEY: 'not-a-key-but-secret' }, { localTenantEnv: undefined });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('SENDGRID_API_KEY must be a SendGrid API key');
    expect(message).not.toContain('not-a-key-but-secret');
  });

  test('a complete environment targets the tenant', () => {
    const target = resolveDeployTarget(good, { localTenantEnv: undefined });
    expect(target).toMatchObject({ kind: 'tenant', envName: 'dev', domain: 'my-tenant.eu.auth0.com' });
  });

  test('no AUTH0_DOMAIN and no local tenant: says how to start one or what to set', () => {
    expect(() => resolveDeployTarget({}, { localTenantEnv: undefined })).toThrow(
      /AUTH0_DOMAIN is not set and no local tenant is running\. Either start one \(npm run local-tenant, or npm start\)/,
    );
  });

  test('no AUTH0_DOMAIN: the local tenant, environment "local", trusting its certificate', () => {
    const target = resolveDeployTarget(
      {},
      {
        localTenantEnv: { ...good, AUTH0_DOMAIN: 'localhost:4443', DEPLOY_ENV: '', NODE_EXTRA_CA_CERTS: '/x/cert.pem' },
      },
    );
    expect(target).toMatchObject({
      kind: 'local-tenant',
      envName: 'local',
      domain: 'localhost:4443',
      childEnv: { NODE_EXTRA_CA_CERTS: '/x/cert.pem' },
    });
  });

  test('.env.example lists every deploy variable with a line on where it comes from', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    for (const variable of DEPLOY_VARIABLES) {
      expect(example).toMatch(new RegExp(`#[^\\n]+\\n(#[^\\n]*\\n)*${variable.name}=\\n`));
    }
    expect(example).toMatch(/\nDEPLOY_ENV=/);
  });
});

describe('the environment and the target agree', () => {
  const local = { ...good, AUTH0_DOMAIN: 'localhost:4443', NODE_EXTRA_CA_CERTS: '/x/cert.pem' };

  test.each(['dev', 'staging', 'prod'])(
    '--env %s with no AUTH0_DOMAIN is refused, not sent to the local tenant',
    (envName) => {
      expect(() => resolveDeployTarget({}, { envName, localTenantEnv: local })).toThrow(
        `--env ${envName} deploys to a real tenant, and AUTH0_DOMAIN is not set; nothing was sent. Set AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and SENDGRID_API_KEY for that tenant (see .env.example), or use --env local for the local tenant.`,
      );
      expect(() => resolveDeployTarget({ DEPLOY_ENV: envName }, { localTenantEnv: local })).toThrow(
        `--env ${envName} deploys to a real tenant`,
      );
    },
  );

  test('--env local (or none) with no AUTH0_DOMAIN is the local tenant', () => {
    expect(resolveDeployTarget({}, { envName: 'local', localTenantEnv: local }).kind).toBe('local-tenant');
  });

  test("--env local with a real AUTH0_DOMAIN is refused; with the local tenant's domain it is allowed", () => {
    expect(() => resolveDeployTarget(good, { envName: 'local', localTenantEnv: undefined })).toThrow(
      "--env local is the local tenant's configuration, and AUTH0_DOMAIN is my-tenant.eu.auth0.com; nothing was sent.",
    );
    expect(
      resolveDeployTarget(
        { ...good, AUTH0_DOMAIN: 'localhost:4443', DEPLOY_ENV: 'local' },
        { localTenantEnv: undefined },
      ).envName,
    ).toBe('local');
  });
});
