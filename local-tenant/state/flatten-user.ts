// A stored user as Auth0 shows it (the Management API's users, the user a form's flow reads):
// never the password hash or the TOTP secret.
import type { JsonObject, StoredUser } from './types';

export function flattenUser(user: StoredUser): JsonObject {
  const { password_hash: _hash, totp_secret: _totp, ...shown } = user;
  return structuredClone(shown) as unknown as JsonObject;
}
