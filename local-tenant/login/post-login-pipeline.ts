// Runs a login's post-login Actions in their binding order through the Actions runtime, and
// turns what each recorded into what the login does next: go on, end at the callback with an
// error, show a form, or challenge MFA. Metadata an Action set is written to the user before the
// next Action runs, so that it sees it; nothing is applied from an Action that failed
// (actions-runtime/post-login-record.ts: on failure Auth0 discards the commands).
import type { PostLoginRecord } from '../actions-runtime';
import type { StoredUser } from '../state/types';
import type { TenantContext } from '../surface';
import { boundPostLoginActions, DeployedActionError, loadedAction } from './deployed-actions';
import type { LoginTransaction, PipelineProgress } from './login-state';
import { buildPostLoginEvent, type ExecutionRequest } from './post-login-event-builder';
import type { SessionLogin } from './login-state';

export type PipelineResult =
  /** Every Action ran and none stopped the login. */
  | { readonly kind: 'done' }
  /** The login ends at the callback with this OAuth error. */
  | { readonly kind: 'deny'; readonly error: string; readonly description: string; readonly revokeSession?: boolean }
  /** api.prompt.render: show the form; the Action at actionIndex resumes after it. */
  | {
      readonly kind: 'render';
      readonly actionIndex: number;
      readonly formId: string;
      readonly vars: Record<string, unknown>;
      readonly fields: Record<string, unknown>;
    }
  /** api.authentication.challengeWith: MFA before the next Action. */
  | { readonly kind: 'challenge' };

export interface PipelineContext {
  readonly tx: LoginTransaction;
  readonly login: SessionLogin;
  readonly sessionId: string;
  readonly request: ExecutionRequest;
}

/** Starts the pipeline of a transaction once, with the bindings as deployed now. */
export function startPipeline(context: TenantContext, tx: LoginTransaction): PipelineProgress | { error: string } {
  if (tx.pipeline) return tx.pipeline;
  try {
    tx.pipeline = {
      actions: boundPostLoginActions(context),
      next: 0,
      metadata: {},
      mfaAtEnd: false,
      challengePending: false,
    };
    return tx.pipeline;
  } catch (error) {
    if (error instanceof DeployedActionError) return { error: error.message };
    throw error;
  }
}

function currentUser(context: TenantContext, userId: string): StoredUser | undefined {
  return context.store.state.users.find((u) => u.user_id === userId);
}

/** Applies api.user.setAppMetadata / setUserMetadata as Auth0 merges metadata: key by key, null removes. */
function applyMetadata(
  context: TenantContext,
  userId: string,
  record: Pick<PostLoginRecord, 'appMetadata' | 'userMetadata'>,
): void {
  const app = Object.entries(record.appMetadata);
  const user = Object.entries(record.userMetadata);
  if (app.length === 0 && user.length === 0) return;
  context.store.mutate((state) => {
    const stored = state.users.find((u) => u.user_id === userId);
    if (!stored) return;
    for (const [key, value] of app) {
      if (value === null) delete stored.app_metadata[key];
      else stored.app_metadata[key] = value as never;
    }
    for (const [key, value] of user) {
      if (value === null) delete stored.user_metadata[key];
      else stored.user_metadata[key] = value as never;
    }
    stored.updated_at = new Date(context.now()).toISOString();
  });
}

/** What one record means for the login. undefined: go on with the next Action. */
function outcomeOf(
  record: PostLoginRecord,
  index: number,
  pipeline: PipelineProgress,
  actionName: string,
): PipelineResult | undefined {
  switch (record.outcome) {
    case 'failed':
      // docs customize/rules/raise-errors-from-rules: an error in the login pipeline reaches the
      // callback as access_denied with its message; Actions behave alike (UNCONFIRMED for Actions).
      return {
        kind: 'deny',
        error: 'access_denied',
        description: record.error?.message ?? `The Action ${actionName} failed.`,
      };
    case 'denied':
      return { kind: 'deny', error: 'access_denied', description: record.denied?.reason ?? '' };
    case 'session_revoked':
      return {
        kind: 'deny',
        error: 'access_denied',
        description: record.sessionRevoked?.reason ?? '',
        revokeSession: true,
      };
    case 'rendered': {
      const rendered = record.rendered as NonNullable<PostLoginRecord['rendered']>;
      return {
        kind: 'render',
        actionIndex: index,
        formId: rendered.formId,
        vars: { ...rendered.options.vars },
        fields: { ...rendered.options.fields },
      };
    }
    case 'redirected':
      return {
        kind: 'deny',
        error: 'server_error',
        description: `The Action ${actionName} called api.redirect.sendUserTo, which the local tenant's login side does not implement yet (local-tenant/login).`,
      };
    case 'continued':
      if (record.mfa !== undefined) pipeline.mfaAtEnd = true;
      if (record.challenge !== undefined) {
        if (!record.challenge.factors.some((f) => f.type === 'otp')) {
          return {
            kind: 'deny',
            error: 'server_error',
            description: `The Action ${actionName} asked for an MFA challenge with ${record.challenge.factors.map((f) => f.type).join(', ')}; the local tenant challenges only otp (TOTP).`,
          };
        }
        pipeline.challengePending = true;
        return { kind: 'challenge' };
      }
      return undefined;
  }
}

