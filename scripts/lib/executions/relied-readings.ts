// What the bundle's flows rely on in the outputs of the actions they run, as data: one entry per
// reading, the doc it comes from, and a check of one observed action against it. `npm run
// executions` runs each check over the actions an execution's details show, so that the owner
// of a real tenant learns after one test change which readings their tenant follows. To add a
// reading: add an entry here (and a line in docs/executions.md); nothing else changes.

/** An action as an execution's details show it, with its definition from the deployed flow when found. */
export interface ObservedAction {
  readonly id: string;
  /** "TYPE/ACTION", e.g. "OTP/VERIFY_CODE". */
  readonly action: string;
  /** "completed", "failed" or "failure-allowed" on the local tenant; whatever the tenant writes elsewhere. */
  readonly status?: string;
  /** Whether the details carry an output at all (an output may be null). */
  readonly hasOutput: boolean;
  readonly output?: unknown;
  readonly definition?: { readonly params?: Readonly<Record<string, unknown>>; readonly mask_output?: boolean };
}

export type Verdict = 'matches' | `differs: ${string}` | 'not shown';

export interface ReliedReading {
  readonly action: string;
  /** What the flows rely on, and where it is documented (or that it is a reading). */
  readonly what: string;
  /** 'not shown' when this action's details cannot tell (no output, masked, failed). */
  check(observed: ObservedAction): Verdict;
}

/** How the local tenant and Auth0's debugger show a masked value (docs variables.mdx shows mask() as ███). */
const isMasked = (value: unknown): boolean => typeof value === 'string' && /^[█*]+$/.test(value);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown): string => (JSON.stringify(value) ?? 'undefined').slice(0, 80);

/** The output to judge, or undefined when these details cannot tell. */
function visibleOutput(observed: ObservedAction): unknown {
  if (!observed.hasOutput || observed.status === 'failed' || observed.status === 'failure-allowed' || isMasked(observed.output)) return undefined;
  return observed.output;
}

const VERIFY_CODE_RESULTS = ['MISSING', 'EXPIRED', 'VALID', 'UNEQUAL'];

