import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ReadError, SourcedRecord } from '../../../src/core/model';
import { readEvents, newReadStats, type ReadOptions, type ReadStats } from '../../../src/core/ingest/readEvents';

/**
 * A record whose strings hold the characters a naive splitter trips on: braces, brackets, escaped
 * quotes, backslashes before quotes, and non-ASCII text.
 */
export function fakeRecord(i: number): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    eventID: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    eventTime: '2024-05-01T12:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'eu-west-1',
    userAgent: `agent {"x":[1,2]} \\" ]} é ${i}`,
    requestParameters: { bucketName: `bucket-${i}`, key: `dir\\\\/obj"}]${i}\\` },
    resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::bucket-${i}/obj` }],
  };
}

export function trailJson(records: unknown[], pretty = false): string {
  return JSON.stringify({ Records: records }, null, pretty ? 2 : undefined);
}

export function lookupJson(records: Record<string, unknown>[]): string {
  return JSON.stringify({
    Events: records.map((r) => ({
      EventId: r['eventID'],
      EventName: r['eventName'],
      Resources: [{ ResourceType: 'AWS::S3::Bucket', ResourceName: (r['requestParameters'] as { bucketName: string }).bucketName }],
      CloudTrailEvent: JSON.stringify(r),
    })),
    NextToken: 'tok',
  });
}

export function range(n: number, from = 1): number[] {
  return Array.from({ length: n }, (_, k) => from + k);
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tagtrail-ingest-'));
}

/** Writes a file (creating folders); strings are written as UTF-8, `gz` compresses. */
export function put(root: string, rel: string, content: string | Buffer, gz = false): string {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  writeFileSync(p, gz ? gzipSync(buf) : buf);
  return p;
}

export interface Collected {
  records: SourcedRecord[];
  errors: ReadError[];
  stats: ReadStats;
}

/** Reads everything, collecting records, errors and counts. */
export async function collect(paths: string[], opts: ReadOptions = {}): Promise<Collected> {
  const errors: ReadError[] = [];
  const stats = newReadStats();
  const records: SourcedRecord[] = [];
  for await (const r of readEvents(paths, { ...opts, stats, onError: (e) => errors.push(e) })) records.push(r);
  return { records, errors, stats };
}

export function ids(records: SourcedRecord[]): string[] {
  return records.map((r) => String(r.record.eventID));
}
