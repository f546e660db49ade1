// The reference a code is bound to (OTP/GENERATE_CODE and VERIFY_CODE, docs data-verification.mdx):
// the signed-in user, the address, this journey and the count of emails sent in it. A code is
// therefore worthless for another user, another address, another journey (the Action makes a
// new journey_id at each render), and after a resend (the count has moved on).
/** `address` and `sends` are templates ("{{vars.pending_email}}", "{{functions.merge(vars.code_sends, 'x')}}"). */
export function otpReference(address: string, sends: string): string {
  return `{{context.user.user_id}}|${address}|{{vars.journey_id}}|${sends}`;
}
