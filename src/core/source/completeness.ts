import type { CheckResult } from '../model';
import type { CheckFilter } from '../check/scopeFilter';
import type { ReadStats } from '../ingest/readStats';
import { listProducts } from './products';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function some(values: string[], max = 10): string {
  if (values.length === 0) return 'none';
  return values.length > max ? `${values.slice(0, max).join(', ')} and ${values.length - max} more` : values.join(', ');
}

/**
 * Why a check looked at less than it was asked to, one sentence each (empty when it looked at
 * everything): no record in scope (and which filter left out how much, against what the input
 * held), no event of the requested product (and which products exist), inputs not read. A result
 * with any of these must never read as clean.
 */
export function incompleteness(result: CheckResult, filter: CheckFilter, products: string[]): string[] {
  const s = result.stats;
  const out: string[] = [];
  const unreadable = s.recordsUnreadable ?? 0;
  if (result.readErrors.length > 0) {
    const files = new Set(result.readErrors.map((e) => e.source)).size;
    out.push(`${plural(result.readErrors.length, 'read error')} in ${plural(files, 'input')}${unreadable ? ` (${plural(unreadable, 'record')} unreadable)` : ''}: not every input was read, so events may be missing`);
  }
  const records = s.recordsRead - unreadable;
  if (records === 0) {
    out.push(`no CloudTrail record was read from ${some(result.scope.eventSources, 5)}${s.duplicatesDropped ? ` (besides ${plural(s.duplicatesDropped, 'duplicate')})` : ''}: nothing was checked`);
  } else if (s.recordsInScope === 0) {
    const by = s.rejectedBy ?? { time: 0, region: 0, account: 0 };
    const parts: string[] = [];
    const window = `${filter.since ?? 'the start'} to ${filter.until ?? 'now'}`;
    if (by.time) parts.push(`the time window (${window}${result.scope.since || result.scope.until ? `: ${result.scope.since ?? '…'} to ${result.scope.until ?? '…'}` : ''}) left out ${by.time}`);
    if (by.region) parts.push(`the region filter (${some(filter.regions ?? [])}) left out ${by.region}`);
    if (by.account) parts.push(`the account filter (${some(filter.accounts ?? [])}) left out ${by.account}`);
    const held = s.inputCoverage;
    const range = held?.firstEventTime && held.lastEventTime ? `, events from ${held.firstEventTime} to ${held.lastEventTime}` : '';
    out.push(`no record in scope: of ${plural(records, 'record')} read, ${parts.join(', ') || 'the filters left out all'}; the input holds regions ${some(held?.regions ?? [])}, accounts ${some(held?.accounts ?? [])}${range}`);
  } else if (filter.product !== undefined && s.productEvents === 0) {
    out.push(`no event in scope involves product ${filter.product} (as caller or target) among ${plural(s.recordsInScope, 'record')} in scope; known products: ${listProducts(products)}`);
  }
  return out;
}

/** Scope sentences every check carries about its reading: duplicates dropped, files a folder walk did not read. */
export function readingNotes(stats: ReadStats, duplicatesDropped: number): string[] {
  const out: string[] = [];
  if (duplicatesDropped > 0) out.push(`${plural(duplicatesDropped, 'duplicate event')} dropped: the same eventID, eventSource and recipient account were read more than once (e.g. trail files and LookupEvents output); each event is checked once.`);
  if (stats.otherFilesSkipped > 0) {
    const shown = stats.skippedFiles.slice(0, 10).map((f) => `${f.path} (${f.why})`).join('; ');
    const more = stats.otherFilesSkipped - Math.min(10, stats.skippedFiles.length);
    out.push(`${plural(stats.otherFilesSkipped, 'file')} in the event folders not read: ${shown}${more > 0 ? ` and ${more} more` : ''}.`);
  }
  if (stats.digestFilesSkipped > 0) out.push(`${plural(stats.digestFilesSkipped, 'CloudTrail digest file')} skipped (they hold hashes, not events).`);
  return out;
}
