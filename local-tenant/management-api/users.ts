// /api/v2/users and /api/v2/users-by-email: the endpoints the flows and admin scripts use.
import type { TenantContext } from '../surface';
import type { JsonObject, StoredUser } from '../state/types';
import { newUserId } from '../shared/ids';
import { flattenUser } from '../state/flatten-user';
import { auth0Error, conflict, notFound, payloadError, queryError } from './errors';
import { pageOf, readPaging } from './pagination';
import { hashPassword } from '../shared/passwords';
import { noContent, ok, type ManagementResource, type ManagementRequest } from './route';
import { parseUserQuery, userMatches } from './user-search';
import { expectObject, pickFields } from './validation';

// docs (users/search/v3 "view search results by page"): search returns at most 1,000 users.
export const MAX_USER_SEARCH_RESULTS = 1000;

// Properties each call accepts (Auth0's request schemas for POST and PATCH /users); any other
// is refused as Auth0 does ("Additional properties not allowed").
const BOTH_CALLS_PROPERTIES = [
  'email',
  'email_verified',
  'password',
  'connection',
  'name',
  'nickname',
  'picture',
  'given_name',
  'family_name',
  'blocked',
  'app_metadata',
  'user_metadata',
  'verify_email',
  'username',
  'phone_number',
  'phone_verified',
];
const CREATE_PROPERTIES = [...BOTH_CALLS_PROPERTIES, 'user_id'];
const UPDATE_PROPERTIES = [...BOTH_CALLS_PROPERTIES, 'client_id', 'verify_phone_number'];
const METADATA_ONLY = ['app_metadata', 'user_metadata'];

const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function findUser(context: TenantContext, userId: string): StoredUser {
  const user = context.store.state.users.find((u) => u.user_id === userId);
  // Auth0: 404 "The user does not exist." errorCode inexistent_user.
  if (!user) throw notFound('The user does not exist.', 'inexistent_user');
  return user;
}

function databaseConnection(context: TenantContext, name: unknown): JsonObject {
  if (typeof name !== 'string' || name === '') throw payloadError('Missing required property: connection');
  const connection = context.store.state.connections.find((c) => c.name === name);
  if (!connection) throw auth0Error(400, 'The connection does not exist.', 'inexistent_connection');
  if (connection.strategy !== 'auth0') {
    throw auth0Error(
      400,
      `The local tenant only creates users in database connections; ${name} has strategy ${String(connection.strategy)}.`,
      'operation_not_supported',
    );
  }
  return connection;
}

function checkEmail(email: unknown): string {
  if (typeof email !== 'string' || !EMAIL_FORMAT.test(email)) {
    throw payloadError(`Object didn't pass validation for format email: ${String(email)}`);
  }
  // docs/platform-facts.md §4: database connections store email addresses in lower case.
  return email.toLowerCase();
}

function checkMetadata(value: unknown, name: string): JsonObject | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw payloadError(
      `Expected type object but found type ${Array.isArray(value) ? 'array' : typeof value} on property ${name}`,
    );
  return value as JsonObject;
}

