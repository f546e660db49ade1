// Builds the post-login v3 `event` from the login as it really happened: the /authorize request,
// the session's authentication methods, the user as stored now, the client and the connection
// (docs actions/reference/post-login/post-login-event-object.mdx; what the email-change Action
// reads is listed in actions/email-change/post-login-types.ts).
import type { IncomingHttpHeaders } from 'node:http';
import type { PostLoginEvent } from '../actions-runtime';
import type { JsonObject, StoredUser } from '../state/types';
import type { TenantContext } from '../surface';
import type { AuthMethod, DeployedAction, LoginTransaction } from './login-state';

/** The HTTP request the execution runs in: /authorize for onExecutePostLogin, the resuming request for onContinuePostLogin. */
export interface ExecutionRequest {
  readonly method: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
}

export interface EventInput {
  readonly tx: LoginTransaction;
  readonly user: StoredUser;
  readonly methods: readonly AuthMethod[];
  readonly sessionId: string;
  readonly action: DeployedAction;
  readonly request: ExecutionRequest;
  readonly metadata: Readonly<Record<string, string | number | boolean>>;
  readonly prompt?: { id: string; fields?: Record<string, unknown>; vars?: Record<string, unknown> };
}

/** Enrolled factors as the event lists them: a TOTP secret is an `otp` factor. */
export function enrolledFactors(user: StoredUser): { type: string }[] {
  return user.totp_secret ? [{ type: 'otp' }] : [];
}

function connectionOf(context: TenantContext, user: StoredUser): { id: string; name: string; strategy: string } {
  const name = user.identities[0]?.connection ?? '';
  const connection = context.store.state.connections.find((c) => c.name === name);
  return {
    id: String(connection?.id ?? ''),
    name,
    // docs: database connections have strategy auth0; a social connection's strategy is its provider.
    strategy: String(connection?.strategy ?? user.identities[0]?.provider ?? ''),
  };
}

function clientOf(
  context: TenantContext,
  clientId: string,
): { client_id: string; name: string; metadata: Record<string, string> } {
  const client = context.store.state.clients.find((c) => c.client_id === clientId) as JsonObject | undefined;
  const metadata = client?.client_metadata;
  return {
    client_id: clientId,
    name: String(client?.name ?? clientId),
    metadata:
      typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
        ? (metadata as Record<string, string>)
        : {},
  };
}

export function buildPostLoginEvent(context: TenantContext, input: EventInput): PostLoginEvent {
  const { tx, user, request } = input;
  const userAgent = request.headers['user-agent'];
  const language = request.headers['accept-language'];
  const factors = enrolledFactors(user);
  return {
    request: {
      query: { ...request.query },
      body: {},
      // The local tenant listens on loopback only.
      ip: '127.0.0.1',
      hostname: new URL(context.httpUrl).host,
      method: request.method,
      ...(typeof userAgent === 'string' ? { user_agent: userAgent } : {}),
      ...(typeof language === 'string' ? { language: language.split(',')[0] as string } : {}),
    },
    transaction: {
      id: tx.id,
      // docs post-login-event-object.mdx: the authorization code flow is protocol oidc-basic-profile.
      protocol: 'oidc-basic-profile',
      prompt: [...tx.request.prompt],
      ui_locales: [...tx.request.uiLocales],
      acr_values: [...tx.request.acrValues],
      requested_scopes: [...tx.request.scope],
      redirect_uri: tx.request.redirectUri,
      ...(tx.request.state === undefined ? {} : { state: tx.request.state }),
      metadata: { ...input.metadata },
    },
    connection: connectionOf(context, user),
    client: clientOf(context, tx.request.clientId),
    tenant: { id: 'local' },
    user: {
      user_id: user.user_id,
      email: user.email,
      email_verified: user.email_verified,
      name: user.name,
      identities: user.identities.map((i) => ({ ...i })),
      app_metadata: structuredClone(user.app_metadata),
      user_metadata: structuredClone(user.user_metadata),
      enrolledFactors: factors,
      multifactor: user.multifactor ?? (factors.length > 0 ? ['guardian'] : []),
      created_at: user.created_at,
      updated_at: user.updated_at,
      ...(user.last_password_reset === undefined ? {} : { last_password_reset: user.last_password_reset }),
    },
    authentication: { methods: input.methods.map((m) => ({ ...m })) },
    ...(input.prompt === undefined ? {} : { prompt: structuredClone(input.prompt) }),
    session: { id: input.sessionId },
    stats: { logins_count: user.logins_count },
    secrets: { ...input.action.secrets },
  };
}
