// The registry of the local tenant's surfaces. Each is a module that exports a Surface
// (surface.ts): its listener, its path prefixes, its routes and its error format.
//
// To add one (the login side, the demo app, ...): create local-tenant/<name>/<name>-surface.ts
// exporting a Surface, list it below, and give it a test under test/local-tenant/<name>/.
import { controlSurface } from './control/control-surface';
import { demoAppSurface } from './demo-app/demo-app-surface';
import { indexPageSurface } from './index-page/index-page-surface';
import { loginControlsSurface } from './login/login-controls-surface';
import { loginSurface } from './login/login-surface';
import { oidcSurface } from './login/oidc-surface';
import { managementApiSurface } from './management-api/management-api-surface';
import { outboxSurface } from './outbox/outbox-surface';
import { sendgridSurface } from './sendgrid/sendgrid-surface';
import type { Surface } from './surface';
import { tokensSurface } from './tokens/tokens-surface';

export const SURFACES: readonly Surface[] = [
  tokensSurface,
  managementApiSurface,
  sendgridSurface,
  outboxSurface,
  controlSurface,
  loginSurface,
  oidcSurface,
  loginControlsSurface,
  demoAppSurface,
  indexPageSurface,
];