async function execute(
  context: TenantContext,
  run: PipelineContext,
  index: number,
  entry: 'onExecutePostLogin' | 'onContinuePostLogin',
  prompt?: { id: string; vars: Record<string, unknown>; fields?: Record<string, unknown> },
): Promise<PipelineResult | undefined> {
  const pipeline = run.tx.pipeline as PipelineProgress;
  const action = pipeline.actions[index];
  if (!action) throw new Error(`login ${run.tx.id}: no Action at position ${index}`);
  const user = currentUser(context, run.login.userId);
  if (!user) return { kind: 'deny', error: 'access_denied', description: 'The user no longer exists.' };
  const event = buildPostLoginEvent(context, {
    tx: run.tx,
    user,
    methods: run.login.methods,
    sessionId: run.sessionId,
    action,
    request: run.request,
    metadata: pipeline.metadata,
    ...(prompt === undefined ? {} : { prompt }),
  });
  let record: PostLoginRecord;
  try {
    const loaded = loadedAction(context, action);
    record = await loaded[entry](event);
  } catch (error) {
    return {
      kind: 'deny',
      error: 'access_denied',
      description: `The Action ${action.name} could not run: ${(error as Error).message}`,
    };
  }
  for (const line of record.logs)
    console.log(`local tenant: Action ${action.name} (v${action.versionNumber}) ${entry}: ${line}`);
  if (record.outcome !== 'failed') {
    // Metadata set before a render: saved then, or only once the login resumes after the form
    // (platform/readings.ts, appMetadataAtRender: docs manage-user-metadata.mdx says "at the end
    // of each trigger's execution"), so lost with a form the user abandons.
    if (record.outcome === 'rendered' && context.readings.appMetadataAtRender === 'saved-when-login-ends')
      pipeline.heldMetadata = record;
    else applyMetadata(context, user.user_id, record);
    pipeline.metadata = { ...record.transactionMetadata };
  } else {
    console.error(
      `local tenant: Action ${action.name} (v${action.versionNumber}) ${entry} failed: ${record.error?.message}`,
    );
  }
  return outcomeOf(record, index, pipeline, action.name);
}

/** Runs the Actions not run yet, from pipeline.next, until one stops the login or all ran. */
export async function continuePipeline(context: TenantContext, run: PipelineContext): Promise<PipelineResult> {
  const pipeline = run.tx.pipeline as PipelineProgress;
  while (pipeline.next < pipeline.actions.length) {
    const index = pipeline.next;
    pipeline.next += 1;
    const result = await execute(context, run, index, 'onExecutePostLogin');
    if (result) return result;
  }
  return { kind: 'done' };
}

/** After the form's ending node: the rendering Action's onContinuePostLogin, then the Actions after it. */
export async function resumeAfterForm(
  context: TenantContext,
  run: PipelineContext,
  actionIndex: number,
  prompt: { id: string; vars: Record<string, unknown>; fields: Record<string, unknown> },
): Promise<PipelineResult> {
  const pipeline = run.tx.pipeline as PipelineProgress;
  if (pipeline.heldMetadata) {
    applyMetadata(context, run.login.userId, pipeline.heldMetadata);
    delete pipeline.heldMetadata;
  }
  const result = await execute(context, run, actionIndex, 'onContinuePostLogin', prompt);
  if (result) return result;
  return continuePipeline(context, run);
}
