import type { Finding, Gap, GapKind, ResolvedEvent, Target } from '../model';
import type { ProductIndex } from '../attribute/productIndex';
import { severityOf } from './severity';
import { recordTime } from './scopeFilter';
import type { ProductsAtTime, SideProduct } from '../history/productsAt';

/** What one event contributes to a check. */
export interface Judgement {
  findings: Finding[];
  gaps: Gap[];
  /** True when at least one cross-product access of this event was exempted by the mapping. */
  exempted: boolean;
  principalProduct?: string;
  /** With `onlyProduct`: true when the caller or a target belongs to that product. */
  involvesProduct?: boolean;
  /**
   * Each target as judged (its product as the check decided it, and whether an exemption covered
   * it): what the guardrail replay builds its request contexts from, so it never judges again.
   */
  targets?: JudgedTarget[];
}

/** One target of an event with the product the check gave it. */
export interface JudgedTarget {
  arn: string;
  product: string | undefined;
  resourceType?: string;
  /** The mapping's exemption matched this cross-product access. */
  exempted?: boolean;
}

/**
 * An unowned target's gap names what has to be tagged: the target itself, or for a nested resource
 * (an S3 object, a log stream) its parent, with the reason saying what was acted on.
 */
function unowned(arn: string, products: ProductIndex, history?: SideProduct['history']): { resourceArn: string; reason: string } {
  if (history?.unknown !== undefined) return { resourceArn: arn, reason: `its product at the event's time is not known: ${history.unknown}` };
  if (history?.deleted) return { resourceArn: arn, reason: `acted on after its deletion at ${history.at ?? '?'} (${history.from}${history.ref ? ` ${history.ref}` : ''})` };
  const parent = products.parentOf(arn);
  return parent === undefined
    ? { resourceArn: arn, reason: 'no product tag or mapping on this resource' }
    : { resourceArn: parent, reason: `acted on ${arn}; neither it nor ${parent} has a product tag or mapping` };
}

