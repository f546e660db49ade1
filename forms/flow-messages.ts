// Every message the flows can show, in each locale (chosen by vars.locale). Each says what
// happened and what to do next; none tells whether another account owns an address.
import { CODE_VALID_MINUTES, MAX_WRONG_CODES } from './limits';
import type { LocalisedText } from './locale-text';

export const FLOW_MESSAGES = {
  tooManyWrongCodes: {
    en: 'A wrong code was entered too many times. For your security, this change has stopped: start it again from the app.',
    es: 'Se ha introducido un código incorrecto demasiadas veces. Por tu seguridad, este cambio se ha detenido: vuelve a empezarlo desde la aplicación.',
  },
  tooManySends: {
    en: 'We have already sent as many codes as one change allows. Start the change again from the app.',
    es: 'Ya hemos enviado todos los códigos que permite un cambio. Vuelve a empezar el cambio desde la aplicación.',
  },
  sameAddress: {
    en: 'That is already your email address. Enter a different one.',
    es: 'Esa ya es tu dirección de correo electrónico. Introduce otra distinta.',
  },
  invalidAddress: {
    en: 'That is not a valid email address. Check it and try again.',
    es: 'Esa no es una dirección de correo electrónico válida. Revísala y vuelve a intentarlo.',
  },
  addressNotAccepted: {
    en: 'Addresses from this email provider cannot be used here. Enter an address from another provider.',
    es: 'Aquí no se pueden usar direcciones de este proveedor de correo. Introduce una dirección de otro proveedor.',
  },
  alreadyChanged: {
    en: 'Your email address has already been changed. Continue by signing in again from the app.',
    es: 'Tu dirección de correo electrónico ya se ha cambiado. Continúa iniciando sesión de nuevo desde la aplicación.',
  },
  noCodeSent: {
    en: 'No code has been sent for this change yet. Start the change again from the app.',
    es: 'Todavía no se ha enviado ningún código para este cambio. Vuelve a empezar el cambio desde la aplicación.',
  },
  codeExpired: {
    en: `This code has expired: codes are valid for ${CODE_VALID_MINUTES} minutes. Ask for a new code and enter it.`,
    es: `Este código ha caducado: los códigos son válidos durante ${CODE_VALID_MINUTES} minutos. Pide un código nuevo e introdúcelo.`,
  },
  lastWrongCode: {
    en: 'That code is not right, and that was the last attempt. For your security, this change has stopped: start it again from the app.',
    es: 'Ese código no es correcto y era el último intento. Por tu seguridad, este cambio se ha detenido: vuelve a empezarlo desde la aplicación.',
  },
  accountChanged: {
    en: 'Your account changed since this email change started (its address, its password, or it was blocked), so nothing was changed. Start again from the app if you still want to.',
    es: 'Tu cuenta ha cambiado desde que empezó este cambio de correo (su dirección, su contraseña o se ha bloqueado), así que no se ha cambiado nada. Vuelve a empezar desde la aplicación si aún quieres hacerlo.',
  },
  journeyExpired: {
    en: 'This email change was started too long ago, so nothing was changed. For your security, start it again from the app and sign in again.',
    es: 'Este cambio de correo se empezó hace demasiado tiempo, así que no se ha cambiado nada. Por tu seguridad, vuelve a empezarlo desde la aplicación e inicia sesión de nuevo.',
  },
  tooManySendsToday: {
    en: 'We have sent as many codes today as your account allows. Try again tomorrow.',
    es: 'Hoy ya hemos enviado todos los códigos que permite tu cuenta. Vuelve a intentarlo mañana.',
  },
  tryLater: {
    en: 'We could not reach your account just now, and nothing was changed. Wait a minute, then try again.',
    es: 'No hemos podido acceder a tu cuenta ahora mismo y no se ha cambiado nada. Espera un minuto y vuelve a intentarlo.',
  },
  sendFailed: {
    en: 'We could not send the email just now, and nothing was changed. Wait a minute, then try again.',
    es: 'No hemos podido enviar el correo ahora mismo y no se ha cambiado nada. Espera un minuto y vuelve a intentarlo.',
  },
  addressTaken: {
    en: 'Another account started using this address a moment ago, so your email was not changed. Start again with a different address.',
    es: 'Otra cuenta ha empezado a usar esta dirección hace un momento, así que tu correo no se ha cambiado. Vuelve a empezar con otra dirección.',
  },
  updateFailed: {
    en: 'We could not change your email address just now, and nothing was changed. Wait a minute, then enter the code again.',
    es: 'No hemos podido cambiar tu dirección de correo electrónico ahora mismo y no se ha cambiado nada. Espera un minuto y vuelve a introducir el código.',
  },
} satisfies Record<string, LocalisedText>;

/** After a wrong code, with `left` attempts still allowed (1 to MAX_WRONG_CODES - 1). */
export function wrongCodeMessage(left: number): LocalisedText {
  if (!Number.isInteger(left) || left < 1 || left >= MAX_WRONG_CODES)
    throw new Error(`attempts left must be 1 to ${MAX_WRONG_CODES - 1}, got ${left}`);
  return {
    en: `That code is not right. Check the latest email and try again: ${left === 1 ? '1 attempt' : `${left} attempts`} left.`,
    es: `Ese código no es correcto. Revisa el último correo y vuelve a intentarlo: ${left === 1 ? 'queda 1 intento' : `quedan ${left} intentos`}.`,
  };
}
