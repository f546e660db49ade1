// Every text the form shows, in each locale. Rich texts name vars only where the user should
// see them: their own current address, the address they typed, and the code step's notice.
import { CODE_LENGTH, CODE_VALID_MINUTES } from './limits';
import type { LocalisedText } from './locale-text';

export const FORM_TEXTS = {
  newEmailIntro: {
    en: '<h1>Change your email address</h1><p>Your current address is <strong>{{vars.current_email}}</strong>.</p>',
    es: '<h1>Cambia tu dirección de correo electrónico</h1><p>Tu dirección actual es <strong>{{vars.current_email}}</strong>.</p>',
  },
  newEmailLabel: { en: 'New email address', es: 'Nueva dirección de correo electrónico' },
  newEmailHint: {
    en: `We will send a ${CODE_LENGTH}-digit code to this address to check that it is yours. Nothing changes until you enter it.`,
    es: `Enviaremos un código de ${CODE_LENGTH} dígitos a esta dirección para comprobar que es tuya. No cambia nada hasta que lo introduzcas.`,
  },
  sendCode: { en: 'Send code', es: 'Enviar código' },
  codeIntro: {
    en: `<h1>Check your email</h1><p>We sent a ${CODE_LENGTH}-digit code to <strong>{{vars.pending_email}}</strong>. It is valid for ${CODE_VALID_MINUTES} minutes.</p><p><strong>{{vars.code_notice}}</strong></p>`,
    es: `<h1>Revisa tu correo</h1><p>Hemos enviado un código de ${CODE_LENGTH} dígitos a <strong>{{vars.pending_email}}</strong>. Es válido durante ${CODE_VALID_MINUTES} minutos.</p><p><strong>{{vars.code_notice}}</strong></p>`,
  },
  codeLabel: { en: 'Code', es: 'Código' },
  codeHint: {
    en: `The ${CODE_LENGTH} digits from the latest email we sent.`,
    es: `Los ${CODE_LENGTH} dígitos del último correo que te enviamos.`,
  },
  resendActive: { en: 'No email?', es: '¿No te ha llegado?' },
  resendButton: { en: 'Send a new code', es: 'Enviar un código nuevo' },
  resendWaiting: {
    en: 'You can ask for a new code in {{remaining_seconds}} seconds.',
    es: 'Podrás pedir un código nuevo dentro de {{remaining_seconds}} segundos.',
  },
  verify: { en: 'Change my email', es: 'Cambiar mi correo' },
  otherAddress: { en: 'Use a different address', es: 'Usar otra dirección' },
  cancel: { en: 'Cancel, keep my current address', es: 'Cancelar y mantener mi dirección actual' },
  lockedIntro: {
    en: '<h1>This change has stopped</h1><p>{{vars.code_notice}}</p><p>Your email address has not changed.</p>',
    es: '<h1>Este cambio se ha detenido</h1><p>{{vars.code_notice}}</p><p>Tu dirección de correo electrónico no ha cambiado.</p>',
  },
  backToApp: { en: 'Back to the app', es: 'Volver a la aplicación' },
} satisfies Record<string, LocalisedText>;
