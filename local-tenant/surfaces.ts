// The registry of the local tenant's surfaces. Each is a module that exports a Surface
// (surface.ts): its listener, its path prefixes, its routes and its error format.
//
// To add one: create local-tenant/<name>/<name>-surface.ts exporting a Surface, list it below, and
// give it a test under test/local-tenant/<name>/. Apps (the demo app) are not the tenant's: the
// caller adds them (startLocalTenant's `apps`), and they come before the index page, which lists
// every surface with a page for people.
import { controlSurface } from './control/control-surface';
import { indexPageSurface } from './index-page/index-page-surface';
import { loginControlsSurface } from './login/login-controls-surface';
import { loginSurface } from './login/login-surface';
import { authorizationCodeGrant } from './login/authorization-code-grant';
import { createOidcSurface } from './login/oidc-surface';
import { managementApiSurface } from './management-api/management-api-surface';
import { outboxSurface } from './outbox/outbox-surface';
import { sendgridSurface } from './sendgrid/sendgrid-surface';
import type { Surface } from './surface';
import { createTokensSurface } from './tokens/tokens-surface';

// The tokens service grants client credentials; the login side adds the authorization code grant.
const tokensSurface = createTokensSurface({ authorization_code: authorizationCodeGrant });

const TENANT_SURFACES: readonly Surface[] = [
  tokensSurface,
  managementApiSurface,
  sendgridSurface,
  outboxSurface,
  controlSurface,
  loginSurface,
  createOidcSurface(tokensSurface),
  loginControlsSurface,
];

/** The tenant's surfaces and the apps the caller adds, then the index page of them all. */
export function surfacesWith(apps: readonly Surface[]): readonly Surface[] {
  const listed = [...TENANT_SURFACES, ...apps];
  // The index lists the apps first: what a person opening the tenant's URL came for.
  return [...listed, indexPageSurface([...apps, ...TENANT_SURFACES])];
}
