import type { CheckResult, CloudTrailRecord, Inventory, ProductMapping, ReadError, Resolution, ResolvedEvent, SourcedRecord } from '../model';
import { ProductIndex } from '../attribute/productIndex';
import { runCheck, type CheckContext } from '../check/check';
import { filterProblems, type CheckFilter } from '../check/scopeFilter';
import type { ReadStats } from '../ingest/readStats';
import { batched } from '../ingest/batches';
import { resolveRecord } from '../resolve/resolver';
import { regionProblem } from '../aws/regions';
import { incompleteness, readingNotes } from './completeness';
import { EventIds } from './dedup';
import { ArgumentError } from './errors';
import { knownProducts, productProblem } from './products';
import type { CheckSource } from './types';
import { addCoverage } from '../coverage/checkCoverage';
import type { TrailConfig } from '../coverage/trailConfig';
import { HistoryCollector, buildTimeline, historyNotes } from '../history/collect';
import { ProductsAtTime } from '../history/productsAt';
import type { TagTimeline } from '../history/timeline';

/** What a check of a source needs besides the source. */
export interface RunOptions {
  tagKeys: readonly string[];
  filter?: CheckFilter;
  /** Clock for relative time bounds (`7d`); tests pin it. */
  now?: number;
  signal?: AbortSignal;
  /** Each read error as it is met (the result lists them all). */
  onError?: (e: ReadError) => void;
  /** Short progress lines from the source. */
  onNote?: (line: string) => void;
  /** Each of the source's warnings (inventory conflicts, truncated exports), once the inventory is read. */
  onWarning?: (line: string) => void;
  /** The inventory and products, before the first event is read (the editor fills its trees). */
  onInventory?: (inventory: Inventory, products: ProductIndex) => void;
  /** Each in-scope event with the one judgement the check made of it. */
  onEvent?: CheckContext['onEvent'];
  /** Rows kept per list; see `runCheck`. */
  maxListed?: number;
  /**
   * Judge each event by the tags in force at its time (default true): a first pass collects the
   * trail's tag events, merged with the inventory's history. False judges by today's tags only.
   */
  history?: boolean;
}

/** The tag history a check used, kept for re-checks (the same events give the same history). */
export interface HistoryState {
  timeline: TagTimeline;
  /** Scope sentences (ARNs with history, tag calls that could not be used). */
  notes: string[];
}

/** A finished check of a source, with what a re-check needs to give the same counts, errors and notes. */
export interface SourceCheck {
  source: CheckSource;
  inventory: Inventory;
  mapping: ProductMapping | undefined;
  products: ProductIndex;
  /** Every product the inventory and mapping name. */
  knownProducts: string[];
  tagKeys: readonly string[];
  filter: CheckFilter;
  result: CheckResult;
  /** The trail configuration read once per check (re-checks reuse it); undefined when the source has none. */
  trailConfig?: TrailConfig;
  /** What the read of the events left: errors, counts, notes and duplicates, for re-checks over held events. */
  reading: Reading;
  /** The tag history the events were judged by; absent with `history: false`. */
  history?: HistoryState;
}

interface Reading {
  readErrors: ReadError[];
  stats: ReadStats;
  notes: string[];
  duplicates: { dropped: number };
}

/** Throws ArgumentError for a filter that cannot select anything sensible (see `filterProblems`). */
export function assertUsableFilter(filter: CheckFilter, now: number): void {
  const problems = filterProblems(filter, now, regionProblem);
  if (problems.length > 0) throw new ArgumentError(problems.join('; '));
}

/**
 * Checks a source: reads its inventory and mapping, validates the filter against them (an unknown
 * product is an ArgumentError), reads its events once with duplicates dropped, judges each event
 * once, and returns the result with every count, read error and scope note, and the reasons it is
 * incomplete (`result.incomplete`). The one way in for the CLI and the editor alike.
 */
