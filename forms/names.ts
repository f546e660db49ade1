// Names shared by tenant.yaml, the form, the flows, deploy and the local tenant.
// deploy-cli swaps a form's flow_id NAME and a flow's connection_id NAME for ids (docs/platform-facts.md §5).
export const FORM_NAME = 'email-change';
export const SEND_CODE_FLOW = 'email-change-send-code';
export const RESEND_CODE_FLOW = 'email-change-resend-code';
export const VERIFY_CODE_FLOW = 'email-change-verify-code';
/** HTTP vault connection (OAuth client credentials) to the tenant's Management API: every read and write of the user. */
export const MANAGEMENT_API_VAULT_CONNECTION = 'email-change-management-api';
/** HTTP vault connection (Bearer: the SendGrid API key) for /v3/mail/send. */
export const SENDGRID_VAULT_CONNECTION = 'email-change-sendgrid-http';
