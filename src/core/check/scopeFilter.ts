import type { CloudTrailRecord } from '../model';
import { eventTimeMs, parseTimeBound } from './window';

/** What part of the events a check looks at. Every field is optional; absent means "all". */
export interface CheckFilter {
  /** Keep findings and gaps where either side belongs to this product. */
  product?: string;
  /** Lower time bound: `7d`, `12h`, `30m`, `2w` back from now, or an ISO date/time. */
  since?: string;
  /** Upper time bound, same forms as `since`. */
  until?: string;
  regions?: string[];
  /** Recipient account ids (the account the event was recorded in). */
  accounts?: string[];
}

/** A compiled filter: `inScope` for records; product filtering happens on findings and gaps. */
export interface RecordScope {
  inScope(record: CloudTrailRecord): boolean;
  sinceMs?: number;
  untilMs?: number;
}

/** Time of a record: `eventTime`, or `@timestamp` for records that went through Logstash. */
export function recordTime(record: CloudTrailRecord): string {
  const t = record.eventTime ?? record['@timestamp'];
  return typeof t === 'string' ? t : '';
}

/** Compiles the filter once; throws (with the offending text) on an unparseable time bound. */
export function compileFilter(filter: CheckFilter | undefined, now: number = Date.now()): RecordScope {
  const sinceMs = filter?.since ? parseTimeBound(filter.since, now) : undefined;
  const untilMs = filter?.until ? parseTimeBound(filter.until, now) : undefined;
  const regions = filter?.regions?.length ? new Set(filter.regions) : undefined;
  const accounts = filter?.accounts?.length ? new Set(filter.accounts) : undefined;
  return {
    sinceMs,
    untilMs,
    inScope(record) {
      if (sinceMs !== undefined || untilMs !== undefined) {
        const t = eventTimeMs(recordTime(record));
        if (t === undefined) return false;
        if (sinceMs !== undefined && t < sinceMs) return false;
        if (untilMs !== undefined && t > untilMs) return false;
      }
      if (regions && !(typeof record.awsRegion === 'string' && regions.has(record.awsRegion))) return false;
      if (accounts) {
        const acct = typeof record.recipientAccountId === 'string' ? record.recipientAccountId : record.userIdentity?.accountId;
        if (!(typeof acct === 'string' && accounts.has(acct))) return false;
      }
      return true;
    },
  };
}
