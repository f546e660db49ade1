// What a Handlebars template uses, found by walking its syntax tree (not by matching text):
// the variables it reads from the data it is sent, the helpers it calls, and what SendGrid
// does not support (partials, decorators). Lint compares the variables with the catalog.
import Handlebars from 'handlebars';
import { CONTEXT_CHANGING_HELPERS, SENDGRID_HELPERS } from '../../../platform/sendgrid-handlebars';

type Node = { type: string; loc?: { start: { line: number; column: number } } };

export interface Use {
  readonly name: string;
  /** 1-based line in the template file. */
  readonly line: number;
  readonly column: number;
}

export interface TemplateUsage {
  /** Variables read from the root of the data (the names the flows send). */
  readonly variables: readonly Use[];
  readonly helpers: readonly Use[];
  /** What SendGrid does not support, each `name` a sentence saying what and why. */
  readonly unsupported: readonly Use[];
  /** Variables written with {{{triple braces}}} (not HTML-escaped). */
  readonly unescaped: readonly Use[];
  /** Variables written with {{double braces}} (HTML-escaped). */
  readonly escaped: readonly Use[];
}

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Parses a template; a syntax error becomes a TemplateSyntaxError with its line. */
export function parseTemplate(text: string): ProgramNode {
  try {
    return Handlebars.parse(text) as unknown as ProgramNode;
  } catch (error) {
    const message = (error as Error).message;
    const line = Number(/on line (\d+)/.exec(message)?.[1] ?? (error as { lineNumber?: number }).lineNumber ?? 1);
    // The parser's message repeats the source line and a caret over several lines: keep the
    // part that says what it expected.
    const expected = /Expecting (.+?), got (.+)$/m.exec(message);
    const summary = expected ? `expected ${expected[1]}, got ${expected[2]}` : (message.split('\n').pop() ?? message);
    throw new TemplateSyntaxError(summary, line);
  }
}

interface PathNode extends Node {
  type: 'PathExpression';
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
}
interface CallNode extends Node {
  path: PathNode | Node;
  params: Node[];
  hash?: { pairs: { value: Node }[] };
}
interface BlockNode extends CallNode {
  program?: ProgramNode;
  inverse?: ProgramNode;
}
interface MustacheNode extends CallNode {
  escaped: boolean;
}
export interface ProgramNode extends Node {
  body: Node[];
  blockParams?: string[];
}

/** One level of context: the root data, or an item inside a block that changes context. */
interface Scope {
  readonly root: boolean;
  readonly locals: ReadonlySet<string>;
}

export function templateUsage(text: string): TemplateUsage {
  const program = parseTemplate(text);
  const variables: Use[] = [];
  const helpers: Use[] = [];
  const unsupported: Use[] = [];
  const unescaped: Use[] = [];
  const escaped: Use[] = [];
  const at = (node: Node) => ({ line: node.loc?.start.line ?? 1, column: node.loc?.start.column ?? 0 });

  /** Contexts from the root (first) to the innermost; `../` climbs them. */
  const readPath = (path: PathNode, contexts: readonly Scope[]): void => {
    const scope = contexts[contexts.length - 1] as Scope;
    if (path.data) {
      // @root.x reads x from the root; @index, @key, @first and @last come from each.
      if (path.parts[0] === 'root' && path.parts[1] !== undefined) variables.push({ name: path.parts[1], ...at(path) });
      return;
    }
    const target = contexts[contexts.length - 1 - path.depth];
    const head = path.parts[0];
    if (target === undefined) {
      unsupported.push({ name: `"${path.original}" climbs above the data the email is sent`, ...at(path) });
      return;
    }
    if (path.depth === 0 && head !== undefined && scope.locals.has(head)) return;
    if (!target.root) return;
    // {{this}} at the root would print the whole data.
    variables.push({ name: head ?? path.original, ...at(path) });
  };

  const expression = (node: Node, contexts: readonly Scope[]): void => {
    if (node.type === 'PathExpression') readPath(node as PathNode, contexts);
    else if (node.type === 'SubExpression') call(node as CallNode, contexts, true);
  };

  const isHelperCall = (node: CallNode, alwaysHelper: boolean): boolean =>
    alwaysHelper ||
    node.params.length > 0 ||
    (node.hash?.pairs.length ?? 0) > 0 ||
    (node.path.type === 'PathExpression' && SENDGRID_HELPERS.has((node.path as PathNode).original));

  /** Returns the helper's name, or undefined when the node reads a variable. */
  const call = (node: CallNode, contexts: readonly Scope[], alwaysHelper: boolean): string | undefined => {
    for (const param of node.params) expression(param, contexts);
    for (const pair of node.hash?.pairs ?? []) expression(pair.value, contexts);
    if (node.path.type !== 'PathExpression') return undefined;
    const path = node.path as PathNode;
    if (isHelperCall(node, alwaysHelper)) {
      helpers.push({ name: path.original, ...at(path) });
      return path.original;
    }
    readPath(path, contexts);
    return undefined;
  };

  const walk = (body: readonly Node[], contexts: readonly Scope[]): void => {
    for (const node of body) {
      switch (node.type) {
        case 'MustacheStatement': {
          const mustache = node as MustacheNode;
          const helper = call(mustache, contexts, false);
          if (helper === undefined && mustache.path.type === 'PathExpression') {
            (mustache.escaped ? escaped : unescaped).push({
              name: (mustache.path as PathNode).original,
              ...at(mustache),
            });
          }
          break;
        }
        case 'BlockStatement': {
          const block = node as BlockNode;
          const helper = call(block, contexts, false);
          // each (and a block over a plain variable) runs its body with the item as context.
          const changesContext = helper === undefined || CONTEXT_CHANGING_HELPERS.has(helper);
          if (block.program) {
            const locals = new Set([
              ...(contexts[contexts.length - 1] as Scope).locals,
              ...(block.program.blockParams ?? []),
            ]);
            walk(
              block.program.body,
              changesContext
                ? [...contexts, { root: false, locals }]
                : [...contexts.slice(0, -1), { ...(contexts[contexts.length - 1] as Scope), locals }],
            );
          }
          if (block.inverse) walk(block.inverse.body, contexts);
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement':
          unsupported.push({ name: 'a partial ({{> ...}}): SendGrid dynamic templates have none', ...at(node) });
          break;
        case 'Decorator':
        case 'DecoratorBlock':
          unsupported.push({ name: 'a decorator ({{* ...}}): SendGrid dynamic templates have none', ...at(node) });
          break;
        default:
          break; // text and comments
      }
    }
  };

  walk(program.body, [{ root: true, locals: new Set() }]);
  return { variables, helpers, unsupported, unescaped, escaped };
}
