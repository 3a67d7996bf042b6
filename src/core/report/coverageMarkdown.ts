import type { CheckResult } from '../model';
import { coverageGroups, coverageHeadline, visibilityOf } from './coverageSummary';
import { md, mdTable } from './mdTable';

/**
 * The Markdown report's Coverage section: what the trails can see of each resource in scope (by
 * product and type, each invisible or unknown one with why), the trails and regions; then where
 * TagTrail cannot read the records, per event source. Every value is escaped (trail names, ARNs
 * and selector names come from AWS or files).
 */
export function coverageMarkdown(result: CheckResult): string {
  const c = result.coverage;
  const parts = ['## Coverage: what the trail can see'];
  if (!c) return '';
  parts.push(`${md(coverageHeadline(c).replace(/^./, (x) => x.toUpperCase()))}.`);
  if (c.known) {
    if (c.problems.length) parts.push(c.problems.map((p) => `- **Problem:** ${md(p)}`).join('\n'));
    if (c.trails.length) {
      parts.push(mdTable(['Trail', 'Logging', 'Regions', 'Organisation', 'Selectors', 'Notes'], c.trails.map((tr) => [
        tr.name, tr.isLogging === undefined ? 'unknown' : tr.isLogging ? 'yes' : 'STOPPED', tr.multiRegion ? 'all' : tr.homeRegion ?? 'unknown', tr.organization ? 'yes' : 'no', tr.selectors, tr.notes.join('; '),
      ])));
    }
    if (c.regions.length) {
      parts.push(mdTable(['Region', 'Coverage', 'Logging trails', 'Stopped trails'], c.regions.map((r) => [r.region, r.verdict, r.trails.join(', '), r.stopped.join(', ')])));
    }
    const rows = coverageGroups(c).flatMap((g) => g.types.map((x) => [g.product ?? '(no product)', x.type, x.visible, x.invisible, x.unknown]));
    if (rows.length) parts.push(mdTable(['Product', 'Resource type', 'Visible', 'Invisible', 'Unknown'], rows));
    const hidden = c.resources.filter((r) => visibilityOf(r) !== 'visible');
    if (hidden.length) {
      parts.push(`Resources the trail cannot fully see (${hidden.length}):`, mdTable(['Product', 'Resource', 'Data events', 'Management events', 'Why'], hidden.map((r) => [r.product ?? '(no product)', r.arn, r.dataEvents, r.managementEvents, r.why])));
    }
    parts.push('_Visible: management events (reads and writes) and, for types that have them, data events (reads and writes) are logged by a trail that is logging and reaches the resource\'s account and region. The JSON output (`coverage.resources`) gives every resource with its trails and why._');
  }
  return parts.join('\n\n');
}

/** Per event source, how many events the resolver resolved, partly or not at all: worst first. */
export function resolutionMarkdown(result: CheckResult): string {
  const rows = result.resolutionByService ?? [];
  if (rows.length === 0) return '';
  const intro = 'Where TagTrail cannot read the record (as opposed to where the trail did not log it): per event source, the events in scope and what the resolver made of them, the sources with the largest share of unresolved or partial events first.';
  return `## Resolution by event source\n\n${intro}\n\n${mdTable(['Event source', 'Events', 'Resolved', 'Partial', 'Unresolved', 'No target'], rows.map((r) => [r.eventSource, r.events, r.resolved, r.partial, r.unresolved, r.noTarget]))}`;
}
