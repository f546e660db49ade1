// How SendGrid renders a dynamic template: the Handlebars helpers it supports, local
// implementations of them, and the one render function that templates:preview, templates:lint
// and the local tenant's SendGrid all use, so that they show the same email. The list is
// SendGrid's "Using Handlebars" reference
// (twilio.com/docs/sendgrid/for-developers/sending-email/using-handlebars): substitution
// (formatDate, insert), conditionals (if/else, unless, greaterThan, lessThan, equals, notEquals,
// and, or, length) and iterations (each). Nothing else (no `with`, `lookup`, partials): SendGrid
// says it supports "most but not all" of Handlebars, and these are the ones it names.
import Handlebars from 'handlebars';

export const SENDGRID_HELPERS: ReadonlySet<string> = new Set([
  'if',
  'unless',
  'each',
  'formatDate',
  'insert',
  'greaterThan',
  'lessThan',
  'equals',
  'notEquals',
  'and',
  'or',
  'length',
]);

/** Helpers whose block runs with a new context (`../` climbs out of them). */
export const CONTEXT_CHANGING_HELPERS: ReadonlySet<string> = new Set(['each']);

type HelperOptions = Handlebars.HelperOptions;

const isOptions = (value: unknown): value is HelperOptions =>
  typeof value === 'object' && value !== null && 'fn' in value && 'hash' in value;

/** A block helper runs its block or its {{else}}; used inline it returns the boolean. */
function conditional(test: (...args: unknown[]) => boolean) {
  return function (this: unknown, ...args: unknown[]): unknown {
    const options = args[args.length - 1];
    const values = args.slice(0, -1);
    const result = test(...values);
    if (isOptions(options) && typeof options.fn === 'function') {
      return result ? options.fn(this) : options.inverse(this);
    }
    return result;
  };
}

// SendGrid: empty strings and zero are false, non-empty strings and non-zero numbers true.
const truthy = (value: unknown): boolean => Boolean(value) && !(Array.isArray(value) && value.length === 0);

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Minutes east of UTC of an offset written "-0800" or "-08:00"; 0 when absent or unreadable. */
function offsetMinutes(offset: unknown): number {
  const match = typeof offset === 'string' ? /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim()) : null;
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * SendGrid's formatDate: an ISO 8601 or epoch time, a format made of the tokens of its
 * reference (YYYY YY MMMM MMM MM M DD D dddd ddd hh h HH H mm m ss s A ZZ Z), and an optional
 * offset such as "-0800". UNCONFIRMED: whether an epoch number is in seconds or milliseconds;
 * numbers below 10^11 are read as seconds here.
 */
export function formatDate(time: unknown, format: unknown, offset?: unknown): string {
  const date =
    typeof time === 'number'
      ? new Date(time < 1e11 ? time * 1000 : time)
      : typeof time === 'string'
        ? new Date(time)
        : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()) || typeof format !== 'string') return typeof time === 'string' ? time : '';
  const shift = offsetMinutes(offset);
  const local = new Date(date.getTime() + shift * 60_000);
  const hours = local.getUTCHours();
  const sign = shift < 0 ? '-' : '+';
  const absolute = Math.abs(shift);
  const tokens: Record<string, () => string> = {
    YYYY: () => String(local.getUTCFullYear()),
    YY: () => pad(local.getUTCFullYear() % 100),
    MMMM: () => MONTHS[local.getUTCMonth()] as string,
    MMM: () => (MONTHS[local.getUTCMonth()] as string).slice(0, 3),
    MM: () => pad(local.getUTCMonth() + 1),
    M: () => String(local.getUTCMonth() + 1),
    DD: () => pad(local.getUTCDate()),
    D: () => String(local.getUTCDate()),
    dddd: () => DAYS[local.getUTCDay()] as string,
    ddd: () => (DAYS[local.getUTCDay()] as string).slice(0, 3),
    hh: () => pad(hours % 12 === 0 ? 12 : hours % 12),
    h: () => String(hours % 12 === 0 ? 12 : hours % 12),
    HH: () => pad(hours),
    H: () => String(hours),
    mm: () => pad(local.getUTCMinutes()),
    m: () => String(local.getUTCMinutes()),
    ss: () => pad(local.getUTCSeconds()),
    s: () => String(local.getUTCSeconds()),
    A: () => (hours < 12 ? 'AM' : 'PM'),
    ZZ: () => `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`,
    Z: () => `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`,
  };
  return format.replace(/YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|hh|h|HH|H|mm|m|ss|s|A|ZZ|Z/g, (token) =>
    (tokens[token] as () => string)(),
  );
}

/** SendGrid's insert: the value, or the default given as "default=..." (or as is) when empty. */
export function insert(value: unknown, fallback: unknown): unknown {
  if (value !== undefined && value !== null && value !== '') return value;
  if (typeof fallback !== 'string') return '';
  return fallback.startsWith('default=') ? fallback.slice('default='.length) : fallback;
}

/** A Handlebars environment of its own with SendGrid's helpers, and no others. */
function sendgridHandlebars(): typeof Handlebars {
  const handlebars = Handlebars.create();
  // Handlebars' own helpers that SendGrid does not list: a template using them must fail here.
  for (const name of ['with', 'lookup', 'log']) handlebars.unregisterHelper(name);
  handlebars.registerHelper({
    formatDate: (time: unknown, format: unknown, ...rest: unknown[]) =>
      formatDate(time, format, rest.length > 1 ? rest[0] : undefined),
    insert: (value: unknown, ...rest: unknown[]) => insert(value, rest.length > 1 ? rest[0] : undefined),
    // equals and notEquals coerce types, as SendGrid documents ({{#equals 3 "3"}} is true).
    // eslint-disable-next-line eqeqeq
    equals: conditional((a, b) => a == b),
    // eslint-disable-next-line eqeqeq
    notEquals: conditional((a, b) => a != b),
    greaterThan: conditional((a, b) => Number(a) > Number(b)),
    lessThan: conditional((a, b) => Number(a) < Number(b)),
    and: conditional((...values) => values.length > 0 && values.every(truthy)),
    or: conditional((...values) => values.some(truthy)),
    length: (value: unknown) => (typeof value === 'string' || Array.isArray(value) ? value.length : 0),
  });
  return handlebars;
}

const handlebars = sendgridHandlebars();
// Handlebars counts its own built-ins as known unless told otherwise: SendGrid's list decides,
// so a helper outside it is refused when the template is compiled, naming the helper.
const HANDLEBARS_BUILT_INS = ['if', 'unless', 'each', 'with', 'lookup', 'log'];
const COMPILE_OPTIONS = {
  knownHelpers: Object.fromEntries(
    [...HANDLEBARS_BUILT_INS, ...SENDGRID_HELPERS].map((name) => [name, SENDGRID_HELPERS.has(name)]),
  ),
  knownHelpersOnly: true,
  // As SendGrid: a missing value renders as nothing ("Object failure" in its Handlebars
  // reference) rather than failing the send.
  strict: false,
};

/** Compiles `source`, throwing Handlebars' message when it is not a valid template. */
export function checkSendgridTemplate(source: string): void {
  handlebars.precompile(source, COMPILE_OPTIONS);
}

/**
 * Renders `source` with `data`. Like SendGrid, {{x}} is HTML-escaped everywhere (subject and
 * plain text too, as SendGrid users report; UNCONFIRMED in the docs) and {{{x}}} is not.
 */
export function renderSendgridTemplate(source: string, data: unknown): string {
  return handlebars.compile(source, COMPILE_OPTIONS)(data ?? {});
}
