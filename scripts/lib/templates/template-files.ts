// The file layer of the email templates: where each part lives under templates/, reading the
// whole folder into a snapshot (the checks and the comparisons work on the snapshot, never on
// the disk), and writing parts back. Layout:
//   templates/<template>/<locale>/subject.hbs | html.hbs | text.hbs   (the parts)
//   templates/<template>/sample.json                                  (sample data, all locales)
//   templates/<template>/<locale>/sample.json                         (optional, overrides it)
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locale, TemplateSpec } from '../../../templates/catalog';
import { writeFileAtomic } from '../../../local-tenant/shared/atomic-write';

export const PARTS = ['subject', 'html', 'text'] as const;
export type Part = (typeof PARTS)[number];

export const PART_FILE_NAMES: Readonly<Record<Part, string>> = {
  subject: 'subject.hbs',
  html: 'html.hbs',
  text: 'text.hbs',
};

export const SAMPLE_FILE_NAME = 'sample.json';

/** The folder under the project root that holds the templates. */
export const TEMPLATES_FOLDER = 'templates';

/** Project-relative paths, as messages show them (always with "/"). */
export function partPath(template: TemplateSpec | string, locale: Locale | string, part: Part): string {
  return `${TEMPLATES_FOLDER}/${typeof template === 'string' ? template : template.id}/${locale}/${PART_FILE_NAMES[part]}`;
}

export function samplePath(template: TemplateSpec | string, locale?: Locale | string): string {
  const id = typeof template === 'string' ? template : template.id;
  return locale === undefined
    ? `${TEMPLATES_FOLDER}/${id}/${SAMPLE_FILE_NAME}`
    : `${TEMPLATES_FOLDER}/${id}/${locale}/${SAMPLE_FILE_NAME}`;
}

/**
 * Every file under templates/ that belongs to the templates, by project-relative path, with
 * its text. Folders and files whose name starts with "." (the preview folder) and files
 * directly under templates/ (catalog.ts) are not part of it.
 */
export interface TemplatesSnapshot {
  readonly files: ReadonlyMap<string, string>;
  /** Project-relative folders found: templates/<x> and templates/<x>/<y>. */
  readonly folders: readonly string[];
}

export function readTemplatesSnapshot(root: string): TemplatesSnapshot {
  const base = join(root, TEMPLATES_FOLDER);
  const files = new Map<string, string>();
  const folders: string[] = [];
  if (!existsSync(base)) return { files, folders };
  const visit = (relative: string, depth: number): void => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith('.')) continue;
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        folders.push(path);
        visit(path, depth + 1);
      } else if (entry.isFile() && depth > 0) {
        files.set(path, readFileSync(join(root, path), 'utf8'));
      }
    }
  };
  visit(TEMPLATES_FOLDER, 0);
  return { files, folders };
}

/** A copy of the snapshot with some files replaced, to check content before writing it. */
export function withFiles(snapshot: TemplatesSnapshot, replaced: ReadonlyMap<string, string>): TemplatesSnapshot {
  const files = new Map(snapshot.files);
  for (const [path, text] of replaced) files.set(path, text);
  return { files, folders: snapshot.folders };
}

/** Writes one file atomically (a reader never sees half of it). `path` is project-relative. */
export function writeProjectFile(root: string, path: string, text: string): void {
  const target = join(root, path);
  if (existsSync(target) && !statSync(target).isFile()) {
    throw new Error(`${path} exists and is not a file`);
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileAtomic(target, text, { mode: 0o644 });
}
