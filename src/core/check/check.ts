import type { CheckResult, CheckScope, LookupResource, ReadError, Resolution, ResolvedEvent, SourcedRecord, CloudTrailRecord } from '../model';
import type { ProductIndex } from '../attribute/productIndex';
import { principalOf } from '../attribute/principal';
import { resolveRecord } from '../resolve/resolver';
import { judgeEvent } from './judge';
import { compileFilter, type CheckFilter } from './scopeFilter';
import { Tally } from './tally';
import { Coverage } from './coverage';
import { ResolutionByService } from '../coverage/resolutionByService';
import { recordBatches, type Batched } from '../ingest/batches';
import type { ReadStats } from '../ingest/readStats';
import type { Judgement } from './judge';
import type { ProductsAtTime } from '../history/productsAt';

export type { CheckFilter } from './scopeFilter';

/** What `runCheck` needs besides the events. */
export interface CheckContext {
  products: ProductIndex;
  filter?: CheckFilter;
  /**
   * Called for every in-scope event with its judgement (undefined for events that cannot give a
   * finding or gap: AWS-service callers, nothing named). The one judgement the check made: views
   * show it rather than judging again.
   */
  onEvent?: (e: ResolvedEvent, judgement: Judgement | undefined) => void;
  signal?: AbortSignal;
  /** Scope facts only the caller knows: input paths, and `managementEventsOnly` for live LookupEvents. */
  scope?: Partial<Pick<CheckScope, 'eventSources' | 'inventorySources' | 'managementEventsOnly' | 'notes'>>;
  /** Read errors collected by the caller's reader (its `onError`); the result carries them. */
  readErrors?: ReadError[];
  /**
   * The reader's counts, filled while `events` is read: its unreadable record positions become
   * `recordsUnreadable` (and count in `recordsRead`), so the stats add up without patching.
   */
  readStats?: ReadStats;
  /** Duplicates the caller dropped from `events` (see `source/dedup.ts`), read once the events end. */
  duplicates?: { dropped: number };
  /** Rows kept per list (findings, gaps); counts stay exact beyond it. Default 100 000. */
  maxListed?: number;
  /** Clock for relative time bounds (`7d`); tests pin it. */
  now?: number;
  /** Products at each event's time from the tag history (see `history/`); without it, today's tags judge. */
  history?: ProductsAtTime;
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
 * filter or when `signal` aborts. `events` is best given as arrays (`Batched`, see `ingest/batches.ts`).
 */
export async function runCheck(events: AsyncIterable<SourcedRecord> | Batched, ctx: CheckContext): Promise<CheckResult> {
  const filter = compileFilter(ctx.filter, ctx.now);
  const resolve = ctx.resolve ?? resolveRecord;
  const tally = new Tally(ctx.maxListed ?? 100_000);
  const stats = tally.stats;
  const recordSources = new Set<string>();
  const seen = new Coverage();
  const outside = new Coverage();
  const byService = new ResolutionByService();
  const rejectedBy = { time: 0, region: 0, account: 0 };
  const onlyProduct = ctx.filter?.product;
  let productEvents = 0;
  let notRecords = 0;
  // Batches when the reader offers them (readEvents does): one await per batch, not per record.
  for await (const batch of recordBatches(events)) for (const sr of batch) {
    ctx.signal?.throwIfAborted();
    stats.recordsRead++;
    const record = sr.record;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      // Record constructors never hand these on (`recordFrom`); a caller's own stream might.
      notRecords++;
      continue;
    }
    const why = filter.rejection(record);
    if (why !== 0) {
      stats.recordsRejected++;
      if (why === 1) rejectedBy.time++;
      else if (why === 2) rejectedBy.region++;
      else rejectedBy.account++;
      outside.add(record);
      continue;
    }
    stats.recordsInScope++;
    if (recordSources.size < 100) recordSources.add(sr.source);
    seen.add(record);
    if (isDataEvent(record)) stats.dataEvents = (stats.dataEvents ?? 0) + 1;
    if (sr.lookupResources !== undefined) stats.lookupEvents = (stats.lookupEvents ?? 0) + 1;
    const resolution = safeResolve(resolve, record, sr.lookupResources);
    stats.byStatus[resolution.status]++;
    byService.add(record.eventSource, resolution.status);
    const principal = principalOf(record);
    const ev: ResolvedEvent = { record, source: sr.source, position: sr.position, resolution, principal };
    if (principal.type === 'aws-service') {
      ctx.onEvent?.(ev, undefined);
      tally.addAwsService(principal.arn);
      continue;
    }
    // Nothing named and nothing missing (Describe*, List*): no finding or gap can come of it.
    if (resolution.targets.length === 0 && (resolution.status === 'resolved' || resolution.status === 'no-target')) {
      if (onlyProduct !== undefined && ctx.products.productOfPrincipal(principal) === onlyProduct) productEvents++;
      ctx.onEvent?.(ev, undefined);
      continue;
    }
    const j = judgeEvent(ev, ctx.products, onlyProduct, ctx.history);
    ctx.onEvent?.(ev, j);
    if (j.involvesProduct) productEvents++;
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
  const finalStats = Object.assign(tally.finishStats(), seen.stats());
  finalStats.recordsUnreadable = notRecords + (ctx.readStats?.recordsRejected ?? 0);
  finalStats.recordsRead += ctx.readStats?.recordsRejected ?? 0;
  finalStats.duplicatesDropped = ctx.duplicates?.dropped ?? 0;
  finalStats.rejectedBy = rejectedBy;
  if (onlyProduct !== undefined) finalStats.productEvents = productEvents;
  finalStats.inputCoverage = inputCoverage(seen, outside);
  return { scope, findings: tally.findings, gaps: tally.gaps, stats: finalStats, readErrors: ctx.readErrors ?? [], pairs: tally.pairList(), resolutionByService: byService.rows() };
}

/** Accounts, regions and time range of every record read, in scope or not. */
function inputCoverage(inScope: Coverage, outside: Coverage): NonNullable<CheckResult['stats']['inputCoverage']> {
  const a = inScope.stats();
  const b = outside.stats();
  const union = (x: string[] | undefined, y: string[] | undefined): string[] => [...new Set([...(x ?? []), ...(y ?? [])])].sort();
  const first = [a.firstEventTime, b.firstEventTime].filter((t): t is string => t !== undefined).sort()[0];
  const last = [a.lastEventTime, b.lastEventTime].filter((t): t is string => t !== undefined).sort().pop();
  return { accounts: union(a.accountsSeen, b.accountsSeen), regions: union(a.regionsSeen, b.regionsSeen), ...(first ? { firstEventTime: first } : {}), ...(last ? { lastEventTime: last } : {}) };
}
