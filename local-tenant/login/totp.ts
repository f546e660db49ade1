// TOTP factors (RFC 6238), as authenticator apps read them from an otpauth:// URI: enrolment makes
// a secret, verification accepts a code of the current step or one step either side, and each
// step once per user, so a code seen over someone's shoulder cannot be replayed (RFC 6238 §5.2).
import { Secret, TOTP } from 'otpauth';
import type { TenantContext } from '../surface';
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS, TOTP_WINDOW_STEPS } from './limits';
import { loginState } from './login-state';

const ISSUER = 'Local tenant';

function totp(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(secretBase32),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    algorithm: 'SHA1',
  });
}

/** A new secret, base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI to add the factor to an authenticator app (or to compute codes in a test). */
export function totpUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

/** The code an authenticator app shows at `nowMs`. */
export function totpCode(secretBase32: string, nowMs: number): string {
  return totp(secretBase32, '').generate({ timestamp: nowMs });
}

/** Whether `code` is valid now for the user and not used before; a valid code is spent. */
export function verifyTotp(context: TenantContext, userId: string, secretBase32: string, code: string): boolean {
  if (!new RegExp(`^[0-9]{${TOTP_DIGITS}}$`).test(code)) return false;
  const now = context.now();
  const delta = totp(secretBase32, '').validate({ token: code, timestamp: now, window: TOTP_WINDOW_STEPS });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
  const used = loginState(context).lastTotpStep;
  if ((used.get(userId) ?? Number.NEGATIVE_INFINITY) >= step) return false;
  used.set(userId, step);
  return true;
}
