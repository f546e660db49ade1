// The email-change form: new address, then code, then back to the login.
// Minimal placeholder until the Form issue fills it in.
import { SEND_CODE_FLOW, VERIFY_CODE_FLOW } from './names';
import type { FormBody } from './types';

export const emailChangeForm: FormBody = {
  languages: { primary: 'en' },
  start: { next_node: 'step_new_email' },
  nodes: [
    {
      id: 'step_new_email',
      type: 'STEP',
      config: {
        components: [
          { id: 'new_email', category: 'FIELD', type: 'EMAIL', label: 'New email address', required: true },
          { id: 'next', category: 'BLOCK', type: 'NEXT_BUTTON', config: { text: 'Send code' } },
        ],
        next_node: 'flow_send_code',
      },
    },
    { id: 'flow_send_code', type: 'FLOW', config: { flow_id: SEND_CODE_FLOW, next_node: 'step_code' } },
    {
      id: 'step_code',
      type: 'STEP',
      config: {
        components: [
          { id: 'code', category: 'FIELD', type: 'TEXT', label: 'Code', required: true, config: { min_length: 6, max_length: 6 } },
          { id: 'verify', category: 'BLOCK', type: 'NEXT_BUTTON', config: { text: 'Verify' } },
        ],
        next_node: 'flow_verify_code',
      },
    },
    { id: 'flow_verify_code', type: 'FLOW', config: { flow_id: VERIFY_CODE_FLOW, next_node: '$ending' } },
  ],
  ending: { resume_flow: true },
};
