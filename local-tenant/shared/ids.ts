// Identifiers and secrets in the shapes Auth0 and SendGrid use, so that code which checks a
// prefix or a length (a form id is at most 48 characters, docs/platform-facts.md §1) sees real ones.
import { randomBytes, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 62 does not divide 256: the slight bias is irrelevant for local identifiers.
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

export const newUserId = (): string => `auth0|${randomBytes(12).toString('hex')}`;
export const newClientId = (): string => randomAlphanumeric(32);
export const newClientSecret = (): string => randomBytes(48).toString('base64url');
export const newClientGrantId = (): string => `cgr_${randomAlphanumeric(16)}`;
export const newResourceServerId = (): string => randomBytes(12).toString('hex');
export const newConnectionId = (): string => `con_${randomAlphanumeric(16)}`;
export const newFlowId = (): string => `af_${randomAlphanumeric(22)}`;
export const newFormId = (): string => `ap_${randomAlphanumeric(22)}`;
/** Flow execution ids: Auth0 documents none's shape; the local tenant's, with a prefix like its flows'. */
export const newFlowExecutionId = (): string => `afe_${randomAlphanumeric(22)}`;
/** A trace id as W3C trace context writes one: 32 hex digits. */
export const newTraceId = (): string => randomBytes(16).toString('hex');
export const newVaultConnectionId = (): string => `ac_${randomAlphanumeric(22)}`;
export const newUuid = (): string => randomUUID();
/** SendGrid API keys: "SG.", 22 characters, ".", 43 characters. */
export const newSendgridApiKey = (): string =>
  `SG.${randomBytes(16).toString('base64url').slice(0, 22)}.${randomBytes(32).toString('base64url').slice(0, 43)}`;
export const newSendgridMessageId = (): string => randomBytes(16).toString('base64url').slice(0, 22);
