import { createReporter } from '../../../../scripts/lib/deploy/reporter';

describe('deploy reporter', () => {
  test('one line per step with its time on stderr; secrets masked everywhere', async () => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    let clock = 0;
    const reporter = createReporter(['s3cr3t-value'], {
      stdout: (l) => stdout.push(l),
      stderr: (l) => stderr.push(l),
      now: () => clock,
    });
    await reporter.step('import with s3cr3t-value', () => {
      clock += 1500;
    });
    await expect(
      reporter.step('verify', () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    reporter.out('key=s3cr3t-value');
    expect(stderr).toEqual(['✓ import with [secret] (1.5 s)', '✗ verify failed (0.0 s)']);
    expect(stdout).toEqual(['key=[secret]']);
  });
});
