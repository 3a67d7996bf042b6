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

/** Which filter left a record out: 0 none (in scope), 1 the time window, 2 the regions, 3 the accounts. */
export type Rejection = 0 | 1 | 2 | 3;

/** A compiled filter: `inScope` for records; product filtering happens on findings and gaps. */
export interface RecordScope {
  inScope(record: CloudTrailRecord): boolean;
  /** The first filter that leaves the record out, or 0 when it is in scope. */
  rejection(record: CloudTrailRecord): Rejection;
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
  const rejection = (record: CloudTrailRecord): Rejection => {
    if (sinceMs !== undefined || untilMs !== undefined) {
      const t = eventTimeMs(recordTime(record));
      if (t === undefined) return 1;
      if (sinceMs !== undefined && t < sinceMs) return 1;
      if (untilMs !== undefined && t > untilMs) return 1;
    }
    if (regions && !(typeof record.awsRegion === 'string' && regions.has(record.awsRegion))) return 2;
    if (accounts) {
      const acct = typeof record.recipientAccountId === 'string' ? record.recipientAccountId : record.userIdentity?.accountId;
      if (!(typeof acct === 'string' && accounts.has(acct))) return 3;
    }
    return 0;
  };
  return { sinceMs, untilMs, rejection, inScope: (record) => rejection(record) === 0 };
}

/**
 * What is wrong with a filter before any record is read: an unparseable time bound, a window that
 * ends before it starts, a region that is not in its partition's region list. One sentence each;
 * empty when the filter is usable. `regionProblem` says what is wrong with a region, if anything
 * (see `aws/regions.ts`).
 */
export function filterProblems(filter: CheckFilter, now: number, regionProblem?: (region: string) => string | undefined): string[] {
  const problems: string[] = [];
  const bound = (k: 'since' | 'until'): number | undefined => {
    const v = filter[k];
    if (v === undefined) return undefined;
    try {
      return parseTimeBound(v, now);
    } catch (e) {
      problems.push(`--${k}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
  const since = bound('since');
  const until = bound('until');
  if (since !== undefined && until !== undefined && since > until) {
    problems.push(`--since ${filter.since} (${new Date(since).toISOString()}) is after --until ${filter.until} (${new Date(until).toISOString()}): the window holds no time`);
  }
  for (const r of regionProblem ? filter.regions ?? [] : []) {
    const problem = regionProblem?.(r);
    if (problem !== undefined) problems.push(`--region ${problem}`);
  }
  return problems;
}
