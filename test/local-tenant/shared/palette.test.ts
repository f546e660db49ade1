// WCAG AA contrast of the local tenant's pages: every colour pair they rely on meets 4.5:1 for
// text (1.4.3) or 3:1 for a control's boundary (1.4.11), computed here from the colours with
// WCAG's relative luminance; and the pages' CSS uses no colour outside the palette.
import { DEMO_STYLE } from '../../../demo-app/demo-app-page';
import { CONTRAST_PAIRS, PALETTE } from '../../../local-tenant/shared/palette';
import { INDEX_STYLE } from '../../../local-tenant/index-page/index-page';
import { FORM_STYLE } from '../../../local-tenant/login/pages/form-page';
import { PAGE_STYLE } from '../../../local-tenant/login/pages/page-layout';
import { OUTBOX_STYLE } from '../../../local-tenant/outbox/outbox-page';

/** WCAG 2.2 "relative luminance" of an sRGB colour #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.2 "contrast ratio": (L1 + 0.05) / (L2 + 0.05), the lighter over the darker. */
function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

test("the ratio is WCAG's: black on white is 21, white on white 1, #767676 on white just above 4.5", () => {
  expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
  expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
});

test.each(CONTRAST_PAIRS.map((pair) => [pair.where, pair] as const))('%s', (_where, pair) => {
  const ratio = contrastRatio(PALETTE[pair.foreground], PALETTE[pair.background]);
  expect({
    pair: `${pair.foreground} on ${pair.background}`,
    ratio: Math.round(ratio * 100) / 100,
    enough: ratio >= pair.minimum,
  }).toMatchObject({ enough: true });
});

test("the pages use only the palette's colours", () => {
  const allowed = new Set<string>(Object.values(PALETTE));
  for (const [page, css] of Object.entries({ PAGE_STYLE, FORM_STYLE, DEMO_STYLE, OUTBOX_STYLE, INDEX_STYLE })) {
    const used = css.match(/#[0-9a-f]{3,8}\b/gi) ?? [];
    expect({ page, outside: used.filter((c) => !allowed.has(c.toLowerCase())) }).toEqual({ page, outside: [] });
    expect({
      page,
      named:
        css.match(
          /(?<![-\w])(?:color|background|border(?:-color)?)\s*:\s*(?:red|blue|gray|grey|black|white|#[0-9a-f]{3}\b)/gi,
        ) ?? [],
    }).toEqual({ page, named: [] });
  }
});
