import type { CheckResult, CheckScope, LookupResource, ReadError, Resolution, ResolvedEvent, SourcedRecord, CloudTrailRecord } from '../model';
import type { ProductIndex } from '../attribute/productIndex';
import { principalOf } from '../attribute/principal';
import { resolveRecord } from '../resolve/resolver';
import { judgeEvent } from './judge';
import { compileFilter, type CheckFilter } from './scopeFilter';
import { Tally } from './tally';
import { Coverage } from './coverage';
import { recordBatches } from '../ingest/batches';

export type { CheckFilter } from './scopeFilter';

/** What `runCheck` needs besides the events. */
export interface CheckContext {
  products: ProductIndex;
  filter?: CheckFilter;
  /** Called for every in-scope event, judged or not (the extension lists them). */
  onEvent?: (e: ResolvedEvent) => void;
  signal?: AbortSignal;
  /** Scope facts only the caller knows: input paths, and `managementEventsOnly` for live LookupEvents. */
  scope?: Partial<Pick<CheckScope, 'eventSources' | 'inventorySources' | 'managementEventsOnly' | 'notes'>>;
  /** Read errors collected by the caller's reader (its `onError`); the result carries them. */
  readErrors?: ReadError[];
  /** Rows kept per list (findings, gaps); counts stay exact beyond it. Default 100 000. */
  maxListed?: number;
  /** Clock for relative time bounds (`7d`); tests pin it. */
  now?: number;
  /** The resolver; defaults to the project's `resolveRecord`. */
  resolve?: (record: CloudTrailRecord, lookup?: LookupResource[]) => Resolution;
}

function isDataEvent(r: CloudTrailRecord): boolean {
  return r.managementEvent === false || r.managementEvent === 'false' || r.eventCategory === 'Data';
}

function safeResolve(resolve: NonNullable<CheckContext['resolve']>, record: CloudTrailRecord, lookup: LookupResource[] | undefined): Resolution {
  try {
    return resolve(record, lookup);
  } catch (e) {
    // The contract says the resolver never throws; if it does, the event becomes a visible gap.
    return { status: 'unresolved', targets: [], related: [], actions: [], reason: `resolver failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The cross-product check, streaming: each record is resolved, attributed and judged, then let go;
 * only findings, gaps (both capped, see `maxListed`) and counters are kept, so memory stays bounded
 * over millions of records. Records outside the filter's time window, regions or accounts, and
 * values that are not record objects, count as rejected. Throws only on a bad time bound in the
 * filter or when `signal` aborts.
 */
export async function runCheck(events: AsyncIterable<SourcedRecord>, ctx: CheckContext): Promise<CheckResult> {
  const filter = compileFilter(ctx.filter, ctx.now);
  const resolve = ctx.resolve ?? resolveRecord;
  const tally = new Tally(ctx.maxListed ?? 100_000);
  const stats = tally.stats;
  const recordSources = new Set<string>();
  const seen = new Coverage();
  // Batches when the reader offers them (readEvents does): one await per batch, not per record.
  for await (const batch of recordBatches(events)) for (const sr of batch) {
    ctx.signal?.throwIfAborted();
    stats.recordsRead++;
    const record = sr.record;
    if (record === null || typeof record !== 'object' || Array.isArray(record) || !filter.inScope(record)) {
      stats.recordsRejected++;
      continue;
    }
    stats.recordsInScope++;
    if (recordSources.size < 100) recordSources.add(sr.source);
    seen.add(record);
    if (isDataEvent(record)) stats.dataEvents = (stats.dataEvents ?? 0) + 1;
    if (sr.lookupResources !== undefined) stats.lookupEvents = (stats.lookupEvents ?? 0) + 1;
    const resolution = safeResolve(resolve, record, sr.lookupResources);
    stats.byStatus[resolution.status]++;
    const principal = principalOf(record);
    const ev: ResolvedEvent = { record, source: sr.source, position: sr.position, resolution, principal };
    ctx.onEvent?.(ev);
    if (principal.type === 'aws-service') {
      tally.addAwsService(principal.arn);
      continue;
    }
    // Nothing named and nothing missing (Describe*, List*): no finding or gap can come of it.
    if (resolution.targets.length === 0 && (resolution.status === 'resolved' || resolution.status === 'no-target')) continue;
    const j = judgeEvent(ev, ctx.products, ctx.filter?.product);
    for (const f of j.findings) tally.addFinding(f);
    for (const g of j.gaps) tally.addGap(g);
    if (j.exempted) stats.exemptedEvents++;
  }
  ctx.signal?.throwIfAborted();
  const inScope = stats.recordsInScope;
  const scope: CheckScope = {
    ...(ctx.filter?.product !== undefined ? { product: ctx.filter.product } : {}),
    ...(filter.sinceMs !== undefined ? { since: new Date(filter.sinceMs).toISOString() } : {}),
    ...(filter.untilMs !== undefined ? { until: new Date(filter.untilMs).toISOString() } : {}),
    ...(ctx.filter?.regions?.length ? { regions: ctx.filter.regions } : {}),
    ...(ctx.filter?.accounts?.length ? { accounts: ctx.filter.accounts } : {}),
    // Without data events a check cannot see S3 object reads, Lambda invokes and the like.
    managementEventsOnly: ctx.scope?.managementEventsOnly ?? (inScope > 0 && (stats.dataEvents === 0 || stats.lookupEvents === inScope)),
    eventSources: ctx.scope?.eventSources ?? [...recordSources],
    inventorySources: ctx.scope?.inventorySources ?? ctx.products.inventorySources,
    productTagKeys: ctx.products.tagKeys,
    ...(ctx.scope?.notes?.length ? { notes: ctx.scope.notes } : {}),
  };
  return { scope, findings: tally.findings, gaps: tally.gaps, stats: Object.assign(tally.finishStats(), seen.stats()), readErrors: ctx.readErrors ?? [], pairs: tally.pairList() };
}
