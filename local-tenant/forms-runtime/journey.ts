// One user's way through a form: which step they are on, what they submitted, the vars. It walks
// STEP, FLOW and ROUTER nodes: a step continues only when its fields validate; a FLOW node whose
// flow fails or ends in ERROR_MESSAGE shows the message and stays on the step (docs/platform-facts.md
// §2); routers take the first rule that holds, else the fallback (docs routers.mdx); the ending
// node ends the journey and hands the vars back for the login to resume. A JUMP_BUTTON goes to its
// next_node without validating or keeping the step's fields, a PREVIOUS_BUTTON back to the step
// before (docs nodes-and-components.mdx, "Blocks components").
import { evaluateCondition } from './conditions';
import { type Component, type DeployedForm, ENDING, findFlow, findNode, type FormNode } from './form-definition';
import { type DeployedFlow, type ExecutionRecord, type FlowOutcome, type FlowServices, runFlow } from './flow-runner';
import type { JourneyState } from './journey-state';
import { MAX_EXECUTION_RECORDS, MAX_NODES_PER_SUBMIT } from './limits';
import { PLATFORM_MESSAGES } from './platform-messages';
import { type RenderOptions, renderStep } from './render-step';
import { DefinitionError } from './unsupported';
import { fieldValue, validateField } from './validate-fields';

export interface FormsDeployment {
  readonly form: DeployedForm;
  readonly flows: readonly DeployedFlow[];
}

/** A request the journey cannot take: it has ended, or the step has no such button. The host answers 400. */
export class JourneyRequestError extends Error {
  override readonly name = 'JourneyRequestError';
}

export interface SubmitInput {
  /** The posted values by field id. Any key is kept, as any POST can hold any field. */
  readonly fields?: Readonly<Record<string, string>>;
  /** The button pressed: the step's NEXT_BUTTON, its RESEND_BUTTON, its PREVIOUS_BUTTON, or one of its JUMP_BUTTONs by component id. */
  readonly action?: StepAction;
}

export type StepAction = 'next' | 'resend' | 'previous' | `${typeof JUMP_PREFIX}${string}`;
/** A jump names the JUMP_BUTTON pressed (its component id), never a node. */
export const JUMP_PREFIX = 'jump:';

/** Whether a posted value names a step action (the host refuses anything else). */
export function isStepAction(value: string): value is StepAction {
  return (
    value === 'next' ||
    value === 'resend' ||
    value === 'previous' ||
    (value.startsWith(JUMP_PREFIX) && value.length > JUMP_PREFIX.length)
  );
}

export type SubmitResult =
  | { readonly ended: false; readonly step: string; readonly errors: JourneyState['errors'] }
  | { readonly ended: true; readonly vars: Record<string, unknown> };

type StepNode = Extract<FormNode, { type: 'STEP' }>;

export class Journey {
  constructor(
    private readonly deployment: FormsDeployment,
    private readonly services: FlowServices,
    private readonly current: JourneyState,
  ) {}

  /** A copy of the whole state, to persist. */
  get state(): JourneyState {
    return structuredClone(this.current);
  }

  get ended(): boolean {
    return this.current.ended;
  }

  /** A copy of the vars (what onContinuePostLogin would see in event.prompt.vars once ended). */
  get vars(): Record<string, unknown> {
    return structuredClone(this.current.vars);
  }

  private formScope() {
    return { context: this.current.context, fields: this.current.fields, vars: this.current.vars };
  }

  private step(): StepNode {
    if (this.current.ended)
      throw new JourneyRequestError('this journey has ended: the login has resumed, nothing more can be submitted');
    const node = findNode(this.deployment.form, this.current.node);
    if (node.type !== 'STEP')
      throw new DefinitionError(`journey ${this.current.id} rests on node ${node.id}, which is not a step`);
    return node;
  }

