// The pure part of push, pull and diff: the templates in the files against the templates in
// SendGrid, as plain values (no files, no network), so that it is tested with plain objects.
// - planPush: what push does to each template (create, add a first version, edit the active
//   version in place, or nothing);
// - findDrift: what differs, per template, locale and part (diff);
// - pullWrites: which files pull rewrites with SendGrid's text.
import type { Locale, TemplateId } from '../../../templates/catalog';
import { diffLines, type DiffLine } from './line-diff';
import { partPath, PARTS, type Part } from './template-files';

export interface LocalEmail {
  readonly template: TemplateId;
  readonly locale: Locale;
  /** The template's name in SendGrid. */
  readonly name: string;
  /** The config keyword that holds its id. */
  readonly keyword: string;
  /** Each part's file text; undefined when the file is missing. */
  readonly parts: Readonly<Record<Part, string | undefined>>;
  /** The sample data, as the JSON text SendGrid keeps as the version's test data. */
  readonly testData: string;
}

export interface VersionSummary {
  readonly id: string;
  readonly active: boolean;
  readonly updated_at?: string;
}

export interface RemoteEmail {
  readonly id: string;
  readonly name: string;
  readonly versions: readonly VersionSummary[];
  /** The version push edits (see versionToEdit) with its content; absent when there is none. */
  readonly edited?: {
    readonly id: string;
    /** The version's own name, which push keeps. */
    readonly name: string;
    readonly active: boolean;
    readonly parts: Readonly<Record<Part, string>>;
    readonly testData?: string;
  };
}

/**
 * The version push edits in place: the active one. SendGrid allows 300 versions per account
 * (docs/platform-facts.md §6), so push never adds a version to a template that has one. With no
 * active version, the most recently updated one (push activates it).
 */
export function versionToEdit(versions: readonly VersionSummary[]): VersionSummary | undefined {
  const active = versions.find((v) => v.active);
  if (active) return active;
  return [...versions].sort((a, b) => (b.updated_at ?? '').localeCompare(a.updated_at ?? ''))[0];
}

/**
 * Text as compared and as written back: LF line ends; a subject is one trimmed line; a body
 * loses trailing blank space (an editor may add or drop the final newline).
 */
export function normalizePart(part: Part, text: string): string {
  const lf = text.replace(/\r\n?/g, '\n');
  return part === 'subject' ? lf.trim() : lf.replace(/\s+$/, '');
}

/** A part's file content for SendGrid's text: normalized, ending with one newline. */
export const partFileText = (part: Part, text: string): string => `${normalizePart(part, text)}\n`;

const sameTestData = (local: string, remote: string | undefined): boolean => {
  if (remote === undefined) return false;
  try {
    return JSON.stringify(JSON.parse(local)) === JSON.stringify(JSON.parse(remote));
  } catch {
    return false;
  }
};

function changedParts(local: LocalEmail, remoteParts: Readonly<Record<Part, string>>): Part[] {
  return PARTS.filter(
    (part) => normalizePart(part, local.parts[part] ?? '') !== normalizePart(part, remoteParts[part]),
  );
}

export type PushStep =
  | { readonly kind: 'create'; readonly local: LocalEmail }
  | { readonly kind: 'add-first-version'; readonly local: LocalEmail; readonly templateId: string }
  | {
      readonly kind: 'update';
      readonly local: LocalEmail;
      readonly templateId: string;
      readonly versionId: string;
      readonly versionName: string;
      readonly parts: readonly Part[];
      readonly testData: boolean;
      readonly activate: boolean;
    }
  | { readonly kind: 'unchanged'; readonly local: LocalEmail; readonly templateId: string; readonly versionId: string };

