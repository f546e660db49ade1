// The error for what Auth0 Forms may have (an action type, operator, function, node...) but the
// local Forms runtime does not implement: the documented-constructs model (forms-model.ts) and the
// expression parser raise it, and the runtime throws it too. Thrown to the caller (the local
// tenant, a test), never skipped: a stand-in that ignored an unknown construct would pass tests
// that the real tenant fails.

/** Something Auth0 Forms may have (an action type, operator, function, node...) that this runtime does not implement. */
export class UnsupportedFeatureError extends Error {
  override readonly name = 'UnsupportedFeatureError';
  constructor(
    readonly feature: string,
    where?: string,
  ) {
    super(
      `${feature} is not implemented by the local Forms runtime${where ? ` (${where})` : ''}; remove it or implement it in local-tenant/forms-runtime/.`,
    );
  }
}