  private async runFlow(flow: DeployedFlow): Promise<FlowOutcome> {
    const startedAt = new Date(this.services.now()).toISOString();
    const actions: ExecutionRecord[] = [];
    const report = (outcome: FlowOutcome): void => {
      const user = (this.current.context.user ?? {}) as { user_id?: string; email?: string };
      this.services.onFlowExecution?.({
        flow: { id: flow.id, name: flow.name },
        journeyId: this.current.id,
        user: { user_id: user.user_id, email: user.email },
        startedAt,
        endedAt: new Date(this.services.now()).toISOString(),
        outcome,
        actions,
      });
    };
    let outcome: FlowOutcome;
    try {
      outcome = await runFlow(flow, this.current, this.services, (record) => {
        actions.push(record);
        this.current.executions.push(record);
        if (this.current.executions.length > MAX_EXECUTION_RECORDS)
          this.current.executions.splice(0, this.current.executions.length - MAX_EXECUTION_RECORDS);
      });
    } catch (error) {
      // A flow the runtime cannot run (a definition error) still shows as a failed execution.
      report({ kind: 'failed', reason: (error as Error).message });
      throw error;
    }
    report(outcome);
    return outcome;
  }

  private messageOf(outcome: Exclude<FlowOutcome, { kind: 'completed' }>): string {
    return outcome.kind === 'error-message' ? outcome.message : PLATFORM_MESSAGES[this.current.language].flowFailed;
  }

  private setFormError(outcome: Exclude<FlowOutcome, { kind: 'completed' }>): void {
    this.current.errors.form = this.messageOf(outcome);
    this.current.formErrorFromFlow = outcome.kind === 'error-message';
  }

  private goingBack = false;

  /** Walks from `from` to the next step or the ending; a flow that stops keeps the user on `stayOn`. */
  async advance(from: string, stayOn: string | undefined): Promise<void> {
    let nodeId = from;
    for (let visited = 0; ; visited += 1) {
      if (visited >= MAX_NODES_PER_SUBMIT)
        throw new DefinitionError(
          `form ${this.current.form}: more than ${MAX_NODES_PER_SUBMIT} nodes without reaching a step (a loop?)`,
        );
      if (nodeId === ENDING) {
        this.current.ended = true;
        this.current.node = ENDING;
        return;
      }
      const node = findNode(this.deployment.form, nodeId);
      switch (node.type) {
        case 'STEP':
          if (stayOn !== undefined && node.id !== stayOn && !this.goingBack)
            (this.current.previousSteps ??= []).push(stayOn);
          this.current.node = node.id;
          return;
        case 'ROUTER': {
          const where = `form ${this.current.form}, router ${node.id}`;
          const rule = node.config.rules.find((r) =>
            evaluateCondition(r.condition, this.formScope(), this.services.helpers, `${where}, rule ${r.id}`),
          );
          nodeId = rule ? rule.next_node : node.config.fallback;
          break;
        }
        case 'FLOW': {
          const outcome = await this.runFlow(findFlow(this.deployment.flows, node.config.flow_id, `node ${node.id}`));
          if (outcome.kind === 'completed') {
            nodeId = node.config.next_node;
            break;
          }
          if (stayOn === undefined)
            throw new DefinitionError(
              `form ${this.current.form}: flow node ${node.id} stopped before the first step: ${outcome.kind === 'failed' ? outcome.reason : outcome.message}`,
            );
          this.current.node = stayOn;
          this.setFormError(outcome);
          return;
        }
        default:
          throw new DefinitionError(
            `form ${this.current.form}: node ${(node as { id: string }).id} has an unknown type`,
          );
      }
    }
  }

  private fieldsOf(step: StepNode): Component[] {
    return step.config.components.filter((c) => c.category === 'FIELD');
  }

