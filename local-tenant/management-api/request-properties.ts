// The properties each create/update request accepts, from the `auth0` SDK v7 request types
// (dist/cjs/management/api/requests/requests.d.ts), which mirror Auth0's request schemas:
// Auth0 refuses any other property ("Additional properties not allowed").

export const CLIENT_CREATE = [
  'name', 'description', 'logo_uri', 'callbacks', 'oidc_logout', 'oidc_backchannel_logout', 'session_transfer',
  'allowed_origins', 'web_origins', 'client_aliases', 'allowed_clients', 'allowed_logout_urls', 'grant_types',
  'token_endpoint_auth_method', 'is_token_endpoint_ip_header_trusted', 'app_type', 'is_first_party', 'oidc_conformant',
  'jwt_configuration', 'encryption_key', 'sso', 'cross_origin_authentication', 'cross_origin_loc', 'sso_disabled',
  'custom_login_page_on', 'custom_login_page', 'custom_login_page_preview', 'form_template', 'addons', 'client_metadata',
  'mobile', 'initiate_login_uri', 'native_social_login', 'fedcm_login', 'refresh_token', 'default_organization',
  'organization_usage', 'organization_require_behavior', 'organization_discovery_methods', 'client_authentication_methods',
  'require_pushed_authorization_requests', 'require_proof_of_possession', 'signed_request_object',
  'token_vault_privileged_access', 'compliance_level', 'skip_non_verifiable_callback_uri_confirmation_prompt',
  'token_exchange', 'par_request_expiry', 'token_quota', 'resource_server_identifier',
  'identity_assertion_authorization_grant', 'anonymous_sessions', 'third_party_security_mode', 'redirection_policy',
  'express_configuration', 'b2b_integration_configuration', 'my_organization_configuration',
  'async_approval_notification_channels',
];
export const CLIENT_UPDATE = [...CLIENT_CREATE.filter((p) => p !== 'resource_server_identifier'), 'client_secret'];

export const CLIENT_GRANT_CREATE = [
  'client_id', 'audience', 'default_for', 'organization_usage', 'allow_any_organization', 'scope', 'subject_type',
  'authorization_details_types', 'allow_all_scopes',
];
export const CLIENT_GRANT_UPDATE = ['scope', 'organization_usage', 'allow_any_organization', 'authorization_details_types', 'allow_all_scopes'];

export const RESOURCE_SERVER_UPDATE = [
  'name', 'scopes', 'signing_alg', 'signing_secret', 'skip_consent_for_verifiable_first_party_clients',
  'allow_offline_access', 'allow_online_access', 'allow_online_access_with_ephemeral_sessions', 'token_lifetime',
  'token_lifetime_for_anonymous_access_tokens', 'token_dialect', 'enforce_policies', 'token_encryption',
  'consent_policy', 'authorization_details', 'proof_of_possession', 'subject_type_authorization', 'authorization_policy',
];
export const RESOURCE_SERVER_CREATE = [...RESOURCE_SERVER_UPDATE, 'identifier'];

export const CONNECTION_UPDATE = [
  'display_name', 'options', 'enabled_clients', 'is_domain_connection', 'show_as_button', 'realms', 'metadata',
  'authentication', 'connected_accounts', 'cross_app_access_requesting_app', 'cross_app_access_resource_app',
];
export const CONNECTION_CREATE = [...CONNECTION_UPDATE, 'name', 'strategy'];

export const FLOW_PROPERTIES = ['name', 'actions'];
export const FORM_PROPERTIES = ['name', 'messages', 'languages', 'translations', 'nodes', 'start', 'ending', 'style'];
export const VAULT_CONNECTION_CREATE = ['name', 'app_id', 'setup', 'environment'];
export const VAULT_CONNECTION_UPDATE = ['name', 'setup'];

export const ACTION_UPDATE = ['name', 'supported_triggers', 'code', 'dependencies', 'runtime', 'secrets', 'modules'];
export const ACTION_CREATE = [...ACTION_UPDATE, 'deploy'];

export const EMAIL_PROVIDER_PROPERTIES = ['name', 'enabled', 'default_from_address', 'credentials', 'settings'];
export const EMAIL_TEMPLATE_PROPERTIES = [
  'template', 'body', 'from', 'resultUrl', 'subject', 'syntax', 'urlLifetimeInSeconds', 'includeEmailInRedirect', 'enabled',
];

export const TENANT_SETTINGS_UPDATE = [
  'change_password', 'device_flow', 'guardian_mfa_page', 'default_audience', 'default_directory', 'error_page',
  'default_token_quota', 'flags', 'friendly_name', 'picture_url', 'support_email', 'support_url', 'allowed_logout_urls',
  'session_lifetime', 'session_lifetime_in_minutes', 'idle_session_lifetime', 'idle_session_lifetime_in_minutes',
  'ephemeral_session_lifetime', 'idle_ephemeral_session_lifetime', 'ephemeral_session_lifetime_in_minutes',
  'idle_ephemeral_session_lifetime_in_minutes', 'sandbox_version', 'legacy_sandbox_version', 'default_redirection_uri',
  'enabled_locales', 'security_headers', 'session_cookie', 'sessions', 'oidc_logout', 'customize_mfa_in_postlogin_action',
  'allow_organization_name_in_authentication_api', 'acr_values_supported', 'mtls', 'pushed_authorization_requests_supported',
  'authorization_response_iss_parameter_supported', 'skip_non_verifiable_callback_uri_confirmation_prompt',
  'resource_parameter_profile', 'client_id_metadata_document_supported', 'enable_ai_guide', 'phone_consolidated_experience',
  'include_session_metadata_in_tenant_logs', 'dynamic_client_registration_security_mode', 'country_codes',
];