/** Helpers whose result is never text (docs variables.mdx): a value that is one call to them shows whether types are kept. */
const NON_TEXT_HELPERS = /^\s*functions\.(length|toNumber|toBoolean|includes|indexOf|toArray)\(/;
const SINGLE_TEMPLATE = /^\{\{([\s\S]*)\}\}$/;

export const RELIED_READINGS: readonly ReliedReading[] = [
  {
    action: 'OTP/GENERATE_CODE',
    what: 'output {code}, masked (mask_output): the code never shows in the details (data-verification.mdx, flow-execution-and-debugger.mdx)',
    check: (o) => {
      if (!o.hasOutput || isMasked(o.output)) return o.hasOutput ? 'matches' : 'not shown';
      const code = isObject(o.output) ? o.output.code : undefined;
      // Never print the code itself.
      if (typeof code === 'string' || typeof code === 'number') return `differs: a ${String(code).length}-character code shows in clear (is mask_output on?)`;
      return `differs: the output is not {code}: keys ${isObject(o.output) ? Object.keys(o.output).join(', ') || 'none' : typeof o.output}`;
    },
  },
  {
    action: 'OTP/VERIFY_CODE',
    what: `output {valid: boolean, result: ${VERIFY_CODE_RESULTS.join('|')}}, valid only with VALID (data-verification.mdx)`,
    check: (o) => {
      const out = visibleOutput(o);
      if (out === undefined) return 'not shown';
      if (!isObject(out)) return `differs: the output is ${shown(out)}`;
      if (typeof out.valid !== 'boolean') return `differs: valid is ${shown(out.valid)}, not a boolean`;
      if (typeof out.result !== 'string' || !VERIFY_CODE_RESULTS.includes(out.result)) return `differs: result is ${shown(out.result)}`;
      if (out.valid !== (out.result === 'VALID')) return `differs: valid is ${String(out.valid)} with result ${out.result}`;
      return 'matches';
    },
  },
  {
    action: 'EMAIL/VERIFY_EMAIL',
    what: 'output {valid: boolean, cause}, with a cause such as INVALID_EMAIL_FORMAT or BLOCKLISTED when not valid (data-verification.mdx)',
    check: (o) => {
      const out = visibleOutput(o);
      if (out === undefined) return 'not shown';
      if (!isObject(out)) return `differs: the output is ${shown(out)}`;
      if (typeof out.valid !== 'boolean') return `differs: valid is ${shown(out.valid)}, not a boolean`;
      if (!out.valid && typeof out.cause !== 'string') return `differs: not valid, and cause is ${shown(out.cause)}`;
      return 'matches';
    },
  },
  {
    action: 'SENDGRID/SEND_EMAIL',
    what: 'a send that succeeded has an output, one that failed has none (the flows test {{actions.notify_old_address}} exists; UNCONFIRMED, send-email-action.ts)',
    check: (o) => {
      if (o.status === 'completed') return o.hasOutput ? 'matches' : 'differs: a send that succeeded shows no output';
      if (o.status === 'failure-allowed') return o.hasOutput ? 'differs: a failed send shows an output' : 'matches';
      return 'not shown';
    },
  },
  {
    action: 'AUTH0/UPDATE_USER',
    what: 'output is the updated user, with its email (the verify-code flow compares {{actions.update_user.email}}; auth0.mdx points to PATCH /users/{id})',
    check: (o) => {
      const out = visibleOutput(o);
      if (out === undefined) return 'not shown';
      return isObject(out) && typeof out.email === 'string' ? 'matches' : `differs: the output has no email: ${shown(out)}`;
    },
  },
  {
    action: 'AUTH0/SEND_REQUEST',
    what: 'output of GET /api/v2/users-by-email is the list of users (the flows count it with functions.length; auth0.mdx documents no output shape)',
    check: (o) => {
      const out = visibleOutput(o);
      if (out === undefined) return 'not shown';
      return Array.isArray(out) ? 'matches' : `differs: the output is ${shown(out)}, not a list`;
    },
  },
  {
    action: 'HTTP/SEND_REQUEST',
    what: 'output has a numeric status and a body (http-request.mdx: {headers, body, status, success}); the bundle sends through SENDGRID/SEND_EMAIL today',
    check: (o) => {
      const out = visibleOutput(o);
      if (out === undefined) return 'not shown';
      return isObject(out) && typeof out.status === 'number' && 'body' in out ? 'matches' : `differs: the output is ${shown(out)}`;
    },
  },
  {
    action: 'FLOW/STORE_VARS',
    what: 'a value that is exactly one {{...}} keeps its type, e.g. {{functions.length(...)}} stays a number (a reading: variables.mdx does not say; LOCAL_TENANT_READINGS singleTemplateValue)',
    check: (o) => {
      const out = visibleOutput(o);
      const vars = o.definition?.params?.vars;
      if (!isObject(out) || !isObject(vars)) return 'not shown';
      let kept: string | undefined;
      for (const [key, template] of Object.entries(vars)) {
        const expression = typeof template === 'string' ? SINGLE_TEMPLATE.exec(template)?.[1] : undefined;
        const value = out[key];
        if (expression === undefined || !(key in out) || isMasked(value)) continue;
        if (typeof value !== 'string' && value !== null) kept = key;
        else if (NON_TEXT_HELPERS.test(expression)) return `differs: vars.${key} = ${template} was stored as the text ${shown(value)}`;
      }
      return kept ? 'matches' : 'not shown';
    },
  },
];

/** One verdict per reading over many observed actions: any difference wins, then any match. */
export function compareWithReadings(observed: readonly ObservedAction[], readings: readonly ReliedReading[] = RELIED_READINGS): { action: string; what: string; verdict: Verdict; seen: number }[] {
  return readings.map((reading) => {
    const mine = observed.filter((o) => o.action === reading.action);
    const verdicts = mine.map((o) => reading.check(o));
    const verdict = verdicts.find((v) => v.startsWith('differs')) ?? verdicts.find((v) => v === 'matches') ?? 'not shown';
    return { action: reading.action, what: reading.what, verdict, seen: mine.length };
  });
}
