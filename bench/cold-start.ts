// Measurement 2: what a cold start costs, from the code's text to the first login answered:
// loadAction (a fresh vm context, the code compiled, its module-level code run) and one
// onExecutePostLogin on a normal login, for the BUILT bundle, the empty Action and the SDK
// variant (bench/fixtures). Two things would make a repeated cold start warmer than a real one,
// and both are undone for every sample: V8 reuses the compilation of a source text it has seen
// (each sample's code gets a comment of its own), and Node keeps required modules in
// require.cache (the modules the SDK variant loaded are dropped after each sample, so the next
// one reads and compiles them again, from the OS file cache). Run it in a process that has not
// loaded the SDK itself (bench/measure-action-cost.ts), or the first sample would find it cached.
import { statSync } from 'node:fs';
import { loadAction, type PostLoginEvent } from '../local-tenant/actions-runtime';
import { interleave } from './lib/interleave';
import { median, medianRatio } from './lib/statistics';

export interface ColdStartOptions {
  readonly bundleCode: string;
  readonly emptyCode: string;
  readonly sdkVariantCode: string;
  readonly sdkVariantDependencies: readonly string[];
  readonly event: PostLoginEvent;
  readonly rounds: number;
}

export interface ColdStartResult {
  readonly ms: number;
  readonly emptyMs: number;
  readonly sdkVariantMs: number;
  /** Median of the per-round ratios bundle / empty. */
  readonly ratio: number;
  /** Median of the per-round ratios bundle / SDK variant. */
  readonly ratioToSdkVariant: number;
  /** Modules the SDK variant's require loaded, and their size on disk. */
  readonly sdkVariantModules: number;
  readonly sdkVariantLoadedBytes: number;
  readonly rounds: number;
}

const requireCache = (): NodeJS.Dict<NodeModule> => require.cache;

async function coldStartMs(
  code: string,
  dependencies: readonly string[],
  event: PostLoginEvent,
  sample: number,
): Promise<number> {
  const start = process.hrtime.bigint();
  const loaded = loadAction(`${code}\n// cold start sample ${sample}\n`, { dependencies, filename: 'code.js' });
  const record = await loaded.onExecutePostLogin(event);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (record.error !== undefined || record.outcome !== 'continued') {
    throw new Error(
      `a cold start did not simply continue a normal login (${record.outcome}${record.error ? `: ${record.error.message}` : ''})`,
    );
  }
  return ms;
}

export async function measureColdStart(options: ColdStartOptions): Promise<ColdStartResult> {
  const sdkPrefix = `${require.resolve('auth0/package.json').replace(/package\.json$/, '')}`;
  const cachedSdk = Object.keys(requireCache()).filter((file) => file.startsWith(sdkPrefix));
  if (cachedSdk.length > 0) {
    throw new Error(
      `the auth0 SDK is already loaded in this process (${cachedSdk[0]}): measure cold starts in a process of their own (bench/measure-action-cost.ts)`,
    );
  }
  let sample = 0;
  let sdkFiles: string[] = [];
  const sdkVariant = async (): Promise<number> => {
    const before = new Set(Object.keys(requireCache()));
    const ms = await coldStartMs(options.sdkVariantCode, options.sdkVariantDependencies, options.event, (sample += 1));
    const loaded = Object.keys(requireCache()).filter((file) => !before.has(file));
    if (loaded.length === 0) throw new Error('the SDK variant loaded no module: its require of auth0 did not run');
    sdkFiles = loaded;
    for (const file of loaded) delete requireCache()[file];
    return ms;
  };
  const bundle = {
    name: 'bundle',
    sample: () => coldStartMs(options.bundleCode, [], options.event, (sample += 1)),
  } as const;
  const empty = {
    name: 'empty',
    sample: () => coldStartMs(options.emptyCode, [], options.event, (sample += 1)),
  } as const;
  // One round left out: the runtime's own code (loadAction, vm) is cold in it, which is not the Actions' cost.
  await interleave(1, [bundle, empty, { name: 'sdkVariant', sample: sdkVariant }]);
  // The bundle against the empty Action on their own: the sample right after the SDK variant's
  // load (about a hundred modules) runs slower, and in one rotation of all three the bundle would
  // follow it in two rounds of three and the empty Action in one. Two variants rotated follow each
  // other alike.
  const samples = await interleave(options.rounds, [bundle, empty]);
  // The SDK variant against the bundle, apart: here the bundle is the one that follows it, so this
  // ratio leans in the SDK variant's favour, never in the bundle's.
  const sdkSamples = await interleave(options.rounds, [bundle, { name: 'sdkVariant', sample: sdkVariant }]);
  return {
    ms: median(samples.bundle),
    emptyMs: median(samples.empty),
    sdkVariantMs: median(sdkSamples.sdkVariant),
    ratio: medianRatio(samples.bundle, samples.empty),
    ratioToSdkVariant: medianRatio(sdkSamples.bundle, sdkSamples.sdkVariant),
    sdkVariantModules: sdkFiles.length,
    sdkVariantLoadedBytes: sdkFiles.reduce((sum, file) => sum + statSync(file).size, 0),
    rounds: options.rounds,
  };
}
