/**
 * What a scan will cost before it runs: Athena reads every object of the partitions the query
 * keeps (JSON is not columnar, so filters do not reduce bytes read), and bills their compressed
 * size. Summing the objects' sizes in those partitions is therefore the estimate.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ScanSpec } from './scanSpec';

export interface LogsLocation {
  bucket: string;
  /** Key prefix up to and including `AWSLogs/` (and `o-…/` for an organisation trail). */
  root: string;
}

/** Partition prefixes beyond which listing would cost more time than the estimate is worth. */
const MAX_PREFIXES = 2000;

/** `s3://bucket/prefix/AWSLogs/[o-…/]` → bucket and root; throws on anything else. */
export function parseLogsLocation(uri: string): LogsLocation {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.*)$/.exec(uri.trim());
  if (!m) throw new Error(`not an S3 location: "${uri.slice(0, 200)}" (expected s3://bucket/prefix/AWSLogs/)`);
  let root = m[2] ?? '';
  if (root !== '' && !root.endsWith('/')) root += '/';
  if (!/(^|\/)AWSLogs\/(o-[a-z0-9]{10,32}\/)?$/.test(root)) throw new Error(`"${uri.slice(0, 200)}" must end at AWSLogs/ (or AWSLogs/<organisation id>/)`);
  return { bucket: m[1] ?? '', root };
}

/** Every day from `first` to `last` (`yyyy/MM/dd`, inclusive). */
function days(first: string, last: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${last.replace(/\//g, '-')}T00:00:00Z`);
  for (let t = Date.parse(`${first.replace(/\//g, '-')}T00:00:00Z`); t <= end && out.length <= MAX_PREFIXES; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10).replace(/-/g, '/'));
  }
  return out;
}

/** The partition prefixes a scan reads, or a sentence saying why they cannot be listed. */
export function partitionPrefixes(spec: ScanSpec, loc: LogsLocation): string[] | string {
  if (!spec.accounts || !spec.regions) return 'the check names no accounts or no regions, so the partitions it reads are not known in advance';
  if (!spec.firstDay || !spec.lastDay) return 'the check has no bounded time window';
  const ds = days(spec.firstDay, spec.lastDay);
  const n = spec.accounts.length * spec.regions.length * ds.length;
  if (n > MAX_PREFIXES) return `the scan reads ${n} or more partitions, too many to list`;
  return spec.accounts.flatMap((a) => spec.regions!.flatMap((r) => ds.map((d) => `${loc.root}${a}/CloudTrail/${r}/${d}/`)));
}

/** Bytes in the partitions the scan reads, or a sentence saying why the estimate is unknown. */
export async function estimateBytes(s3: S3Client, spec: ScanSpec, loc: LogsLocation, signal?: AbortSignal): Promise<number | string> {
  const prefixes = partitionPrefixes(spec, loc);
  if (typeof prefixes === 'string') return prefixes;
  let bytes = 0;
  for (const prefix of prefixes) {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: loc.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }), { abortSignal: signal });
      for (const o of page.Contents ?? []) bytes += o.Size ?? 0;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
  return bytes;
}