/** Auth0 merges metadata at the top level; a property set to null is removed. */
function mergeMetadata(current: JsonObject, changes: JsonObject): JsonObject {
  const merged: JsonObject = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

function emailTaken(context: TenantContext, email: string, connection: string, exceptUserId?: string): boolean {
  return context.store.state.users.some(
    (u) => u.user_id !== exceptUserId && u.email === email && u.identities.some((i) => i.connection === connection),
  );
}

function listUsers(context: TenantContext, request: ManagementRequest) {
  const q = request.query.get('q');
  const terms = q ? parseUserQuery(q) : [];
  const connection = request.query.get('connection');
  const users = context.store.state.users.filter(
    (u) => userMatches(u, terms) && (connection === null || u.identities.some((i) => i.connection === connection)),
  );
  const { page, perPage = 50 } = readPaging(request.query, { defaultPerPage: 50 });
  if ((page + 1) * perPage > MAX_USER_SEARCH_RESULTS) {
    throw queryError(`You can only page through the first ${MAX_USER_SEARCH_RESULTS} records`);
  }
  const shown = users.map((u) => pickFields(flattenUser(u), request.query));
  return ok(pageOf(shown, request.query, 'users', { defaultPerPage: 50 }));
}

function createUser(context: TenantContext, request: ManagementRequest) {
  const body = expectObject(request.body, CREATE_PROPERTIES);
  const connection = databaseConnection(context, body.connection);
  const email = checkEmail(body.email);
  if (typeof body.password !== 'string' || body.password === '')
    throw payloadError('Missing required property: password');
  const appMetadata = checkMetadata(body.app_metadata, 'app_metadata') ?? {};
  const userMetadata = checkMetadata(body.user_metadata, 'user_metadata') ?? {};
  const connectionName = String(connection.name);
  // docs/platform-facts.md §4: POST /users answers 409 for an address the connection already has.
  if (emailTaken(context, email, connectionName)) throw conflict('The user already exists.', 'auth0_idp_error');
  const userId = typeof body.user_id === 'string' && body.user_id !== '' ? `auth0|${body.user_id}` : newUserId();
  if (context.store.state.users.some((u) => u.user_id === userId))
    throw conflict('The user already exists.', 'auth0_idp_error');
  const now = new Date(context.now()).toISOString();
  const user: StoredUser = {
    user_id: userId,
    email,
    email_verified: body.email_verified === true,
    name: typeof body.name === 'string' ? body.name : email,
    nickname: typeof body.nickname === 'string' ? body.nickname : (email.split('@')[0] as string),
    picture: typeof body.picture === 'string' ? body.picture : 'https://s.gravatar.com/avatar/local-tenant.png',
    identities: [
      { connection: connectionName, provider: 'auth0', user_id: userId.slice('auth0|'.length), isSocial: false },
    ],
    app_metadata: appMetadata,
    user_metadata: userMetadata,
    ...(body.blocked === true ? { blocked: true } : {}),
    created_at: now,
    updated_at: now,
    logins_count: 0,
    password_hash: hashPassword(body.password),
  };
  context.store.mutate((state) => state.users.push(user));
  return ok(flattenUser(user), 201);
}

function updateUser(context: TenantContext, request: ManagementRequest) {
  const body = expectObject(request.body, UPDATE_PROPERTIES);
  const existing = findUser(context, request.params.id as string);
  if (!request.scopes.has('update:users') && Object.keys(body).some((k) => !METADATA_ONLY.includes(k))) {
    // update:users_app_metadata only allows the metadata properties.
    throw auth0Error(403, 'Insufficient scope, expected any of: update:users', 'insufficient_scope');
  }
  const connection = existing.identities[0]?.connection as string;
  const changes: Partial<StoredUser> = {};
  if (body.email !== undefined) {
    const email = checkEmail(body.email);
    // docs/platform-facts.md §4: PATCH to an address another user of the connection has answers 400.
    if (emailTaken(context, email, connection, existing.user_id)) {
      throw auth0Error(400, 'The specified new email already exists', 'auth0_idp_error');
    }
    changes.email = email;
  }
  if (body.email_verified !== undefined) {
    if (typeof body.email_verified !== 'boolean')
      throw payloadError(
        `Expected type boolean but found type ${typeof body.email_verified} on property email_verified`,
      );
    changes.email_verified = body.email_verified;
  } else if (changes.email !== undefined && changes.email !== existing.email) {
    // A new address is unverified unless the same call says otherwise (the safe reading; the
    // docs do not say what Auth0 does with email_verified on an email change: UNCONFIRMED).
    changes.email_verified = false;
  }
  if (body.password !== undefined) {
    if (typeof body.password !== 'string' || body.password === '')
      throw payloadError('Expected a non-empty string on property password');
    changes.password_hash = hashPassword(body.password);
    // The profile's "last time the password was reset or changed" (docs user-profile-structure.mdx).
    changes.last_password_reset = new Date(context.now()).toISOString();
  }
  for (const key of ['name', 'nickname', 'picture'] as const) {
    if (body[key] !== undefined) {
      if (typeof body[key] !== 'string')
        throw payloadError(`Expected type string but found type ${typeof body[key]} on property ${key}`);
      changes[key] = body[key] as string;
    }
  }
  if (body.blocked !== undefined) changes.blocked = body.blocked === true;
  const appMetadata = checkMetadata(body.app_metadata, 'app_metadata');
  const userMetadata = checkMetadata(body.user_metadata, 'user_metadata');
  const updated = context.store.mutate((state) => {
    const user = state.users.find((u) => u.user_id === existing.user_id) as StoredUser;
    Object.assign(user, changes);
    if (appMetadata) user.app_metadata = mergeMetadata(user.app_metadata, appMetadata);
    if (userMetadata) user.user_metadata = mergeMetadata(user.user_metadata, userMetadata);
    user.updated_at = new Date(context.now()).toISOString();
    return user;
  });
  return ok(flattenUser(updated));
}

export const usersResource: ManagementResource = (context) => [
  {
    method: 'GET',
    pattern: '/api/v2/users',
    scopes: ['read:users'],
    faultKind: 'management.users.read',
    handler: (request) => listUsers(context, request),
  },
  {
    method: 'GET',
    pattern: '/api/v2/users/:id',
    scopes: ['read:users'],
    faultKind: 'management.users.read',
    handler: (request) => ok(pickFields(flattenUser(findUser(context, request.params.id as string)), request.query)),
  },
  {
    method: 'GET',
    pattern: '/api/v2/users-by-email',
    scopes: ['read:users'],
    faultKind: 'management.users.read',
    handler: (request) => {
      const email = request.query.get('email');
      if (email === null) throw queryError('Missing required property: email');
      // docs/platform-facts.md §4: users-by-email is case-sensitive (an exact match on the stored address).
      const users = context.store.state.users.filter((u) => u.email === email);
      return ok(users.map((u) => pickFields(flattenUser(u), request.query)));
    },
  },
  {
    method: 'POST',
    pattern: '/api/v2/users',
    scopes: ['create:users'],
    faultKind: 'management.users.create',
    handler: (request) => createUser(context, request),
  },
  {
    method: 'PATCH',
    pattern: '/api/v2/users/:id',
    scopes: ['update:users', 'update:users_app_metadata'],
    faultKind: 'management.users.update',
    handler: (request) => updateUser(context, request),
  },
  {
    method: 'DELETE',
    pattern: '/api/v2/users/:id',
    scopes: ['delete:users'],
    faultKind: 'management.users.delete',
    handler: (request) => {
      const id = request.params.id as string;
      context.store.mutate((state) => {
        state.users = state.users.filter((u) => u.user_id !== id);
      });
      return noContent();
    },
  },
];
