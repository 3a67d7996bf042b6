/**
 * The result a correct check must give on the demo, derived from the generator's own ground truth
 * (who really called, what the call really acted on) and the demo's tags and mapping — never from
 * TagTrail's resolver, so the two can be compared.
 */
import type { GapKind, ProductMapping, Severity } from '../../src/core/model';
import { P, R } from './account';
import type { DemoEvent } from './envelope';
import { isService } from './identity';
import { productAt } from './history';

export interface ExpectedFinding {
  eventID: string;
  eventTime: string;
  eventName: string;
  severity: Severity;
  principalArn: string;
  principalProduct: string;
  resourceArns: string[];
  resourceProduct: string;
  managementEvent: boolean;
  note?: string;
  /** `history` when the resource's product at the event's time differs from today's (see history.ts). */
  productSource?: 'history';
  /** With `productSource`: today's product of the resource ('' when it has none: deleted). */
  productToday?: { resource: string };
}

export interface ExpectedGap {
  eventID: string;
  eventTime: string;
  eventName: string;
  kind: GapKind;
  reason: string;
  principalArn?: string;
  resourceArn?: string;
  note?: string;
}

export interface Expected {
  findings: ExpectedFinding[];
  gaps: ExpectedGap[];
  awsServiceEvents: number;
  noTargetEvents: number;
  exemptedEvents: number;
}

/** `*` matches any run of characters, nothing else is special: the mapping file's pattern rule. */
export function matchesPattern(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

/** The product of a target: its own tag, its bucket's tag for S3 objects, a role's tag for roles. */
export function productOfTarget(arn: string): string | undefined {
  for (const r of Object.values(R)) if (r.arn === arn || (r.arn.startsWith('arn:aws:s3:::') && arn.startsWith(`${r.arn}/`))) return r.product;
  for (const p of Object.values(P)) if (p.arn === arn) return p.product;
  return undefined;
}

/** The resource an ARN belongs to for gap reporting (an object's bucket). */
const ownerArn = (arn: string): string => (arn.startsWith('arn:aws:s3:::') ? arn.split('/')[0] ?? arn : arn);

/**
 * Findings and gaps a correct check gives for `events`, by the rules EXPECTED.md states: sessions
 * judged as their roles, S3 objects owned by their buckets, shared products and exemptions skipped.
 */
export function expectedResult(events: DemoEvent[], mapping: ProductMapping, opts: { history?: boolean } = {}): Expected {
  const history = opts.history ?? true;
  const out: Expected = { findings: [], gaps: [], awsServiceEvents: 0, noTargetEvents: 0, exemptedEvents: 0 };
  for (const { record, truth, actor } of events) {
    const base = { eventID: String(record.eventID), eventTime: String(record.eventTime), eventName: String(record.eventName), ...(truth.note ? { note: truth.note } : {}) };
    if (isService(actor)) {
      out.awsServiceEvents++;
      continue;
    }
    const principalArn = actor.principal.arn;
    if (truth.unresolvable) {
      out.gaps.push({ ...base, kind: 'unresolved-target', reason: truth.unresolvable, principalArn });
      continue;
    }
    if (truth.targets.length === 0) {
      out.noTargetEvents++;
      continue;
    }
    const principalProduct = actor.principal.product;
    if (!principalProduct) {
      out.gaps.push({ ...base, kind: 'unowned-principal', reason: `${principalArn} has no product tag and no mapping pattern matches it.`, principalArn });
      continue;
    }
    const severity: Severity = record.errorCode ? 'denied' : record.readOnly === true ? 'read' : 'write';
    const byProduct = new Map<string, string[]>();
    let exempted = false;
    let fromHistory: { resource: string } | undefined;
    for (const target of truth.targets) {
      // With history, the product in force at the event's time; without, today's (none for a deleted resource).
      const then = productAt(target, base.eventTime);
      const product = then === undefined ? productOfTarget(target) : history ? then.product : then.today || undefined;
      if (history && then !== undefined && then.product !== then.today) fromHistory = { resource: then.today };
      if (!product) {
        out.gaps.push({ ...base, kind: 'unowned-resource', reason: `${ownerArn(target)} has no product tag.`, principalArn, resourceArn: ownerArn(target) });
        continue;
      }
      if (product === principalProduct || mapping.sharedProducts?.includes(product)) continue;
      const exempt = mapping.exemptions?.some((e) =>
        (!e.principal || matchesPattern(e.principal, principalArn)) && (!e.resource || matchesPattern(e.resource, target)) && (!e.eventName || matchesPattern(e.eventName, base.eventName)));
      if (exempt) {
        exempted = true;
        continue;
      }
      byProduct.set(product, [...(byProduct.get(product) ?? []), target]);
    }
    if (exempted && byProduct.size === 0) out.exemptedEvents++;
    for (const [resourceProduct, resourceArns] of byProduct) {
      out.findings.push({ ...base, severity, principalArn, principalProduct, resourceArns, resourceProduct, managementEvent: record.managementEvent === true, ...(fromHistory ? { productSource: 'history' as const, productToday: fromHistory } : {}) });
    }
  }
  return out;
}

/** Findings counted per principal product → resource product and severity. */
export function pairCounts(findings: ExpectedFinding[]): { principalProduct: string; resourceProduct: string; counts: Record<Severity, number> }[] {
  const pairs = new Map<string, { principalProduct: string; resourceProduct: string; counts: Record<Severity, number> }>();
  for (const f of findings) {
    const key = `${f.principalProduct}->${f.resourceProduct}`;
    const pair = pairs.get(key) ?? { principalProduct: f.principalProduct, resourceProduct: f.resourceProduct, counts: { write: 0, read: 0, denied: 0 } };
    pair.counts[f.severity]++;
    pairs.set(key, pair);
  }
  return [...pairs.values()].sort((a, b) => `${a.principalProduct}${a.resourceProduct}`.localeCompare(`${b.principalProduct}${b.resourceProduct}`));
}
