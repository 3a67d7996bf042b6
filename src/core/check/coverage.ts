import type { CheckStats, CloudTrailRecord } from '../model';
import { recordTime } from './scopeFilter';
import { eventTimeMs } from './window';

const MAX_DISTINCT = 100;

/**
 * True for CloudTrail's `YYYY-MM-DDTHH:MM:SSZ` (what /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/ matches),
 * tested by character: it runs on every record read.
 */
function isCloudTrailTime(s: string): boolean {
  if (s.length !== 20) return false;
  for (let i = 0; i < 20; i++) {
    const c = s.charCodeAt(i);
    const want = i === 4 || i === 7 ? 45 : i === 10 ? 84 : i === 13 || i === 16 ? 58 : i === 19 ? 90 : -1;
    if (want >= 0 ? c !== want : c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * What the input actually covered (accounts, regions, time range), so a report can say "these
 * accounts, this week" rather than "whatever was in the files". Bounded: values come from records.
 */
export class Coverage {
  private readonly accounts = new Set<string>();
  private readonly regions = new Set<string>();
  private first: [string, string] | undefined;
  private last: [string, string] | undefined;

  add(record: CloudTrailRecord): void {
    const acct = record.recipientAccountId;
    if (typeof acct === 'string' && this.accounts.size < MAX_DISTINCT) this.accounts.add(acct);
    const region = record.awsRegion;
    if (typeof region === 'string' && this.regions.size < MAX_DISTINCT) this.regions.add(region);
    const text = recordTime(record);
    // CloudTrail writes `YYYY-MM-DDTHH:MM:SSZ`, which orders as text; other forms are parsed and
    // brought to that form (to the second), so that every key compares the same way.
    let t: string | undefined = text;
    if (!isCloudTrailTime(text)) {
      const ms = eventTimeMs(text);
      t = ms === undefined ? undefined : `${new Date(ms).toISOString().slice(0, 19)}Z`;
    }
    if (t === undefined) return;
    if (!this.first || t < this.first[0]) this.first = [t, text];
    if (!this.last || t > this.last[0]) this.last = [t, text];
  }

  stats(): Pick<CheckStats, 'accountsSeen' | 'regionsSeen' | 'firstEventTime' | 'lastEventTime'> {
    return {
      accountsSeen: [...this.accounts].sort(),
      regionsSeen: [...this.regions].sort(),
      ...(this.first ? { firstEventTime: this.first[1] } : {}),
      ...(this.last ? { lastEventTime: this.last[1] } : {}),
    };
  }
}
