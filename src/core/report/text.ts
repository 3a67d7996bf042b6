import type { CheckResult, GapKind, Severity } from '../model';
import { escapeTerminal as t } from './escape';
import { groupResult, historyNote, SEVERITY_ORDER, type FindingGroup, type GapGroup, type Grouped } from './group';
import { dateRange, serviceOf, shortenEnd, shortenMiddle, timeRange, width, wrap } from './shorten';
import { coverageTextLines, resolutionTextLines } from './coverageText';
import { coverageHeadline } from './coverageSummary';

/** What the terminal report shows. */
export interface TextOptions {
  /** At most this many finding groups and gap groups (each); default all. */
  limit?: number;
  /** Line width the layout aims for; default 100. Long ARNs are shortened in the middle to fit. */
  width?: number;
  /** The grouping, when the caller already made it. */
  grouped?: Grouped;
}

const GAP_HEADING: Record<GapKind, string> = {
  'unowned-principal': 'Callers without a product (tag them, or map them in --mapping)',
  'unresolved-target': 'Events whose target could not be named',
  'partial-target': 'Events with some targets not named',
  'unowned-resource': 'Resources without a product (tag them, or map them in --mapping)',
};

function severities(s: Record<Severity, number>): string {
  return SEVERITY_ORDER.map((k) => `${k} ${s[k]}`).join(', ');
}

function mix(g: FindingGroup): string {
  const present = SEVERITY_ORDER.filter((s) => g.severities[s] > 0);
  return present.length > 1 ? ` (${present.map((s) => `${s} ${g.severities[s]}`).join(', ')})` : '';
}

/** `  [write] x6 dynamodb PutItem, 2026-10-08 13:05-13:40` then who acted on what, then event ids if they do not fit. */
function groupLines(g: FindingGroup, max: number): string[] {
  const head = `  [${g.severity}]${g.count > 1 ? ` x${g.count}` : ''}${mix(g)} ${t(serviceOf(g.eventSource))} ${t(g.eventName)}, ${t(timeRange(g.firstSeen, g.lastSeen))}`;
  const ids = g.events.map((e) => t(e.eventID, 80));
  const first = ids[0] ?? '';
  const more = ids.length > 1 ? ` +${ids.length - 1}` : '';
  const inline = `${head}  event${ids.length > 1 ? 's' : ''} ${first}${more}`;
  const product = ` [${t(g.principal.product)}]`;
  // A caller's name (a role path and a session name of 64 characters each) may not fit a line alone.
  const who = `${shortenMiddle(t(g.principal.display), max - 6 - width(product))}${product}`;
  const objects = g.resource.arnCount > 1 ? ` (${g.resource.arnCount} objects)` : '';
  const tail = `${objects} [${t(g.resource.product)}]`;
  const arn = t(g.resource.arn);
  const arnRoom = max - width(`      ${who} -> `) - width(tail);
  const lines = [width(inline) <= max ? inline : head];
  // Caller and resource on one line when the ARN fits or loses little; else the resource on its own line.
  if (width(arn) <= arnRoom || arnRoom >= 45) lines.push(`      ${who} -> ${shortenMiddle(arn, arnRoom)}${tail}`);
  else lines.push(`      ${who}`, `        -> ${shortenMiddle(arn, Math.max(30, max - 11 - width(tail)))}${tail}`);
  if (width(inline) > max) {
    // As many ids as fit; the rest are counted (every id is in --format json/csv/sarif).
    let line = `      event${ids.length > 1 ? 's' : ''}`;
    let shown = 0;
    for (const id of ids) {
      const next = `${line}${shown ? ',' : ''} ${id}`;
      if (shown > 0 && width(next) + 8 > max) break;
      line = next;
      shown++;
    }
    lines.push(shown < ids.length ? `${line} +${ids.length - shown}` : line);
  }
  const history = historyNote(g);
  if (history !== undefined) lines.push(...wrap(`[from history] ${t(history)}`, max - 6, 3).map((l) => `      ${l}`));
  return lines;
}

function gapLines(g: GapGroup, max: number): string[] {
  const actions = g.actions.slice(0, 3).map((a) => `${t(a.name)} ${a.count}`).join(', ') + (g.actions.length > 3 ? `, +${g.actions.length - 3} more` : '');
  const range = t(timeRange(g.firstSeen, g.lastSeen));
  if (g.by === 'action') {
    const [service, ...name] = g.subject.split(' ');
    // The reason is what a person acts on: two lines of it here, all of it in --format md or json.
    return [`    ${t(serviceOf(service ?? ''))} ${t(name.join(' '))} x${g.count}, ${range}`, ...wrap(t(g.reason), max - 6, 2).map((l) => `      ${l}`)];
  }
  const rest = ` x${g.count}, ${range}: ${actions}`;
  const subject = g.by === 'caller' ? t(g.display) : shortenMiddle(t(g.subject), Math.max(40, max - 4 - width(rest)));
  const line = `    ${subject}${rest}`;
  return [width(line) <= max ? line : `    ${subject} x${g.count}, ${range}`, ...(width(line) <= max ? [] : [`      ${shortenEnd(actions, max - 6)}`])];
}

