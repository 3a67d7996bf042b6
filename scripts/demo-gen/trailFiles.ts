/**
 * Lays records out as CloudTrail delivers them to S3 (gzipped `{"Records":[…]}` files under
 * AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/) and as `aws cloudtrail lookup-events` prints them.
 */
import { gzipSync } from 'node:zlib';
import { ACCOUNT } from './account';
import type { DemoEvent } from './envelope';
import { ALNUM, type Rng } from './rng';

/** One file per region and three-hour window keeps the demo small while looking like real delivery. */
const WINDOW_MS = 3 * 3600_000;

export interface OutputFile {
  path: string;
  content: Buffer | string;
}

const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';

/** Gzipped trail files, one per region and window, named and foldered as CloudTrail delivers them. */
export function trailFiles(events: DemoEvent[], rng: Rng): OutputFile[] {
  const groups = new Map<string, DemoEvent[]>();
  for (const e of events) {
    const window = Math.floor(Date.parse(String(e.record.eventTime)) / WINDOW_MS) * WINDOW_MS;
    const key = `${e.record.awsRegion}|${window}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const files: OutputFile[] = [];
  for (const key of [...groups.keys()].sort()) {
    const [region, window] = key.split('|') as [string, string];
    // Delivered a few minutes after the window closes; the folder date follows the delivery time.
    const delivered = new Date(Number(window) + WINDOW_MS + rng.int(2, 14) * 60_000);
    const day = delivered.toISOString().slice(0, 10).replace(/-/g, '/');
    const name = `${ACCOUNT}_CloudTrail_${region}_${stamp(delivered)}_${rng.chars(16, ALNUM)}.json.gz`;
    const records = (groups.get(key) ?? []).map((e) => e.record);
    files.push({ path: `AWSLogs/${ACCOUNT}/CloudTrail/${region}/${day}/${name}`, content: gzipSync(JSON.stringify({ Records: records }), { level: 9 }) });
  }
  return files;
}

/** LookupEvents returns management events only, newest first, with Resources as names. */
export function lookupEventFiles(events: DemoEvent[], sinceIso: string): OutputFile[] {
  const byRegion = new Map<string, unknown[]>();
  const chosen = events.filter((e) => e.record.managementEvent === true && String(e.record.eventTime) >= sinceIso).reverse();
  for (const { record, truth } of chosen) {
    const id = record.userIdentity;
    const username = id?.type === 'IAMUser' ? id.userName : id?.type === 'AssumedRole' ? String(id.arn).split('/').pop() : undefined;
    const entry = {
      EventId: record.eventID,
      EventName: record.eventName,
      ReadOnly: String(record.readOnly),
      ...(id?.accessKeyId ? { AccessKeyId: id.accessKeyId } : {}),
      EventTime: String(record.eventTime).replace('Z', '+00:00'),
      EventSource: record.eventSource,
      ...(username ? { Username: username } : {}),
      Resources: truth.lookupResources ?? [],
      CloudTrailEvent: JSON.stringify(record),
    };
    const region = String(record.awsRegion);
    byRegion.set(region, [...(byRegion.get(region) ?? []), entry]);
  }
  return [...byRegion.keys()].sort().map((region) => ({
    path: `lookup-events/${region}.json`,
    content: `${JSON.stringify({ Events: byRegion.get(region) }, null, 2)}\n`,
  }));
}
