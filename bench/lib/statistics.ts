// The few statistics the benchmarks report: medians of interleaved samples, percentiles of
// latencies, and ratios taken round by round (a ratio of two samples taken side by side is less
// noisy than a ratio of two medians when the machine's speed drifts during a run).

/** The value below which `p` percent of the values lie (nearest rank, p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values: the measurement produced no samples');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be between 0 and 100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values: the measurement produced no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The median of numerator[i] / denominator[i]: samples i of both were taken in the same round. */
export function medianRatio(numerator: readonly number[], denominator: readonly number[]): number {
  if (numerator.length !== denominator.length) {
    throw new Error(
      `paired samples differ in number (${numerator.length} and ${denominator.length}): each round must sample both`,
    );
  }
  return median(numerator.map((n, i) => n / (denominator[i] as number)));
}
