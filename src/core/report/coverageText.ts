import type { CheckResult } from '../model';
import { escapeTerminal as t } from './escape';
import { coverageGroups, coverageHeadline, visibilityOf } from './coverageSummary';
import { wrap } from './shorten';

/** The terminal report's Coverage section: trails, regions, products by type, and each invisible resource with why. */
export function coverageTextLines(result: CheckResult, max: number, limit?: number): string[] {
  const c = result.coverage;
  if (!c) return [];
  const lines = ['', 'Coverage: what the trail can see of each resource in scope'];
  if (!c.known) return [...lines, ...wrap(t(coverageHeadline(c)), max - 2, 4).map((l) => `  ${l}`)];
  for (const p of c.problems) lines.push(...wrap(`problem: ${t(p)}`, max - 4, 3).map((l) => `  ${l}`));
  if (c.trails.length) lines.push('  Trails:');
  for (const tr of c.trails) {
    const state = tr.isLogging === false ? 'STOPPED' : tr.isLogging ? 'logging' : 'logging state unknown';
    const where = tr.multiRegion ? 'all regions' : `${tr.homeRegion ?? 'home region unknown'} only`;
    const line = `${t(tr.name)}: ${state}, ${t(where)}${tr.organization ? ', organisation' : ''}, ${t(tr.selectors)} selectors${tr.notes.length ? `; ${tr.notes.map((n) => t(n)).join('; ')}` : ''}`;
    lines.push(...wrap(line, max - 6, 4).map((l, i) => `${i ? '      ' : '    '}${l}`));
  }
  if (c.regions.length) {
    const regions = `Regions: ${c.regions.map((r) => `${t(r.region)} ${r.verdict === 'covered' ? t(r.trails.join('+')) : r.verdict === 'stopped' ? `only stopped (${t(r.stopped.join(', '))})` : r.verdict === 'no-trail' ? 'NO TRAIL' : 'unknown'}`).join('; ')}`;
    lines.push(...wrap(regions, max - 4, 6).map((l, i) => `${i ? '    ' : '  '}${l}`));
  }
  lines.push('  By product and resource type (visible / invisible / unknown):');
  for (const g of coverageGroups(c)) {
    const types = g.types.map((x) => `${t(x.type)} ${x.visible}/${x.invisible}/${x.unknown}`).join(', ');
    lines.push(...wrap(`${t(g.product ?? '(no product)')}: ${types}`, max - 4, 20).map((l, i) => `${i ? '      ' : '    '}${l}`));
  }
  const hidden = c.resources.filter((r) => visibilityOf(r) !== 'visible');
  if (hidden.length) lines.push(`  Not visible (${hidden.length}):`);
  for (const r of hidden.slice(0, limit)) {
    lines.push(...wrap(`[${t(r.product ?? '(no product)')}] ${t(r.arn)}: data ${r.dataEvents}, management ${r.managementEvents}`, max - 4, 3).map((l, i) => `${i ? '      ' : '    '}${l}`));
    lines.push(...wrap(t(r.why), max - 6, 4).map((l) => `      ${l}`));
  }
  if (limit !== undefined && hidden.length > limit) lines.push(`    ... ${hidden.length - limit} more not shown (--limit ${limit}); --format json lists every resource`);
  return lines;
}

/** Where the check cannot read the records, per event source, worst first. */
export function resolutionTextLines(result: CheckResult, limit = 10): string[] {
  const rows = result.resolutionByService ?? [];
  const blind = rows.filter((r) => r.unresolved + r.partial > 0);
  if (rows.length === 0) return [];
  const lines = ['', `Resolution by event source (worst first; ${blind.length} of ${rows.length} with records not fully read):`];
  for (const r of rows.slice(0, limit)) {
    lines.push(`  ${t(r.eventSource.replace(/\.amazonaws\.com$/, ''))}: ${r.events} events, resolved ${r.resolved}, partial ${r.partial}, unresolved ${r.unresolved}, no target ${r.noTarget}`);
  }
  if (rows.length > limit) lines.push(`  ... ${rows.length - limit} more sources (--format md or json lists them all)`);
  return lines;
}
