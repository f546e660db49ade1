// Runs one execution of a flow: its actions in order, BOOLEAN_CONDITION branches inside, until
// the end, an ERROR_MESSAGE (which "terminates the Flow": docs flows/integrations/logic.mdx), or
// a failed action without allow_failure. Outputs are readable as {{actions.<id>.<output>}}.
// Whether vars stored before an ERROR_MESSAGE stay stored is one of the readings
// (platform/readings.ts, varsBeforeErrorMessage); so is whether a verified code can be verified
// again (verifiedCode).
import { ActionFailure } from './action-failure';
import { AUTH0_ACTIONS, type Auth0Action } from './auth0-actions';
import { evaluateCondition } from './conditions';
import { MASKED_OUTPUT, MAX_ACTIONS_PER_FLOW_RUN } from './limits';
import { generateCode, type OtpStore, type RandomDigit, verifyCode } from './otp-codes';
import { HelperArgumentError, type HelperEnvironment } from './template-language/helper-functions';
import { asText, renderValue } from './template-language/render-template';
import { DefinitionError, UnsupportedFeatureError } from './unsupported';
import { findVaultConnection, type VaultConnection } from './vault-connections';
import { verifyEmail } from './verify-email';
import type { Readings } from '../../platform/readings';

export interface DeployedFlow {
  readonly id?: string;
  readonly name: string;
  readonly actions: readonly unknown[];
}

/** The journey data a flow reads and writes: vars are written in place. */
export interface FlowJourneyData {
  readonly context: Readonly<Record<string, unknown>>;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly vars: Record<string, unknown>;
}

