// The login side's limits and names, with units and where each comes from; where Auth0 documents
// nothing, the choice is this local tenant's and says so.

/** How long an authorization code may wait for its exchange. RFC 6749 §4.1.2 asks for short-lived codes, at most 10 minutes; this tenant's choice is 1 minute. */
export const AUTHORIZATION_CODE_LIFETIME_SECONDS = 60;

/** How long a login may stay under way (login page, MFA, form) before it must start again: this tenant's choice. */
export const TRANSACTION_LIFETIME_SECONDS = 3600;

/** Lifetime of the access tokens /userinfo accepts (Auth0's default for tokens issued without an audience: 86,400 s). */
export const USERINFO_ACCESS_TOKEN_LIFETIME_SECONDS = 86_400;

/** docs secure/attack-protection/brute-force-protection: 10 consecutive failed logins from one IP to one identifier block that IP for it. */
export const MAX_FAILED_LOGINS = 10;

/** Wrong TOTP codes accepted in one login before it must start again: this tenant's choice. */
export const MAX_MFA_FAILURES = 5;

/** TOTP as authenticator apps use it (RFC 6238 defaults): 6 digits, 30 s steps; one step either side for clock drift. */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_WINDOW_STEPS = 1;

/** Hours in tenant settings session_lifetime / idle_session_lifetime when the tenant has none (Auth0's defaults: 168 h and 72 h). */
export const DEFAULT_SESSION_LIFETIME_HOURS = 168;
export const DEFAULT_IDLE_SESSION_LIFETIME_HOURS = 72;

/** The cookie of the login side's browser session. */
export const SESSION_COOKIE = 'local_tenant_session';

/** The social connection of the login page's stand-in button (a Google connection's name and strategy). */
export const SOCIAL_CONNECTION = 'google-oauth2';
