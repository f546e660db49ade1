// Auth0's step-up authentication: the acr_values an app sends to ask for MFA, which the ID token's
// acr claim then carries (docs secure/multi-factor-authentication/step-up-authentication;
// README "Users with MFA"). The local tenant's login side and the demo app both use it.

/** acr_values asking for MFA. */
export const MFA_ACR_VALUE = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor';
