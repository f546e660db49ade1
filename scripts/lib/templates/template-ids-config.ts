// Writes the SendGrid template ids push found or created into config/<env>.json, under
// "keywords", where deploy reads them. Only those keys change; the rest of the file stays as
// it is (same key order, same 2-space JSON), and nothing is written when nothing changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironmentConfig } from '../environment-config';
import { writeProjectFile } from './template-files';

export interface IdChange {
  readonly keyword: string;
  readonly from: unknown;
  readonly to: string;
}

export function writeTemplateIds(
  root: string,
  envName: string,
  ids: ReadonlyMap<string, string>,
): { file: string; changes: IdChange[] } {
  const config = loadEnvironmentConfig(root, envName);
  const changes: IdChange[] = [];
  for (const [keyword, id] of ids) {
    if (config.keywords[keyword] !== id) changes.push({ keyword, from: config.keywords[keyword], to: id });
  }
  if (changes.length > 0) {
    const raw = JSON.parse(readFileSync(join(root, config.file), 'utf8')) as { keywords: Record<string, unknown> };
    for (const change of changes) raw.keywords[change.keyword] = change.to;
    writeProjectFile(root, config.file, `${JSON.stringify(raw, null, 2)}\n`);
  }
  return { file: config.file, changes };
}
