// Runs variants side by side: every round samples each variant once, in an order that rotates
// from round to round, so that a machine getting slower or faster during the run (other
// processes, CPU frequency, GC) weighs on every variant alike.

export interface Variant<K extends string> {
  readonly name: K;
  /** One sample: a duration (or any per-sample figure) in the unit the caller chose. */
  readonly sample: (round: number) => Promise<number> | number;
}

export async function interleave<K extends string>(
  rounds: number,
  variants: readonly Variant<K>[],
): Promise<Record<K, number[]>> {
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`rounds must be a positive whole number, got ${rounds}`);
  const samples = Object.fromEntries(variants.map((v) => [v.name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < variants.length; i += 1) {
      const variant = variants[(round + i) % variants.length] as Variant<K>;
      samples[variant.name].push(await variant.sample(round));
    }
  }
  return samples;
}

/** Milliseconds since `startNs` (from process.hrtime.bigint()). */
export function msSince(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e6;
}
