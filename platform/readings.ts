// What Auth0 leaves unsaid, as settings of the local tenant. For each behaviour our guarantees
// touch and no Auth0 source settles (docs/platform-facts.md §3b), the local tenant implements
// every plausible reading; DEFAULT_READINGS is the one the evidence favours, and
// LEAST_FAVOURABLE_READINGS the combination under which the journey and security tests also run.
// A guarantee counts only if it holds under both. Chosen with LOCAL_TENANT_READINGS:
//   LOCAL_TENANT_READINGS=least-favourable          the whole combination
//   LOCAL_TENANT_READINGS=verifiedCode=reusable,...  single readings over the defaults

export interface Readings {
  /** vars stored earlier in a flow run that then ends in FLOW/ERROR_MESSAGE ("terminates the Flow", logic.mdx; nothing says more). */
  readonly varsBeforeErrorMessage: 'kept' | 'rolled-back';
  /** api.user.setAppMetadata before api.prompt.render: "applied at the end of each trigger's execution" (manage-user-metadata.mdx); an early flush is documented only for redirects. */
  readonly appMetadataAtRender: 'saved-at-render' | 'saved-when-login-ends';
  /** Two submissions of one form session at once: nothing documents a lock. */
  readonly concurrentSubmissions: 'serialised' | 'parallel';
  /** A value that is exactly one {{...}} (STORE_VARS, params): keeps the expression's type, or becomes a string. */
  readonly singleTemplateValue: 'typed' | 'string';
  /** Fields posted that the current step did not show: kept in {{fields}}, or dropped. */
  readonly unshownFields: 'kept' | 'dropped';
  /** OTP/VERIFY_CODE on a code already verified: nothing says codes are single use (data-verification.mdx). */
  readonly verifiedCode: 'reusable' | 'single-use';
  /** HTTP/SEND_REQUEST on a non-2xx answer: documented output {status, success: false}, or the action fails (http-request.mdx says neither). */
  readonly httpErrorStatus: 'output' | 'fails';
}

export const READING_CHOICES: { readonly [K in keyof Readings]: readonly Readings[K][] } = {
  varsBeforeErrorMessage: ['kept', 'rolled-back'],
  appMetadataAtRender: ['saved-at-render', 'saved-when-login-ends'],
  concurrentSubmissions: ['serialised', 'parallel'],
  singleTemplateValue: ['typed', 'string'],
  unshownFields: ['kept', 'dropped'],
  verifiedCode: ['reusable', 'single-use'],
  httpErrorStatus: ['output', 'fails'],
};

/** The readings the evidence favours (docs/platform-facts.md §3b says why, reading by reading). */
export const DEFAULT_READINGS: Readings = {
  varsBeforeErrorMessage: 'kept',
  appMetadataAtRender: 'saved-when-login-ends',
  concurrentSubmissions: 'serialised',
  singleTemplateValue: 'typed',
  unshownFields: 'kept',
  verifiedCode: 'reusable',
  httpErrorStatus: 'output',
};

/**
 * The least favourable combination for the bundle's guarantees: counters lost at an error,
 * metadata lost with an abandoned form, submissions racing on one state, every value a string,
 * attacker-posted fields kept, codes usable again, an HTTP error failing the action.
 */
export const LEAST_FAVOURABLE_READINGS: Readings = {
  varsBeforeErrorMessage: 'rolled-back',
  appMetadataAtRender: 'saved-when-login-ends',
  concurrentSubmissions: 'parallel',
  singleTemplateValue: 'string',
  unshownFields: 'kept',
  verifiedCode: 'reusable',
  httpErrorStatus: 'fails',
};

/** Parses LOCAL_TENANT_READINGS; a name or value it does not know is an error that lists the choices. */
export function parseReadings(text: string | undefined): Readings {
  if (text === undefined || text.trim() === '' || text.trim() === 'default') return DEFAULT_READINGS;
  if (text.trim() === 'least-favourable') return LEAST_FAVOURABLE_READINGS;
  const readings: Record<string, string> = { ...DEFAULT_READINGS };
  for (const pair of text.split(',')) {
    const [name = '', value = ''] = pair.split('=').map((s) => s.trim());
    const choices = (READING_CHOICES as Record<string, readonly string[]>)[name];
    if (!choices)
      throw new Error(
        `LOCAL_TENANT_READINGS: unknown reading "${name}". Known: ${Object.keys(READING_CHOICES).join(', ')} (or "least-favourable").`,
      );
    if (!choices.includes(value))
      throw new Error(`LOCAL_TENANT_READINGS: ${name} must be one of ${choices.join(', ')}, got "${value}".`);
    readings[name] = value;
  }
  return readings as unknown as Readings;
}
