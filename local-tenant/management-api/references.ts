// Finding references inside form and flow bodies: every `flow_id` of a form (FLOW nodes, resend
// buttons, ending.after_submit) and every `connection_id` of a flow (at any depth, also in the
// then/else branches of conditions), as deploy-cli finds them (lib/tools/utils.js
// findKeyPathWithValue).
import type { Json } from '../state/types';

export interface Reference {
  /** Where it is, e.g. "nodes.1.config.flow_id". */
  readonly path: string;
  readonly value: Json;
}

export function findReferences(value: Json, key: string, path = ''): Reference[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => findReferences(item, key, path ? `${path}.${i}` : String(i)));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const here = path ? `${path}.${k}` : k;
    return k === key ? [{ path: here, value: v }, ...findReferences(v, key, here)] : findReferences(v, key, here);
  });
}
