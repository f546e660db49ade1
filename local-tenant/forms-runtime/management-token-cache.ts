// Client-credentials tokens for vault connections (AUTH0, and HTTP of type OAuth client credentials), cached until shortly before they
// expire, as Auth0's vault does (docs/platform-facts.md §4: tokens live 86,400 s by default; never
// fetch one per request): one token serves every journey of the runtime. Concurrent requests
// for the same token share one token request.
import { createHash } from 'node:crypto';
import { ActionFailure } from './action-failure';
import { describeNetworkError } from '../shared/network-error';
import { TOKEN_REFRESH_MARGIN_SECONDS } from './limits';

export interface ClientCredentials {
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly audience: string;
  /** Where to ask (an HTTP vault connection's setup.token_endpoint); default https://<domain>/oauth/token. */
  readonly tokenEndpoint?: string;
  readonly scope?: string;
}

interface CachedToken {
  readonly token: string;
  readonly expiresAtMs: number;
}

export class ManagementTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(private readonly options: { now: () => number; timeoutSeconds: number; fetch: typeof fetch }) {}

  async token(credentials: ClientCredentials): Promise<string> {
    // The secret is part of the key (hashed) so that a rotated secret gets a token of its own.
    const key = [
      credentials.tokenEndpoint ?? credentials.domain,
      credentials.clientId,
      credentials.audience,
      credentials.scope ?? '',
      createHash('sha256').update(credentials.clientSecret).digest('hex'),
    ].join('|');
    const cached = this.tokens.get(key);
    if (cached && this.options.now() < cached.expiresAtMs - TOKEN_REFRESH_MARGIN_SECONDS * 1000) return cached.token;
    let request = this.pending.get(key);
    if (!request) {
      request = this.request(credentials).finally(() => this.pending.delete(key));
      this.pending.set(key, request);
    }
    const fresh = await request;
    this.tokens.set(key, fresh);
    return fresh.token;
  }

  private async request(credentials: ClientCredentials): Promise<CachedToken> {
    const requestedAt = this.options.now();
    let response: Response;
    try {
      response = await this.options.fetch(credentials.tokenEndpoint ?? `https://${credentials.domain}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
          audience: credentials.audience,
          ...(credentials.scope === undefined ? {} : { scope: credentials.scope }),
        }).toString(),
        signal: AbortSignal.timeout(this.options.timeoutSeconds * 1000),
      });
    } catch (error) {
      throw new ActionFailure(
        `the Management API token request to ${credentials.domain} failed: ${describeNetworkError(error)}`,
      );
    }
    const text = await response.text();
    let body: { access_token?: unknown; expires_in?: unknown; error_description?: unknown; error?: unknown } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // A non-JSON answer is reported by status below.
    }
    if (!response.ok || typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
      const reason =
        typeof body.error_description === 'string'
          ? body.error_description
          : typeof body.error === 'string'
            ? body.error
            : text.slice(0, 200);
      throw new ActionFailure(
        `the Management API token request to ${credentials.domain} answered ${response.status}: ${reason}`,
        response.status,
      );
    }
    return { token: body.access_token, expiresAtMs: requestedAt + body.expires_in * 1000 };
  }
}
