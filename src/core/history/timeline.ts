/**
 * The product tag of each ARN over time, from tag observations (the trail's tag events and
 * creations, AWS Config's history) and today's inventory. `productAt(arn, time)` answers with the
 * product in force at that time and where the answer came from.
 *
 * Per tag key, the value at time t is the last observation at or before t that names the key (a
 * whole tag set, a set, a removal, a deletion). A tag call takes effect after its own event (the
 * TagResource itself is judged by the tags it replaced); a creation from its own event on. Before
 * the first observation naming a key, the value is unknown when a later observation changes it
 * (the trail says what was set, never what was there), and today's value when nothing in the window
 * touched it. A creation without tags in its request (CreateBucket, then PutBucketTagging) takes the
 * first tags given afterwards, or today's: the creator's tags, not a moment without an owner.
 */
import type { Tag } from '../model';
import type { TagObservation } from '../model/tagHistory';
import { iamNameKey } from '../arn/arn';

export type HistorySource = TagObservation['source'];

/** The product of an ARN at a time, as the history tells it. */
export interface ProductAt {
  /** The product in force; undefined when untagged then, deleted, or unknown (see `unknown`). */
  product: string | undefined;
  /** Where the answer came from: an observation's source, or `today` (the inventory). */
  from: HistorySource | 'today';
  /** The observation's reference (event id, Config capture) and time, when `from` is not `today`. */
  ref?: string;
  at?: string;
  /** Set when the history cannot tell the product at that time: why, for the gap's reason. */
  unknown?: string;
  /** True when the resource had been deleted by that time. */
  deleted?: boolean;
}

interface Step {
  ms: number;
  obs: TagObservation;
}

type KeyValue = { kind: 'value'; value: string | undefined; step: Step } | { kind: 'gone'; step: Step } | { kind: 'pending'; step: Step };

/** The key an ARN is filed under: IAM roles and users by account and name (paths differ between records). */
export function timelineKey(arn: string): string {
  return iamNameKey(arn) ?? arn;
}

function mention(obs: TagObservation, key: string): KeyValue['kind'] | 'value' | undefined {
  if (obs.deleted) return 'gone';
  if (obs.tags !== undefined) return 'value';
  if (obs.set !== undefined && Object.prototype.hasOwnProperty.call(obs.set, key)) return 'value';
  if (obs.removed?.includes(key)) return 'value';
  if (obs.created) return 'pending';
  return undefined;
}

function valueIn(obs: TagObservation, key: string): string | undefined {
  if (obs.tags !== undefined) return Object.prototype.hasOwnProperty.call(obs.tags, key) ? obs.tags[key] : undefined;
  if (obs.set !== undefined && Object.prototype.hasOwnProperty.call(obs.set, key)) return obs.set[key];
  return undefined; // removed
}

/** True when an observation made at `step` is in force for an event at `ms`. */
function inForce(step: Step, ms: number): boolean {
  return step.obs.created && !step.obs.deleted ? step.ms <= ms : step.ms < ms;
}

export class TagTimeline {
  private readonly byKey = new Map<string, Step[]>();
  /** Observations dropped for an unreadable time, counted for the scope note. */
  readonly unusable: number = 0;

  constructor(observations: readonly TagObservation[], private readonly tagKeys: readonly string[], private readonly todayTags: (arn: string) => Tag[] | undefined) {
    let unusable = 0;
    for (const obs of observations) {
      const ms = Date.parse(obs.time);
      if (Number.isNaN(ms) || typeof obs.arn !== 'string') {
        unusable++;
        continue;
      }
      const k = timelineKey(obs.arn);
      const list = this.byKey.get(k) ?? this.byKey.set(k, []).get(k)!;
      list.push({ ms, obs });
    }
    for (const list of this.byKey.values()) list.sort((a, b) => a.ms - b.ms || rank(a.obs) - rank(b.obs));
    this.unusable = unusable;
  }

  /** Today's tags of an ARN, as the inventory has them. */
  todayTagsOf(arn: string): Tag[] | undefined {
    return this.todayTags(arn);
  }

  /** How many ARNs have history. */
  get size(): number {
    return this.byKey.size;
  }

  has(arn: string): boolean {
    return this.byKey.has(timelineKey(arn));
  }

  /** ARNs with history, as observed (for the Athena scan's widening and tests). */
  arns(): string[] {
    const out: string[] = [];
    for (const list of this.byKey.values()) if (list[0]) out.push(list[0].obs.arn);
    return out;
  }

  /** The observations of one ARN in time order. */
  observationsOf(arn: string): readonly TagObservation[] {
    return (this.byKey.get(timelineKey(arn)) ?? []).map((s) => s.obs);
  }

