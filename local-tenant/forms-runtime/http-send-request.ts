// HTTP/SEND_REQUEST (docs customize/forms/flows/integrations/http-request.mdx; v7
// FlowActionHttpSendRequestParams {connection_id?, url, method?, headers?, params?, payload?,
// content_type? JSON|FORM|XML}) with an HTTP vault connection (docs customize/forms/vaults/http.mdx:
// Bearer token, or OAuth client credentials). Its output is documented: {headers, body, status,
// success}. What a non-2xx answer does is not: under the reading httpErrorStatus 'output' the
// action answers {success: false, status}; under 'fails' the action fails (allow_failure applies).
// The local tenant reaches only itself: any other host is refused by name.
import type { Readings } from '../../platform/readings';
import { describeNetworkError } from '../shared/network-error';
import { ActionFailure } from './action-failure';
import type { ManagementTokenCache } from './management-token-cache';
import { DefinitionError } from './unsupported';
import { setupString, type VaultConnection } from './vault-connections';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const CONTENT_TYPES: Record<string, string> = {
  JSON: 'application/json',
  FORM: 'application/x-www-form-urlencoded',
  XML: 'application/xml',
};

export interface HttpOutput {
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly status: number;
  readonly success: boolean;
}

export interface HttpServices {
  readonly fetch: typeof fetch;
  readonly tokens: ManagementTokenCache;
  /** Origins this runtime may call: the local tenant's own. */
  readonly allowedOrigins: readonly string[];
  readonly timeoutSeconds: number;
  readonly httpErrorStatus: Readings['httpErrorStatus'];
}

async function authorization(
  connection: VaultConnection | undefined,
  services: HttpServices,
  where: string,
): Promise<Record<string, string>> {
  if (connection === undefined) return {};
  const type = connection.setup.type;
  if (type === 'BEARER') return { authorization: `Bearer ${setupString(connection, 'token', where)}` };
  if (type === 'OAUTH_CLIENT_CREDENTIALS') {
    const tokenEndpoint = setupString(connection, 'token_endpoint', where);
    const token = await services.tokens.token({
      domain: new URL(tokenEndpoint).host,
      tokenEndpoint,
      clientId: setupString(connection, 'client_id', where),
      clientSecret: setupString(connection, 'client_secret', where),
      audience: typeof connection.setup.audience === 'string' ? connection.setup.audience : '',
      ...(typeof connection.setup.scope === 'string' ? { scope: connection.setup.scope } : {}),
    });
    return { authorization: `Bearer ${token}` };
  }
  throw new DefinitionError(
    `${where}: vault connection "${connection.name}" has setup.type ${JSON.stringify(type)}; the local tenant runs BEARER and OAUTH_CLIENT_CREDENTIALS`,
  );
}

function encodeBody(payload: unknown, contentType: string): string {
  if (typeof payload === 'string') return payload;
  if (contentType === 'application/x-www-form-urlencoded') {
    return new URLSearchParams(
      Object.entries((payload ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    ).toString();
  }
  return JSON.stringify(payload);
}

export async function httpSendRequest(
  params: Record<string, unknown>,
  connection: VaultConnection | undefined,
  services: HttpServices,
  where: string,
): Promise<HttpOutput> {
  if (typeof params.url !== 'string' || params.url === '')
    throw new DefinitionError(`${where}: HTTP/SEND_REQUEST needs params.url`);
  let url: URL;
  try {
    url = new URL(params.url);
  } catch {
    throw new ActionFailure(`HTTP/SEND_REQUEST: ${JSON.stringify(params.url)} is not a URL`);
  }
  if (!services.allowedOrigins.includes(url.origin)) {
    throw new DefinitionError(
      `${where}: the local tenant's flows reach only the local tenant (${services.allowedOrigins.join(', ')}), not ${url.origin}`,
    );
  }
  const method = params.method ?? 'GET';
  if (typeof method !== 'string' || !METHODS.includes(method))
    throw new DefinitionError(
      `${where}: params.method must be one of ${METHODS.join(', ')}, got ${JSON.stringify(method)}`,
    );
  // "URL params: These parameters will be automatically URL-encoded."
  for (const [key, value] of Object.entries((params.params ?? {}) as Record<string, unknown>)) {
    if (value !== null && value !== undefined) url.searchParams.set(key, String(value));
  }
  const contentTypeName = params.content_type ?? 'JSON';
  const contentType = CONTENT_TYPES[String(contentTypeName)];
  if (contentType === undefined)
    throw new DefinitionError(
      `${where}: params.content_type must be JSON, FORM or XML, got ${JSON.stringify(contentTypeName)}`,
    );
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries((params.headers ?? {}) as Record<string, unknown>))
    headers[key.toLowerCase()] = String(value);
  Object.assign(headers, await authorization(connection, services, where));
  const init: RequestInit = { method, headers, signal: AbortSignal.timeout(services.timeoutSeconds * 1000) };
  if (params.payload !== undefined && method !== 'GET') {
    headers['content-type'] = contentType;
    init.body = encodeBody(params.payload, contentType);
  }
  let response: Response;
  try {
    response = await services.fetch(url.toString(), init);
  } catch (error) {
    throw new ActionFailure(`HTTP/SEND_REQUEST ${method} ${url.pathname}: ${describeNetworkError(error, url.host)}`);
  }
  const text = await response.text();
  let body: unknown = text;
  if (text === '') body = {};
  else {
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the text is the body.
    }
  }
  const output: HttpOutput = {
    headers: Object.fromEntries(response.headers.entries()),
    body,
    status: response.status,
    success: response.ok,
  };
  if (!response.ok && services.httpErrorStatus === 'fails') {
    const message =
      typeof (body as { message?: unknown })?.message === 'string'
        ? (body as { message: string }).message
        : response.statusText;
    throw new ActionFailure(
      `HTTP/SEND_REQUEST ${method} ${url.pathname} answered ${response.status}: ${message}`,
      response.status,
    );
  }
  return output;
}
