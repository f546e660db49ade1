// The links of a template, and whether each is https. A link is an HTML href or src value, or
// a bare URL anywhere in the text. A link written as one variable ({{support_url}}) is allowed:
// its value is checked where it is set (SUPPORT_URL must be https, scripts/lib/keywords.ts).

export interface LinkProblem {
  readonly line: number;
  readonly link: string;
  readonly message: string;
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

const ATTRIBUTE = /\b(href|src|action|background)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const BARE_URL = /\b([a-z][a-z0-9+.-]*):\/\/[^\s"'<>)]*/gi;
const ONE_VARIABLE = /^\{\{\{?\s*[A-Za-z_][A-Za-z0-9_]*\s*\}?\}\}$/;

export function linkProblems(text: string, html: boolean): LinkProblem[] {
  const problems: LinkProblem[] = [];
  if (html) {
    for (const match of text.matchAll(ATTRIBUTE)) {
      const value = (match[2] ?? match[3] ?? match[4] ?? '').trim();
      if (value.startsWith('https://') || ONE_VARIABLE.test(value)) continue;
      problems.push({
        line: lineAt(text, match.index),
        link: value,
        message: `${(match[1] as string).toLowerCase()}="${value}" is not an https link: write the full https:// address, or one variable that holds it`,
      });
    }
  }
  for (const match of text.matchAll(BARE_URL)) {
    if ((match[1] as string).toLowerCase() === 'https') continue;
    const alreadyReported = problems.some((p) => p.line === lineAt(text, match.index) && p.link === match[0]);
    if (alreadyReported) continue;
    problems.push({
      line: lineAt(text, match.index),
      link: match[0],
      message: `${match[0]} is not an https link: use https://`,
    });
  }
  return problems;
}
