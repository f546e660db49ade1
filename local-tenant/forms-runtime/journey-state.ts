// A journey through a form as plain data (JSON-serialisable), so that the local tenant can keep
// it between requests and across restarts. Nothing secret is in it: vault connections stay with
// the deployment, codes in the OTP store (hashed), and masked outputs are masked here too.
import type { ExecutionRecord } from './flow-runner';
import type { PlatformLanguage } from './platform-messages';

export const JOURNEY_STATE_VERSION = 1;

export interface JourneyState {
  readonly version: typeof JOURNEY_STATE_VERSION;
  readonly id: string;
  /** The form's id, or its name before deployment. */
  readonly form: string;
  readonly language: PlatformLanguage;
  /** The STEP the user is on, or $ending once the journey ended. */
  node: string;
  ended: boolean;
  /** {{context.*}}: the user of the transaction, as it was when the journey started. */
  readonly context: Record<string, unknown>;
  /** {{fields.*}}: every value submitted so far (client-side: never trusted by the flows). */
  fields: Record<string, unknown>;
  /** {{vars.*}}: server-side shared variables. */
  vars: Record<string, unknown>;
  /** What the current step shows: a form-level message (a flow's), and one per field. */
  errors: { form?: string; fields: Record<string, string> };
  /** The form-level message is a flow's own ERROR_MESSAGE (about what the person typed), not a platform failure. */
  formErrorFromFlow?: boolean;
  /** The steps the person came through, oldest first, for the PREVIOUS_BUTTON (absent in states saved before it). */
  previousSteps?: string[];
  /** Resend buttons pressed, by component id. */
  resends: Record<string, { count: number; lastAtMs: number }>;
  /** The latest flow action runs, oldest first. */
  executions: ExecutionRecord[];
}
