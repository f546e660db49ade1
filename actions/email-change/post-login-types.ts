// The subset of Auth0's post-login v3 `event` and `api` this Action reads and calls. The official
// types package (@auth0/actions) is not installable here (docs/platform-facts.md §1), so these are
// written from docs actions/reference/post-login/post-login-{event,api}-object.mdx.
//
// What the login side of the local tenant must provide for this Action (and what Auth0 provides):
//
// event, in onExecutePostLogin:
// - request.query: the /authorize query as strings; `email_change` and `prompt` are read.
// - transaction.protocol ('oidc-basic-profile', 'oauth2-refresh-token', ...), transaction.prompt
//   (string or list; 'none' for silent auth), transaction.ui_locales (list, may be absent),
//   transaction.metadata (object, updated live by api.transaction.setMetadata).
// - connection.strategy ('auth0' for database connections).
// - user.user_id, user.email, user.identities[0].provider (the primary identity),
//   user.app_metadata (object), user.enrolledFactors (list of {type}; undefined means Auth0 could
//   not read them), user.multifactor (list of provider names).
// - authentication.methods: every method completed in the session, `{ name, timestamp }` with an
//   ISO timestamp; first factors are named pwd, passkey, email, sms, tel; a completed MFA
//   challenge is `{ name: 'mfa', type, timestamp }`. A login that passed MFA earlier in the same
//   session must still list that `mfa` entry with its time.
// - secrets: the four Action secrets named in tenant.yaml, as strings.
// event, in onContinuePostLogin (after the form's ending node resumes the login):
// - prompt.vars (the vars the Action rendered with, plus those the flows set),
//   transaction.metadata (what onExecutePostLogin stored), secrets.
//
// api calls made: access.deny(reason), prompt.render(formId, { vars }),
// transaction.setMetadata(key, string), user.setAppMetadata(key, number[]),
// session.revoke(reason) (only with FORCE_RELOGIN=revoke-session, Enterprise plans).

import type { DenyReason } from './contract';

export interface AuthenticationMethod {
  readonly name: string;
  /** ISO 8601 time the method was completed. */
  readonly timestamp: string;
  readonly type?: string;
}

export interface UserIdentity {
  readonly provider: string;
  readonly connection?: string;
  readonly isSocial?: boolean;
}

export interface EnrolledFactor {
  readonly type: string;
}

export type TransactionMetadataValue = string | number | boolean;

export interface PostLoginEvent {
  readonly request: { readonly query?: Readonly<Record<string, string | undefined>> };
  readonly transaction?: {
    readonly protocol?: string;
    readonly prompt?: string | readonly string[];
    readonly ui_locales?: readonly string[];
    readonly metadata?: Readonly<Record<string, TransactionMetadataValue | undefined>>;
  };
  readonly connection: { readonly strategy: string; readonly name?: string };
  readonly user: {
    readonly user_id: string;
    readonly email?: string;
    readonly identities?: readonly UserIdentity[];
    readonly app_metadata?: Readonly<Record<string, unknown>>;
    readonly enrolledFactors?: readonly EnrolledFactor[];
    readonly multifactor?: readonly string[];
    /** ISO time of the last password change (docs post-login-event-object.mdx). */
    readonly last_password_reset?: string;
  };
  readonly authentication?: { readonly methods?: readonly AuthenticationMethod[] };
  readonly prompt?: { readonly id?: string; readonly vars?: Readonly<Record<string, unknown>> };
  readonly secrets: Readonly<Record<string, string | undefined>>;
}

export interface RenderOptions {
  readonly vars?: Readonly<Record<string, unknown>>;
}

/**
 * The reasons are typed as the contract's (contract.ts DENY): the Action passes them as literals,
 * and this is what checks each one. Auth0 returns `api` from both for chaining, which the Action
 * never does.
 */
export interface PostLoginApi {
  readonly access: { deny(reason: DenyReason): void };
  readonly prompt: { render(formId: string, options?: RenderOptions): void };
  readonly transaction: { setMetadata(key: string, value: TransactionMetadataValue | null): void };
  readonly user: { setAppMetadata(key: string, value: unknown): unknown };
  readonly session: { revoke(reason: DenyReason, options?: { preserveRefreshTokens?: boolean }): void };
}
