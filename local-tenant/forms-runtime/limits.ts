// Auth0's limits and behaviours that this runtime copies, as named constants with units and
// where each comes from; and the runtime's own choices where Auth0 documents nothing.

/** docs flows/integrations/data-verification.mdx: a generated code "with a validity of 5 minutes". */
export const OTP_TTL_SECONDS = 300;

/** OTP/GENERATE_CODE length: UNCONFIRMED, the docs give no bounds; this runtime takes 4 to 10 digits. */
export const MIN_OTP_LENGTH = 4;
export const MAX_OTP_LENGTH = 10;

/** docs customize/forms/routers.mdx: "You can add up to 10 rule conditions to the router node." */
export const MAX_ROUTER_RULES = 10;

/** This runtime's guard against a form whose nodes loop without reaching a step: nodes visited per submit. */
export const MAX_NODES_PER_SUBMIT = 50;

/** This runtime's guard against runaway flows: actions run per flow execution, nested ones included. */
export const MAX_ACTIONS_PER_FLOW_RUN = 200;

/**
 * How long before its expiry a cached Management API token is replaced. Client-credentials tokens
 * live 86,400 s by default (docs/platform-facts.md §4); the auth0 SDK's own TokenProvider refreshes
 * 10 s ahead; a minute leaves room for a slow request.
 */
export const TOKEN_REFRESH_MARGIN_SECONDS = 60;

/**
 * Retries of a failed Management API call, passed to the auth0 SDK (which retries 408, 429 and
 * 5xx twice by default: docs/platform-facts.md §4). 0: Auth0 documents no retry inside a flow action,
 * so a failure reaches the flow at once, and each fault a test arms is one failure.
 */
export const DEFAULT_MANAGEMENT_MAX_RETRIES = 0;

/** How long an outbound call (Management API, token, SendGrid) may take before the action fails. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;

/** Execution records kept per journey (the runtime's stand-in for the dashboard's Executions view). */
export const MAX_EXECUTION_RECORDS = 200;

/** The value the execution records show for an action with mask_output (docs variables.mdx shows mask() as ███). */
export const MASKED_OUTPUT = '███';
