import type { CheckResult } from '../model';
import { md } from './mdTable';

function list(values: string[] | undefined, all: string, max = 20): string {
  if (!values || values.length === 0) return all;
  const shown = values.slice(0, max).map((v) => md(v)).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/** The report's opening: what was looked at, and a warning when the evidence cannot show data access. */
export function renderScope(r: CheckResult): string {
  const { scope, stats } = r;
  const out: string[] = ['## Scope', ''];
  if (scope.managementEventsOnly) {
    const why = stats.lookupEvents && stats.lookupEvents === stats.recordsInScope
      ? 'Every event came from CloudTrail LookupEvents, which returns management events of the last 90 days only.'
      : 'No data event was in the input.';
    out.push(`> **Warning: management events only.** ${why} Data access (S3 object reads and writes, Lambda invocations, DynamoDB items and other data events) is not visible, so the absence of a finding does not mean the absence of cross-product data access.`, '');
  }
  const window = scope.since || scope.until ? `${scope.since ? md(scope.since) : 'the earliest event'} to ${scope.until ? md(scope.until) : 'the latest event'}` : 'all event times in the input';
  const seenRange = stats.firstEventTime && stats.lastEventTime ? `; events in scope from ${md(stats.firstEventTime)} to ${md(stats.lastEventTime)}` : '';
  const seen = (values: string[] | undefined): string => (values?.length ? ` (seen: ${list(values, '')})` : ' (none seen)');
  out.push(
    `- **Accounts:** ${scope.accounts?.length ? list(scope.accounts, '') : `all accounts in the input${seen(stats.accountsSeen)}`}`,
    `- **Regions:** ${scope.regions?.length ? list(scope.regions, '') : `all regions in the input${seen(stats.regionsSeen)}`}`,
    `- **Time window:** ${window}${seenRange}`,
    `- **Product filter:** ${scope.product !== undefined ? `findings and gaps involving ${md(scope.product)}` : 'none (all products)'}`,
    `- **Event sources:** ${list(scope.eventSources, 'none')}`,
    `- **Inventory sources:** ${list(scope.inventorySources, 'none (every caller and resource is unowned)')}`,
    `- **Product tag keys (in priority order, case-sensitive):** ${list(scope.productTagKeys, 'none')}`,
    `- **Records:** ${stats.recordsRead} read, ${stats.recordsInScope} in scope, ${stats.recordsRejected} outside the filters or not records; ${stats.dataEvents ?? 0} data events; ${r.readErrors.length} read errors`,
  );
  for (const note of scope.notes ?? []) out.push(`- ${md(note)}`);
  return out.join('\n');
}
