// OTP/GENERATE_CODE and OTP/VERIFY_CODE (docs flows/integrations/data-verification.mdx): a
// numeric code bound to a reference, valid OTP_TTL_SECONDS; verification answers
// {valid, result: MISSING | EXPIRED | VALID | UNEQUAL}. The store keeps a salted hash of each
// code, never the code, so a persisted store leaks nothing usable.
// Modelled as documented, no more: a new code for a reference replaces the previous one (one
// code per reference: UNCONFIRMED), verification does not consume a code and counts no
// attempts (nothing documents either: docs/platform-facts.md §3); the flows enforce both.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { MAX_OTP_LENGTH, MIN_OTP_LENGTH, OTP_TTL_SECONDS } from './limits';
import { DefinitionError } from './unsupported';

export interface StoredOtp {
  readonly codeHash: string;
  readonly expiresAtMs: number;
}

/** Where codes live across journeys; plain data, so that the local tenant can persist it. */
export interface OtpStore {
  get(reference: string): StoredOtp | undefined;
  set(reference: string, otp: StoredOtp): void;
  delete(reference: string): void;
}

export function memoryOtpStore(): OtpStore {
  const codes = new Map<string, StoredOtp>();
  return {
    get: (reference) => codes.get(reference),
    set: (reference, otp) => void codes.set(reference, otp),
    delete: (reference) => void codes.delete(reference),
  };
}

/** A digit 0-9; injectable so that tests can ask for a code with leading zeros. */
export type RandomDigit = () => number;
export const cryptoRandomDigit: RandomDigit = () => randomInt(10);

const hashOf = (reference: string, code: string): string =>
  createHash('sha256').update(`${reference}\n${code}`, 'utf8').digest('hex');

function checkReference(reference: unknown, action: string): string {
  if (typeof reference !== 'string' || reference === '')
    throw new DefinitionError(
      `${action}: params.reference must be a non-empty string, got ${JSON.stringify(reference)}`,
    );
  return reference;
}

export function generateCode(
  store: OtpStore,
  params: { reference?: unknown; length?: unknown },
  nowMs: number,
  randomDigit: RandomDigit,
): { code: string } {
  const reference = checkReference(params.reference, 'OTP/GENERATE_CODE');
  const length = params.length;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < MIN_OTP_LENGTH || length > MAX_OTP_LENGTH) {
    throw new DefinitionError(
      `OTP/GENERATE_CODE: params.length must be a whole number from ${MIN_OTP_LENGTH} to ${MAX_OTP_LENGTH}, got ${JSON.stringify(length)}`,
    );
  }
  const code = Array.from({ length }, () => {
    const digit = randomDigit();
    if (!Number.isInteger(digit) || digit < 0 || digit > 9)
      throw new Error(`the random digit source gave ${digit}, not 0-9`);
    return String(digit);
  }).join('');
  store.set(reference, { codeHash: hashOf(reference, code), expiresAtMs: nowMs + OTP_TTL_SECONDS * 1000 });
  return { code };
}

export type VerifyCodeResult =
  { valid: true; result: 'VALID' } | { valid: false; result: 'MISSING' | 'EXPIRED' | 'UNEQUAL' };

export function verifyCode(
  store: OtpStore,
  params: { reference?: unknown; code?: unknown },
  nowMs: number,
): VerifyCodeResult {
  const reference = checkReference(params.reference, 'OTP/VERIFY_CODE');
  const stored = store.get(reference);
  if (!stored) return { valid: false, result: 'MISSING' };
  if (nowMs >= stored.expiresAtMs) return { valid: false, result: 'EXPIRED' };
  const code = typeof params.code === 'number' ? String(params.code) : params.code;
  if (typeof code !== 'string') return { valid: false, result: 'UNEQUAL' };
  const given = Buffer.from(hashOf(reference, code), 'hex');
  return timingSafeEqual(given, Buffer.from(stored.codeHash, 'hex'))
    ? { valid: true, result: 'VALID' }
    : { valid: false, result: 'UNEQUAL' };
}
