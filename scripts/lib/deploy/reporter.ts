// Everything deploy and plan print goes through here: one progress line per step on stderr with
// its time, and every line masked, so no secret value ever reaches a terminal or a CI log.
import { maskSecrets } from '../secret-patterns';

export interface Reporter {
  /** Runs a step and prints "<name> (<time>)" when it ends, or "<name> failed (<time>)". */
  step<T>(name: string, run: () => Promise<T> | T): Promise<T>;
  /** A line on stdout (the plan, the summary). */
  out(text: string): void;
  /** A line on stderr. */
  note(text: string): void;
  /** Masks a text for printing, e.g. an error message. */
  mask(text: string): string;
}

export function createReporter(
  secrets: readonly string[],
  io: { stdout: (line: string) => void; stderr: (line: string) => void; now: () => number } = {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    now: () => performance.now(),
  },
): Reporter {
  const mask = (text: string) => maskSecrets(text, secrets);
  const seconds = (since: number) => `${((io.now() - since) / 1000).toFixed(1)} s`;
  return {
    async step(name, run) {
      const started = io.now();
      try {
        const result = await run();
        io.stderr(mask(`✓ ${name} (${seconds(started)})`));
        return result;
      } catch (error) {
        io.stderr(mask(`✗ ${name} failed (${seconds(started)})`));
        throw error;
      }
    },
    out: (text) => io.stdout(mask(text)),
    note: (text) => io.stderr(mask(text)),
    mask,
  };
}