function s(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * Judges one resolved event: targets whose product differs from the caller's, is not a shared
 * product and is not exempted, make one finding per resource product. Whatever stops a judgement (no target, no product on
 * either side) becomes a gap with a reason, so that nothing is dropped silently. AWS-service callers
 * are not judged here (the caller counts them). With `onlyProduct`, findings and gaps are kept only
 * when either side is known to belong to that product.
 */
export function judgeEvent(ev: ResolvedEvent, products: ProductIndex, onlyProduct?: string, history?: ProductsAtTime): Judgement {
  const { record, principal, resolution } = ev;
  // With tag history, products are those in force at the event's time (see history/productsAt.ts).
  const ms = history !== undefined && !history.empty ? Date.parse(recordTime(record)) : NaN;
  const at = Number.isNaN(ms) ? undefined : history;
  const caller: SideProduct = at ? at.principal(principal, ms) : { product: products.productOfPrincipal(principal) };
  // A third of a trail (Describe*, List*) names no target and needs no gap: nothing to build.
  if (resolution.targets.length === 0 && (resolution.status === 'resolved' || resolution.status === 'no-target')) {
    const principalProduct = caller.product;
    return { findings: [], gaps: [], exempted: false, principalProduct, ...(onlyProduct !== undefined ? { involvesProduct: principalProduct === onlyProduct } : {}) };
  }
  const base = { eventID: s(record.eventID), eventTime: recordTime(record), eventSource: s(record.eventSource), eventName: s(record.eventName), source: ev.source };
  // Where the call came from, for the reports' event entries (JSON, CSV, SARIF).
  const where = { awsRegion: s(record.awsRegion), recipientAccountId: s(record.recipientAccountId), sourceIPAddress: s(record.sourceIPAddress), userAgent: s(record.userAgent), position: ev.position };
  const out: Judgement = { findings: [], gaps: [], exempted: false };
  const pp = caller.product;
  out.principalProduct = pp;
  const targets = ownedTargets(resolution.targets, products, at, ms);
  out.targets = targets; // the same objects: no copy on the check's hot path
  const keep = (a: string | undefined, more?: (string | undefined)[]): boolean =>
    onlyProduct === undefined || a === onlyProduct || (more !== undefined && more.includes(onlyProduct));
  const gap = (kind: GapKind, reason: string, resourceArn?: string): void => {
    // A literal, not a spread of `base`: one shape for every gap keeps this hot path cheap.
    out.gaps.push({
      eventID: base.eventID, eventTime: base.eventTime, eventSource: base.eventSource, eventName: base.eventName, source: base.source,
      kind, reason, principalArn: principal.arn, resourceArn,
      awsRegion: where.awsRegion, recipientAccountId: where.recipientAccountId, sourceIPAddress: where.sourceIPAddress, userAgent: where.userAgent, position: where.position,
    });
  };
  const targetProducts = (): (string | undefined)[] => targets.map((t) => t.product);
  if (onlyProduct !== undefined) out.involvesProduct = pp === onlyProduct || targets.some((t) => t.product === onlyProduct);

  if (resolution.status === 'unresolved' && keep(pp)) gap('unresolved-target', resolution.reason ?? 'the resolver named no target');
  if (resolution.status === 'partial' && keep(pp, targetProducts())) gap('partial-target', resolution.reason ?? 'some targets could not be named');
  if (targets.length === 0) return out;

  if (pp === undefined && keep(undefined, targetProducts())) {
    const h = caller.history;
    gap('unowned-principal', principal.type === 'unknown' ? 'the record names no usable caller'
      : h?.unknown !== undefined ? `the product of ${principal.type} ${principal.arn} at the event's time is not known: ${h.unknown}`
        : h?.deleted ? `${principal.type} ${principal.arn} had been deleted at ${h.at ?? '?'} (${h.from}${h.ref ? ` ${h.ref}` : ''})`
          : `no product tag or mapping for ${principal.type} ${principal.arn}${h ? ` at the event's time (${historyText(h)})` : ''}`);
  }
  // Made on the first unowned target: most events have none, and this runs for every targeted one.
  let unownedSeen: Set<string> | undefined;
  for (const t of targets) {
    const rp = t.product;
    if (rp === undefined) {
      if (!keep(pp)) continue;
      const u = unowned(t.arn, products, t.history);
      // Several objects of one untagged bucket in one event are one thing to tag.
      if (unownedSeen?.has(u.resourceArn)) continue;
      (unownedSeen ??= new Set()).add(u.resourceArn);
      gap('unowned-resource', u.reason, u.resourceArn);
      continue;
    }
    if (pp === undefined || rp === pp || products.isShared(rp) || !keep(pp, [rp])) continue;
    if (products.exemption(principal, t.arn, base.eventName) !== undefined) {
      out.exempted = true;
      t.exempted = true;
      continue;
    }
    // One finding per event and resource product: DeleteObjects on 500 keys is one access to be judged.
    const same = out.findings.find((x) => x.resource.product === rp);
    if (same) {
      const more = (same.resource.moreArns ??= []);
      if (more.length < 20) more.push(t.arn);
      continue;
    }
    const f: Finding = {
      eventID: base.eventID, eventTime: base.eventTime, eventSource: base.eventSource, eventName: base.eventName, source: base.source,
      awsRegion: where.awsRegion,
      severity: severityOf(record),
      principal: { arn: principal.arn, type: principal.type, product: pp },
      resource: { arn: t.arn, product: rp, via: t.via },
      recipientAccountId: where.recipientAccountId, sourceIPAddress: where.sourceIPAddress, userAgent: where.userAgent, position: where.position,
    };
    if (principal.displayName !== undefined) f.principal.displayName = principal.displayName;
    if (typeof record.errorCode === 'string') f.errorCode = record.errorCode;
    markHistory(f, caller, t);
    out.findings.push(f);
  }
  return out;
}

/** A finding whose caller or resource product came from history and differs from today's says so. */
function markHistory(f: Finding, caller: SideProduct, t: OwnedTarget): void {
  const today: NonNullable<Finding['productToday']> = {};
  const refs: string[] = [];
  if (caller.history && caller.history.today !== caller.product) {
    today.principal = caller.history.today ?? '';
    refs.push(`caller: ${historyText(caller.history)}`);
  }
  if (t.history && t.history.today !== t.product) {
    today.resource = t.history.today ?? '';
    refs.push(`resource: ${historyText(t.history)}`);
  }
  if (refs.length === 0) return;
  f.productSource = 'history';
  f.productToday = today;
  f.historyRef = refs.join('; ');
}

function historyText(h: NonNullable<SideProduct['history']>): string {
  return `${h.from}${h.ref !== undefined ? ` ${h.from === 'trail' ? 'event ' : ''}${h.ref}` : ''}${h.at !== undefined ? ` at ${h.at}` : ''}`;
}

interface OwnedTarget extends JudgedTarget {
  via: Target['via'];
  product: string | undefined;
  history?: SideProduct['history'];
}

function owned(t: Target, products: ProductIndex, at: ProductsAtTime | undefined, ms: number): OwnedTarget {
  if (at === undefined) return { arn: t.arn, via: t.via, resourceType: t.resourceType, product: products.productOfResource(t.arn) };
  const side = at.resource(t.arn, ms);
  return side.history
    ? { arn: t.arn, via: t.via, resourceType: t.resourceType, product: side.product, history: side.history }
    : { arn: t.arn, via: t.via, resourceType: t.resourceType, product: side.product };
}

/** Targets with their products, each ARN once, nested duplicates folded (see below). */
function ownedTargets(list: Target[], products: ProductIndex, at?: ProductsAtTime, ms = NaN): OwnedTarget[] {
  // Most events name one target: no set, no folding.
  if (list.length === 1) return [owned(list[0] as Target, products, at, ms)];
  const targets: OwnedTarget[] = [];
  const seen = new Set<string>();
  for (const t of list) {
    if (seen.has(t.arn)) continue; // the same ARN found by two tiers is one access
    seen.add(t.arn);
    targets.push(owned(t, products, at, ms));
  }
  if (targets.length < 2) return targets;
  // Folding is quadratic; a record naming thousands of targets (hostile or a huge batch) keeps them all.
  if (targets.length > 64) return targets;
  // A data event may name both the object and its bucket (`…:::b/k` and `…:::b`): one access, not
  // two. With a product, the object is kept (it is what was read); without one, the bucket is kept
  // (it is what someone has to tag).
  const kept: OwnedTarget[] = [];
  for (const t of targets) if (!folded(t, targets)) kept.push(t);
  return kept;
}

/** True when another target of the same product nests with `t` and is the one kept (see above). */
function folded(t: OwnedTarget, targets: OwnedTarget[]): boolean {
  for (const u of targets) {
    if (u === t || u.product !== t.product) continue;
    const owned = t.product !== undefined;
    if (owned ? nestsIn(u.arn, t.arn) : nestsIn(t.arn, u.arn)) return true;
  }
  return false;
}

/** `inner` starts with `outer/`, tested without building that string. */
function nestsIn(inner: string, outer: string): boolean {
  return inner.length > outer.length && inner.charCodeAt(outer.length) === 47 && inner.startsWith(outer);
}
