// Scores resolutions against the labelled sample. Kept apart from the printing script so the unit
// tests can assert the same figures the script prints.
import type { CloudTrailRecord, Resolution, Target } from '../../src/core/model';
import type { LabelledRecord } from './labels';

/** Any function with resolveRecord's shape; the baseline below is one. */
export type Resolve = (record: CloudTrailRecord) => Resolution;

/** A labelled record the resolver got wrong in some way, for the printed list. */
export interface Miss {
  where: string;
  pair: string;
  expectedStatus: string;
  expected: string[];
  gotStatus: string;
  got: { arn: string; via: string }[];
  missing: string[];
  extra: string[];
  reason?: string;
}

/** The figures the measurement prints; ratios are computed by {@link ratio}. */
export interface Figures {
  records: number;
  pairs: number;
  /** Records labelled `targets`, and how many of them had every expected target reported. */
  targetRecords: number;
  allFound: number;
  /** Targets reported on labelled records, and how many of them were expected. */
  reported: number;
  reportedExpected: number;
  /** Records labelled `no-target`, and how many the resolver called `no-target` with no targets. */
  noTargetRecords: number;
  noTargetAgreed: number;
  /** Records labelled `unknowable`, and how many the resolver left without targets. */
  unknowableRecords: number;
  unknowableAgreed: number;
  /** Resolutions that were `unresolved` or `partial`, and how many carried a reason. */
  unresolved: number;
  unresolvedWithReason: number;
  /** Calls that threw although the contract says resolveRecord never throws. */
  threw: number;
  misses: Miss[];
}

/** part / whole, or 1 when there is nothing to measure (so an empty category never fails a threshold). */
export function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

/**
 * Whether a reported ARN names the expected resource. Exact, except that an expected ARN with an
 * empty account field (IAM's form for EC2 images and snapshots, AWS-owned SSM documents) also
 * accepts the same ARN with an account filled in.
 */
export function sameArn(expected: string, got: string): boolean {
  if (expected === got) return true;
  const e = expected.split(':');
  const g = got.split(':');
  if (e.length < 6 || e.length !== g.length || e[4] !== '') return false;
  return e.every((part, i) => i === 4 || part === g[i]);
}

/** The baseline: only ARNs in the record's resources[] field, which is what most tools read. */
export function resolveFromResourcesOnly(record: CloudTrailRecord): Resolution {
  const targets: Target[] = [];
  if (Array.isArray(record.resources)) {
    for (const r of record.resources as unknown[]) {
      const arn = typeof r === 'object' && r !== null ? (r as Record<string, unknown>).ARN : undefined;
      if (typeof arn === 'string' && arn.startsWith('arn:') && !targets.some((t) => t.arn === arn)) {
        targets.push({ arn, via: 'resources' });
      }
    }
  }
  return targets.length > 0
    ? { status: 'resolved', targets, related: [], actions: [] }
    : { status: 'unresolved', targets: [], related: [], actions: [], reason: 'The record has no resources[] ARN.' };
}

function safeResolve(resolve: Resolve, record: CloudTrailRecord): Resolution | Error {
  try {
    return resolve(record);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** Runs `resolve` over the labelled records and scores every answer. */
export function measure(items: LabelledRecord[], resolve: Resolve): Figures {
  const f: Figures = {
    records: items.length, pairs: 0, targetRecords: 0, allFound: 0, reported: 0, reportedExpected: 0,
    noTargetRecords: 0, noTargetAgreed: 0, unknowableRecords: 0, unknowableAgreed: 0,
    unresolved: 0, unresolvedWithReason: 0, threw: 0, misses: [],
  };
  f.pairs = new Set(items.map((i) => `${i.label.eventSource}:${i.label.eventName}`)).size;
  for (const { label, record } of items) {
    const res = safeResolve(resolve, record);
    const expected = label.expected.targets;
    const got = res instanceof Error ? [] : uniqueTargets(res.targets);
    const gotStatus = res instanceof Error ? `threw: ${res.message}` : res.status;
    if (res instanceof Error) f.threw++;
    else if (res.status === 'unresolved' || res.status === 'partial') {
      f.unresolved++;
      if (typeof res.reason === 'string' && res.reason.trim() !== '') f.unresolvedWithReason++;
    }
    const missing = expected.filter((e) => !got.some((g) => sameArn(e, g.arn)));
    const extra = got.filter((g) => !expected.some((e) => sameArn(e, g.arn))).map((g) => g.arn);
    f.reported += got.length;
    f.reportedExpected += got.length - extra.length;
    let agreed: boolean;
    switch (label.expected.status) {
      case 'targets':
        f.targetRecords++;
        agreed = missing.length === 0;
        if (agreed) f.allFound++;
        break;
      case 'no-target':
        f.noTargetRecords++;
        agreed = !(res instanceof Error) && res.status === 'no-target' && got.length === 0;
        if (agreed) f.noTargetAgreed++;
        break;
      case 'unknowable':
        f.unknowableRecords++;
        agreed = !(res instanceof Error) && got.length === 0;
        if (agreed) f.unknowableAgreed++;
        break;
    }
    if (!agreed || extra.length > 0) {
      f.misses.push({
        where: `${label.file}:${label.line}`,
        pair: `${label.eventSource}:${label.eventName}`,
        expectedStatus: label.expected.status,
        expected,
        gotStatus,
        got: got.map((g) => ({ arn: g.arn, via: g.via })),
        missing,
        extra,
        reason: res instanceof Error ? undefined : res.reason,
      });
    }
  }
  return f;
}

function uniqueTargets(targets: Target[]): Target[] {
  const seen = new Set<string>();
  return targets.filter((t) => typeof t.arn === 'string' && !seen.has(t.arn) && (seen.add(t.arn), true));
}
