// Every citation of a document of this repository resolves: the file exists, a quoted section is
// a heading of it, a § number is a numbered heading of it. Comments cite the design and the
// platform facts by their path from the repository root (docs/…), so a bare name is refused too,
// and a relative markdown link must reach its file and heading. Otherwise a moved or renamed page
// leaves comments pointing at nothing, which is how about a hundred citations of pages outside
// the repository came about (issue 18). Links to Auth0's docs (variables.mdx, ...) are sources
// outside the repository and are not checked here.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { ROOT } from '../helpers/paths';

/** The headings of a markdown text, outside code fences: their titles and their § numbers. */
export interface Headings {
  readonly titles: ReadonlySet<string>;
  readonly numbers: ReadonlySet<string>;
  readonly slugs: ReadonlySet<string>;
}

const plain = (title: string): string => title.replace(/`/g, '').replace(/\s+/g, ' ').trim();

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export const slugOf = (title: string): string =>
  plain(title)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

export function headingsOf(markdown: string): Headings {
  const titles = new Set<string>();
  const numbers = new Set<string>();
  const slugs = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const title = heading[1] as string;
    titles.add(plain(title));
    slugs.add(slugOf(title));
    const numbered = /^(\d+[a-z]?)\.\s/.exec(title);
    if (numbered) numbers.add(numbered[1] as string);
  }
  return { titles, numbers, slugs };
}

// The names the design and platform-facts pages had outside the repository, without their folder.
const BARE_NAMES = ['design', 'platform-facts'].map((n) => `${n}.md`);
// A document of the repository: docs/<name>.md, README.md, README, or one of the bare names. Not
// inside a longer path (foo/docs/x.md), nor a markdown link's target (checked as a link below).
const DOCUMENT =
  /(?<![\w/.-])(?<!\]\()(docs\/[\w.-]+\.md|README\.md|README(?=[\s,(]+")|(?:design|platform-facts)\.md)(?![\w-])/g;
// What may stand between a document and its section: spaces, a comma or parenthesis, and the
// leaders of a comment that goes on to the next line.
const BETWEEN = String.raw`(?:[\s,(]|\/\/|\*(?!\/)|#)*`;
const SECTION = new RegExp(`^${BETWEEN}(?:"([^"]+)"|§(\\d+[a-z]?(?:\\/§\\d+[a-z]?)*))`);
const MARKDOWN_LINK = /\]\(([^)\s]+)\)/g;

export interface Problem {
  readonly where: string;
  readonly problem: string;
}

/** A quoted title spread over comment lines, as one line. */
const unwrap = (quoted: string): string => quoted.replace(/\s*\n\s*(?:\/\/|\*|#)?\s*/g, ' ').trim();

/**
 * The citations in `text` (the file `file`, relative to the root) that do not resolve.
 * `readDocument` gives a document's text by its path from the root, or undefined when it is missing.
 */
export function citationProblems(
  file: string,
  text: string,
  readDocument: (path: string) => string | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const lineAt = (index: number): number => text.slice(0, index).split('\n').length;
  const headings = new Map<string, Headings | undefined>();
  const headingsFor = (path: string): Headings | undefined => {
    if (!headings.has(path)) {
      const markdown = readDocument(path);
      headings.set(path, markdown === undefined ? undefined : headingsOf(markdown));
    }
    return headings.get(path);
  };

  for (const match of text.matchAll(DOCUMENT)) {
    const where = `${file}:${lineAt(match.index)}`;
    const cited = match[1] as string;
    if (BARE_NAMES.includes(cited)) {
      problems.push({ where, problem: `${cited} without its folder: cite docs/${cited}` });
      continue;
    }
    const path = cited === 'README' ? 'README.md' : cited;
    const found = headingsFor(path);
    if (found === undefined) {
      problems.push({ where, problem: `${cited} does not exist` });
      continue;
    }
    const section = SECTION.exec(text.slice(match.index + cited.length));
    if (section?.[1] !== undefined) {
      const title = plain(unwrap(section[1]));
      if (!found.titles.has(title)) problems.push({ where, problem: `${cited} has no heading "${title}"` });
    } else if (section?.[2] !== undefined) {
      for (const number of section[2].split('/').map((n) => n.replace('§', ''))) {
        if (!found.numbers.has(number)) problems.push({ where, problem: `${cited} has no section §${number}` });
      }
    }
  }

  if (file.endsWith('.md')) {
    let fenced = false;
    text.split('\n').forEach((line, i) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced) return;
      for (const link of line.matchAll(MARKDOWN_LINK)) {
        const target = link[1] as string;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [pathPart = '', anchor] = target.split('#');
        const path = pathPart === '' ? file : normalize(join(dirname(file), pathPart));
        const where = `${file}:${i + 1}`;
        const markdown = readDocument(path);
        if (markdown === undefined && !existsSync(join(ROOT, path))) {
          problems.push({ where, problem: `the link ${target} leads to nothing (${path} does not exist)` });
        } else if (anchor !== undefined && path.endsWith('.md') && !headingsFor(path)?.slugs.has(anchor)) {
          problems.push({ where, problem: `the link ${target}: ${path} has no heading #${anchor}` });
        }
      }
    });
  }
  return problems;
}

function trackedSources(): string[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
  return files.filter((f) => /\.(ts|js|cjs|mjs|md|ya?ml|sh)$/.test(f) && !/(^|\/)(node_modules|dist)\//.test(f));
}

const readFromRoot = (path: string): string | undefined => {
  const full = join(ROOT, path);
  return path.endsWith('.md') && existsSync(full) ? readFileSync(full, 'utf8') : undefined;
};

test('every citation of a document of this repository names a file, heading and § number that exist', () => {
  const problems = trackedSources()
    .filter((file) => existsSync(join(ROOT, file)))
    .flatMap((file) => citationProblems(file, readFileSync(join(ROOT, file), 'utf8'), readFromRoot))
    .map(({ where, problem }) => `${where}: ${problem}`);
  expect(problems).toEqual([]);
});

describe('what the check refuses', () => {
  // The documents are made up here; the names are built so that this file cites nothing itself.
  const design = `docs/${'design'}.md`;
  const facts = `docs/${'platform-facts'}.md`;
  const documents: Record<string, string> = {
    [design]: '# Design\n\n## The flow\n\n## Names shared between the parts\n\n```sh\n# Not a heading\n```\n',
    [facts]: '# Facts\n\n## 1. Post-Login Action\n\n## 3b. What Auth0 documents\n',
    'README.md': '# Readme\n\n### Users with MFA\n\n## What `npm run deploy` does\n',
  };
  const check = (file: string, text: string): string[] =>
    citationProblems(file, text, (path) => documents[path]).map(({ where, problem }) => `${where}: ${problem}`);

  test('citations that resolve, on one line or over two comment lines', () => {
    expect(
      check(
        'a.ts',
        [
          `// the order of ${design} "The flow" step 3;`,
          `// the vars (${design}`,
          '// "Names shared between the',
          '// parts"), the limits (' + facts + ' §1, §3b and ' + facts + ' §1/§3b)',
          ' * and README "Users with MFA", README.md "What npm run deploy does" ' + design,
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  test('a bare name, a missing document, a title or § number that is not a heading, each with its line', () => {
    expect(
      check(
        'b.ts',
        [
          `// ${['design', 'md'].join('.')} "The flow"`,
          `// ${['docs', 'nowhere.md'].join('/')}`,
          `// ${design} "The flows"`,
          `// ${facts} §2 and ${facts} §1/§4`,
          `// ${design} "Not a heading"`,
        ].join('\n'),
      ),
    ).toEqual([
      `b.ts:1: ${['design', 'md'].join('.')} without its folder: cite ${design}`,
      `b.ts:2: ${['docs', 'nowhere.md'].join('/')} does not exist`,
      `b.ts:3: ${design} has no heading "The flows"`,
      `b.ts:4: ${facts} has no section §2`,
      `b.ts:4: ${facts} has no section §4`,
      `b.ts:5: ${design} has no heading "Not a heading"`,
    ]);
  });

  test('relative markdown links reach their file and heading', () => {
    expect(
      check(
        `docs/${'guide'}.md`,
        [
          '[design](design.md#the-flow), [mfa](../README.md#users-with-mfa)',
          '[gone](../README.md#nowhere) [lost](lost.md)',
        ].join('\n'),
      ),
    ).toEqual([
      `docs/${'guide'}.md:2: the link ../README.md#nowhere: README.md has no heading #nowhere`,
      `docs/${'guide'}.md:2: the link lost.md leads to nothing (docs/${'lost'}.md does not exist)`,
    ]);
  });
});
