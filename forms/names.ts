// Names shared by tenant.yaml, the form, the flows, deploy and the local tenant.
// deploy-cli swaps a form's flow_id NAME and a flow's connection_id NAME for ids (platform-facts.md §5).
export const FORM_NAME = 'email-change';
export const SEND_CODE_FLOW = 'email-change-send-code';
export const VERIFY_CODE_FLOW = 'email-change-verify-code';
export const AUTH0_VAULT_CONNECTION = 'email-change-auth0';
export const SENDGRID_VAULT_CONNECTION = 'email-change-sendgrid';
