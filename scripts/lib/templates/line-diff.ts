// A line diff for people: which lines of one text the other removes and adds, with a few lines
// of context, as `git diff` shows them. Templates are short, so the plain longest-common-
// subsequence table is enough.

export interface DiffLine {
  readonly kind: ' ' | '-' | '+';
  readonly text: string;
}

// Beyond this many table cells (two 2,000-line texts), show the texts as replaced wholesale.
const MAX_TABLE_CELLS = 4_000_000;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > MAX_TABLE_CELLS) {
    return [...a.map((text): DiffLine => ({ kind: '-', text })), ...b.map((text): DiffLine => ({ kind: '+', text }))];
  }
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ kind: ' ', text: a[i] as string });
      i++;
      j++;
    } else if (common[i + 1]![j]! >= common[i]![j + 1]!) {
      lines.push({ kind: '-', text: a[i++] as string });
    } else {
      lines.push({ kind: '+', text: b[j++] as string });
    }
  }
  while (i < a.length) lines.push({ kind: '-', text: a[i++] as string });
  while (j < b.length) lines.push({ kind: '+', text: b[j++] as string });
  return lines;
}

/** The changed lines with `context` unchanged lines around each change; "..." between hunks. */
export function formatDiff(lines: readonly DiffLine[], context = 2): string[] {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind === ' ') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) keep[k] = true;
  });
  const out: string[] = [];
  let skipped = false;
  lines.forEach((line, index) => {
    if (!keep[index]) {
      skipped = true;
      return;
    }
    if (skipped && out.length > 0) out.push('  ...');
    skipped = false;
    out.push(`${line.kind} ${line.text}`);
  });
  return out;
}