export function planPush(locals: readonly LocalEmail[], remotes: ReadonlyMap<string, RemoteEmail>): PushStep[] {
  return locals.map((local): PushStep => {
    const remote = remotes.get(local.name);
    if (!remote) return { kind: 'create', local };
    if (!remote.edited) return { kind: 'add-first-version', local, templateId: remote.id };
    const parts = changedParts(local, remote.edited.parts);
    const testData = !sameTestData(local.testData, remote.edited.testData);
    if (parts.length === 0 && !testData && remote.edited.active) {
      return { kind: 'unchanged', local, templateId: remote.id, versionId: remote.edited.id };
    }
    return {
      kind: 'update',
      local,
      templateId: remote.id,
      versionId: remote.edited.id,
      versionName: remote.edited.name,
      parts,
      testData,
      activate: !remote.edited.active,
    };
  });
}

export interface PartDrift {
  readonly part: Part;
  /** The file, project-relative. */
  readonly file: string;
  /** '-' lines are the file's, '+' lines SendGrid's. */
  readonly lines: readonly DiffLine[];
}

export type Drift =
  | { readonly kind: 'missing'; readonly local: LocalEmail }
  | { readonly kind: 'no-version'; readonly local: LocalEmail; readonly templateId: string }
  | { readonly kind: 'inactive'; readonly local: LocalEmail; readonly templateId: string; readonly versionId: string }
  | {
      readonly kind: 'differs';
      readonly local: LocalEmail;
      readonly templateId: string;
      readonly versionId: string;
      readonly parts: readonly PartDrift[];
    };

export function findDrift(locals: readonly LocalEmail[], remotes: ReadonlyMap<string, RemoteEmail>): Drift[] {
  const drift: Drift[] = [];
  for (const local of locals) {
    const remote = remotes.get(local.name);
    if (!remote) {
      drift.push({ kind: 'missing', local });
      continue;
    }
    if (!remote.edited) {
      drift.push({ kind: 'no-version', local, templateId: remote.id });
      continue;
    }
    if (!remote.edited.active)
      drift.push({ kind: 'inactive', local, templateId: remote.id, versionId: remote.edited.id });
    const edited = remote.edited;
    const parts = changedParts(local, edited.parts).map((part): PartDrift => ({
      part,
      file: partPath(local.template, local.locale, part),
      lines: diffLines(normalizePart(part, local.parts[part] ?? ''), normalizePart(part, edited.parts[part])),
    }));
    if (parts.length > 0) drift.push({ kind: 'differs', local, templateId: remote.id, versionId: edited.id, parts });
  }
  return drift;
}

export interface IdDrift {
  readonly keyword: string;
  readonly name: string;
  readonly configured: unknown;
  readonly actual: string;
}

/** Config keywords whose template id is not the id of the template of that name in SendGrid. */
export function findIdDrift(
  locals: readonly LocalEmail[],
  remotes: ReadonlyMap<string, RemoteEmail>,
  keywords: Readonly<Record<string, unknown>>,
): IdDrift[] {
  return locals.flatMap((local) => {
    const remote = remotes.get(local.name);
    if (!remote || keywords[local.keyword] === remote.id) return [];
    return [{ keyword: local.keyword, name: local.name, configured: keywords[local.keyword], actual: remote.id }];
  });
}

export interface PullWrite {
  readonly local: LocalEmail;
  readonly part: Part;
  readonly file: string;
  readonly text: string;
}

export interface PullPlan {
  readonly writes: readonly PullWrite[];
  /** Templates SendGrid does not have (or that have no version): nothing to pull. */
  readonly absent: readonly LocalEmail[];
}

/** The files to rewrite with the text of the version SendGrid sends (the active one). */
export function pullWrites(locals: readonly LocalEmail[], remotes: ReadonlyMap<string, RemoteEmail>): PullPlan {
  const writes: PullWrite[] = [];
  const absent: LocalEmail[] = [];
  for (const local of locals) {
    const edited = remotes.get(local.name)?.edited;
    if (!edited || !edited.active) {
      absent.push(local);
      continue;
    }
    for (const part of changedParts(local, edited.parts)) {
      writes.push({
        local,
        part,
        file: partPath(local.template, local.locale, part),
        text: partFileText(part, edited.parts[part]),
      });
    }
  }
  return { writes, absent };
}
