// Checks api.transaction.setMetadata against the documented limits (docs limitations.mdx
// "Transaction metadata"). Auth0's wording for these refusals is not public: the messages are ours.
import {
  MAX_TRANSACTION_METADATA_KEY_CHARS,
  MAX_TRANSACTION_METADATA_TOTAL_BYTES,
  MAX_TRANSACTION_METADATA_VALUE_BYTES,
} from '../../platform/actions-limits';

export type TransactionMetadata = Record<string, string | number | boolean>;

/** Returns the metadata after the change, or throws saying which limit was crossed. */
export function applyTransactionMetadata(
  current: Readonly<TransactionMetadata>,
  key: unknown,
  value: unknown,
): TransactionMetadata {
  if (typeof key !== 'string' || key === '')
    throw new Error('api.transaction.setMetadata: the key must be a non-empty string.');
  if (key.length > MAX_TRANSACTION_METADATA_KEY_CHARS) {
    throw new Error(
      `api.transaction.setMetadata: the key is longer than ${MAX_TRANSACTION_METADATA_KEY_CHARS} characters.`,
    );
  }
  const next: TransactionMetadata = { ...current };
  if (value === null) {
    delete next[key];
    return next;
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new Error(
      'api.transaction.setMetadata: the value must be a string, a number, a boolean, or null to remove the key.',
    );
  }
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new Error('api.transaction.setMetadata: the value is an unsafe integer; store it as a string.');
  }
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_TRANSACTION_METADATA_VALUE_BYTES) {
    throw new Error(
      `api.transaction.setMetadata: the value is larger than ${MAX_TRANSACTION_METADATA_VALUE_BYTES} bytes.`,
    );
  }
  next[key] = value;
  if (Buffer.byteLength(JSON.stringify(next)) > MAX_TRANSACTION_METADATA_TOTAL_BYTES) {
    throw new Error(
      `api.transaction.setMetadata: the transaction's metadata would exceed ${MAX_TRANSACTION_METADATA_TOTAL_BYTES} bytes in total.`,
    );
  }
  return next;
}
