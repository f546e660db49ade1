import { median, medianRatio, percentile } from '../../../bench/lib/statistics';

describe('the statistics of the benchmarks', () => {
  test('median of odd and even counts, in any order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  test('percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
  });

  test('a ratio is the median of the per-round ratios, not the ratio of the medians', () => {
    // Round 2 ran while the machine was slow for both variants: its ratio is still 2.
    expect(medianRatio([2, 200, 4], [1, 100, 2])).toBe(2);
    expect(() => medianRatio([1, 2], [1])).toThrow('paired samples differ in number (2 and 1)');
  });

  test('no samples is an error that says so', () => {
    expect(() => median([])).toThrow('median of no values');
    expect(() => percentile([], 50)).toThrow('percentile of no values');
    expect(() => percentile([1], 101)).toThrow('percentile must be between 0 and 100, got 101');
  });
});
