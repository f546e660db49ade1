// /api/v2/emails/provider (one per tenant) and /api/v2/email-templates (Auth0's own emails:
// verify_email, reset_email, ...), kept as data for deploy-cli.
import type { JsonObject } from '../state/types';
import { auth0Error, payloadError } from './errors';
import { ok, type ManagementResource } from './route';
import { EMAIL_PROVIDER_PROPERTIES, EMAIL_TEMPLATE_PROPERTIES } from './request-properties';
import { expectObject, pickFields, requireString } from './validation';

export const EMAIL_TEMPLATE_NAMES = [
  'verify_email',
  'verify_email_by_code',
  'reset_email',
  'reset_email_by_code',
  'welcome_email',
  'blocked_account',
  'stolen_credentials',
  'enrollment_email',
  'mfa_oob_code',
  'user_invitation',
  'change_password',
  'password_reset',
  'async_approval',
];

/** The provider without its credentials, which Auth0 never returns. */
const flattenProvider = ({ credentials: _credentials, ...shown }: JsonObject): JsonObject => structuredClone(shown);

export const emailResource: ManagementResource = (context) => {
  const templateName = (name: string): string => {
    if (!EMAIL_TEMPLATE_NAMES.includes(name)) throw payloadError(`No enum match for: "${name}" on property template`);
    return name;
  };
  const findTemplate = (name: string): JsonObject => {
    const found = context.store.state.emailTemplates.find((t) => t.template === templateName(name));
    if (!found) throw auth0Error(404, 'The template does not exist.', 'inexistent_email_template');
    return found;
  };
  const saveTemplate = (name: string, body: JsonObject, replace: boolean): JsonObject =>
    context.store.mutate((state) => {
      const index = state.emailTemplates.findIndex((t) => t.template === name);
      const next = { ...(replace || index < 0 ? {} : state.emailTemplates[index]), ...body, template: name };
      if (index < 0) state.emailTemplates.push(next);
      else state.emailTemplates[index] = next;
      return structuredClone(next);
    });
  return [
    {
      method: 'GET',
      pattern: '/api/v2/emails/provider',
      scopes: ['read:email_provider'],
      handler: (request) => {
        const provider = context.store.state.emailProvider;
        if (!provider)
          throw auth0Error(404, 'There is no email provider configured for this tenant.', 'inexistent_email_provider');
        return ok(pickFields(flattenProvider(provider), request.query));
      },
    },
    {
      method: 'POST',
      pattern: '/api/v2/emails/provider',
      scopes: ['create:email_provider'],
      handler: (request) => {
        const body = expectObject(request.body, EMAIL_PROVIDER_PROPERTIES);
        requireString(body, 'name');
        if (context.store.state.emailProvider)
          throw auth0Error(
            409,
            'An email provider is already configured; update it instead.',
            'email_provider_conflict',
          );
        const provider = context.store.mutate((state) => (state.emailProvider = { enabled: true, ...body }));
        return ok(flattenProvider(provider), 201);
      },
    },
    {
      method: 'PATCH',
      pattern: '/api/v2/emails/provider',
      scopes: ['update:email_provider'],
      handler: (request) => {
        const body = expectObject(request.body, EMAIL_PROVIDER_PROPERTIES);
        if (!context.store.state.emailProvider)
          throw auth0Error(404, 'There is no email provider configured for this tenant.', 'inexistent_email_provider');
        const provider = context.store.mutate(
          (state) => (state.emailProvider = { ...(state.emailProvider as JsonObject), ...body }),
        );
        return ok(flattenProvider(provider));
      },
    },
    {
      method: 'DELETE',
      pattern: '/api/v2/emails/provider',
      scopes: ['delete:email_provider'],
      handler: () => {
        context.store.mutate((state) => (state.emailProvider = null));
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v2/email-templates/:name',
      scopes: ['read:email_templates'],
      handler: (request) => ok(structuredClone(findTemplate(request.params.name as string))),
    },
    {
      method: 'POST',
      pattern: '/api/v2/email-templates',
      scopes: ['create:email_templates'],
      handler: (request) => {
        const body = expectObject(request.body, EMAIL_TEMPLATE_PROPERTIES);
        const name = templateName(requireString(body, 'template'));
        if (context.store.state.emailTemplates.some((t) => t.template === name)) {
          throw auth0Error(409, 'Template already exists.', 'email_template_conflict');
        }
        return ok(saveTemplate(name, body, true), 201);
      },
    },
    {
      method: 'PATCH',
      pattern: '/api/v2/email-templates/:name',
      scopes: ['update:email_templates'],
      handler: (request) => {
        const body = expectObject(request.body, EMAIL_TEMPLATE_PROPERTIES);
        findTemplate(request.params.name as string);
        return ok(saveTemplate(request.params.name as string, body, false));
      },
    },
    {
      method: 'PUT',
      pattern: '/api/v2/email-templates/:name',
      scopes: ['update:email_templates'],
      handler: (request) =>
        ok(
          saveTemplate(
            templateName(request.params.name as string),
            expectObject(request.body, EMAIL_TEMPLATE_PROPERTIES),
            true,
          ),
        ),
    },
  ];
};
