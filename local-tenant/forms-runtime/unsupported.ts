// The errors a form or flow definition earns when it asks for something this runtime does not
// do, or does wrongly. Both are thrown to the caller (the local tenant, a test), never shown to
// the end user and never skipped: a stand-in that ignored an unknown action would pass tests
// that the real tenant fails.

export { UnsupportedFeatureError } from '../../platform/unsupported-feature-error';

/** A definition the runtime cannot run as written: a missing param, an unknown flow or connection, a loop. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
}

/** A construct no Auth0 source shows (platform/forms-model.ts): refused by name at the latest when it runs. */
export class UndocumentedConstructError extends Error {
  override readonly name = 'UndocumentedConstructError';
}
