// The bundle's flow executions on a tenant, through the real auth0 SDK: find its three flows by
// name (forms/names.ts), list their executions (checkpoint paging, newest first on the local
// tenant), keep those since a time, and read each one's details (hydrate=debug).
import type { ManagementClient } from 'auth0';
import { RESEND_CODE_FLOW, SEND_CODE_FLOW, VERIFY_CODE_FLOW } from '../../../forms/names';
import { UserError } from '../user-error';
import { actionDefinitions, type DescribedExecution, describeExecution } from './execution-details';

/** --flow's choices and the flow names they stand for. */
export const BUNDLE_FLOWS = {
  'send-code': SEND_CODE_FLOW,
  'resend-code': RESEND_CODE_FLOW,
  'verify-code': VERIFY_CODE_FLOW,
} as const;
export type BundleFlow = keyof typeof BUNDLE_FLOWS;

/** At most this many executions listed per flow (v7: take at most 100 a page), then the newest `limit` read in detail. */
const MAX_LISTED_PER_FLOW = 1000;
const PAGE_SIZE = 100;

export interface ReadOptions {
  readonly flows: readonly BundleFlow[];
  readonly sinceMs: number;
  /** At most this many executions are read in detail (one call each: Free plans allow 2 a second). */
  readonly limit: number;
}

export async function readExecutions(
  client: ManagementClient,
  domain: string,
  options: ReadOptions,
): Promise<DescribedExecution[]> {
  const wanted = new Map<string, BundleFlow>(options.flows.map((f) => [BUNDLE_FLOWS[f], f]));
  const found = new Map<BundleFlow, string>();
  for await (const flow of await client.flows.list({ per_page: 50 })) {
    const short = wanted.get(flow.name);
    if (short) found.set(short, flow.id);
  }
  const missing = options.flows.filter((f) => !found.has(f));
  if (missing.length > 0) {
    throw new UserError(
      `${domain} has no flow named ${missing.map((f) => BUNDLE_FLOWS[f]).join(' or ')}: deploy the bundle there first (npm run deploy), or check AUTH0_DOMAIN.`,
    );
  }
  const listed: { flow: BundleFlow; flowId: string; id: string; createdAt: string }[] = [];
  for (const [flow, flowId] of found) {
    let count = 0;
    for await (const summary of await client.flows.executions.list(flowId, { take: PAGE_SIZE })) {
      if (Date.parse(summary.created_at) >= options.sinceMs)
        listed.push({ flow, flowId, id: summary.id, createdAt: summary.created_at });
      count += 1;
      if (count >= MAX_LISTED_PER_FLOW) break;
    }
  }
  const newest = listed.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, options.limit);
  const definitions = new Map<string, ReturnType<typeof actionDefinitions>>();
  for (const [, flowId] of found) definitions.set(flowId, actionDefinitions((await client.flows.get(flowId)).actions));
  const described: DescribedExecution[] = [];
  for (const item of newest) {
    const details = await client.flows.executions.get(item.flowId, item.id, { hydrate: ['debug'] });
    described.push(describeExecution(details, item.flow, definitions.get(item.flowId)));
  }
  // Oldest first: read as a story.
  return described.reverse();
}
