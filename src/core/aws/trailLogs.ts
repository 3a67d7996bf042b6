/**
 * Trail log files from S3, the only source of data events. Keys follow CloudTrail's delivery layout
 * `<prefix>/AWSLogs/[o-org/]<account>/CloudTrail/<region>/YYYY/MM/DD/…json.gz`, so only the day
 * folders of the window are listed. Bodies are fetched a few at a time and parsed in key order by
 * the core reader, so output order is stable and memory stays bounded by the concurrency.
 */
import { Readable } from 'node:stream';
import { DescribeTrailsCommand, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { readEventsFromStream } from '../ingest/readEvents';
import type { ReadError, SourcedRecord } from '../model';
import type { ReadStats } from '../ingest/readStats';
import { persist } from './concurrency';

/** Where a trail delivers: bucket and key prefix (without trailing slash, may be empty). */
export interface TrailLocation { bucket: string; prefix: string }

/** A trail as DescribeTrails reports it, reduced to what TagTrail uses. */
export interface TrailInfo {
  name: string;
  location?: TrailLocation;
  homeRegion?: string;
  multiRegion: boolean;
  organization: boolean;
}

/** Parses `s3://bucket/prefix` (or a bare bucket name). Throws on anything that is not one. */
export function parseS3Uri(uri: string): TrailLocation {
  const m = /^(?:s3:\/\/)?([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(uri.trim());
  if (!m) throw new Error(`Not an S3 bucket or s3:// address: ${JSON.stringify(uri.slice(0, 200))}`);
  return { bucket: m[1]!, prefix: (m[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

/** Trails visible from a region, including organisation and other regions' multi-region trails. */
export async function describeTrails(client: CloudTrailClient, signal?: AbortSignal): Promise<TrailInfo[]> {
  const out = await persist(() => client.send(new DescribeTrailsCommand({ includeShadowTrails: true }), { abortSignal: signal }), signal ? { signal } : {});
  return (out.trailList ?? []).map((t) => ({
    name: t.Name ?? t.TrailARN ?? '(unnamed)',
    ...(t.S3BucketName ? { location: { bucket: t.S3BucketName, prefix: (t.S3KeyPrefix ?? '').replace(/^\/+|\/+$/g, '') } } : {}),
    ...(t.HomeRegion ? { homeRegion: t.HomeRegion } : {}),
    multiRegion: t.IsMultiRegionTrail === true,
    organization: t.IsOrganizationTrail === true,
  }));
}

async function listAll(s3: S3Client, bucket: string, prefix: string, delimiter: string | undefined, signal?: AbortSignal): Promise<{ keys: string[]; prefixes: string[] }> {
  const keys: string[] = [];
  const prefixes: string[] = [];
  let token: string | undefined;
  do {
    const input = { Bucket: bucket, Prefix: prefix, ...(delimiter ? { Delimiter: delimiter } : {}), ...(token ? { ContinuationToken: token } : {}) };
    const page = await persist(() => s3.send(new ListObjectsV2Command(input), { abortSignal: signal }), signal ? { signal } : {});
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    for (const p of page.CommonPrefixes ?? []) if (p.Prefix) prefixes.push(p.Prefix);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return { keys, prefixes };
}

/** The account folders of `account` in a trail bucket: the account's own and any organisation's. */
export async function accountFolders(s3: S3Client, loc: TrailLocation, account: string, signal?: AbortSignal): Promise<string[]> {
  const root = `${loc.prefix ? `${loc.prefix}/` : ''}AWSLogs/`;
  const { prefixes } = await listAll(s3, loc.bucket, root, '/', signal);
  const out: string[] = [];
  for (const p of prefixes) {
    const name = p.slice(root.length, -1);
    if (name === account) out.push(p);
    else if (/^o-[a-z0-9]{10,32}$/.test(name)) out.push(`${p}${account}/`);
  }
  return out;
}

/** `…/CloudTrail/<region>/YYYY/MM/DD/` for every UTC day the window touches. */
export function dayPrefixes(accountFolder: string, region: string, since: Date, until: Date): string[] {
  const out: string[] = [];
  const day = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()));
  for (; day <= until; day.setUTCDate(day.getUTCDate() + 1)) {
    const y = day.getUTCFullYear();
    const m = String(day.getUTCMonth() + 1).padStart(2, '0');
    const d = String(day.getUTCDate()).padStart(2, '0');
    out.push(`${accountFolder}CloudTrail/${region}/${y}/${m}/${d}/`);
  }
  return out;
}

export interface TrailReadOptions {
  s3: S3Client;
  location: TrailLocation;
  account: string;
  regions: string[];
  since: Date;
  until: Date;
  /** Objects fetched at once; default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  onError?: (e: ReadError) => void;
  stats?: { files: number; records: number };
  /** The reader's counts across every log file (unreadable records, files that failed). */
  readStats?: ReadStats;
}

/** Yields the records of the window from every log file of the account's regions. */
export async function* trailRecords(opts: TrailReadOptions): AsyncGenerator<SourcedRecord> {
  const { s3, location, signal } = opts;
  const keys: string[] = [];
  for (const folder of await accountFolders(s3, location, opts.account, signal)) {
    for (const region of opts.regions) {
      for (const prefix of dayPrefixes(folder, region, opts.since, opts.until)) {
        const listed = await listAll(s3, location.bucket, prefix, undefined, signal);
        keys.push(...listed.keys.filter((k) => /\.json(\.gz)?$/.test(k)));
      }
    }
  }
  keys.sort();
  const fetchBody = (key: string): Promise<Uint8Array> => {
    const p = persist(async () => {
      const res = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: key }), { abortSignal: signal });
      if (!res.Body) throw new Error(`s3://${location.bucket}/${key} has no body`);
      return res.Body.transformToByteArray();
    }, signal ? { signal } : {});
    // Handled when its turn comes; until then a failure must not count as an unhandled rejection.
    p.catch(() => undefined);
    return p;
  };
  const width = Math.max(1, opts.concurrency ?? 4);
  const ahead: Promise<Uint8Array>[] = [];
  // Bodies are requested `width` ahead and parsed in key order; a failed body is reported and skipped.
  for (let i = 0; i < Math.min(width, keys.length); i++) ahead.push(fetchBody(keys[i]!));
  const sinceMs = opts.since.getTime();
  const untilMs = opts.until.getTime();
  for (let i = 0; i < keys.length; i++) {
    signal?.throwIfAborted();
    const source = `s3://${location.bucket}/${keys[i]!}`;
    const body = ahead.shift()!;
    if (i + width < keys.length) ahead.push(fetchBody(keys[i + width]!));
    let bytes: Uint8Array;
    try {
      bytes = await body;
    } catch (e) {
      if (signal?.aborted) throw e;
      if (opts.readStats) opts.readStats.sourcesFailed++;
      opts.onError?.({ source, message: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (opts.stats) opts.stats.files++;
    const readOpts = { ...(opts.onError ? { onError: opts.onError } : {}), ...(signal ? { signal } : {}), ...(opts.readStats ? { stats: opts.readStats } : {}) };
    for await (const r of readEventsFromStream(Readable.from([Buffer.from(bytes)]), source, readOpts)) {
      const t = Date.parse(String(r.record.eventTime ?? ''));
      if (!isNaN(t) && (t < sinceMs || t > untilMs)) continue;
      if (opts.stats) opts.stats.records++;
      yield r;
    }
  }
}
