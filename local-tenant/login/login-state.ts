// What the login side keeps in memory, per tenant: browser sessions, transactions under way,
// authorization codes, the access tokens /userinfo accepts, failed-attempt counters, the loaded
// Actions and the Forms runtime. None of it survives a restart: a restart signs everyone out and
// abandons logins under way, as a fresh browser would see it; users and config stay in the state.
import { type FormsRuntime, createFormsRuntime, type Journey } from '../forms-runtime';
import type { LoadedPostLoginAction } from '../actions-runtime';
import type { TenantContext } from '../surface';
import { recordFlowExecution } from '../flow-executions';

export interface AuthMethod {
  name: string;
  /** ISO 8601, as Auth0 writes event.authentication.methods timestamps (docs/platform-facts.md §1). */
  timestamp: string;
  type?: string;
}

export interface SessionLogin {
  readonly userId: string;
  /** The address the user signed in with: the session is void once the user's email differs (docs/platform-facts.md §4). */
  readonly email: string;
  /** When the last first factor (password, social) was completed: auth_time, max_age. */
  authTimeMs: number;
  /** Every method completed in this session, newest time per method; mfa entries stay for the whole session. */
  methods: AuthMethod[];
}

export interface BrowserSession {
  /** The cookie value: never shown to Actions or logged. */
  readonly token: string;
  /** event.session.id: stays the same when the token is replaced at sign-in. */
  readonly id: string;
  readonly createdAtMs: number;
  lastUsedMs: number;
  login?: SessionLogin;
}

export interface AuthorizeRequest {
  readonly clientId: string;
  readonly clientName: string;
  readonly redirectUri: string;
  readonly responseMode: 'query' | 'form_post';
  readonly state?: string;
  readonly nonce?: string;
  readonly scope: readonly string[];
  readonly codeChallenge?: string;
  readonly maxAgeSeconds?: number;
  readonly prompt: readonly string[];
  readonly uiLocales: readonly string[];
  readonly acrValues: readonly string[];
  readonly loginHint?: string;
  /** Every query parameter, as strings: event.request.query of onExecutePostLogin. */
  readonly query: Readonly<Record<string, string>>;
}

export interface DeployedAction {
  readonly actionId: string;
  readonly name: string;
  readonly versionId: string;
  readonly versionNumber: number;
  readonly code: string;
  readonly dependencies: readonly string[];
  readonly secrets: Readonly<Record<string, string>>;
}

export interface PipelineProgress {
  /** The bound Actions as deployed when this login's pipeline started: a deploy meanwhile does not change it. */
  readonly actions: readonly DeployedAction[];
  /** Index of the next Action whose onExecutePostLogin runs. */
  next: number;
  /** event.transaction.metadata as the last Action left it. */
  metadata: Record<string, string | number | boolean>;
  /** api.multifactor.enable was called: MFA at the end of the flow. */
  mfaAtEnd: boolean;
  /** api.authentication.challengeWith was called: MFA before the next Action. */
  challengePending: boolean;
  /** Metadata an Action set before it rendered a form, held until the login resumes (reading saved-when-login-ends). */
  heldMetadata?: { readonly appMetadata: Record<string, unknown>; readonly userMetadata: Record<string, unknown> };
}

export interface FormProgress {
  /** The Action that rendered the form: its onContinuePostLogin resumes the login. */
  readonly actionIndex: number;
  readonly formId: string;
  readonly journey: Journey;
}

export interface LoginTransaction {
  /** The `state` of the /u/ pages: random, never the app's state. */
  readonly id: string;
  /** The browser session the transaction belongs to: another browser cannot drive it. */
  browserToken: string;
  readonly createdAtMs: number;
  readonly request: AuthorizeRequest;
  /**
   * The sign-in this login goes on with, copied from the session: the copy outlives the session,
   * which a changed email voids in the middle of the login.
   */
  login?: SessionLogin;
  /** The TOTP challenge was passed in this transaction (acr_values and Actions ask for this one). */
  mfaDoneHere: boolean;
  mfaFailures: number;
  pipeline?: PipelineProgress;
  form?: FormProgress;
  /** A request on this transaction is being answered: a second one waits for nothing and is refused. */
  /** The request of this transaction under way (serialised reading): the next waits for it. */
  queue: Promise<void>;
}

export interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge?: string;
  readonly nonce?: string;
  readonly userId: string;
  readonly scope: readonly string[];
  readonly authTimeMs: number;
  readonly amr: readonly string[];
  readonly acr?: string;
  readonly expiresAtMs: number;
  used: boolean;
  /** The access token issued for it, revoked if the code is ever presented again (RFC 6749 §4.1.2). */
  accessToken?: string;
}

export interface IssuedAccessToken {
  readonly userId: string;
  readonly clientId: string;
  readonly scope: readonly string[];
  readonly expiresAtMs: number;
}

export interface LoginState {
  readonly sessions: Map<string, BrowserSession>;
  readonly transactions: Map<string, LoginTransaction>;
  readonly codes: Map<string, AuthorizationCode>;
  readonly accessTokens: Map<string, IssuedAccessToken>;
  /** Consecutive failed passwords per client IP and identifier (brute-force protection). */
  readonly failedLogins: Map<string, number>;
  /** The last TOTP time step accepted per user: a code is accepted once (RFC 6238 §5.2). */
  readonly lastTotpStep: Map<string, number>;
  /** Loaded Actions by version id: module-level code runs once per version (docs migrate-nodejs-22.mdx). */
  readonly actions: Map<string, LoadedPostLoginAction>;
  readonly forms: FormsRuntime;
}

const states = new WeakMap<TenantContext, LoginState>();

export function loginState(context: TenantContext): LoginState {
  let state = states.get(context);
  if (!state) {
    state = {
      sessions: new Map(),
      transactions: new Map(),
      codes: new Map(),
      accessTokens: new Map(),
      failedLogins: new Map(),
      lastTotpStep: new Map(),
      actions: new Map(),
      // The flows call the tenant's own Management API and SendGrid, over HTTPS, as on Auth0.
      forms: createFormsRuntime({
        managementDomain: context.domain,
        sendgridBaseUrl: context.httpsUrl,
        now: context.now,
        trust: context.ownCertificate,
        readings: context.readings,
        requestTimeoutSeconds: context.formsRequestTimeoutSeconds,
        onFlowExecution: (execution) => recordFlowExecution(context, execution),
      }),
    };
    states.set(context, state);
  }
  return state;
}

/** Ends every browser session of the user (the Management API's DELETE /api/v2/users/{id}/sessions, through TenantContext). */
export function revokeSessionsOf(context: TenantContext, userId: string): void {
  const sessions = loginState(context).sessions;
  for (const [token, session] of sessions) if (session.login?.userId === userId) sessions.delete(token);
}
