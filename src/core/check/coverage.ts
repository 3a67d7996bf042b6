import type { CheckStats, CloudTrailRecord } from '../model';
import { recordTime } from './scopeFilter';
import { eventTimeMs } from './window';

const MAX_DISTINCT = 100;

/**
 * What the input actually covered (accounts, regions, time range), so a report can say "these
 * accounts, this week" rather than "whatever was in the files". Bounded: values come from records.
 */
export class Coverage {
  private readonly accounts = new Set<string>();
  private readonly regions = new Set<string>();
  private first: [number, string] | undefined;
  private last: [number, string] | undefined;

  add(record: CloudTrailRecord): void {
    const acct = record.recipientAccountId;
    if (typeof acct === 'string' && this.accounts.size < MAX_DISTINCT) this.accounts.add(acct);
    const region = record.awsRegion;
    if (typeof region === 'string' && this.regions.size < MAX_DISTINCT) this.regions.add(region);
    const text = recordTime(record);
    const t = eventTimeMs(text);
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