export type FlowOutcome =
  | { readonly kind: 'completed' }
  | { readonly kind: 'error-message'; readonly message: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** One action's run, for the runtime's stand-in of the dashboard's Executions view. */
export interface ExecutionRecord {
  readonly at: string;
  readonly flow: string;
  readonly action_id: string;
  readonly action: string;
  readonly outcome: 'completed' | 'failed' | 'failure-allowed';
  readonly error?: string;
  readonly output?: unknown;
}

/** What flow actions reach outside the journey: the clock, codes, SendGrid, the Management API. */
export interface FlowServices {
  readonly now: () => number;
  readonly helpers: HelperEnvironment;
  readonly otpStore: OtpStore;
  readonly randomDigit: RandomDigit;
  readonly vaultConnections: readonly VaultConnection[];
  /** How the tenant reads what Auth0 leaves unsaid (platform/readings.ts): this runner applies singleTemplateValue, varsBeforeErrorMessage and verifiedCode. */
  readonly readings: Readings;
  http(connection: VaultConnection | undefined, params: Record<string, unknown>, where: string): Promise<unknown>;
  auth0(connection: VaultConnection, action: Auth0Action, params: Record<string, unknown>): Promise<unknown>;
  /** Told of each flow execution as it ends (the local tenant's Flow executions record). */
  readonly onFlowExecution?: (execution: FlowExecutionReport) => void;
}

/** One flow execution, as it ended: what the local tenant records and serves at /api/v2/flows/{id}/executions. */
export interface FlowExecutionReport {
  readonly flow: { readonly id?: string; readonly name: string };
  readonly journeyId: string;
  readonly user: { readonly user_id?: string; readonly email?: string };
  readonly startedAt: string;
  readonly endedAt: string;
  readonly outcome: FlowOutcome;
  /** The actions run, in order (outputs of mask_output actions masked). */
  readonly actions: readonly ExecutionRecord[];
}

/** The action types this runtime runs; anything else is refused by name. */
export const FLOW_ACTIONS: readonly string[] = [
  'FLOW/BOOLEAN_CONDITION',
  'FLOW/STORE_VARS',
  'FLOW/ERROR_MESSAGE',
  'OTP/GENERATE_CODE',
  'OTP/VERIFY_CODE',
  'EMAIL/VERIFY_EMAIL',
  'HTTP/SEND_REQUEST',
  ...AUTH0_ACTIONS.map((a) => `AUTH0/${a}`),
];

export interface FlowAction {
  readonly id: string;
  readonly type: string;
  readonly action: string;
  readonly allow_failure?: boolean;
  readonly mask_output?: boolean;
  readonly params: Record<string, unknown>;
}

/** The action's shape, or a DefinitionError that says what is missing. */
export function asFlowAction(value: unknown, where: string): FlowAction {
  const a = value as Partial<FlowAction> | null;
  if (typeof a !== 'object' || a === null) throw new DefinitionError(`${where}: an action must be an object`);
  if (typeof a.id !== 'string' || a.id === '') throw new DefinitionError(`${where}: an action needs an id`);
  if (typeof a.type !== 'string' || typeof a.action !== 'string')
    throw new DefinitionError(`${where}: action ${a.id} needs a type and an action`);
  const params = a.params ?? {};
  if (typeof params !== 'object' || Array.isArray(params))
    throw new DefinitionError(`${where}: action ${a.id} has params that are not an object`);
  return { ...a, params } as FlowAction;
}

type Stop = Exclude<FlowOutcome, { kind: 'completed' }>;

class FlowExecution {
  private readonly outputs: Record<string, unknown> = {};
  /** The texts of masked outputs: recorded nowhere in clear, not even inside another action's output. */
  private readonly maskedTexts = new Set<string>();
  private actionsRun = 0;

  constructor(
    private readonly flow: DeployedFlow,
    private readonly journey: FlowJourneyData,
    private readonly services: FlowServices,
    private readonly record: (entry: ExecutionRecord) => void,
  ) {}

  private scope() {
    return {
      context: this.journey.context,
      fields: this.journey.fields,
      vars: this.journey.vars,
      actions: this.outputs,
    };
  }

  private where(action: FlowAction): string {
    return `flow ${this.flow.name}, action ${action.id}`;
  }

  private log(
    action: FlowAction,
    outcome: ExecutionRecord['outcome'],
    detail: { error?: string; output?: unknown },
  ): void {
    if (action.mask_output) collectTexts(detail.output, this.maskedTexts);
    const output =
      detail.output === undefined
        ? {}
        : { output: action.mask_output ? MASKED_OUTPUT : redact(detail.output, this.maskedTexts) };
    this.record({
      at: new Date(this.services.now()).toISOString(),
      flow: this.flow.name,
      action_id: action.id,
      action: `${action.type}/${action.action}`,
      outcome,
      ...(detail.error === undefined ? {} : { error: detail.error }),
      ...output,
    });
  }

  async run(actions: readonly unknown[]): Promise<Stop | undefined> {
    for (const value of actions) {
      const action = asFlowAction(value, `flow ${this.flow.name}`);
      this.actionsRun += 1;
      if (this.actionsRun > MAX_ACTIONS_PER_FLOW_RUN)
        throw new DefinitionError(
          `flow ${this.flow.name} ran more than ${MAX_ACTIONS_PER_FLOW_RUN} actions in one execution`,
        );
      let stop: Stop | undefined;
      try {
        stop = await this.runOne(action);
      } catch (error) {
        // A service that failed, or a helper given data it cannot take: the action failed.
        if (!(error instanceof ActionFailure || error instanceof HelperArgumentError)) throw error;
        stop = this.failed(action, error);
      }
      if (stop) return stop;
    }
    return undefined;
  }

  private async runOne(action: FlowAction): Promise<Stop | undefined> {
    const kind = `${action.type}/${action.action}`;
    const where = this.where(action);
    const render = (value: unknown) =>
      renderValue(value, this.scope(), this.services.helpers, {
        singleTemplateValue: this.services.readings.singleTemplateValue,
      });
    switch (kind) {
      case 'FLOW/BOOLEAN_CONDITION': {
        const condition = action.params.if;
        if (condition === undefined) throw new DefinitionError(`${where}: BOOLEAN_CONDITION needs params.if`);
        const result = evaluateCondition(condition, this.scope(), this.services.helpers, where);
        this.outputs[action.id] = { result };
        this.log(action, 'completed', { output: { result } });
        const branch = result ? action.params.then : action.params.else;
        if (branch !== undefined && !Array.isArray(branch))
          throw new DefinitionError(`${where}: params.${result ? 'then' : 'else'} must be a list of actions`);
        return this.run(branch ?? []);
      }
      case 'FLOW/STORE_VARS': {
        const vars = render(action.params.vars);
        if (typeof vars !== 'object' || vars === null || Array.isArray(vars))
          throw new DefinitionError(`${where}: STORE_VARS needs params.vars, an object`);
        Object.assign(this.journey.vars, vars);
        // Its output in the record is what it stored (the local tenant's choice: Auth0 documents none).
        this.log(action, 'completed', { output: vars });
        return undefined;
      }
      case 'FLOW/ERROR_MESSAGE': {
        const message = asText(render(action.params.message));
        if (message === '') throw new DefinitionError(`${where}: ERROR_MESSAGE needs params.message`);
        this.log(action, 'completed', {});
        return { kind: 'error-message', message };
      }
    }
    if (!FLOW_ACTIONS.includes(kind)) throw new UnsupportedFeatureError(`the flow action ${kind}`, where);
    const output = await this.service(kind, render(action.params) as Record<string, unknown>, where);
    this.outputs[action.id] = output;
    this.log(action, 'completed', { output });
    return undefined;
  }

  /** allow_failure lets the flow go on (the action has no output); otherwise the flow fails. */
  private failed(action: FlowAction, error: Error): Stop | undefined {
    if (action.allow_failure) {
      this.log(action, 'failure-allowed', { error: error.message });
      return undefined;
    }
    this.log(action, 'failed', { error: error.message });
    return { kind: 'failed', reason: `${this.where(action)}: ${error.message}` };
  }

  private async service(kind: string, params: Record<string, unknown>, where: string): Promise<unknown> {
    const now = this.services.now();
    switch (kind) {
      case 'OTP/GENERATE_CODE':
        return generateCode(this.services.otpStore, params, now, this.services.randomDigit);
      case 'OTP/VERIFY_CODE': {
        const result = verifyCode(this.services.otpStore, params, now);
        if (result.valid && this.services.readings.verifiedCode === 'single-use')
          this.services.otpStore.delete(String(params.reference));
        return result;
      }
      case 'EMAIL/VERIFY_EMAIL':
        return verifyEmail(params.email, params.rules);
      case 'HTTP/SEND_REQUEST': {
        const connection =
          params.connection_id === undefined
            ? undefined
            : findVaultConnection(this.services.vaultConnections, params.connection_id, 'HTTP', where);
        return this.services.http(connection, params, where);
      }
      default: {
        const connection = findVaultConnection(this.services.vaultConnections, params.connection_id, 'AUTH0', where);
        return this.services.auth0(connection, kind.slice('AUTH0/'.length) as Auth0Action, params);
      }
    }
  }
}

/** Masked codes are 4+ characters; shorter texts ("x", "1") would mask half the record. */
const MIN_MASKED_TEXT_CHARS = 4;

function collectTexts(value: unknown, into: Set<string>): void {
  if ((typeof value === 'string' || typeof value === 'number') && String(value).length >= MIN_MASKED_TEXT_CHARS)
    into.add(String(value));
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) collectTexts(item, into);
}

function redact(value: unknown, masked: ReadonlySet<string>): unknown {
  if (masked.size === 0) return value;
  if (typeof value === 'string' || typeof value === 'number')
    return [...masked].some((text) => String(value).includes(text)) ? MASKED_OUTPUT : value;
  if (Array.isArray(value)) return value.map((item) => redact(item, masked));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, masked)]));
  return value;
}

export async function runFlow(
  flow: DeployedFlow,
  journey: FlowJourneyData,
  services: FlowServices,
  record: (entry: ExecutionRecord) => void,
): Promise<FlowOutcome> {
  if (!Array.isArray(flow.actions)) throw new DefinitionError(`flow ${flow.name} has no actions list`);
  const before = structuredClone(journey.vars);
  const stop = await new FlowExecution(flow, journey, services, record).run(flow.actions);
  if (stop?.kind === 'error-message' && services.readings.varsBeforeErrorMessage === 'rolled-back') {
    for (const key of Object.keys(journey.vars)) delete journey.vars[key];
    Object.assign(journey.vars, before);
  }
  return stop ?? { kind: 'completed' };
}
