// The colours of every page the local tenant shows a person (login, MFA, the form's steps, error
// pages, the demo app, the outbox, the index), and the pairs the pages put together, with the
// contrast each pair needs under WCAG 2.2 AA: 4.5:1 for text (1.4.3), 3:1 for the boundary of a
// control a person must find, such as an input's border (1.4.11). test/local-tenant/shared/
// palette.test.ts computes every ratio, and checks that the pages' CSS uses no other colour.
export const PALETTE = {
  white: '#ffffff',
  /** Body text. */
  ink: '#1d2330',
  /** Secondary text: hints, subtitles, footers, labels of the claims. */
  muted: '#5b6475',
  /** The explanations on the demo page. */
  inkSoft: '#3d4555',
  /** The login side's page background, around the card. */
  canvas: '#eef1f5',
  /** The demo app's page background. */
  canvasDemo: '#f7f7fb',
  /** Buttons, links styled as buttons, focus rings. */
  accent: '#3b5bdb',
  /** The border of inputs and secondary buttons: 1.4.11 (#b7bfcc was 1.85:1, too faint). */
  control: '#767f8f',
  /** The demo app's header. */
  header: '#24304a',
  errorText: '#9b1c1c',
  errorBackground: '#fdecec',
  /** Decorative: the edge of a message box, whose text and background carry it (1.4.11 does not apply). */
  errorEdge: '#f5c2c2',
  successText: '#17603a',
  successBackground: '#e9f7ef',
  successEdge: '#b5e2c4',
  infoText: '#233b8c',
  infoBackground: '#eef3ff',
  infoEdge: '#c9d6ff',
  /** Background of inline code and of the outbox's plain-text bodies. */
  codeBackground: '#f1f3f7',
  /** Decorative: the edge of an outbox message and of cards. */
  rule: '#d5dae2',
} as const;

export type Colour = keyof typeof PALETTE;

export interface ContrastPair {
  readonly foreground: Colour;
  readonly background: Colour;
  /** 4.5 for text (1.4.3), 3 for a control's boundary (1.4.11). */
  readonly minimum: 4.5 | 3;
  readonly where: string;
}

const text = (foreground: Colour, background: Colour, where: string): ContrastPair => ({
  foreground,
  background,
  minimum: 4.5,
  where,
});
const control = (foreground: Colour, background: Colour, where: string): ContrastPair => ({
  foreground,
  background,
  minimum: 3,
  where,
});

/** Every foreground the pages put on a background. */
export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  text('ink', 'white', 'body text in the cards, the demo sections, the outbox'),
  text('ink', 'canvas', 'text outside the card (login side)'),
  text('ink', 'canvasDemo', 'text outside the sections (demo app)'),
  text('muted', 'white', 'hints, subtitles, footers, the resend line, claim names'),
  text('muted', 'canvas', 'the footer note when it falls outside the card'),
  text('inkSoft', 'white', 'the demo page explanations'),
  text('white', 'accent', 'primary buttons'),
  text('accent', 'white', 'the resend link-button, links'),
  text('ink', 'white', 'secondary buttons'),
  text('white', 'header', 'the demo app header'),
  text('ink', 'white', 'the language select and Set button in the header'),
  text('errorText', 'errorBackground', 'error messages'),
  text('successText', 'successBackground', 'the demo app success message'),
  text('infoText', 'infoBackground', 'the demo app notes'),
  text('ink', 'infoBackground', 'the login page notice'),
  text('ink', 'codeBackground', 'inline code, the outbox plain-text bodies'),
  control('control', 'white', 'input borders, secondary button borders'),
  control('accent', 'white', 'the focus ring, the border of a focused input'),
  control('errorText', 'white', 'the border of an invalid input'),
  control('white', 'header', 'the header controls (white) on the header'),
];