export async function checkSource(source: CheckSource, opts: RunOptions): Promise<SourceCheck> {
  const now = opts.now ?? Date.now();
  const filter = opts.filter ?? {};
  assertUsableFilter(filter, now);
  try {
    const [inventory, mapping] = await Promise.all([source.inventory(opts.signal), source.mapping()]);
    const products = new ProductIndex(inventory, mapping, [...opts.tagKeys]);
    const known = knownProducts(inventory, mapping, opts.tagKeys);
    if (filter.product !== undefined) {
      const problem = productProblem(filter.product, known);
      if (problem !== undefined) throw new ArgumentError(problem);
    }
    for (const w of source.warnings) opts.onWarning?.(w);
    opts.onInventory?.(inventory, products);
    const trailConfig = await source.trailConfig?.(opts.signal);
    const base: Base = { source, inventory, mapping, products, knownProducts: known, tagKeys: opts.tagKeys, filter, ...(trailConfig ? { trailConfig } : {}) };
    if (opts.history !== false) {
      const first = await collectHistory(base, opts, now, source.kind === 'live' || source.kind === 'athena');
      base.history = first.history;
      const { batches, reading } = first.held ?? startReading(base, opts, now);
      const result = await judge(base, batches, reading, opts, now);
      return { ...base, result, reading };
    }
    const { batches, reading } = startReading(base, opts, now);
    const result = await judge(base, batches, reading, opts, now);
    return { ...base, result, reading };
  } finally {
    source.close?.();
  }
}

type Base = Omit<SourceCheck, 'result' | 'reading'>;

/** Records a file read keeps for the judgement before it lets them go and reads again instead. */
export const HOLD_LIMIT = 25_000;

/**
 * The first pass: reads the events once, resolving only tag-changing, creating and deleting calls
 * (a set lookup by event name decides). Its records are held for the judgement up to HOLD_LIMIT;
 * a larger file read lets them go and is read again, so memory stays bounded over millions of
 * records at the cost of a second read. Live and Athena reads, whose second read would cost API
 * calls or a scan, are always held (they are what LookupEvents or the scan already narrowed).
 */
async function collectHistory(base: Base, opts: RunOptions, now: number, always: boolean):
  Promise<{ history: HistoryState; held?: { batches: AsyncIterable<readonly SourcedRecord[]>; reading: Reading } }> {
  const collector = new HistoryCollector(resolveRecord);
  // Read errors and notes are reported as they come: if the records are read again, the second
  // read's reporting is the one kept (see below), so each is said once.
  const errors: ReadError[] = [];
  const notes: string[] = [];
  const first = startReading(base, { ...opts, onError: (e) => errors.push(e), onNote: (n) => notes.push(n) }, now);
  let kept: (readonly SourcedRecord[])[] | undefined = [];
  let count = 0;
  for await (const batch of first.batches) {
    opts.signal?.throwIfAborted();
    if (kept !== undefined) {
      kept.push(batch);
      count += batch.length;
      if (!always && count > HOLD_LIMIT) kept = undefined;
    }
    for (const sr of batch) collector.add(sr.record, sr.lookupResources);
  }
  const timeline = buildTimeline(base.inventory, base.tagKeys, collector.observations);
  const history: HistoryState = { timeline, notes: historyNotes(timeline, collector.observations, base.inventory.history?.length ?? 0, collector.problems) };
  if (kept === undefined) return { history };
  for (const e of errors) opts.onError?.(e);
  for (const n of notes) opts.onNote?.(n);
  const held = kept;
  async function* again(): AsyncGenerator<readonly SourcedRecord[]> {
    for (const b of held) yield b;
  }
  // Held batches already had their duplicates dropped; the first reading's counts stand.
  return { history, held: { batches: again(), reading: first.reading } };
}

