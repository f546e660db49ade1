// A flow action that ran and failed: the service refused it or did not answer. The flow fails
// with it, unless the action has allow_failure (then the flow goes on: docs logic, v7 types).
// The message names the service and its answer, never a secret.
export class ActionFailure extends Error {
  override readonly name = 'ActionFailure';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
