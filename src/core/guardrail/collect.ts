/**
 * Collects what the replay needs from the check's own judgement of each event (the `onEvent` hook
 * of the runner): the event's IAM actions, its caller, and each target with the product the check
 * gave it at the event's time. Nothing is judged again here and no tag is looked up. Events with
 * the same request context (actions, caller, products, target) are one item with a count, so that
 * a long window stays small; `perEvent` keeps one item per event (the cross-check tests use it).
 */
import type { Judgement } from '../check/judge';
import type { ProductMapping, ResolvedEvent } from '../model';
import { ArnPattern } from '../attribute/arnPattern';
import { parentArn } from '../arn/arn';

/** How a target relates to its caller, as the check judged it. */
export type Relation = 'cross' | 'same' | 'shared' | 'exempted' | 'untagged' | 'service';

/** One request context of the window, with how many events had it. */
export interface ReplayItem {
  actions: string[];
  principalArn: string;
  principalType: string;
  principalAccount: string;
  /** The caller's product as judged; undefined when it has none. */
  principalProduct?: string;
  /** True when that product reaches AWS as the principal's tag (false: from a mapping pattern). */
  principalTagged: boolean;
  resourceArn: string;
  resourceType?: string;
  resourceProduct?: string;
  resourceTagged: boolean;
  relation: Relation;
  region: string;
  account: string;
  count: number;
  /** The events with this context (every one for cross-product accesses, else the first three). */
  examples: { eventID: string; eventTime: string; eventName: string }[];
}

export interface CollectedWindow {
  items: ReplayItem[];
  /** Every IAM action seen on a target, for the proposal's action list. */
  seenActions: Set<string>;
  /** In-scope events and those the replay cannot build a request on. */
  events: number;
  noTarget: number;
  /** Events whose resolution named no IAM action (cannot be replayed; counted, not dropped). */
  noAction: number;
  /**
   * Events of callers other than AWS services with no target, by IAM action: calls that name no
   * resource (List*, Describe*), and with a `\u0000gap` suffix, calls whose resource the resolver could not name.
   */
  noTargetActions: Map<string, number>;
}

function s(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

interface CompiledMapping {
  principals: { pattern: ArnPattern; product: string }[];
  resources: { pattern: ArnPattern; product: string }[];
}

/** Collects the judged events of a check; pass `add` as (part of) the runner's `onEvent`. */
export class ReplayCollector {
  private readonly byKey = new Map<string, ReplayItem>();
  private readonly mapping: CompiledMapping;
  private readonly shared: Set<string>;
  readonly seenActions = new Set<string>();
  private events = 0;
  private noTarget = 0;
  private noAction = 0;
  private readonly noTargetActions = new Map<string, number>();

  constructor(mapping: ProductMapping | undefined, private readonly perEvent = false) {
    const compile = (l: { pattern: string; product: string }[] | undefined): CompiledMapping['principals'] => (l ?? []).map((e) => ({ pattern: new ArnPattern(e.pattern), product: e.product }));
    this.mapping = { principals: compile(mapping?.principals), resources: compile(mapping?.resources) };
    this.shared = new Set(mapping?.sharedProducts ?? []);
  }

  /**
   * True when the mapping file (static, not tags) gives the caller this product, the way the check
   * tries it after tags: then the product may not be a tag in AWS, and the replay treats the caller
   * as untagged (the guardrail's `ArnLike` statements cover it).
   */
  private principalMapped(ev: ResolvedEvent, product: string): boolean {
    if (this.mapping.principals.length === 0) return false;
    const p = ev.principal;
    for (const v of [p.arn, p.sessionArn, p.issuerArn]) {
      if (v === undefined) continue;
      for (const m of this.mapping.principals) if (m.pattern.matches(v)) return m.product === product;
    }
    return false;
  }

  private resourceMapped(arn: string, product: string): boolean {
    if (this.mapping.resources.length === 0) return false;
    for (let a: string | undefined = arn, depth = 0; a !== undefined && depth < 5; a = parentArn(a), depth++) {
      for (const m of this.mapping.resources) if (m.pattern.matches(a)) return m.product === product;
    }
    return false;
  }

  /** The runner's `onEvent`: every in-scope event with the check's judgement (undefined: nothing to judge). */
  add = (ev: ResolvedEvent, j: Judgement | undefined): void => {
    this.events++;
    const r = ev.record;
    const p = ev.principal;
    const isService = p.type === 'aws-service';
    const targets = j?.targets ?? (isService ? ev.resolution.targets.map((t) => ({ arn: t.arn, product: undefined, resourceType: t.resourceType })) : []);
    if (targets.length === 0) {
      this.noTarget++;
      // Keyed `action` for calls that name no resource, `action\u0000gap` where the resolver could not name it.
      const gap = ev.resolution.status === 'unresolved' || ev.resolution.status === 'partial' ? '\u0000gap' : '';
      if (!isService) for (const action of ev.resolution.actions.length > 0 ? ev.resolution.actions : [`${s(r.eventSource).split('.')[0]}:${s(r.eventName)}`]) {
        const a = action + gap;
        if (this.noTargetActions.size < 10_000 || this.noTargetActions.has(a)) this.noTargetActions.set(a, (this.noTargetActions.get(a) ?? 0) + 1);
      }
      return;
    }
    const actions = ev.resolution.actions;
    if (actions.length === 0) {
      this.noAction++;
      return;
    }
    for (const a of actions) this.seenActions.add(a);
    const pp = j?.principalProduct;
    const principalTagged = pp !== undefined && !this.principalMapped(ev, pp);
    const region = s(r.awsRegion);
    const account = s(r.recipientAccountId);
    const principalAccount = p.accountId ?? account;
    const example = { eventID: s(r.eventID), eventTime: s(r.eventTime), eventName: s(r.eventName) };
    for (const t of targets) {
      const rp = t.product;
      const relation: Relation = isService ? 'service'
        : pp === undefined || rp === undefined ? 'untagged'
        : rp === pp ? 'same'
        : this.shared.has(rp) ? 'shared'
        : 'exempted' in t && t.exempted === true ? 'exempted'
        : 'cross';
      const resourceTagged = rp !== undefined && !this.resourceMapped(t.arn, rp);
      const key = [this.perEvent ? example.eventID : '', actions.join(','), p.arn, p.type, principalAccount, pp ?? '', principalTagged ? 1 : 0, t.arn, t.resourceType ?? '', rp ?? '', resourceTagged ? 1 : 0, relation, account].join('\u0000');
      const had = this.byKey.get(key);
      if (had) {
        had.count++;
        // Cross-product accesses are few (they are the findings) and each is listed; others keep a few.
        if (had.examples.length < (relation === 'cross' ? 10_000 : 3)) had.examples.push(example);
        continue;
      }
      this.byKey.set(key, {
        actions, principalArn: p.arn, principalType: p.type, principalAccount,
        ...(pp !== undefined ? { principalProduct: pp } : {}), principalTagged,
        resourceArn: t.arn, ...(t.resourceType !== undefined ? { resourceType: t.resourceType } : {}),
        ...(rp !== undefined ? { resourceProduct: rp } : {}), resourceTagged,
        relation, region, account, count: 1, examples: [example],
      });
    }
  };

  finish(): CollectedWindow {
    return { items: [...this.byKey.values()], seenActions: this.seenActions, events: this.events, noTarget: this.noTarget, noAction: this.noAction, noTargetActions: this.noTargetActions };
  }
}
