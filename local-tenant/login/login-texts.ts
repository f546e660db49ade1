// Every text the login side shows, in the languages the form speaks (en, es), picked from the
// authorization request's ui_locales as Universal Login does (docs customize/internationalization).
// Auth0's own wording is not copied: these say the same things in this project's words.

export const LOGIN_LANGUAGES = ['en', 'es'] as const;
export type LoginLanguage = (typeof LOGIN_LANGUAGES)[number];

/** The first of the space-separated ui_locales this login side speaks, by language (es-MX -> es); else en. */
export function loginLanguage(uiLocales: readonly string[]): LoginLanguage {
  for (const tag of uiLocales) {
    const language = tag.toLowerCase().split('-')[0];
    const found = LOGIN_LANGUAGES.find((l) => l === language);
    if (found) return found;
  }
  return 'en';
}

export interface LoginTexts {
  signInTitle: string;
  signInTo: (app: string) => string;
  confirmItIsYou: string;
  passwordThenSecondFactor: string;
  email: string;
  password: string;
  continue: string;
  wrongCredentials: string;
  blockedAfterAttempts: string;
  userBlocked: string;
  or: string;
  socialButton: string;
  socialTitle: string;
  socialIntro: string;
  socialNone: string;
  mfaTitle: string;
  mfaIntro: string;
  mfaCode: string;
  mfaWrongCode: string;
  mfaTooManyAttempts: string;
  formTitle: string;
  formFailed: string;
  errorTitle: string;
  transactionGone: string;
  signedOutTitle: string;
  signedOut: string;
  redirecting: string;
  localTenantNote: string;
}

export const LOGIN_TEXTS: Record<LoginLanguage, LoginTexts> = {
  en: {
    signInTitle: 'Sign in',
    signInTo: (app) => `to continue to ${app}`,
    confirmItIsYou: 'Enter your password again to confirm that it is you.',
    passwordThenSecondFactor:
      'Your account has two-step verification: enter your password, then the code from your authenticator app.',
    email: 'Email address',
    password: 'Password',
    continue: 'Continue',
    wrongCredentials: 'Wrong email or password.',
    blockedAfterAttempts:
      'This account is blocked after too many failed sign-in attempts from this device. Try again later.',
    userBlocked: 'This account is blocked.',
    or: 'or',
    socialButton: 'Continue with Google (stand-in)',
    socialTitle: 'Google (stand-in)',
    socialIntro: 'The local tenant has no connection to Google. Choose one of its Google users to sign in as:',
    socialNone: 'The local tenant has no Google users.',
    mfaTitle: 'Verify your identity',
    mfaIntro: 'Enter the 6-digit code your authenticator app shows for this account.',
    mfaCode: 'Code',
    mfaWrongCode: 'Wrong code. Try again with the code your app shows now.',
    mfaTooManyAttempts: 'Too many wrong codes. Go back to the app and sign in again.',
    formTitle: 'Change your email address',
    formFailed: 'This step could not be completed. Go back to the app and start again.',
    errorTitle: 'Something went wrong',
    transactionGone: 'This sign-in has expired or belongs to another browser. Go back to the app and start again.',
    signedOutTitle: 'Signed out',
    signedOut: 'You are signed out of the local tenant.',
    redirecting: 'Returning to the app…',
    localTenantNote: 'Local tenant: an offline stand-in for Auth0.',
  },
  es: {
    signInTitle: 'Inicia sesión',
    signInTo: (app) => `para continuar en ${app}`,
    confirmItIsYou: 'Vuelve a introducir tu contraseña para confirmar que eres tú.',
    passwordThenSecondFactor:
      'Tu cuenta tiene verificación en dos pasos: introduce tu contraseña y luego el código de tu aplicación de autenticación.',
    email: 'Correo electrónico',
    password: 'Contraseña',
    continue: 'Continuar',
    wrongCredentials: 'Correo electrónico o contraseña incorrectos.',
    blockedAfterAttempts:
      'Esta cuenta está bloqueada tras demasiados intentos fallidos desde este dispositivo. Inténtalo más tarde.',
    userBlocked: 'Esta cuenta está bloqueada.',
    or: 'o',
    socialButton: 'Continuar con Google (simulado)',
    socialTitle: 'Google (simulado)',
    socialIntro:
      'El tenant local no tiene conexión con Google. Elige uno de sus usuarios de Google para iniciar sesión:',
    socialNone: 'El tenant local no tiene usuarios de Google.',
    mfaTitle: 'Verifica tu identidad',
    mfaIntro: 'Introduce el código de 6 dígitos que muestra tu aplicación de autenticación para esta cuenta.',
    mfaCode: 'Código',
    mfaWrongCode: 'Código incorrecto. Inténtalo de nuevo con el código que muestra tu aplicación ahora.',
    mfaTooManyAttempts: 'Demasiados códigos incorrectos. Vuelve a la aplicación e inicia sesión de nuevo.',
    formTitle: 'Cambia tu dirección de correo electrónico',
    formFailed: 'No se ha podido completar este paso. Vuelve a la aplicación y empieza de nuevo.',
    errorTitle: 'Algo salió mal',
    transactionGone:
      'Este inicio de sesión ha caducado o pertenece a otro navegador. Vuelve a la aplicación y empieza de nuevo.',
    signedOutTitle: 'Sesión cerrada',
    signedOut: 'Has cerrado la sesión del tenant local.',
    redirecting: 'Volviendo a la aplicación…',
    localTenantNote: 'Tenant local: un sustituto sin conexión de Auth0.',
  },
};
