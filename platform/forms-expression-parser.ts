// Parses the expressions between {{ and }} of the Forms template language (docs
// customize/forms/variables.mdx): paths under context, fields, vars and actions; calls of
// functions.<helper>(...); string, number, boolean and null literals; array literals (the docs'
// examples use them); and the nullish operator ??, the only operator the docs show. Anything else
// is refused with an error that names it.
import { UnsupportedFeatureError } from './unsupported-feature-error';

export type Expression =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'path'; readonly root: string; readonly segments: readonly string[] }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expression[] }
  | { readonly kind: 'array'; readonly items: readonly Expression[] }
  | { readonly kind: 'nullish'; readonly left: Expression; readonly right: Expression };

type Token =
  | { kind: 'name'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'punct'; text: '.' | ',' | '(' | ')' | '[' | ']' | '??' };

export class TemplateSyntaxError extends Error {
  override readonly name = 'TemplateSyntaxError';
}

const NAME_START = /[A-Za-z_$]/;
const NAME_PART = /[A-Za-z0-9_$]/;
const DIGIT = /[0-9]/;
const OPERATOR_CHARACTERS = /[+\-*/%=!<>&|?:^~]/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < source.length && NAME_PART.test(source[j] as string)) j += 1;
      tokens.push({ kind: 'name', text: source.slice(i, j) });
      i = j;
    } else if (DIGIT.test(c) || (c === '-' && DIGIT.test(source[i + 1] ?? ''))) {
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', value: Number(match[0]) });
      i += match[0].length;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\' && j + 1 < source.length) {
          value += source[j + 1];
          j += 2;
        } else {
          value += source[j];
          j += 1;
        }
      }
      if (j >= source.length) throw new TemplateSyntaxError(`unterminated string in {{${source}}}`);
      tokens.push({ kind: 'string', value });
      i = j + 1;
    } else if (c === '?' && source[i + 1] === '?') {
      tokens.push({ kind: 'punct', text: '??' });
      i += 2;
    } else if ('.,()[]'.includes(c)) {
      tokens.push({ kind: 'punct', text: c as '.' | ',' | '(' | ')' | '[' | ']' });
      i += 1;
    } else if (OPERATOR_CHARACTERS.test(c)) {
      const operator = /^[+\-*/%=!<>&|?:^~]+/.exec(source.slice(i))?.[0] ?? c;
      throw new UnsupportedFeatureError(
        `the operator "${operator}" in {{${source}}}`,
        'the docs show only ?? (customize/forms/variables.mdx)',
      );
    } else {
      throw new TemplateSyntaxError(`unexpected "${c}" in {{${source}}}`);
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): Expression {
    if (this.tokens.length === 0) throw new TemplateSyntaxError('an empty {{ }}');
    const expression = this.nullish();
    const extra = this.peek();
    if (extra) throw new TemplateSyntaxError(`unexpected ${describe(extra)} in {{${this.source}}}`);
    return expression;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (!token) throw new TemplateSyntaxError(`{{${this.source}}} ends too early`);
    this.position += 1;
    return token;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.kind !== 'punct' || token.text !== text)
      throw new TemplateSyntaxError(`expected "${text}" but found ${describe(token)} in {{${this.source}}}`);
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'punct' && token.text === text;
  }

  private nullish(): Expression {
    let left = this.primary();
    while (this.isPunct('??')) {
      this.next();
      left = { kind: 'nullish', left, right: this.primary() };
    }
    return left;
  }

  private primary(): Expression {
    const token = this.next();
    if (token.kind === 'number' || token.kind === 'string') return { kind: 'literal', value: token.value };
    if (token.kind === 'punct') {
      if (token.text === '(') {
        const inner = this.nullish();
        this.expect(')');
        return inner;
      }
      if (token.text === '[') return { kind: 'array', items: this.list(']') };
      throw new TemplateSyntaxError(`unexpected ${describe(token)} in {{${this.source}}}`);
    }
    if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true' };
    if (token.text === 'null') return { kind: 'literal', value: null };
    if (token.text === 'undefined') return { kind: 'literal', value: undefined };
    const segments: string[] = [];
    while (this.isPunct('.')) {
      this.next();
      const segment = this.next();
      if (segment.kind !== 'name')
        throw new TemplateSyntaxError(`expected a name after "." but found ${describe(segment)} in {{${this.source}}}`);
      segments.push(segment.text);
    }
    if (this.isPunct('[')) {
      throw new UnsupportedFeatureError(
        `indexing with [...] in {{${this.source}}}`,
        'the docs show only dotted paths (customize/forms/variables.mdx)',
      );
    }
    if (this.isPunct('(')) {
      this.next();
      const args = this.list(')');
      if (token.text === 'functions' && segments.length === 1)
        return { kind: 'call', name: segments[0] as string, args };
      const called = [token.text, ...segments].join('.');
      throw new UnsupportedFeatureError(
        `the function ${called}() in {{${this.source}}}`,
        'only functions.<helper>(...) is implemented',
      );
    }
    return { kind: 'path', root: token.text, segments };
  }

  private list(close: ')' | ']'): Expression[] {
    const items: Expression[] = [];
    if (this.isPunct(close)) {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.nullish());
      if (this.isPunct(',')) {
        this.next();
        continue;
      }
      this.expect(close);
      return items;
    }
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'name':
      return `"${token.text}"`;
    case 'punct':
      return `"${token.text}"`;
    case 'number':
      return `the number ${token.value}`;
    case 'string':
      return `the string '${token.value}'`;
  }
}

const cache = new Map<string, Expression>();

/** The parsed expression (parses are cached: flows render the same templates on every run). */
export function parseExpression(source: string): Expression {
  let parsed = cache.get(source);
  if (!parsed) {
    parsed = new Parser(tokenize(source), source.trim()).parse();
    cache.set(source, parsed);
  }
  return parsed;
}
