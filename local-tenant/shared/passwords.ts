// Password hashes of database users: scrypt from node:crypto, with a random salt per user.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const SCRYPT_KEY_BYTES = 32;
// A low work factor (Node's default is 16384): these hashes guard throwaway passwords of a local
// test tenant, and tests create users by the hundred. Raise it before storing anything real.
const SCRYPT_COST = 1024;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${SCRYPT_COST}$${salt.toString('hex')}$${scryptSync(password, salt, SCRYPT_KEY_BYTES, { N: SCRYPT_COST }).toString('hex')}`;
}

export function passwordMatches(password: string, stored: string | undefined): boolean {
  const [scheme, cost, saltHex, hashHex] = (stored ?? '').split('$');
  if (scheme !== 'scrypt' || !cost || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length, { N: Number(cost) });
  return timingSafeEqual(actual, expected);
}
