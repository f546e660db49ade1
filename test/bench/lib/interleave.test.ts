import { interleave } from '../../../bench/lib/interleave';

test('every round samples each variant once, the order rotating from round to round', async () => {
  const order: string[] = [];
  const variant = (name: 'a' | 'b' | 'c') => ({
    name,
    sample: (round: number) => {
      order.push(`${round}${name}`);
      return round;
    },
  });
  const samples = await interleave(3, [variant('a'), variant('b'), variant('c')]);
  expect(order).toEqual(['0a', '0b', '0c', '1b', '1c', '1a', '2c', '2a', '2b']);
  expect(samples).toEqual({ a: [0, 1, 2], b: [0, 1, 2], c: [0, 1, 2] });
});

test('rounds must be a positive whole number', async () => {
  await expect(interleave(0, [])).rejects.toThrow('rounds must be a positive whole number, got 0');
});
