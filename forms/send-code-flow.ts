// Flow "send code": checks the new address, stores it as pending and sends it a code.
// Minimal placeholder until the Form issue fills it in.
import { keyword } from './keyword';
import { SENDGRID_VAULT_CONNECTION } from './names';
import type { FlowBody } from './types';

export const sendCodeFlow: FlowBody = {
  actions: [
    {
      id: 'store_pending_email',
      type: 'FLOW',
      action: 'STORE_VARS',
      params: { vars: { pending_email: '{{functions.toLowerCase(fields.new_email)}}' } },
    },
    {
      id: 'send_code_email',
      type: 'SENDGRID',
      action: 'SEND_EMAIL',
      params: {
        connection_id: SENDGRID_VAULT_CONNECTION,
        from: keyword<{ email: string; name?: string }>('SENDGRID_FROM'),
        personalizations: [{ to: [{ email: '{{vars.pending_email}}' }] }],
        template_id: keyword('SENDGRID_TEMPLATE_CODE_EN'),
      },
    },
  ],
};
