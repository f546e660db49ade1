// The plan: a pure comparison of the desired and the current resources. It decides what a
// deploy writes (nothing when nothing changed) and what `npm run plan` prints.
import { type Resource, RESOURCE_TYPES, type ResourceType, resourceKey } from './resources';

export type ChangeKind = 'create' | 'change' | 'unchanged';

export interface ResourceChange {
  readonly type: ResourceType;
  readonly name: string;
  readonly kind: ChangeKind;
  /** For 'change': one readable line per differing value. */
  readonly differences: string[];
}

const MAX_DIFFERENCES_SHOWN = 20;

function show(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 60
      ? `${JSON.stringify(value.slice(0, 57))}... (${value.length} characters)`
      : JSON.stringify(value);
  }
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Paths where `current` differs from `desired`, only under the keys `desired` sets. */
export function differences(desired: unknown, current: unknown, path = ''): string[] {
  if (typeof desired === 'object' && desired !== null && typeof current === 'object' && current !== null) {
    if (Array.isArray(desired) !== Array.isArray(current))
      return [`${path || '(value)'}: ${show(current)} -> ${show(desired)}`];
    if (Array.isArray(desired)) {
      const cur = current as unknown[];
      const lines = desired.flatMap((d, i) =>
        i < cur.length ? differences(d, cur[i], `${path}[${i}]`) : [`${path}[${i}]: added ${show(d)}`],
      );
      for (let i = desired.length; i < cur.length; i += 1) lines.push(`${path}[${i}]: removed ${show(cur[i])}`);
      return lines;
    }
    return Object.entries(desired).flatMap(([key, value]) =>
      differences(value, (current as Record<string, unknown>)[key], path ? `${path}.${key}` : key),
    );
  }
  if (desired === current) return [];
  if (path.endsWith('secrets_sha256'))
    return [`${path.replace(/secrets_sha256$/, 'secret values')}: changed since the last deploy`];
  return [`${path || '(value)'}: ${show(current)} -> ${show(desired)}`];
}

export function plan(desired: readonly Resource[], current: readonly Resource[]): ResourceChange[] {
  const currentByKey = new Map(current.map((r) => [resourceKey(r), r]));
  return [...desired]
    .sort((a, b) => RESOURCE_TYPES.indexOf(a.type) - RESOURCE_TYPES.indexOf(b.type))
    .map((resource): ResourceChange => {
      const existing = currentByKey.get(resourceKey(resource));
      if (!existing) return { type: resource.type, name: resource.name, kind: 'create', differences: [] };
      const diff = differences(resource.value, existing.value);
      return {
        type: resource.type,
        name: resource.name,
        kind: diff.length > 0 ? 'change' : 'unchanged',
        differences: diff,
      };
    });
}

export function pendingTypes(changes: readonly ResourceChange[]): ResourceType[] {
  return RESOURCE_TYPES.filter((type) => changes.some((c) => c.type === type && c.kind !== 'unchanged'));
}

export function formatPlan(changes: readonly ResourceChange[]): string {
  const lines = changes.map((c) => {
    const head = `${c.kind.padEnd(9)} ${c.type}/${c.name}`;
    const shown = c.differences.slice(0, MAX_DIFFERENCES_SHOWN).map((d) => `            ${d}`);
    if (c.differences.length > MAX_DIFFERENCES_SHOWN)
      shown.push(`            ... and ${c.differences.length - MAX_DIFFERENCES_SHOWN} more`);
    return [head, ...shown].join('\n');
  });
  const counts = (['create', 'change', 'unchanged'] as const).map(
    (k) => `${changes.filter((c) => c.kind === k).length} to ${k}`,
  );
  return `${lines.join('\n')}\n\nPlan: ${counts.join(', ').replace('to unchanged', 'unchanged')}.`;
}
