// /api/v2/forms (docs/platform-facts.md §2). A form's list entry has no body; GET /forms/:id has it.
import type { JsonObject } from '../state/types';
import { newFormId } from '../shared/ids';
import { refuseUndocumentedForm } from './documented-constructs';
import { auth0Error } from './errors';
import { collectionRoutes } from './collection';
import { findReferences } from './references';
import type { ManagementResource } from './route';
import { FORM_PROPERTIES } from './request-properties';
import { requireString } from './validation';

// docs/platform-facts.md §2: at most 500 forms per tenant.
export const MAX_FORMS_PER_TENANT = 500;

const BODY_PARTS = ['messages', 'languages', 'translations', 'nodes', 'start', 'ending', 'style'];

export const formsResource: ManagementResource = (context) => {
  /**
   * Every flow_id (FLOW nodes, resend buttons, ending.after_submit) must name an existing flow.
   * Auth0's behaviour for a dangling one is undocumented; deploy-cli leaves a flow NAME it
   * cannot resolve in place (handlers/forms.js only logs it), so accepting it would let a
   * broken form deploy and fail only in front of a user: the local tenant refuses it.
   */
  const checkFlows = (body: JsonObject, formName: string): void => {
    for (const ref of findReferences(body, 'flow_id')) {
      if (!context.store.state.flows.some((f) => f.id === ref.value)) {
        throw auth0Error(
          400,
          `Form ${formName}: ${ref.path} is ${JSON.stringify(ref.value)}, which is no flow of this tenant. ` +
            "Auth0's behaviour for this is undocumented; the local tenant refuses it so that a wrong reference fails at deploy, not when the form runs.",
          'invalid_body',
        );
      }
    }
  };
  return collectionRoutes(
    {
      path: '/api/v2/forms',
      scope: 'forms',
      idField: 'id',
      listKey: 'forms',
      items: (state) => state.forms,
      paging: { defaultPerPage: 50 },
      notFound: { message: 'The form does not exist.', errorCode: 'not_found' },
      createProperties: FORM_PROPERTIES,
      updateProperties: FORM_PROPERTIES,
      limit: { max: MAX_FORMS_PER_TENANT, what: 'forms' },
      listItem: (form) => Object.fromEntries(Object.entries(form).filter(([k]) => !BODY_PARTS.includes(k))),
      create: (body) => {
        const name = requireString(body, 'name');
        refuseUndocumentedForm(name, body);
        checkFlows(body, name);
        const at = new Date(context.now()).toISOString();
        return { ...body, id: newFormId(), name, created_at: at, updated_at: at };
      },
      update: (form, body) => {
        if (body.name !== undefined) requireString(body, 'name');
        if (body.nodes !== undefined) refuseUndocumentedForm(String(body.name ?? form.name), body);
        checkFlows(body, String(body.name ?? form.name));
        return { ...form, ...body, updated_at: new Date(context.now()).toISOString() };
      },
    },
    context,
  );
};
