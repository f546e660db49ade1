// The local tenant's Forms runtime: runs a deployed form and its flows for one user at a time,
// with the real auth0 SDK and the real @sendgrid/client talking to the configured Management API
// and SendGrid (the local tenant's, in tests and demos). A programmatic API; the login side
// serves it over HTTP.
//
//   const runtime = createFormsRuntime({ managementDomain, sendgridBaseUrl, now });
//   const journey = await runtime.startJourney({ form, flows, vaultConnections, vars, user });
//   journey.render({ postUrl })                 -> HTML of the current step
//   await journey.submit({ fields, action })    -> { ended: false, step, errors } | { ended: true, vars }
//   runtime.resumeJourney(journey.state, deployment)  (the state is plain data)
import { randomUUID } from 'node:crypto';
import { ManagementClient } from 'auth0';
import { runAuth0Action } from './auth0-actions';
import { checkForm, type DeployedForm } from './form-definition';
import type { DeployedFlow, FlowExecutionReport, FlowServices } from './flow-runner';
import { Journey } from './journey';
import { JOURNEY_STATE_VERSION, type JourneyState } from './journey-state';
import { DEFAULT_MANAGEMENT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT_SECONDS } from './limits';
import { ManagementTokenCache } from './management-token-cache';
import { cryptoRandomDigit, memoryOtpStore, type OtpStore, type RandomDigit } from './otp-codes';
import { platformLanguage } from './platform-messages';
import { httpSendRequest } from './http-send-request';
import { DEFAULT_READINGS, type Readings } from '../../platform/readings';
import { DefinitionError, UndocumentedConstructError } from './unsupported';
import { checkFlowBody, checkFormBody, describeProblems } from '../../platform/forms-model';
import type { OwnCertificateTrust } from '../shared/own-certificate-trust';
import { setupString, type VaultConnection } from './vault-connections';

export {
  isStepAction,
  Journey,
  JourneyRequestError,
  JUMP_PREFIX,
  type StepAction,
  type SubmitInput,
  type SubmitResult,
} from './journey';
export { COUNTDOWN_ATTRIBUTE, FORM_ERROR_ID, isOneTimeCodeField } from './render-step';
export type { JourneyState } from './journey-state';
export type { DeployedForm } from './form-definition';
export type { DeployedFlow, ExecutionRecord, FlowExecutionReport } from './flow-runner';
export type { VaultConnection } from './vault-connections';
export type { OtpStore, StoredOtp, RandomDigit } from './otp-codes';
export type { RenderOptions } from './render-step';
export { DefinitionError, UndocumentedConstructError, UnsupportedFeatureError } from './unsupported';
export { OTP_TTL_SECONDS } from './limits';

export interface FormsRuntimeOptions {
  /** The Management API every AUTH0 vault connection must point at: 'localhost:PORT' for the local tenant. */
  readonly managementDomain: string;
  /** SendGrid's base URL: the local tenant's SENDGRID_BASE_URL. */
  readonly sendgridBaseUrl: string;
  /** The clock in ms (OTP validity, token expiry, resend waits); default Date.now. */
  readonly now?: () => number;
  /** The digits of generated codes; default crypto.randomInt. */
  readonly randomDigit?: RandomDigit;
  readonly uuid?: () => string;
  /** Where codes live; default in memory. The local tenant passes one it persists. */
  readonly otpStore?: OtpStore;
  /** Retries the auth0 SDK makes on 408, 429, 5xx; default DEFAULT_MANAGEMENT_MAX_RETRIES (0). */
  readonly managementMaxRetries?: number;
  readonly requestTimeoutSeconds?: number;
  /** How its HTTPS calls trust the server: the local tenant's own certificate (trustOwnCertificate). Default: Node's trust store. */
  readonly trust?: OwnCertificateTrust;
  /** Readings of what Auth0 leaves unsaid (the local tenant's context.readings); default DEFAULT_READINGS. */
  readonly readings?: Readings;
  /** Told of each flow execution as it ends (the local tenant records and prints it). */
  readonly onFlowExecution?: (execution: FlowExecutionReport) => void;
}

export interface FormsDeploymentWithVault {
  readonly form: DeployedForm;
  /** The flows the form names, by id or name. */
  readonly flows: readonly DeployedFlow[];
  /** The vault connections the flows name, by id or name, with their setups (secrets included). */
  readonly vaultConnections: readonly VaultConnection[];
}

export interface StartJourneyOptions extends FormsDeploymentWithVault {
  /** api.prompt.render's vars (server-side). */
  readonly vars?: Readonly<Record<string, unknown>>;
  /** api.prompt.render's fields (client-side initial values). */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** {{context.user}}: the user of the transaction. */
  readonly user: Readonly<Record<string, unknown>>;
  /** Other {{context.*}} objects (client, tenant, organization, transaction). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** The language of the platform's own messages (the browser's, at Auth0); default the form's primary. */
  readonly language?: string;
}

