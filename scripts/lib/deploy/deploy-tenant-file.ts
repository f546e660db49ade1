// The tenant file a deploy imports: tenant.yaml as written (keywords still in place) with the
// post-login list merged with the tenant's other bindings, written as dist/tenant.yaml so the
// paths stay inside its folder (deploy-cli resolves them against it, docs/platform-facts.md §5).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { TENANT_FILE } from '../tenant-file';

type Entry = Record<string, unknown>;

const DIST_PREFIX = './dist/';

function rebase(path: unknown): unknown {
  return typeof path === 'string' && path.startsWith(DIST_PREFIX) ? `./${path.slice(DIST_PREFIX.length)}` : path;
}

export function writeDeployTenantFile(root: string, distDir: string, postLoginBindings: readonly string[]): string {
  const assets = load(readFileSync(join(root, TENANT_FILE), 'utf8')) as Entry;
  const displayNames = new Map(
    (((assets.triggers as Entry | undefined)?.['post-login'] ?? []) as Entry[]).map((b) => [
      String(b.action_name),
      String(b.display_name),
    ]),
  );
  assets.triggers = {
    ...(assets.triggers as Entry | undefined),
    'post-login': postLoginBindings.map((name) => ({
      action_name: name,
      display_name: displayNames.get(name) ?? name,
    })),
  };
  for (const action of (assets.actions ?? []) as Entry[]) action.code = rebase(action.code);
  for (const key of ['flows', 'forms'])
    for (const item of (assets[key] ?? []) as Entry[]) item.body = rebase(item.body);
  const path = join(distDir, TENANT_FILE);
  writeFileSync(
    path,
    `# Written by npm run deploy from ../${TENANT_FILE}; do not edit.\n${dump(assets, { lineWidth: -1 })}`,
  );
  return path;
}
