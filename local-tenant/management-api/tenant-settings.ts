// /api/v2/tenants/settings.
import { ok, type ManagementResource } from './route';
import { TENANT_SETTINGS_UPDATE } from './request-properties';
import { expectObject, pickFields } from './validation';

export const tenantSettingsResource: ManagementResource = (context) => [
  {
    method: 'GET',
    pattern: '/api/v2/tenants/settings',
    scopes: ['read:tenant_settings'],
    handler: (request) => ok(pickFields(structuredClone(context.store.state.tenantSettings), request.query)),
  },
  {
    method: 'PATCH',
    pattern: '/api/v2/tenants/settings',
    scopes: ['update:tenant_settings'],
    handler: (request) => {
      const body = expectObject(request.body, TENANT_SETTINGS_UPDATE);
      const settings = context.store.mutate((state) => (state.tenantSettings = { ...state.tenantSettings, ...body }));
      return ok(structuredClone(settings));
    },
  },
];
