import { parseArn } from '../arn/arn';
import type { ProductIndex } from '../attribute/productIndex';
import type { CheckFilter } from '../check/scopeFilter';
import type { Inventory, RegionCoverage, TrailCoverage, TrailCoverageSummary } from '../model';
import { trailAccount, trailName, type TrailConfig, type TrailEntry } from './trailConfig';
import { resourceCoverage } from './verdict';

export interface CoverageInput {
  /** Undefined when the source has no trail configuration (offline without `--trail-config`). */
  config: TrailConfig | undefined;
  inventory: Inventory;
  products: ProductIndex;
  filter: CheckFilter;
  /** Regions the check's events came from. */
  regionsSeen: readonly string[];
  /** The account checked, when known (live); else the accounts seen. */
  accounts: readonly string[];
}

function inScope(arn: string, product: string | null, filter: CheckFilter): boolean {
  if (filter.product !== undefined && product !== filter.product) return false;
  const a = parseArn(arn);
  if (filter.regions?.length && a?.region && !filter.regions.includes(a.region)) return false;
  if (filter.accounts?.length && a?.account && !filter.accounts.includes(a.account)) return false;
  return true;
}

function summary(t: TrailEntry): TrailCoverageSummary {
  const d = t.description;
  const notes: string[] = [];
  if (t.status?.IsLogging === false) notes.push(`stopped${t.status.StopLoggingTime ? ` since ${t.status.StopLoggingTime}` : ''}: logs nothing`);
  if (t.status?.LatestDeliveryError) notes.push(`latest delivery error: ${t.status.LatestDeliveryError}`);
  if (t.statusProblem) notes.push(`status unknown: ${t.statusProblem}`);
  if (t.selectorsProblem) notes.push(`event selectors unknown: ${t.selectorsProblem}`);
  const selectors = t.advancedEventSelectors?.length ? `advanced (${t.advancedEventSelectors.length})` : t.eventSelectors ? `basic (${t.eventSelectors.length})` : 'unknown';
  return {
    name: trailName(d), ...(d.TrailARN ? { arn: d.TrailARN } : {}), ...(d.HomeRegion ? { homeRegion: d.HomeRegion } : {}),
    multiRegion: d.IsMultiRegionTrail === true, organization: d.IsOrganizationTrail === true,
    ...(t.status?.IsLogging !== undefined ? { isLogging: t.status.IsLogging } : {}), selectors, notes,
  };
}

function regionCoverage(config: TrailConfig, region: string, accounts: readonly string[]): RegionCoverage {
  if (config.listProblem) return { region, trails: [], stopped: [], verdict: 'unknown' };
  const covering = config.trails.filter((t) => {
    const d = t.description;
    const owner = trailAccount(d);
    const ours = d.IsOrganizationTrail === true || owner === undefined || accounts.length === 0 || accounts.includes(owner);
    return ours && (d.IsMultiRegionTrail === true || d.HomeRegion === region);
  });
  const stopped = covering.filter((t) => t.status?.IsLogging === false).map((t) => trailName(t.description));
  const logging = covering.filter((t) => t.status?.IsLogging !== false).map((t) => trailName(t.description));
  const unknown = covering.some((t) => t.status?.IsLogging === undefined);
  const verdict = logging.length > 0 ? (unknown && covering.every((t) => t.status?.IsLogging !== true) ? 'unknown' : 'covered') : stopped.length > 0 ? 'stopped' : 'no-trail';
  return { region, trails: logging, stopped, verdict };
}

/**
 * The trail coverage of a check: for every inventoried resource in scope (the product filter, the
 * region and account filters) what management and data events the trails log, by which trail or
 * why not; the trails as read; every region of the scope (filter, events, resources, regions whose
 * trails were listed) with the trails that cover it. Without a configuration every verdict is `unknown`.
 */
export function buildCoverage(input: CoverageInput): TrailCoverage {
  const { config, inventory, products, filter } = input;
  const resources = [];
  const regions = new Set<string>([...(filter.regions ?? []), ...input.regionsSeen, ...(config?.regionsListed ?? [])]);
  for (const arn of inventory.resources.keys()) {
    const product = products.productOfResource(arn) ?? null;
    if (!inScope(arn, product, filter)) continue;
    const region = parseArn(arn)?.region;
    if (region) regions.add(region);
    resources.push(resourceCoverage(arn, product, config));
  }
  resources.sort((a, b) => (a.product ?? '\uffff').localeCompare(b.product ?? '\uffff') || a.resourceType.localeCompare(b.resourceType) || a.arn.localeCompare(b.arn));
  const invisible = resources.filter((r) => r.managementEvents === 'not-logged' || r.dataEvents === 'not-logged').length;
  const unknown = resources.filter((r) => r.managementEvents === 'unknown' || r.dataEvents === 'unknown').length;
  const problems = config ? [...(config.listProblem ? [config.listProblem] : []), ...config.notes, ...config.trails.flatMap((t) => [t.statusProblem, t.selectorsProblem].filter((p): p is string => p !== undefined).map((p) => `${trailName(t.description)}: ${p}`))] : [];
  return {
    known: config !== undefined,
    sources: config?.sources ?? [],
    problems: [...new Set(problems)],
    trails: config ? config.trails.map(summary) : [],
    regions: config ? [...regions].sort().map((r) => regionCoverage(config, r, input.accounts)) : [],
    resources,
    invisible,
    unknown,
  };
}