  async submit(input: SubmitInput): Promise<SubmitResult> {
    const step = this.step();
    const action = input.action ?? 'next';
    const fields = this.fieldsOf(step);
    this.current.errors = { fields: {} };
    delete this.current.formErrorFromFlow;
    if (action === 'previous' || action.startsWith(JUMP_PREFIX)) {
      // Neither validates nor keeps what the step holds (docs nodes-and-components.mdx).
      await (action === 'previous' ? this.previous(step) : this.jump(step, action.slice(JUMP_PREFIX.length)));
      return this.result();
    }
    if (this.services.readings.unshownFields === 'dropped') {
      for (const key of Object.keys(this.current.fields))
        if (!fields.some((c) => c.id === key)) delete this.current.fields[key];
    }
    for (const [key, value] of Object.entries(input.fields ?? {})) {
      if (typeof value !== 'string') throw new JourneyRequestError(`field ${key} must be text`);
      const component = fields.find((c) => c.id === key);
      // A field this step does not show: kept or dropped, as the reading says (platform/readings.ts).
      if (!component && this.services.readings.unshownFields === 'dropped') continue;
      this.current.fields[key] = component ? fieldValue(component, value) : value;
    }
    if (action === 'next') {
      for (const component of fields) {
        const error = validateField(
          component,
          fieldValue(component, this.current.fields[component.id]),
          this.current.language,
        );
        if (error) this.current.errors.fields[component.id] = error;
      }
      if (Object.keys(this.current.errors.fields).length === 0) await this.advance(step.config.next_node, step.id);
    } else if (action === 'resend') {
      await this.resend(step);
    } else {
      throw new JourneyRequestError(
        `unknown action ${JSON.stringify(action)}: a step knows "next", "resend", "previous" and "jump:<button id>"`,
      );
    }
    return this.result();
  }

  private result(): SubmitResult {
    return this.current.ended
      ? { ended: true, vars: this.vars }
      : { ended: false, step: this.current.node, errors: structuredClone(this.current.errors) };
  }

  /** A JUMP_BUTTON of this step: to its next_node, through any router or flow on the way. */
  private async jump(step: StepNode, buttonId: string): Promise<void> {
    const button = step.config.components.find(
      (c) => c.id === buttonId && c.category === 'BLOCK' && c.type === 'JUMP_BUTTON',
    );
    if (!button) throw new JourneyRequestError(`step ${step.id} has no jump button ${JSON.stringify(buttonId)}`);
    await this.advance(String(button.config?.next_node), step.id);
  }

  /** The PREVIOUS_BUTTON: back to the step the person came from. */
  private async previous(step: StepNode): Promise<void> {
    if (!step.config.components.some((c) => c.category === 'BLOCK' && c.type === 'PREVIOUS_BUTTON'))
      throw new JourneyRequestError(`step ${step.id} has no previous button`);
    const back = this.current.previousSteps?.pop();
    if (back === undefined)
      throw new JourneyRequestError(`step ${step.id} is the first step of this journey: there is no previous one`);
    this.goingBack = true;
    try {
      await this.advance(back, step.id);
    } finally {
      this.goingBack = false;
    }
  }

  /**
   * The RESEND_BUTTON re-runs its flow. Its limits (max_attempts, waiting_time) are enforced by
   * Auth0's page, not its server (docs/platform-facts.md §2); this runtime serves pages without
   * script, so it enforces them here, and the flows keep their own server-side cap.
   */
  private async resend(step: StepNode): Promise<void> {
    const button = step.config.components.find((c) => c.type === 'RESEND_BUTTON');
    if (!button) throw new JourneyRequestError(`step ${step.id} has no resend button`);
    const config = button.config ?? {};
    const messages = PLATFORM_MESSAGES[this.current.language];
    const pressed = this.current.resends[button.id] ?? { count: 0, lastAtMs: Number.NEGATIVE_INFINITY };
    const now = this.services.now();
    if (typeof config.max_attempts === 'number' && pressed.count >= config.max_attempts) {
      this.current.errors.form = messages.resendExhausted;
      return;
    }
    const waitMs = typeof config.waiting_time === 'number' ? config.waiting_time * 1000 : 0;
    if (now - pressed.lastAtMs < waitMs) {
      this.current.errors.form = messages.resendTooSoon(Math.ceil((waitMs - (now - pressed.lastAtMs)) / 1000));
      return;
    }
    this.current.resends[button.id] = { count: pressed.count + 1, lastAtMs: now };
    const outcome = await this.runFlow(
      findFlow(this.deployment.flows, String(config.flow_id), `component ${button.id}`),
    );
    if (outcome.kind !== 'completed') this.setFormError(outcome);
  }

  /** The current step as an HTML page. */
  render(options: RenderOptions): string {
    const step = this.step();
    return renderStep(
      {
        state: this.current,
        components: step.config.components,
        scope: this.formScope(),
        helpers: this.services.helpers,
        nowMs: this.services.now(),
        formName: this.deployment.form.name ?? this.current.form,
      },
      options,
    );
  }
}
