// The local tenant's Actions runtime: runs a deployed post-login Action's code.js in node:vm with
// an event and an api that follow Auth0's post-login v3 behaviour and limits (platform/actions-limits.ts).
// Used by the tests of the Action and by the login side of the local tenant.
export { loadAction } from './load-action';
export type {
  ExecuteOptions,
  LoadActionOptions,
  LoadedPostLoginAction,
  PostLoginEntryPoint,
  RawExecution,
} from './load-action';
export type { TenantPlan } from './post-login-api';
export type { PostLoginAuthenticationMethod, PostLoginEvent, PostLoginIdentity } from './post-login-event';
export type { PostLoginOutcome, PostLoginRecord } from './post-login-record';
export type { RequireRecord } from './action-require';
