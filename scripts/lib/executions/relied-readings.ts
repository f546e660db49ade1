// What the bundle's flows rely on in the outputs of the actions they run, as data: one entry per
// reading, the doc it comes from, and a check of the observed actions against it. `npm run
// executions` runs each check over the actions the executions' details show, so that the owner
// of a real tenant learns after one test change which readings their tenant follows. To add a
// reading: add an entry here (and a line in docs/executions.md); nothing else changes.
import { FLOW_VARS } from '../../../forms/journey-vars';

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
  readonly definition?: {
    readonly params?: Readonly<Record<string, unknown>>;
    readonly mask_output?: boolean;
    readonly allow_failure?: boolean;
  };
  /** The journey (form session) of the execution it ran in, when the details name it. */
  readonly journeyId?: string;
}

export type Verdict = 'matches' | `differs: ${string}` | 'not shown';

export interface ReliedReading {
  /** What the comparison prints and --json names it by: the action, and what about it when it has several readings. */
  readonly name: string;
  /** The action type it is about, "TYPE/ACTION". */
  readonly action: string;
  /** What the flows rely on, and where it is documented (or that it is a reading). */
  readonly what: string;
  /** Which of that type's actions it judges (and counts as seen); all when absent. */
  applies?(observed: ObservedAction): boolean;
  /** Over every action it judges, oldest first: 'not shown' when none can tell (no output, masked, failed). */
  check(observed: readonly ObservedAction[]): Verdict;
}

/** How the local tenant and Auth0's debugger show a masked value (docs variables.mdx shows mask() as ███). */
const isMasked = (value: unknown): boolean => typeof value === 'string' && /^[█*]+$/.test(value);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown): string => (JSON.stringify(value) ?? 'undefined').slice(0, 80);

/** The output to judge, or undefined when these details cannot tell. */
function visibleOutput(observed: ObservedAction): unknown {
  if (
    !observed.hasOutput ||
    observed.status === 'failed' ||
    observed.status === 'failure-allowed' ||
    isMasked(observed.output)
  )
    return undefined;
  return observed.output;
}

const VERIFY_CODE_RESULTS = ['MISSING', 'EXPIRED', 'VALID', 'UNEQUAL'];

