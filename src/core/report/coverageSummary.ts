import type { ResourceCoverage, TrailCoverage } from '../model';

/** A resource is visible when its management events, and its data events if it has any, are logged. */
export type Visibility = 'visible' | 'invisible' | 'unknown';

export function visibilityOf(r: ResourceCoverage): Visibility {
  if (r.managementEvents === 'not-logged' || r.dataEvents === 'not-logged') return 'invisible';
  if (r.managementEvents === 'unknown' || r.dataEvents === 'unknown') return 'unknown';
  return 'visible';
}

/** Counts per product, then resource type: what the Coverage sections and the editor's view group by. */
export interface CoverageGroup {
  product: string | null;
  types: { type: string; visible: number; invisible: number; unknown: number; resources: ResourceCoverage[] }[];
}

export function coverageGroups(c: TrailCoverage): CoverageGroup[] {
  const byProduct = new Map<string | null, Map<string, CoverageGroup['types'][number]>>();
  for (const r of c.resources) {
    let types = byProduct.get(r.product);
    if (!types) { types = new Map(); byProduct.set(r.product, types); }
    let t = types.get(r.resourceType);
    if (!t) { t = { type: r.resourceType, visible: 0, invisible: 0, unknown: 0, resources: [] }; types.set(r.resourceType, t); }
    t[visibilityOf(r)]++;
    t.resources.push(r);
  }
  return [...byProduct.entries()].map(([product, types]) => ({ product, types: [...types.values()] }));
}

/** `1 of 44 resources in scope invisible to the trail (data events not logged: 1, management events not logged: 0)`, or what coverage could not tell. */
export function coverageHeadline(c: TrailCoverage): string {
  const n = c.resources.length;
  if (!c.known) return `trail coverage unknown: no trail configuration was read (${n} resource${n === 1 ? '' : 's'} in scope; give --trail-config with the outputs of aws cloudtrail describe-trails, get-trail-status and get-event-selectors)`;
  const data = c.resources.filter((r) => r.dataEvents === 'not-logged').length;
  const mgmt = c.resources.filter((r) => r.managementEvents === 'not-logged').length;
  const head = c.invisible > 0
    ? `${c.invisible} of ${n} resources in scope invisible to the trail (data events not logged: ${data}, management events not logged: ${mgmt})`
    : `all ${n} resources in scope visible to the trail`;
  const unknown = c.unknown > 0 ? `; coverage unknown for ${c.unknown}` : '';
  const bare = c.regions.filter((r) => r.verdict === 'no-trail' || r.verdict === 'stopped').map((r) => r.region);
  return `${head}${unknown}${bare.length ? `; no logging trail in ${bare.join(', ')}` : ''}`;
}
