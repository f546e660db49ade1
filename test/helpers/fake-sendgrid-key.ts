// A SendGrid-shaped API key no account has, built at run time so that no key-like literal sits
// in the repository for secret scanners to flag. `fill` makes different fake keys.
export function fakeSendgridKey(fill = 'x'): string {
  const part = (length: number) => fill.repeat(length).slice(0, length);
  return `SG.${part(22)}.${part(43)}`;
}