export interface FormsRuntime {
  startJourney(options: StartJourneyOptions): Promise<Journey>;
  resumeJourney(state: JourneyState, deployment: FormsDeploymentWithVault): Journey;
}

/** The model's problems with the form and its flows, refused by name before anything runs. */
function refuseUndocumented(deployment: FormsDeploymentWithVault): void {
  const problems = [
    ...describeProblems(`form ${deployment.form.name}`, checkFormBody(deployment.form)),
    ...deployment.flows.flatMap((flow) => describeProblems(`flow ${flow.name}`, checkFlowBody(flow))),
  ];
  if (problems.length > 0) throw new UndocumentedConstructError(problems.join('\n'));
}

export function createFormsRuntime(options: FormsRuntimeOptions): FormsRuntime {
  const now = options.now ?? Date.now;
  const timeoutSeconds = options.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS;
  const tokens = new ManagementTokenCache({ now, timeoutSeconds, fetch: options.trust?.fetch ?? fetch });
  const clients = new Map<string, ManagementClient>();
  const readings = options.readings ?? DEFAULT_READINGS;
  const helpers = { now, uuid: options.uuid ?? randomUUID };
  const otpStore = options.otpStore ?? memoryOtpStore();

  function managementClient(connection: VaultConnection, where: string): ManagementClient {
    if (connection.setup.type !== 'OAUTH_APP')
      throw new DefinitionError(`${where}: vault connection "${connection.name}" needs setup.type OAUTH_APP`);
    const domain = setupString(connection, 'domain', where);
    if (domain !== options.managementDomain) {
      throw new DefinitionError(
        `${where}: vault connection "${connection.name}" points at ${domain}, but this runtime serves ${options.managementDomain}`,
      );
    }
    const credentials = {
      domain,
      clientId: setupString(connection, 'client_id', where),
      clientSecret: setupString(connection, 'client_secret', where),
      audience: typeof connection.setup.audience === 'string' ? connection.setup.audience : `https://${domain}/api/v2/`,
    };
    const key = `${credentials.domain}|${credentials.clientId}|${credentials.audience}`;
    let client = clients.get(key);
    if (!client) {
      client = new ManagementClient({
        domain,
        token: () => tokens.token(credentials),
        maxRetries: options.managementMaxRetries ?? DEFAULT_MANAGEMENT_MAX_RETRIES,
        timeoutInSeconds: timeoutSeconds,
        telemetry: false,
        ...(options.trust ? { fetch: options.trust.fetch } : {}),
      });
      clients.set(key, client);
    }
    return client;
  }

  function services(vaultConnections: readonly VaultConnection[]): FlowServices {
    return {
      now,
      helpers,
      otpStore,
      randomDigit: options.randomDigit ?? cryptoRandomDigit,
      vaultConnections,
      readings,
      ...(options.onFlowExecution ? { onFlowExecution: options.onFlowExecution } : {}),
      http: (connection, params, where) =>
        httpSendRequest(
          params,
          connection,
          {
            fetch: options.trust?.fetch ?? fetch,
            tokens,
            allowedOrigins: [`https://${options.managementDomain}`, new URL(options.sendgridBaseUrl).origin],
            timeoutSeconds,
            httpErrorStatus: readings.httpErrorStatus,
          },
          where,
        ),
      auth0: (connection, action, params) =>
        runAuth0Action(action, params, managementClient(connection, `AUTH0/${action}`)),
    };
  }

  return {
    async startJourney(start) {
      refuseUndocumented(start);
      checkForm(start.form, start.flows, start.vaultConnections);
      const state: JourneyState = {
        version: JOURNEY_STATE_VERSION,
        id: randomUUID(),
        form: start.form.id ?? start.form.name ?? 'form',
        language: platformLanguage(start.language, start.form.languages?.primary),
        node: '',
        ended: false,
        context: structuredClone({ ...start.context, user: start.user }),
        fields: structuredClone({
          ...Object.fromEntries((start.form.start?.hidden_fields ?? []).map((f) => [f.key, f.value])),
          ...start.fields,
        }),
        vars: structuredClone({ ...start.vars }),
        errors: { fields: {} },
        resends: {},
        executions: [],
      };
      const journey = new Journey(start, services(start.vaultConnections), state);
      const first = start.form.start?.next_node;
      if (typeof first !== 'string') throw new DefinitionError(`form ${state.form} has no start.next_node`);
      await journey.advance(first, undefined);
      return journey;
    },
    resumeJourney(state, deployment) {
      if (state.version !== JOURNEY_STATE_VERSION)
        throw new DefinitionError(`journey state version ${String(state.version)} is not ${JOURNEY_STATE_VERSION}`);
      checkForm(deployment.form, deployment.flows, deployment.vaultConnections);
      return new Journey(deployment, services(deployment.vaultConnections), structuredClone(state));
    },
  };
}
