// An error whose message is for the person running the script: printed as is, without a stack.
export class UserError extends Error {
  override name = 'UserError';
}