function cut(shown: number, total: number, what: string, limit: number | undefined): string[] {
  if (shown >= total) return [];
  return [`  ... ${total - shown} more ${what} not shown (--limit ${limit}); without --limit all are listed, and --format json lists every event`];
}

/**
 * The terminal report: counts, product pairs, then every finding group (caller, resource, action)
 * with its count, times and event ids, most severe first then oldest; the callers; coverage gaps
 * grouped by caller, resource or action and reason. Nothing is cut unless `limit` says so, and a
 * cut says how to see the rest. Every value goes through `escapeTerminal`, so a record cannot
 * move the cursor or recolour output.
 */
export function renderText(result: CheckResult, opts: TextOptions = {}): string {
  const max = opts.width ?? 100;
  const limit = opts.limit;
  const grouped = opts.grouped ?? groupResult(result);
  const s = result.stats;
  const lines: string[] = [];
  if (result.scope.managementEventsOnly) lines.push('WARNING: management events only - data access (S3 objects, Lambda invokes, ...) is not visible.');
  // Notes are sentences a reader must have whole: wrapped to the width, never cut.
  for (const note of result.scope.notes ?? []) lines.push(...wrap(t(note), max - 6, 1000).map((l, i) => `${i === 0 ? 'Note: ' : '      '}${l}`));
  lines.push(
    `Events: ${s.recordsRead} read, ${s.recordsInScope} in scope, ${s.recordsRejected} outside the filters; ${s.exemptedEvents} exempted`,
    `  resolved ${s.byStatus.resolved}, partial ${s.byStatus.partial}, unresolved ${s.byStatus.unresolved}, no target ${s.byStatus['no-target']}; ${s.awsServiceEvents} by AWS services (not judged)`,
    `Findings: ${s.findings} events in ${grouped.findingGroups.length} groups (${severities(s.findingsBySeverity)})`,
  );
  for (const p of result.pairs) {
    lines.push(`  ${t(p.principalProduct)} -> ${t(p.resourceProduct)}: ${severities(p.counts)}`);
  }
  if (result.coverage) lines.push(...wrap(`Trail coverage: ${t(coverageHeadline(result.coverage))}`, max, 3).map((l, i) => (i ? `  ${l}` : l)));
  if (grouped.findingGroups.length > 0) {
    lines.push('', 'Findings by caller, resource and action (most severe first, then oldest; times UTC):');
    const shown = grouped.findingGroups.slice(0, limit);
    for (const g of shown) lines.push(...groupLines(g, max));
    lines.push(...cut(shown.length, grouped.findingGroups.length, 'finding groups', limit));
    if ((s.findingsNotListed ?? 0) > 0) lines.push(`  ${s.findingsNotListed} more findings were counted but not kept by the check (its list limit); narrow with --since, --product or --region`);
    lines.push('', `Callers (${grouped.principals.length}):`);
    const callers = grouped.principals.slice(0, limit);
    for (const p of callers) {
      const touched = p.products.map((x) => `${t(x.product)} ${x.count}`).join(', ');
      const who = `  ${t(p.display)} [${t(p.product)}]`;
      const what = ` -> ${touched}, ${t(dateRange(p.firstSeen, p.lastSeen))}`;
      if (width(who + what) <= max) lines.push(who + what);
      else lines.push(who, `     ${shortenEnd(what, max - 5)}`);
    }
    lines.push(...cut(callers.length, grouped.principals.length, 'callers', limit));
    lines.push('  (per-resource summary: --format md or --format json)');
  }
  const g = s.gapsByKind;
  lines.push('', `Coverage gaps: ${s.gaps} events in ${grouped.gapGroups.length} groups`,
    `  unowned caller ${g['unowned-principal']}, unresolved target ${g['unresolved-target']}, partial target ${g['partial-target']}, unowned resource ${g['unowned-resource']}`);
  const shownGaps = grouped.gapGroups.slice(0, limit);
  let kind: GapKind | undefined;
  for (const gg of shownGaps) {
    if (gg.kind !== kind) lines.push(`  ${GAP_HEADING[gg.kind]}:`);
    kind = gg.kind;
    lines.push(...gapLines(gg, max));
  }
  lines.push(...cut(shownGaps.length, grouped.gapGroups.length, 'gap groups', limit));
  if ((s.gapsNotListed ?? 0) > 0) lines.push(`  ${s.gapsNotListed} more gaps were counted but not kept by the check (its list limit)`);
  lines.push(...coverageTextLines(result, max, limit), ...resolutionTextLines(result, limit ?? 10));
  if (result.readErrors.length > 0) lines.push(`Read errors: ${result.readErrors.length} (inputs skipped; listed on stderr and in --format md or json)`);
  return `${lines.join('\n')}\n`;
}
