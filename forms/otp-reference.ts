// The reference a code is bound to (OTP/GENERATE_CODE and VERIFY_CODE, docs data-verification.mdx):
// the signed-in user, the address, this journey and the count of emails sent in it. A code is
// therefore worthless for another user, another address, another journey (the Action makes a
// new journey_id at each render), and after a resend (the count has moved on).
export function otpReference(emailExpression: string, sendsExpression: string): string {
  return `{{context.user.user_id}}|{{${emailExpression}}}|{{vars.journey_id}}|{{${sendsExpression}}}`;
}
