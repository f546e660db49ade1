// Auth0 Actions' limits and messages, each with where it was seen: the build checks the bundle
// against them, the local tenant's Actions runtime and Management API reproduce them, and the
// Action itself imports the constants it checks (so this module stays plain constants and
// functions, nothing that pulls code into the bundle). "sdk" is @auth0/actions post-login v3
// (src/post-login/v3 and src/_shared of auth0/auth0-actions), "docs" is auth0/docs-v2. Messages
// marked OURS have no public wording from Auth0.

// Auth0 refuses Action code over 100 kB (docs limitations.mdx, docs/platform-facts.md §1), read as
// 100,000 bytes, the stricter reading.
export const MAX_ACTION_CODE_BYTES = 100 * 1000;

// docs customize/actions/limitations.mdx: a trigger execution must complete in 20 seconds.
export const MAX_EXECUTION_MS = 20_000;

// sdk PostLoginRenderPromptInput schema: promptId maxLength 48.
export const MAX_RENDER_FORM_ID_CHARS = 48;
// sdk PostLoginRenderPromptInput schema: fields and vars maxProperties 24 each.
export const MAX_RENDER_OPTION_KEYS = 24;
// sdk PostLoginRenderPromptInput schema: field keys match this pattern (vars keys are free).
export const RENDER_FIELD_KEY_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]{0,49}$/u;
// sdk helpers/renderPrompt/constants.ts: MAX_RENDER_PROMPT_OPTIONS_BYTES = 24 * 1024, measured on JSON.stringify(options).
export const MAX_RENDER_OPTIONS_BYTES = 24 * 1024;

// sdk PromptAPIImpl.render: aborts a second render in one execution.
export const RENDER_TWICE_MESSAGE = 'Only 1 render command per action is allowed.';
// sdk PromptAPIImpl.render and RedirectAPIImpl.sendUserTo: abort when both are used in one execution.
export const RENDER_AND_REDIRECT_MESSAGE = 'Redirect and render commands cannot be used in the same action.';
// sdk PromptAPIImpl.render: the size check's error.
export const renderOptionsTooLargeMessage = (): string =>
  `The total size of the prompt options exceeds the limit of ${MAX_RENDER_OPTIONS_BYTES} bytes.`;

// sdk UserAPIImpl.setAppMetadata / setUserMetadata: refused when the stored metadata is not an object.
export const APP_METADATA_NOT_OBJECT_MESSAGE = 'Unexpected app_metadata format. Must be a valid JSON object';
export const USER_METADATA_NOT_OBJECT_MESSAGE = 'Unexpected user_metadata format. Must be a valid JSON object.';

// docs limitations.mdx "Transaction metadata": keys up to 64 characters, values up to 8 KB,
// 16 KB in total, string/number/boolean only, no unsafe integers. Messages are OURS.
export const MAX_TRANSACTION_METADATA_KEY_CHARS = 64;
export const MAX_TRANSACTION_METADATA_VALUE_BYTES = 8 * 1024;
export const MAX_TRANSACTION_METADATA_TOTAL_BYTES = 16 * 1024;

// docs post-login-api-object.mdx: api.session.revoke is for Enterprise customers. What Auth0 does
// on other plans is not public: the local tenant fails the execution (message OURS), which, like
// any failed Action, ends the login without tokens.
export const sessionRevokeNotAvailableMessage = (plan: string): string =>
  `api.session.revoke is available on Enterprise plans only; the local tenant's plan is "${plan}". ` +
  'Start the local tenant with plan "enterprise", or set FORCE_RELOGIN to "deny".';

// OURS: docs limitations.mdx says the processing "will end in an error" after 20 s, without the wording.
export const executionTimedOutMessage = (timeoutMs: number): string =>
  `The Action did not finish within ${timeoutMs} ms, so the login ends in an error (Auth0 allows ${MAX_EXECUTION_MS} ms per trigger execution).`;

// sdk _shared LogBuffer: LOG_LIMIT = 256 * 1024 bytes of console output per execution.
export const MAX_LOG_BYTES = 256 * 1024;