/** Helpers whose result is never text (docs variables.mdx): a value that is one call to them shows whether types are kept. */
const NON_TEXT_HELPERS = /^\s*functions\.(length|toNumber|toBoolean|includes|indexOf|toArray)\(/;
const SINGLE_TEMPLATE = /^\{\{([\s\S]*)\}\}$/;

/** A check of one action at a time, over many: any difference wins, then any match. */
function eachAction(check: (observed: ObservedAction) => Verdict): (observed: readonly ObservedAction[]) => Verdict {
  return (observed) => {
    const verdicts = observed.map(check);
    return verdicts.find((v) => v.startsWith('differs')) ?? verdicts.find((v) => v === 'matches') ?? 'not shown';
  };
}

const is2xx = (status: number): boolean => status >= 200 && status < 300;

export const RELIED_READINGS: readonly ReliedReading[] = [
  {
    name: 'OTP/GENERATE_CODE',
    action: 'OTP/GENERATE_CODE',
    what: 'output {code}, masked (mask_output): the code never shows in the details (data-verification.mdx, flow-execution-and-debugger.mdx)',
    check: eachAction((o) => {
      if (!o.hasOutput || isMasked(o.output)) return o.hasOutput ? 'matches' : 'not shown';
      const code = isObject(o.output) ? o.output.code : undefined;
      // Never print the code itself.
      if (typeof code === 'string' || typeof code === 'number')
        return `differs: a ${String(code).length}-character code shows in clear (is mask_output on?)`;
      return `differs: the output is not {code}: keys ${isObject(o.output) ? Object.keys(o.output).join(', ') || 'none' : typeof o.output}`;
    }),
  },
  {
    name: 'OTP/VERIFY_CODE',
    action: 'OTP/VERIFY_CODE',
    what: `output {valid: boolean, result: ${VERIFY_CODE_RESULTS.join('|')}}, valid only with VALID; verify-code tests valid, and result EXPIRED (data-verification.mdx)`,
    check: eachAction((o) => {
      const out = visibleOutput(o);
      if (out === undefined) return 'not shown';
      if (!isObject(out)) return `differs: the output is ${shown(out)}`;
      if (typeof out.valid !== 'boolean') return `differs: valid is ${shown(out.valid)}, not a boolean`;
      if (typeof out.result !== 'string' || !VERIFY_CODE_RESULTS.includes(out.result))
        return `differs: result is ${shown(out.result)}`;
      if (out.valid !== (out.result === 'VALID'))
        return `differs: valid is ${String(out.valid)} with result ${out.result}`;
      return 'matches';
    }),
  },
  {
    name: 'EMAIL/VERIFY_EMAIL',
    action: 'EMAIL/VERIFY_EMAIL',
    what: 'output {valid: boolean, cause}, with a cause such as INVALID_EMAIL_FORMAT or BLOCKLISTED when not valid; send-code tests both (data-verification.mdx)',
    check: eachAction((o) => {
      const out = visibleOutput(o);
      if (out === undefined) return 'not shown';
      if (!isObject(out)) return `differs: the output is ${shown(out)}`;
      if (typeof out.valid !== 'boolean') return `differs: valid is ${shown(out.valid)}, not a boolean`;
      if (!out.valid && typeof out.cause !== 'string') return `differs: not valid, and cause is ${shown(out.cause)}`;
      return 'matches';
    }),
  },
  {
    name: 'HTTP/SEND_REQUEST',
    action: 'HTTP/SEND_REQUEST',
    what:
      'output {headers, body, status: number, success: boolean}, success exactly for a 2xx status (http-request.mdx): the flows test the status of ' +
      'read_user, recheck_user, record_send, find_owner, update_user (masked: not shown) and the success of send_code, send_address_in_use, notify_old_address, and read the body',
    check: eachAction((o) => {
      const out = visibleOutput(o);
      if (out === undefined) return 'not shown';
      if (!isObject(out)) return `differs: the output is ${shown(out)}`;
      if (typeof out.status !== 'number') return `differs: status is ${shown(out.status)}, not a number`;
      if (typeof out.success !== 'boolean') return `differs: success is ${shown(out.success)}, not a boolean`;
      if (out.success !== is2xx(out.status))
        return `differs: success is ${String(out.success)} with status ${out.status}`;
      if (!('body' in out)) return `differs: the output has no body: keys ${Object.keys(out).join(', ')}`;
      if (!isObject(out.headers)) return `differs: headers is ${shown(out.headers)}`;
      return 'matches';
    }),
  },
  {
    name: 'HTTP/SEND_REQUEST non-2xx',
    action: 'HTTP/SEND_REQUEST',
    what:
      'an answer other than 2xx (SendGrid refusing a send, say) is the output {status, success: false} (httpErrorStatus=output) or a failed action ' +
      '(httpErrorStatus=fails); either way the flow goes on (allow_failure) to its test of status or success and ends with its own message (http-request.mdx says neither)',
    applies: (o) =>
      o.status === 'failed' || o.status === 'failure-allowed' || (isObject(o.output) && o.output.success === false),
    check: eachAction((o) => {
      if (o.status === 'failed') {
        return `differs: ${o.id} failed and the flow stopped there${o.definition?.allow_failure ? ', though it allows failure' : ' (is allow_failure on?)'}`;
      }
      if (o.status === 'failure-allowed') return 'matches';
      const out = visibleOutput(o);
      if (!isObject(out)) return 'not shown';
      return typeof out.status === 'number' && !is2xx(out.status) ? 'matches' : 'not shown';
    }),
  },
  {
    name: 'FLOW/STORE_VARS',
    action: 'FLOW/STORE_VARS',
    what:
      'a value that is exactly one {{...}} keeps its type: vars.owners = {{functions.length(actions.find_owner.body)}} stays a number (a reading: variables.mdx does not say; ' +
      'LOCAL_TENANT_READINGS singleTemplateValue). The flows work under both (they compare text, and copy the history leaf by leaf): this tells which the tenant follows',
    check: eachAction((o) => {
      const out = visibleOutput(o);
      const vars = o.definition?.params?.vars;
      if (!isObject(out) || !isObject(vars)) return 'not shown';
      let kept: string | undefined;
      for (const [key, template] of Object.entries(vars)) {
        const expression = typeof template === 'string' ? SINGLE_TEMPLATE.exec(template)?.[1] : undefined;
        const value = out[key];
        if (expression === undefined || !(key in out) || isMasked(value)) continue;
        if (typeof value !== 'string' && value !== null) kept = key;
        else if (NON_TEXT_HELPERS.test(expression))
          return `differs: vars.${key} = ${template} was stored as the text ${shown(value)}`;
      }
      return kept ? 'matches' : 'not shown';
    }),
  },
  {
    name: 'vars after a wrong code',
    action: 'FLOW/STORE_VARS',
    what:
      `what a wrong code stores (vars.${FLOW_VARS.wrongCodes}, vars.${FLOW_VARS.codeNotice}) is there in the journey's next run, since verify-code then ends normally ` +
      `(no FLOW/ERROR_MESSAGE, whose effect on vars Auth0 leaves unsaid): seen as vars.${FLOW_VARS.wrongCodes} growing by one x per wrong code in a journey`,
    applies: (o) => isObject(o.output) && typeof o.output[FLOW_VARS.wrongCodes] === 'string',
    check: (observed) => {
      // Executions are read oldest first; one that was not read (--limit, --since) only skips a value.
      const last = new Map<string, string>();
      let followed = false;
      for (const o of observed) {
        const value = (o.output as Record<string, unknown>)[FLOW_VARS.wrongCodes] as string;
        if (o.journeyId === undefined || isMasked(value)) continue;
        const before = last.get(o.journeyId);
        if (before !== undefined) {
          if (value.length <= before.length) {
            return `differs: in journey ${o.journeyId} vars.${FLOW_VARS.wrongCodes} went from ${shown(before)} to ${shown(value)}: what a wrong code stored did not reach the next run`;
          }
          followed = true;
        }
        last.set(o.journeyId, value);
      }
      return followed ? 'matches' : 'not shown';
    },
  },
];

/** One verdict per reading over the observed actions (oldest first), and how many of them it judged. */
export function compareWithReadings(
  observed: readonly ObservedAction[],
  readings: readonly ReliedReading[] = RELIED_READINGS,
): { name: string; action: string; what: string; verdict: Verdict; seen: number }[] {
  return readings.map((reading) => {
    const mine = observed.filter((o) => o.action === reading.action && (reading.applies?.(o) ?? true));
    return {
      name: reading.name,
      action: reading.action,
      what: reading.what,
      verdict: mine.length > 0 ? reading.check(mine) : 'not shown',
      seen: mine.length,
    };
  });
}
