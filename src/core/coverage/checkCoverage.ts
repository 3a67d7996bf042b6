import type { ProductIndex } from '../attribute/productIndex';
import type { CheckFilter } from '../check/scopeFilter';
import type { CheckResult, Inventory, TrailCoverage } from '../model';
import { buildCoverage } from './buildCoverage';
import type { TrailConfig } from './trailConfig';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The counts a summary line gives: `3 of 45 resources in scope invisible to the trail (…)`. */
export function invisibleSummary(c: TrailCoverage): string | undefined {
  if (!c.known) return undefined;
  const data = c.resources.filter((r) => r.dataEvents === 'not-logged').length;
  const mgmt = c.resources.filter((r) => r.managementEvents === 'not-logged').length;
  const parts: string[] = [];
  if (c.invisible > 0) parts.push(`${c.invisible} of ${plural(c.resources.length, 'resource')} in scope invisible to the trail (data events not logged: ${data}, management events not logged: ${mgmt})`);
  if (c.unknown > 0) parts.push(`trail coverage unknown for ${plural(c.unknown, 'resource')}${c.problems.length ? ` (${c.problems[0]})` : ''}`);
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * Adds the trail coverage to a check's result: `result.coverage`, and, when resources in scope are
 * invisible to the trail or their coverage could not be read, a reason in `incomplete` (such a check
 * is never clean). Without a trail configuration (offline, no `--trail-config`) coverage is stated
 * as unknown in the report but does not make the check incomplete: nothing was asked of the trail.
 */
export function addCoverage(result: CheckResult, input: { config: TrailConfig | undefined; inventory: Inventory; products: ProductIndex; filter: CheckFilter; account?: string }): string[] {
  const coverage = buildCoverage({
    config: input.config, inventory: input.inventory, products: input.products, filter: input.filter,
    regionsSeen: result.stats.regionsSeen ?? [], accounts: input.account ? [input.account] : result.stats.accountsSeen ?? [],
  });
  result.coverage = coverage;
  const reasons: string[] = [];
  const line = invisibleSummary(coverage);
  if (line) reasons.push(`${line}: what they did there is not in the events (see Coverage)`);
  const bare = coverage.regions.filter((r) => r.verdict === 'no-trail' || r.verdict === 'stopped');
  if (bare.length > 0) reasons.push(`no logging trail in ${bare.map((r) => `${r.region}${r.verdict === 'stopped' ? ` (only stopped: ${r.stopped.join(', ')})` : ''}`).join(', ')}`);
  return reasons;
}
