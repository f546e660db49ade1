// The post-login v3 `api` of the local tenant: each namespace records what the Action asked for in
// a PostLoginRecord, and enforces the limits Auth0's SDK enforces, with its messages (limits.ts).
// A namespace or method the runtime does not implement throws a clear error instead of doing
// nothing, so a deployed Action never silently loses a command.
import {
  APP_METADATA_NOT_OBJECT_MESSAGE,
  RENDER_AND_REDIRECT_MESSAGE,
  RENDER_TWICE_MESSAGE,
  sessionRevokeNotAvailableMessage,
  USER_METADATA_NOT_OBJECT_MESSAGE,
} from '../../platform/actions-limits';
import type { PostLoginEvent } from './post-login-event';
import type { PostLoginRecord } from './post-login-record';
import { validateRender } from './validate-render';
import { applyTransactionMetadata } from './validate-transaction-metadata';

/** Same values as the local tenant's TenantContext.plan. */
export type TenantPlan = 'free' | 'enterprise';

export interface PostLoginApiOptions {
  readonly plan: TenantPlan;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Detaches a value from the Action's realm, as Auth0 serialises commands. */
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Makes reading anything the runtime lacks fail loudly, naming it. */
function strict<T extends object>(target: T, path: string): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'symbol' || property === 'then' || property in object)
        return Reflect.get(object, property, receiver);
      throw new Error(
        `${path}.${property} is not implemented by the local tenant's Actions runtime (local-tenant/actions-runtime). ` +
          'Implement it there, citing the Auth0 docs, before an Action relies on it.',
      );
    },
  });
}

export function createPostLoginApi(
  event: PostLoginEvent,
  record: PostLoginRecord,
  options: PostLoginApiOptions,
): object {
  // The SDK's triggerAPI.abort: the execution fails with the message, the call returns.
  const abort = (message: string): void => {
    record.error ??= { message };
  };
  const api: Record<string, object> = {};
  api.access = strict(
    {
      deny(reason: string) {
        record.denied ??= { reason: String(reason) };
        return root;
      },
    },
    'api.access',
  );
  api.prompt = strict(
    {
      render(formId: string, promptOptions?: unknown) {
        if (record.redirect !== undefined) return abort(RENDER_AND_REDIRECT_MESSAGE);
        if (record.rendered !== undefined) return abort(RENDER_TWICE_MESSAGE);
        const resolved = validateRender(formId, promptOptions);
        record.rendered = { formId, options: copy(resolved) };
      },
    },
    'api.prompt',
  );
  api.redirect = strict(
    {
      sendUserTo(url: string, urlOptions?: { query?: Record<string, string> }) {
        if (record.rendered !== undefined) {
          abort(RENDER_AND_REDIRECT_MESSAGE);
          return root;
        }
        const target = new URL(url);
        for (const [name, value] of Object.entries(urlOptions?.query ?? {}))
          target.searchParams.set(name, String(value));
        record.redirect = { url: target.href };
        return root;
      },
    },
    'api.redirect',
  );
  api.session = strict(
    {
      revoke(reason: string, revokeOptions?: { preserveRefreshTokens?: boolean }) {
        if (options.plan !== 'enterprise') throw new Error(sessionRevokeNotAvailableMessage(options.plan));
        record.sessionRevoked = {
          reason: String(reason),
          preserveRefreshTokens: revokeOptions?.preserveRefreshTokens === true,
        };
      },
    },
    'api.session',
  );
  api.user = strict(
    {
      setAppMetadata(key: string, value: unknown) {
        if (!isPlainObject(event.user.app_metadata)) throw new Error(APP_METADATA_NOT_OBJECT_MESSAGE);
        record.appMetadata[key] = copy(value) ?? null;
        return root;
      },
      setUserMetadata(key: string, value: unknown) {
        if (!isPlainObject(event.user.user_metadata)) throw new Error(USER_METADATA_NOT_OBJECT_MESSAGE);
        record.userMetadata[key] = copy(value) ?? null;
        return root;
      },
    },
    'api.user',
  );
  api.transaction = strict(
    {
      setMetadata(key: string, value: string | number | boolean | null) {
        record.transactionMetadata = applyTransactionMetadata(record.transactionMetadata, key, value);
        // docs post-login-api-object.mdx: "updated in real-time in the event.transaction.metadata object".
        event.transaction ??= {};
        event.transaction.metadata = { ...record.transactionMetadata };
      },
    },
    'api.transaction',
  );
  api.multifactor = strict(
    {
      enable(provider: string, enableOptions?: { allowRememberBrowser?: boolean }) {
        record.mfa = { provider: String(provider), allowRememberBrowser: enableOptions?.allowRememberBrowser === true };
        return root;
      },
    },
    'api.multifactor',
  );
  api.authentication = strict(
    {
      challengeWith(factor: { type: string }, challengeOptions?: { additionalFactors?: { type: string }[] }) {
        record.challenge = { factors: copy([factor, ...(challengeOptions?.additionalFactors ?? [])]) };
      },
      challengeWithAny(factors: { type: string }[]) {
        record.challenge = { factors: copy(factors) };
      },
    },
    'api.authentication',
  );
  const root = strict(api, 'api');
  return root;
}