function startReading(base: Base, opts: RunOptions, now: number): { batches: AsyncIterable<readonly SourcedRecord[]>; reading: Reading } {
  const readErrors: ReadError[] = [];
  const read = base.source.read({
    onError: (e) => {
      readErrors.push(e);
      opts.onError?.(e);
    },
    ...(opts.onNote ? { onNote: opts.onNote } : {}),
    filter: base.filter, now, inventory: base.inventory, mapping: base.mapping, tagKeys: base.tagKeys,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const ids = new EventIds();
  return { batches: ids.filter(read.batches), reading: { readErrors, stats: read.stats, notes: read.notes, duplicates: ids } };
}

async function judge(base: Base, batches: AsyncIterable<readonly SourcedRecord[]>, reading: Reading, opts: RunOptions, now: number,
  resolve?: (record: CloudTrailRecord, lookup?: SourcedRecord['lookupResources']) => Resolution): Promise<CheckResult> {
  const { source, products, filter } = base;
  const history = base.history !== undefined && base.history.timeline.size > 0 ? new ProductsAtTime(products, base.history.timeline) : undefined;
  const result = await runCheck(batched(batches), {
    ...(history ? { history } : {}),
    products, filter, now, readErrors: reading.readErrors, readStats: reading.stats, duplicates: reading.duplicates,
    scope: { eventSources: source.eventSources, inventorySources: base.inventory.sources, ...(source.managementEventsOnly ? { managementEventsOnly: true } : {}) },
    ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
    ...(opts.maxListed !== undefined ? { maxListed: opts.maxListed } : {}), ...(resolve ? { resolve } : {}),
  });
  const incomplete = [
    ...incompleteness(result, filter, base.knownProducts),
    ...addCoverage(result, { config: base.trailConfig, inventory: base.inventory, products, filter, ...(source.account ? { account: source.account } : {}) }),
  ];
  // Inputs read but known to be cut short (a lookup-events output left with a NextToken) are only
  // known once read: said after the events, beside the source's own warnings.
  const readWarnings = reading.stats.warnings ?? [];
  for (const w of readWarnings) opts.onWarning?.(w);
  const notes = [
    ...source.notes, ...reading.notes, ...(base.history?.notes ?? []), ...[...source.warnings, ...readWarnings].map((w) => `Warning: ${w}`),
    ...readingNotes(reading.stats, reading.duplicates.dropped),
    ...incomplete.map((r) => `Incomplete check: ${r}.`),
  ];
  result.scope.notes = notes;
  if (notes.length === 0) delete result.scope.notes;
  result.incomplete = incomplete;
  return result;
}

/**
 * Checks again, for all products or one: over `held` (every event the last check kept, their
 * resolutions reused) when given, else by reading the source again. Read errors, counts, duplicates
 * and scope notes are those of the read the events came from, so a re-check reports what the check did.
 */
export async function recheckSource(previous: SourceCheck, opts: Omit<RunOptions, 'tagKeys' | 'onInventory'> & { product?: string; held?: readonly ResolvedEvent[] }): Promise<SourceCheck> {
  const now = opts.now ?? Date.now();
  const { product: _old, ...rest } = previous.filter;
  const filter: CheckFilter = { ...rest, ...(opts.product !== undefined ? { product: opts.product } : {}) };
  if (opts.product !== undefined) {
    const problem = productProblem(opts.product, previous.knownProducts);
    if (problem !== undefined) throw new ArgumentError(problem);
  }
  const base: Base = { ...previous, filter };
  const runOpts: RunOptions = { ...opts, tagKeys: previous.tagKeys };
  if (opts.held) {
    const held = opts.held;
    const resolutions = new WeakMap<CloudTrailRecord, Resolution>();
    for (const ev of held) resolutions.set(ev.record, ev.resolution);
    async function* again(): AsyncGenerator<readonly SourcedRecord[]> {
      const batch: SourcedRecord[] = held.map((ev) => ({ record: ev.record, source: ev.source, position: ev.position }));
      if (batch.length > 0) yield batch;
    }
    const p = previous.reading;
    // Held events are the records the last read kept; what it could not read stays reported.
    const reading: Reading = { readErrors: [...p.readErrors], stats: { ...p.stats, skippedFiles: [...p.stats.skippedFiles] }, notes: [...p.notes], duplicates: { dropped: p.duplicates.dropped } };
    const result = await judge(base, again(), reading, runOpts, now, (record, lookup) => resolutions.get(record) ?? resolveRecord(record, lookup));
    return { ...base, result, reading };
  }
  try {
    const { batches, reading } = startReading(base, runOpts, now);
    const result = await judge(base, batches, reading, runOpts, now);
    return { ...base, result, reading };
  } finally {
    previous.source.close?.();
  }
}
