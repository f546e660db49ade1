// The table of the security tests (docs/security.md): cases tried and passed per category,
// counted by the test files themselves. Each file wraps its test bodies with `tracked`, or counts
// generated cases with `count`; after its tests it writes its category's part into this run's
// folder and prints the table of every part written so far. Once every category of the suite has
// a part (a whole `npm test`), the table is also written to RESULTS_FILE (test-output.ts), so a
// run of one file never replaces the whole table with a part of it. Usage:
//
//   const report = useSecurityReport('Attacks');
//   test('a replayed code is refused', report.tracked(async () => { ... }));
//
// A case counts as passed only when its body returned: a failed assertion or a timeout leaves it
// tried and not passed.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../local-tenant/shared/atomic-write';
import { DIST } from './paths';
import { SECURITY_REPORT_FILE } from './test-output';

export const SECURITY_CATEGORIES = ['Attacks', 'Faults', 'Hostile input', 'Restart safety'] as const;
export type SecurityCategory = (typeof SECURITY_CATEGORIES)[number];

export const RESULTS_FILE = SECURITY_REPORT_FILE;
const PARTS_DIR = join(dirname(DIST), 'security-report');

interface CaseResult {
  readonly name: string;
  passed: boolean;
}

interface Part {
  readonly category: SecurityCategory;
  /** The readings the part ran under: '' for the defaults, else LOCAL_TENANT_READINGS (the jest project). */
  readonly readings?: string;
  readonly cases: CaseResult[];
  /** Lines the file wants under its category (the fast-check seed, say). */
  readonly notes: string[];
}

export interface SecurityReport {
  /** Wraps a test body: the test counts as a case of the category, passed if the body returns. */
  tracked(body: () => Promise<void>): () => Promise<void>;
  /** Counts one case run inside a test (a generated input), passed or not. */
  count(name: string, passed: boolean): void;
  /** A line to print under the category. */
  note(line: string): void;
}

const slug = (category: string): string => category.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function readParts(): Part[] {
  let files: string[];
  try {
    files = readdirSync(PARTS_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const parts = files.map((f) => JSON.parse(readFileSync(join(PARTS_DIR, f), 'utf8')) as Part);
  return SECURITY_CATEGORIES.flatMap((category) =>
    parts.filter((p) => p.category === category).sort((a, b) => (a.readings ?? '').localeCompare(b.readings ?? '')),
  );
}

const label = (part: Part): string => (part.readings ? `${part.category} (${part.readings} readings)` : part.category);

/** The table and the cases, as Markdown. */
export function renderReport(parts: readonly Part[]): string {
  const lines = ['| category | cases tried | passed |', '|---|---:|---:|'];
  let tried = 0;
  let passed = 0;
  for (const part of parts) {
    const ok = part.cases.filter((c) => c.passed).length;
    tried += part.cases.length;
    passed += ok;
    lines.push(`| ${label(part)} | ${part.cases.length} | ${ok} |`);
  }
  lines.push(`| **total** | **${tried}** | **${passed}** |`);
  for (const part of parts) {
    lines.push('', `### ${label(part)}`, '');
    for (const note of part.notes) lines.push(note, '');
    for (const c of part.cases) lines.push(`- ${c.passed ? 'passed' : '**FAILED**'}: ${c.name}`);
  }
  return `${lines.join('\n')}\n`;
}

function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, text, { mode: 0o644 });
}

export function useSecurityReport(category: SecurityCategory): SecurityReport {
  // Run again under the least favourable readings (a second jest project): a part of its own.
  const readings = process.env.LOCAL_TENANT_READINGS ?? '';
  const part: Part = { category, readings, cases: [], notes: [] };
  const seen = new Map<string, number>();
  const add = (name: string): CaseResult => {
    // Generated inputs may repeat: each run is its own case.
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    const result = { name: n === 1 ? name : `${name} (${n})`, passed: false };
    part.cases.push(result);
    return result;
  };

  afterAll(() => {
    writeAtomically(
      join(PARTS_DIR, `${slug(category)}${readings ? `-${slug(readings)}` : ''}.json`),
      JSON.stringify(part),
    );
    const parts = readParts();
    const table = renderReport(parts);
    const complete = SECURITY_CATEGORIES.every((c) => parts.some((p) => p.category === c && !p.readings));
    if (complete) {
      writeAtomically(
        RESULTS_FILE,
        `# Security tests: results\n\nWritten by the security test files (test/browser/email-change-{attacks,faults,hostile-input,restart}.test.ts) at the end of a whole \`npm test\`; docs/security.md explains each case.\n\n${table}`,
      );
    }
    console.log(
      `Security tests${complete ? ` (written to ${RESULTS_FILE})` : ' (the categories run so far)'}:\n${table}`,
    );
  });

  return {
    tracked(body) {
      return async () => {
        const result = add(expect.getState().currentTestName ?? 'unnamed case');
        await body();
        result.passed = true;
      };
    },
    count(name, passed) {
      add(name).passed = passed;
    },
    note(line) {
      part.notes.push(line);
    },
  };
}
