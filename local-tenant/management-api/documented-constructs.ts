// Forms and flows written to the local tenant's Management API must stand on what Auth0 documents
// (../platform/forms-model.ts): anything else is refused at once, by name, as undocumented, so
// that a guess fails at deploy on the local tenant rather than in front of a user on a real one.
// Auth0 itself may accept such a body; the local tenant is stricter on purpose.
import { checkFlowBody, checkFormBody, type ModelProblem } from '../../platform/forms-model';
import type { JsonObject } from '../state/types';
import { auth0Error } from './errors';

function refuse(kind: 'Flow' | 'Form', name: string, problems: readonly ModelProblem[]): void {
  if (problems.length === 0) return;
  const shown = problems
    .slice(0, 5)
    .map((p) => `${p.path}: ${p.construct} is ${p.verdict ?? 'undocumented'} (${p.message})`);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  throw auth0Error(
    400,
    `${kind} ${name}: ${shown.join('; ')}${more}. The local tenant accepts only what Auth0 documents (platform/forms-model.ts).`,
    'invalid_body',
  );
}

export function refuseUndocumentedFlow(name: string, actions: unknown): void {
  refuse('Flow', name, checkFlowBody({ actions }));
}

export function refuseUndocumentedForm(name: string, body: JsonObject): void {
  refuse('Form', name, checkFormBody(body));
}
