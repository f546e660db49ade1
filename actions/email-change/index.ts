// Post-Login Action: entry into the email change. Minimal until the Action issue fills it in.
// The normal login (no email_change=true) returns at once: it runs on every login of the tenant.
interface MinimalEvent {
  request: { query?: Record<string, unknown> };
  secrets: Record<string, string | undefined>;
}
interface MinimalApi {
  access: { deny(reason: string): void };
}

export const onExecutePostLogin = async (event: MinimalEvent, api: MinimalApi): Promise<void> => {
  if (event.request.query?.email_change !== 'true') return;
  api.access.deny('email_change_unavailable');
};
