// Every form and flow the bundle ships, with the file the build writes for it.
// tenant.yaml refers to these files; validate checks that it refers to each one.
import { emailChangeForm } from './email-change-form';
import { FORM_NAME, RESEND_CODE_FLOW, SEND_CODE_FLOW, VERIFY_CODE_FLOW } from './names';
import { resendCodeFlow, sendCodeFlow } from './send-code-flow';
import type { FlowBody, FormBody } from './types';
import { verifyCodeFlow } from './verify-code-flow';

export interface BundledForm {
  readonly name: string;
  /** Relative to dist/; tenant.yaml refers to it as ./dist/<file>. */
  readonly file: string;
  readonly body: FormBody;
}
export interface BundledFlow {
  readonly name: string;
  /** Relative to dist/; tenant.yaml refers to it as ./dist/<file>. */
  readonly file: string;
  readonly body: FlowBody;
}

export const BUNDLED_FLOWS: readonly BundledFlow[] = [
  { name: SEND_CODE_FLOW, file: `flows/${SEND_CODE_FLOW}.json`, body: sendCodeFlow },
  { name: RESEND_CODE_FLOW, file: `flows/${RESEND_CODE_FLOW}.json`, body: resendCodeFlow },
  { name: VERIFY_CODE_FLOW, file: `flows/${VERIFY_CODE_FLOW}.json`, body: verifyCodeFlow },
];

export const BUNDLED_FORMS: readonly BundledForm[] = [
  { name: FORM_NAME, file: `forms/${FORM_NAME}.json`, body: emailChangeForm },
];
