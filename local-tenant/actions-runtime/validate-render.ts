// Checks the arguments of api.prompt.render as @auth0/actions post-login v3 does: its JSON schema
// PostLoginRenderPromptInput, then the size of the options. Errors are worded and joined the way
// the SDK's `validate` helper formats schema errors ("<last path segment> <message>", messages
// for the same path joined by ", ", paths by "; "), so an Action sees the message Auth0 gives it.
import {
  MAX_RENDER_FORM_ID_CHARS,
  MAX_RENDER_OPTION_KEYS,
  MAX_RENDER_OPTIONS_BYTES,
  RENDER_FIELD_KEY_PATTERN,
  renderOptionsTooLargeMessage,
} from '../../platform/actions-limits';

interface SchemaError {
  readonly path: string;
  readonly message: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeyedObject(value: unknown, path: string, keyPattern: RegExp | undefined, errors: SchemaError[]): void {
  if (!isPlainObject(value)) {
    errors.push({ path, message: 'must be object' });
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_RENDER_OPTION_KEYS) {
    errors.push({ path, message: `must NOT have more than ${MAX_RENDER_OPTION_KEYS} properties` });
  }
  if (keyPattern !== undefined) {
    for (const key of keys) {
      if (!keyPattern.test(key)) errors.push({ path, message: 'must NOT have additional properties' });
    }
  }
}

function schemaErrors(formId: unknown, options: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  if (formId === undefined) errors.push({ path: '', message: "must have required property 'promptId'" });
  else if (typeof formId !== 'string') errors.push({ path: '/promptId', message: 'must be string' });
  // The schema counts characters as code points (ajv ucs2length).
  else if ([...formId].length > MAX_RENDER_FORM_ID_CHARS) {
    errors.push({ path: '/promptId', message: `must NOT have more than ${MAX_RENDER_FORM_ID_CHARS} characters` });
  }
  if (!isPlainObject(options)) {
    errors.push({ path: '/promptOptions', message: 'must be object' });
    return errors;
  }
  for (const key of Object.keys(options)) {
    if (key !== 'fields' && key !== 'vars')
      errors.push({ path: '/promptOptions', message: 'must NOT have additional properties' });
  }
  if (options.fields !== undefined)
    checkKeyedObject(options.fields, '/promptOptions/fields', RENDER_FIELD_KEY_PATTERN, errors);
  if (options.vars !== undefined) checkKeyedObject(options.vars, '/promptOptions/vars', undefined, errors);
  return errors;
}

function formatSchemaErrors(errors: readonly SchemaError[]): string {
  const byPath = new Map<string, string>();
  for (const error of errors) {
    const existing = byPath.get(error.path);
    byPath.set(
      error.path,
      existing === undefined ? `${error.path.split('/').pop()} ${error.message}` : `${existing}, ${error.message}`,
    );
  }
  return [...byPath.values()].join('; ');
}

/** Throws the SDK's error for invalid render arguments; returns the options the SDK would use. */
export function validateRender(formId: unknown, promptOptions: unknown): Record<string, unknown> {
  const options = promptOptions || {};
  const errors = schemaErrors(formId, options);
  if (errors.length > 0) throw new Error(formatSchemaErrors(errors));
  if (Buffer.byteLength(JSON.stringify(options), 'utf-8') > MAX_RENDER_OPTIONS_BYTES) {
    throw new Error(renderOptionsTooLargeMessage());
  }
  return options as Record<string, unknown>;
}
