import type { CheckResult, Finding } from '../model';
import { INVISIBLE, textOf } from './escape';
import { groupResult, type Grouped } from './group';
import { principalDisplayName } from '../attribute/displayName';

// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (and some strip a
// leading tab or CR first), so a session name like `=HYPERLINK(...)` would run on the reviewer's
// machine. Every such cell gets a leading `'`, which spreadsheets show as text.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const UNSAFE = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F]|${INVISIBLE.source}|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]`, 'g');

/**
 * One CSV cell (RFC 4180): control, bidi and invisible characters shown as `[U+XXXX]` (a cell holds
 * no line break, so every record is one line), a `'` before a formula start, quoted when it holds a
 * comma, a quote or surrounding spaces, quotes doubled.
 */
export function csvCell(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = textOf(v).replace(UNSAFE, (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Columns, in order; documented in the README. */
export const CSV_COLUMNS = [
  'eventTime', 'severity', 'callerProduct', 'caller', 'callerArn', 'callerType', 'session', 'eventSource', 'eventName', 'errorCode',
  'resourceProduct', 'resourceArn', 'moreResourceArns', 'foundVia', 'account', 'region', 'sourceIPAddress', 'userAgent',
  'eventID', 'source', 'position', 'groupKey',
  // Set when the product came from the tag history and differs from today's (`history`), with today's products and the history's source.
  'productSource', 'callerProductToday', 'resourceProductToday', 'historyRef',
] as const;

function row(f: Finding, groupKey: string): unknown[] {
  const caller = principalDisplayName({ arn: textOf(f.principal.arn), type: f.principal.type, ...(f.principal.displayName !== undefined ? { displayName: textOf(f.principal.displayName) } : {}) }, f.recipientAccountId || undefined);
  return [
    f.eventTime, f.severity, f.principal.product, caller, f.principal.arn, f.principal.type, f.principal.displayName, f.eventSource, f.eventName, f.errorCode,
    f.resource.product, f.resource.arn, Array.isArray(f.resource.moreArns) ? f.resource.moreArns.map(textOf).join(' ') : '', f.resource.via,
    f.recipientAccountId, f.awsRegion, f.sourceIPAddress, f.userAgent, f.eventID, f.source, f.position, groupKey,
    f.productSource, f.productToday?.principal, f.productToday?.resource, f.historyRef,
  ];
}

/**
 * One row per finding (not grouped: a spreadsheet filters and pivots itself), in the order of the
 * other outputs (group by group, most severe first, then oldest; events in time order), each with
 * its group's key. CRLF line ends as RFC 4180 says; every cell from a record made formula-safe.
 */
export function renderCsv(result: CheckResult, opts: { grouped?: Grouped } = {}): string {
  const grouped = opts.grouped ?? groupResult(result);
  const lines = [CSV_COLUMNS.join(',')];
  for (const g of grouped.findingGroups) {
    for (const i of g.findings) {
      const f = result.findings[i];
      if (f) lines.push(row(f, g.key).map(csvCell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
