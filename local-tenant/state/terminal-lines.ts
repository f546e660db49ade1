// The lines the local tenant prints as things happen, as Auth0's Flow executions view and
// SendGrid's activity feed would show them: one per flow execution as it ends, one per email
// accepted. Printed only when the tenant runs for a person (npm start, npm run local-tenant);
// tests inject their own logger. Local only: an email's line shows its code.
import type { JsonObject, OutboxMessage, StoredFlowExecution } from './types';

/** "2026-11-21 09:00:00Z": seconds are enough for a person reading along. */
export const terminalTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;

const quoted = (text: string, max = 120): string =>
  JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function flowExecutionLine(execution: StoredFlowExecution): string {
  const debug = execution.debug;
  const flow = (debug.flow as JsonObject | undefined)?.name ?? execution.flow_id;
  const user = debug.user as JsonObject | undefined;
  const who = String(user?.email ?? user?.user_id ?? 'unknown user');
  const head = `${terminalTime(execution.ended_at)}  flow ${String(flow)}  journey ${execution.journey_id}  user ${who}`;
  if (execution.status === 'failed') {
    const error = (debug.error ?? {}) as JsonObject;
    return `${head}  FAILED at ${String(error.action_id ?? 'the flow itself')}: ${String(error.message ?? 'no cause recorded')}`;
  }
  if (debug.outcome === 'error-message')
    return `${head}  ok, ended by ${String(debug.message_action_id)}: ${quoted(String(debug.message))}`;
  return `${head}  ok`;
}

/** One line per accepted email; `templateName` is the SendGrid template's name when it has one. */
export function emailLine(message: OutboxMessage, templateName: string | undefined): string {
  const to = message.to.map((t) => t.email).join(', ');
  const template = message.template_id
    ? `template ${message.template_id}${templateName ? ` (${templateName})` : ''}`
    : quoted(message.subject, 60);
  const data = message.dynamic_template_data;
  const code =
    data !== null && typeof data === 'object' && !Array.isArray(data) && data.code !== undefined
      ? `  code ${String(data.code)}`
      : '';
  return `${terminalTime(message.sent_at)}  email to ${to}  ${template}${code}`;
}
