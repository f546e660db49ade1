// The common shape of a Management API resource collection: list (paged), get, create, update
// (PATCH), delete, with Auth0's scopes (read:/create:/update:/delete:<scope>) and error bodies.
// Each resource module states only what differs: its id, its checks, what it hides.
import type { TenantContext } from '../surface';
import type { JsonObject, TenantState } from '../state/types';
import { auth0Error } from './errors';
import { type PageOptions, pageOf } from './pagination';
import { noContent, ok, type ManagementRequest, type ManagementRoute } from './route';
import { expectObject, pickFields } from './validation';

export interface CollectionSpec {
  /** e.g. "/api/v2/clients". */
  readonly path: string;
  /** The scope noun: "clients" gives read:clients, create:clients, ... */
  readonly scope: string;
  /** The property holding the id ("id", "client_id"). */
  readonly idField: string;
  /** The key of the list in include_totals answers ("clients"). */
  readonly listKey: string;
  readonly items: (state: TenantState) => JsonObject[];
  readonly paging?: PageOptions;
  /** Auth0's 404 for an unknown id. */
  readonly notFound: { readonly message: string; readonly errorCode?: string };
  readonly createProperties: readonly string[];
  readonly updateProperties: readonly string[];
  /** Checks a create body and builds the stored item (with its new id); throws a ReplyError when bad. */
  readonly create: (body: JsonObject, context: TenantContext) => JsonObject;
  /** Checks an update body against the item and returns the stored item after the update. */
  readonly update?: (item: JsonObject, body: JsonObject, context: TenantContext) => JsonObject;
  /** Checks that the item may go; throws a ReplyError when not. */
  readonly beforeDelete?: (item: JsonObject, context: TenantContext) => void;
  /** The item as the API shows it (without secrets). */
  readonly flatten?: (item: JsonObject) => JsonObject;
  /** The item as the list shows it, when leaner than a get (flows and forms list no bodies). */
  readonly listItem?: (item: JsonObject) => JsonObject;
  /** At most this many items (an Auth0 entity limit); a create beyond it is refused. */
  readonly limit?: { readonly max: number; readonly what: string };
  /** Filters from the list query (e.g. client_id, audience, strategy, name). */
  readonly filter?: (item: JsonObject, query: URLSearchParams) => boolean;
  /** Extra routes of the resource (e.g. /actions/:id/deploy). */
  readonly extraRoutes?: (context: TenantContext) => ManagementRoute[];
  /** PUT (Auth0's email templates) or PATCH. */
  readonly updateMethod?: 'PATCH';
}

/** A shallow merge where the body replaces top-level properties (Auth0's PATCH semantics). */
export const patch = (item: JsonObject, body: JsonObject): JsonObject => ({ ...item, ...body });

export function collectionRoutes(spec: CollectionSpec, context: TenantContext): ManagementRoute[] {
  const flatten = (item: JsonObject): JsonObject => structuredClone(spec.flatten ? spec.flatten(item) : item);
  const find = (state: TenantState, id: string): JsonObject => {
    const item = spec.items(state).find((i) => i[spec.idField] === id);
    if (!item) throw auth0Error(404, spec.notFound.message, spec.notFound.errorCode);
    return item;
  };
  const item = `${spec.path}/:id`;
  return [
    {
      method: 'GET',
      pattern: spec.path,
      scopes: [`read:${spec.scope}`],
      handler: (request: ManagementRequest) => {
        const all = spec.items(context.store.state).filter((i) => spec.filter?.(i, request.query) ?? true);
        const shown = all.map((i) =>
          pickFields(spec.listItem ? structuredClone(spec.listItem(flatten(i))) : flatten(i), request.query),
        );
        return ok(pageOf(shown, request.query, spec.listKey, spec.paging));
      },
    },
    {
      method: 'GET',
      pattern: item,
      scopes: [`read:${spec.scope}`],
      handler: (request) =>
        ok(pickFields(flatten(find(context.store.state, request.params.id as string)), request.query)),
    },
    {
      method: 'POST',
      pattern: spec.path,
      scopes: [`create:${spec.scope}`],
      handler: (request) => {
        const body = expectObject(request.body, spec.createProperties);
        if (spec.limit && spec.items(context.store.state).length >= spec.limit.max) {
          throw auth0Error(
            403,
            `A tenant can have at most ${spec.limit.max} ${spec.limit.what}; delete one first.`,
            'entity_limit_reached',
          );
        }
        const created = spec.create(body, context);
        context.store.mutate((state) => spec.items(state).push(created));
        return ok(flatten(created), 201);
      },
    },
    ...(spec.update
      ? [
          {
            method: spec.updateMethod ?? 'PATCH',
            pattern: item,
            scopes: [`update:${spec.scope}`],
            handler: (request: ManagementRequest) => {
              const body = expectObject(request.body, spec.updateProperties);
              const id = request.params.id as string;
              const existing = find(context.store.state, id);
              const updated = (spec.update as NonNullable<CollectionSpec['update']>)(
                structuredClone(existing),
                body,
                context,
              );
              context.store.mutate((state) => {
                const list = spec.items(state);
                list[list.findIndex((i) => i[spec.idField] === id)] = updated;
              });
              return ok(flatten(updated));
            },
          } satisfies ManagementRoute,
        ]
      : []),
    {
      method: 'DELETE',
      pattern: item,
      scopes: [`delete:${spec.scope}`],
      handler: (request) => {
        const id = request.params.id as string;
        const existing = find(context.store.state, id);
        spec.beforeDelete?.(existing, context);
        context.store.mutate((state) => {
          const list = spec.items(state);
          list.splice(
            list.findIndex((i) => i[spec.idField] === id),
            1,
          );
        });
        return noContent();
      },
    },
    ...(spec.extraRoutes?.(context) ?? []),
  ];
}
