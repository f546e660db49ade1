// Flow "verify and update": checks the code against the pending address and changes the email.
// Minimal placeholder until the Form issue fills it in.
import { AUTH0_VAULT_CONNECTION } from './names';
import type { FlowBody } from './types';

export const verifyCodeFlow: FlowBody = {
  actions: [
    {
      id: 'update_user',
      type: 'AUTH0',
      action: 'UPDATE_USER',
      params: {
        connection_id: AUTH0_VAULT_CONNECTION,
        user_id: '{{context.user.user_id}}',
        changes: { email: '{{vars.pending_email}}', email_verified: true },
      },
    },
  ],
};
