import type { CheckResult, CheckStats, Finding, Gap, GapKind, ResolutionStatus, Severity } from '../model';

function zeroSeverity(): Record<Severity, number> {
  return { write: 0, read: 0, denied: 0 };
}

/** Fresh counters, every key present so that reports and JSON consumers never meet a missing count. */
export function emptyStats(): CheckStats {
  const byStatus: Record<ResolutionStatus, number> = { resolved: 0, partial: 0, unresolved: 0, 'no-target': 0 };
  const gapsByKind: Record<GapKind, number> = { 'unresolved-target': 0, 'partial-target': 0, 'unowned-principal': 0, 'unowned-resource': 0 };
  return {
    recordsRead: 0, recordsRejected: 0, recordsInScope: 0, byStatus, findings: 0, findingsBySeverity: zeroSeverity(),
    gaps: 0, gapsByKind, awsServiceEvents: 0, exemptedEvents: 0, awsServices: {}, dataEvents: 0, lookupEvents: 0, findingsNotListed: 0, gapsNotListed: 0,
  };
}

/**
 * Accumulates findings and gaps. Counts are always exact; the lists stop growing at `maxListed`
 * rows each (counted in `findingsNotListed` / `gapsNotListed`) so that a check over millions of
 * records keeps bounded memory even when most of them are gaps.
 */
export class Tally {
  readonly stats = emptyStats();
  readonly findings: Finding[] = [];
  readonly gaps: Gap[] = [];
  private readonly pairs = new Map<string, CheckResult['pairs'][number]>();
  // A Map, not an object: a service name such as `__proto__` from a record must stay a plain key.
  private readonly services = new Map<string, number>();

  constructor(private readonly maxListed: number) {}

  addFinding(f: Finding): void {
    this.stats.findings++;
    this.stats.findingsBySeverity[f.severity]++;
    // `\u0000` cannot occur in a product from JSON tags in practice, and is only a map key here.
    const key = `${f.principal.product}\u0000${f.resource.product}`;
    let pair = this.pairs.get(key);
    if (!pair) {
      pair = { principalProduct: f.principal.product, resourceProduct: f.resource.product, counts: zeroSeverity() };
      this.pairs.set(key, pair);
    }
    pair.counts[f.severity]++;
    if (this.findings.length < this.maxListed) this.findings.push(f);
    else this.stats.findingsNotListed = (this.stats.findingsNotListed ?? 0) + 1;
  }

  addGap(g: Gap): void {
    this.stats.gaps++;
    this.stats.gapsByKind[g.kind]++;
    if (this.gaps.length < this.maxListed) this.gaps.push(g);
    else this.stats.gapsNotListed = (this.stats.gapsNotListed ?? 0) + 1;
  }

  addAwsService(name: string): void {
    this.stats.awsServiceEvents++;
    // Bounded like the lists: service names come from the record.
    if (this.services.has(name) || this.services.size < 500) this.services.set(name, (this.services.get(name) ?? 0) + 1);
  }

  /** Copies the per-service counts into the stats, most active first. */
  finishStats(): CheckStats {
    this.stats.awsServices = Object.fromEntries([...this.services].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
    return this.stats;
  }

  /** Product pairs, most findings first (ties by name so output is stable). */
  pairList(): CheckResult['pairs'] {
    const total = (p: CheckResult['pairs'][number]): number => p.counts.write + p.counts.read + p.counts.denied;
    return [...this.pairs.values()].sort((a, b) => total(b) - total(a) || a.principalProduct.localeCompare(b.principalProduct) || a.resourceProduct.localeCompare(b.resourceProduct));
  }
}
