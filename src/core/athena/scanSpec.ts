/**
 * What a pushed-down scan asks Athena for, as plain data: the check's window, accounts and regions
 * turned into partitions, the events that cannot name a target, and the callers that could have a
 * product. `scanSql.ts` renders it; keeping it data lets tests and the report say what was pruned.
 */
import type { Inventory, ProductMapping } from '../model';
import { compileFilter, type CheckFilter } from '../check/scopeFilter';
import { noTargetEvents, DEFAULT_NARROWED_SOURCES } from './noTargetEvents';
import { principalScope, type PrincipalScope } from './principalScope';
import { sameProductS3, type SameProductS3 } from './sameProduct';

export interface ScanSpec {
  /** First and last partition day (`yyyy/MM/dd`), when the check has a window. */
  firstDay?: string;
  lastDay?: string;
  accounts?: string[];
  regions?: string[];
  /** Event source → event names that name no target (`'*'`: every event of the source). */
  noTarget: Map<string, string[] | '*'>;
  /** Callers that could have a product; undefined keeps every caller. */
  principals?: PrincipalScope;
  /** S3 object calls SQL can judge as same-product (or shared) and leave in S3. */
  sameProduct?: SameProductS3;
  /** Sentences for the report: what the scan leaves out and why. */
  notes: string[];
}

export interface ScanInputs {
  filter?: CheckFilter;
  inventory: Inventory;
  mapping?: ProductMapping;
  tagKeys: readonly string[];
  /** Clock for relative bounds (`7d`); the same value must reach `runCheck`. */
  now?: number;
  /** Event sources whose no-target events are left out; default `DEFAULT_NARROWED_SOURCES`. */
  narrowedSources?: readonly string[];
}

const DAY_MS = 86_400_000;

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/');
}

/**
 * Builds the scan for a check. Partitions are days of delivery, which trail files reach up to
 * about a quarter of an hour after their events: the last partition is the day after the window
 * ends, and `runCheck` applies the exact window to what comes back.
 */
export function buildScanSpec(inputs: ScanInputs): ScanSpec {
  const scope = compileFilter(inputs.filter, inputs.now);
  const notes: string[] = [];
  const spec: ScanSpec = { noTarget: noTargetEvents(inputs.narrowedSources ?? DEFAULT_NARROWED_SOURCES), notes };
  if (scope.sinceMs !== undefined) spec.firstDay = day(scope.sinceMs);
  if (scope.untilMs !== undefined) spec.lastDay = day(scope.untilMs + DAY_MS);
  if (inputs.filter?.accounts?.length) spec.accounts = [...new Set(inputs.filter.accounts)].sort();
  if (inputs.filter?.regions?.length) spec.regions = [...new Set(inputs.filter.regions)].sort();
  const principals = principalScope(inputs.inventory, inputs.mapping, inputs.tagKeys);
  if (principals) spec.principals = principals;
  else notes.push('The Athena scan kept every caller: a principal pattern in the mapping is not an IAM or STS ARN pattern, so SQL cannot tell which callers have a product.');
  const same = sameProductS3(inputs.inventory, inputs.mapping, inputs.tagKeys);
  if (same) {
    spec.sameProduct = same;
    notes.push(`The Athena scan judged in SQL the S3 object calls of tagged callers on buckets of their own product or a shared one (${same.products.length} products, ${same.products.reduce((n, p) => n + p.buckets.length, 0) + same.sharedBuckets.length} buckets): they cannot be findings and stayed in S3. Buckets and callers whose tags changed, or that were created or deleted, from the window's start on, and calls that change tags, create or delete, all come back: the check judges them by the tags in force at each event's time.`);
  }
  let dropped = 0;
  for (const names of spec.noTarget.values()) dropped += names === '*' ? 1 : names.length;
  notes.push(`The Athena scan left in S3 the AWS-service calls and ${dropped} kinds of event that name no resource (from ${spec.noTarget.size} event sources) unless they carry resources[], an error or a service-event payload.`);
  return spec;
}
