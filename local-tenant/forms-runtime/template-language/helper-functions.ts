// The helper functions of the template language (docs customize/forms/variables.mdx;
// encodeURIComponent from flows/integrations/auth0.mdx), with JavaScript's meaning where the docs
// give only an example. Only the helpers the bundle uses, and a few as plain as them, are here:
// calling any other is refused by name (UnsupportedFeatureError), never answered with undefined.
import { createHash } from 'node:crypto';
import { UnsupportedFeatureError } from '../unsupported';

export interface HelperEnvironment {
  /** The clock, in ms since the epoch. */
  readonly now: () => number;
  readonly uuid: () => string;
}

type Helper = (env: HelperEnvironment, args: unknown[]) => unknown;

export class HelperArgumentError extends Error {
  override readonly name = 'HelperArgumentError';
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);

function integer(name: string, value: unknown, position: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new HelperArgumentError(
      `functions.${name}: the ${position} must be a whole number, got ${JSON.stringify(value)}`,
    );
  return n;
}

function collection(name: string, value: unknown): string | unknown[] {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  throw new HelperArgumentError(
    `functions.${name} needs a string or an array, got ${value === undefined ? 'undefined' : JSON.stringify(value)}`,
  );
}

const HELPERS: Readonly<Record<string, Helper>> = {
  // length('auth0') is 5. UNCONFIRMED for a missing value: 0 here, so that a count of nothing is 0.
  length: (_env, [value]) => {
    if (value === undefined || value === null) return 0;
    if (typeof value === 'string' || Array.isArray(value)) return value.length;
    if (typeof value === 'object') return Object.keys(value).length;
    return String(value).length;
  },
  // "a merged array, object or concatenates a string depending on the base data type".
  merge: (_env, [base, value]) => {
    if (Array.isArray(base)) return base.concat(value);
    if (typeof base === 'string') return base + text(value);
    if (
      typeof base === 'object' &&
      base !== null &&
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value)
    )
      return { ...base, ...value };
    throw new HelperArgumentError(
      `functions.merge needs an array, a string or an object as its base, got ${base === undefined ? 'undefined' : JSON.stringify(base)}`,
    );
  },
  substring: (_env, [value, start, end]) =>
    text(value).substring(integer('substring', start, 'start') ?? 0, integer('substring', end, 'end')),
  slice: (_env, [value, start, end]) =>
    collection('slice', value).slice(integer('slice', start, 'start'), integer('slice', end, 'end')),
  indexOf: (_env, [value, item, from]) => {
    const c = collection('indexOf', value);
    return typeof c === 'string'
      ? c.indexOf(text(item), integer('indexOf', from, 'start'))
      : c.indexOf(item, integer('indexOf', from, 'start'));
  },
  includes: (_env, [value, item, from]) => {
    const c = collection('includes', value);
    return typeof c === 'string'
      ? c.includes(text(item), integer('includes', from, 'start'))
      : c.includes(item, integer('includes', from, 'start'));
  },
  split: (_env, [value, separator, limit]) => text(value).split(text(separator), integer('split', limit, 'limit')),
  // docs variables.mdx (since 2026-04-24): "Returns a new string transformed to lowercase / uppercase".
  toLowerCase: (_env, [value]) => text(value).toLowerCase(),
  toUpperCase: (_env, [value]) => text(value).toUpperCase(),
  replaceAll: (_env, [value, search, replacement]) => text(value).replaceAll(text(search), text(replacement)),
  replace: (_env, [value, search, replacement]) => text(value).replace(text(search), text(replacement)),
  toString: (_env: HelperEnvironment, args: unknown[]): unknown => {
    const [value] = args;
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : text(value);
  },
  toNumber: (_env, [value]) => Number(value),
  // now(): "the current date in ISO 8601 format"; toTimestamp(): UNIX time in seconds.
  now: (env) => new Date(env.now()).toISOString(),
  toTimestamp: (env, args) => {
    if (args.length === 0 || args[0] === undefined) return Math.floor(env.now() / 1000);
    const ms = Date.parse(text(args[0]));
    if (Number.isNaN(ms))
      throw new HelperArgumentError(`functions.toTimestamp: ${JSON.stringify(args[0])} is not a date`);
    return Math.floor(ms / 1000);
  },
  uuid: (env) => env.uuid(),
  sha256: (_env, [value]) => createHash('sha256').update(text(value), 'utf8').digest('hex'),
  encodeURIComponent: (_env, [value]) => encodeURIComponent(text(value)),
};

export function isHelper(name: string): boolean {
  return Object.hasOwn(HELPERS, name);
}

export function callHelper(name: string, args: unknown[], env: HelperEnvironment): unknown {
  const helper = HELPERS[name];
  if (!helper || !Object.hasOwn(HELPERS, name)) throw new UnsupportedFeatureError(`the helper functions.${name}()`);
  return helper(env, args);
}
