// Measurement 3: the size of the built Action, raw and gzipped (level 9), against Auth0's 100 kB
// limit on Action code (docs/platform-facts.md §1) and the bundle's own 10 kB target. The SDK
// variant's figure (what its require loads from node_modules) comes from the cold start.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import { MAX_ACTION_CODE_BYTES as AUTH0_ACTION_CODE_LIMIT_BYTES } from '../platform/actions-limits';

export interface BundleSizeResult {
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly limitBytes: number;
  /** bytes / limitBytes. */
  readonly shareOfLimit: number;
}

export function measureBundleSize(codePath: string): BundleSizeResult {
  const code = readFileSync(codePath);
  return {
    bytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    limitBytes: AUTH0_ACTION_CODE_LIMIT_BYTES,
    shareOfLimit: code.byteLength / AUTH0_ACTION_CODE_LIMIT_BYTES,
  };
}
