// A client (application) as the store keeps one: the settings Auth0 gives a new application
// (POST /api/v2/clients answers them for a body that names nothing else), under the fields the
// caller sets. The Management API, the seeded deploy client and the demo client all start here.
// The fields are those of the Client schema (docs api/management/v2/clients/post-clients.mdx, the
// management-api-oas spec; the auth0 SDK's Client type); the spec states no defaults, so these
// values are this tenant's reading of a new application, not a documented answer.
import type { JsonObject } from './types';

export function clientRecord(fields: JsonObject): JsonObject {
  return {
    tenant: 'local',
    global: false,
    is_first_party: true,
    oidc_conformant: true,
    callbacks: [],
    allowed_origins: [],
    web_origins: [],
    allowed_logout_urls: [],
    grant_types: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_method: 'client_secret_post',
    jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36000, secret_encoded: false },
    sso_disabled: false,
    cross_origin_authentication: false,
    custom_login_page_on: true,
    ...fields,
  };
}
