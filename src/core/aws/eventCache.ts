/**
 * An incremental on-disk cache of LookupEvents results, one folder per account, region and query.
 * It remembers which time range it holds completely, so a second check fetches only what lies
 * outside it. CloudTrail makes events visible to LookupEvents minutes after they happen, so the
 * newest DELIVERY_LAG of a fetch is never counted as covered and is asked for again next time
 * (duplicates are dropped by EventId).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { lookupEventPages, type LookedUpEvent, type LookupQuery } from './lookupEvents';

const DELIVERY_LAG_MS = 15 * 60_000;

/** Counts for reports and benchmarks. */
export interface LookupStats {
  pages: number;
  fetched: number;
  fromCache: number;
}

export interface CachedLookupOptions {
  client: CloudTrailClient;
  account: string;
  region: string;
  query: LookupQuery;
  /** Without a cache directory every call goes to AWS. */
  cacheDir?: string;
  signal?: AbortSignal;
  stats?: LookupStats;
  now?: () => number;
}

interface Coverage { from: string; to: string }

function safePart(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || '_';
}

/** The folder of one account, region and query (the attribute value is hashed: it may be any string). */
export function cacheFolder(cacheDir: string, account: string, region: string, query: LookupQuery): string {
  const q = query.attribute ? `${query.attribute.key}-${createHash('sha256').update(query.attribute.value).digest('hex').slice(0, 16)}` : 'all';
  return join(cacheDir, 'lookup-events', safePart(account), safePart(region), q);
}

async function readCoverage(path: string): Promise<Coverage | undefined> {
  try {
    const c = JSON.parse(await readFile(path, 'utf8')) as Partial<Coverage>;
    return typeof c.from === 'string' && typeof c.to === 'string' && !isNaN(Date.parse(c.from)) && !isNaN(Date.parse(c.to)) ? { from: c.from, to: c.to } : undefined;
  } catch {
    return undefined; // absent or damaged: fetch everything again
  }
}

async function* cachedEvents(path: string): AsyncGenerator<LookedUpEvent> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  try {
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      if (!line) continue;
      try {
        const e = JSON.parse(line) as LookedUpEvent;
        if (typeof e.EventId === 'string' && typeof e.CloudTrailEvent === 'string' && typeof e.EventTime === 'string') yield e;
      } catch {
        // A line cut short by an interrupted run: its range was never marked covered, so it is fetched again.
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  } finally {
    stream.destroy();
  }
}

/** Time ranges the cache lacks for a query window. */
export function missingRanges(start: Date, end: Date, covered: Coverage | undefined): [Date, Date][] {
  if (!covered) return [[start, end]];
  const from = new Date(covered.from);
  const to = new Date(covered.to);
  const gaps: [Date, Date][] = [];
  if (start < from) gaps.push([start, from]);
  // Ranges reach back to the covered edge even when the window starts later: coverage stays one interval.
  if (end > to) gaps.push([to, end]);
  return gaps;
}

/** Yields every event of the query window exactly once: cached ones first, then what was missing. */
export async function* cachedLookup(opts: CachedLookupOptions): AsyncGenerator<LookedUpEvent> {
  const stats = opts.stats ?? { pages: 0, fetched: 0, fromCache: 0 };
  const { start, end } = opts.query;
  if (!opts.cacheDir) {
    for await (const page of lookupEventPages(opts.client, opts.query, opts.signal)) {
      stats.pages++;
      stats.fetched += page.length;
      yield* page;
    }
    return;
  }
  const dir = cacheFolder(opts.cacheDir, opts.account, opts.region, opts.query);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const eventsPath = join(dir, 'events.jsonl');
  const coveragePath = join(dir, 'coverage.json');
  const covered = await readCoverage(coveragePath);
  const seen = new Set<string>();
  const startMs = start.getTime();
  const endMs = end.getTime();
  for await (const e of cachedEvents(eventsPath)) {
    if (seen.has(e.EventId)) continue;
    seen.add(e.EventId);
    const t = Date.parse(e.EventTime);
    if (t >= startMs && t <= endMs) { stats.fromCache++; yield e; }
  }
  const fetchedAt = (opts.now ?? Date.now)();
  for (const [from, to] of missingRanges(start, end, covered)) {
    for await (const page of lookupEventPages(opts.client, { ...opts.query, start: from, end: to }, opts.signal)) {
      stats.pages++;
      const fresh = page.filter((e) => !seen.has(e.EventId));
      for (const e of fresh) seen.add(e.EventId);
      if (fresh.length) await appendFile(eventsPath, fresh.map((e) => JSON.stringify(e)).join('\n') + '\n', { mode: 0o600 });
      stats.fetched += fresh.length;
      yield* fresh;
    }
  }
  // Only now, with every page written, is the range complete; an interrupted run leaves coverage as it was.
  const newTo = Math.max(Math.min(endMs, fetchedAt - DELIVERY_LAG_MS), startMs);
  const next: Coverage = covered
    ? { from: new Date(Math.min(startMs, Date.parse(covered.from))).toISOString(), to: new Date(Math.max(newTo, Date.parse(covered.to))).toISOString() }
    : { from: start.toISOString(), to: new Date(newTo).toISOString() };
  const tmp = `${coveragePath}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(next), { mode: 0o600 });
  await rename(tmp, coveragePath);
}