  /** The product of `arn` at `ms`, or undefined when it has no history (then today's tags decide). */
  productAt(arn: string, ms: number): ProductAt | undefined {
    const steps = this.byKey.get(timelineKey(arn));
    if (steps === undefined) return undefined;
    let today: Tag[] | undefined | null = null; // read once, only when needed
    const todayValue = (key: string): string | undefined => {
      if (today === null) today = this.todayTags(arn);
      return today?.find((t) => t.key === key)?.value;
    };
    // Steps are sorted by time: the ones in force are a prefix, found by a binary search (the
    // events of a long check ask about ARNs with many observations).
    const inForceCount = prefixInForce(steps, ms);
    const exists = this.todayTags(steps[0]?.obs.arn ?? '') !== undefined;
    for (const key of this.tagKeys) {
      const v = this.valueAt(steps, key, inForceCount, exists);
      if (v === 'today') {
        const value = todayValue(key);
        if (value !== undefined && value !== '') return { product: value, from: 'today' };
        continue;
      }
      if ('unknown' in v) return { product: undefined, from: v.step.obs.source, ...refOf(v.step), unknown: v.unknown };
      if (v.deleted) return { product: undefined, from: v.step.obs.source, ...refOf(v.step), deleted: true };
      if (v.fromToday) {
        const value = todayValue(key);
        if (value !== undefined && value !== '') return { product: value, from: v.step.obs.source, ...refOf(v.step) };
        continue;
      }
      if (v.value !== undefined && v.value !== '') return { product: v.value, from: v.step.obs.source, ...refOf(v.step) };
    }
    // No key gives a product: untagged at that time, by the last observation in force.
    let last: Step | undefined;
    for (let i = firstAfter(steps, ms) - 1; i >= 0; i--) {
      const s = steps[i] as Step;
      if (inForce(s, ms)) {
        last = s;
        break;
      }
    }
    return last ? { product: undefined, from: last.obs.source, ...refOf(last) } : { product: undefined, from: 'today' };
  }

  private valueAt(steps: Step[], key: string, inForceCount: number, exists: boolean):
    | 'today'
    | { unknown: string; step: Step }
    | { value?: string; step: Step; deleted?: boolean; fromToday?: boolean } {
    // The last step in force that names the key.
    let found: { kind: string; step: Step; index: number } | undefined;
    for (let i = inForceCount - 1; i >= 0; i--) {
      const s = steps[i] as Step;
      const m = mention(s.obs, key);
      if (m !== undefined) {
        found = { kind: m, step: s, index: i };
        break;
      }
    }
    // A resource in today's inventory that the trail shows deleted was created again since: after
    // the deletion it has the tags a later call gives it, or today's; before it, today's stand in
    // for the old resource's when nothing else tells them (what a check without history does).
    if (found === undefined) {
      // None in force names it: the first that does is after them.
      let later: Step | undefined;
      for (let i = inForceCount; i < steps.length; i++) {
        const s = steps[i] as Step;
        if (mention(s.obs, key) !== undefined) {
          later = s;
          break;
        }
      }
      if (later === undefined || (later.obs.deleted && exists)) return 'today';
      return { unknown: `its tags before ${later.obs.time} are not known: ${describe(later.obs)} then, and nothing records them earlier`, step: later };
    }
    if (found.kind === 'gone') return exists ? { step: found.step, fromToday: true } : { step: found.step, deleted: true };
    if (found.kind === 'value') return { value: valueIn(found.step.obs, key), step: found.step };
    // Created without tags in the request: the first tags given afterwards, or today's.
    for (let i = found.index + 1; i < steps.length; i++) {
      const s = steps[i] as Step;
      const m = mention(s.obs, key);
      if (m === 'value') return { value: valueIn(s.obs, key), step: s };
      if (m === 'gone') return { unknown: `it was created at ${found.step.obs.time} without tags in the request and deleted at ${s.obs.time} before any tag call`, step: s };
      if (m === 'pending') break;
    }
    return { step: found.step, fromToday: true };
  }
}

/** The index of the first step later than `ms` (steps sorted by time). */
function firstAfter(steps: readonly Step[], ms: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((steps[mid] as Step).ms <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many steps from the first are in force at `ms`: all earlier ones, then same-time ones up to the first not in force. */
function prefixInForce(steps: readonly Step[], ms: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((steps[mid] as Step).ms < ms) lo = mid + 1;
    else hi = mid;
  }
  while (lo < steps.length && inForce(steps[lo] as Step, ms)) lo++;
  return lo;
}

/** Same-time observations: a creation before the tag calls, a deletion after them. */
function rank(o: TagObservation): number {
  return o.created ? 0 : o.deleted ? 2 : 1;
}

function refOf(s: Step): { ref?: string; at: string } {
  return { ...(s.obs.ref !== undefined ? { ref: s.obs.ref } : {}), at: s.obs.time };
}

function describe(o: TagObservation): string {
  const by = o.source === 'trail' ? `the trail${o.ref ? ` (event ${o.ref})` : ''}` : `${o.source}${o.ref ? ` (${o.ref})` : ''}`;
  if (o.deleted) return `${by} shows it deleted`;
  if (o.created) return `${by} shows it created`;
  return `${by} shows its tags changed`;
}
