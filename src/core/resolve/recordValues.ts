/**
 * One bounded walk over requestParameters and responseElements that collects what the tiers need:
 * values that already are ARNs, and every leaf value indexed by its normalised key name.
 * Records are untrusted: depth, node count and string length are capped so that a hostile record
 * costs no more than an ordinary one.
 */

export type Side = 'request' | 'response';

export interface FoundValue {
  value: string;
  /** The key that held the value (the array's key for array items), lowercased. */
  key: string;
  /** Identifies the innermost array item the value sits in, so values of one item can be paired. */
  group: number;
  side: Side;
}

export interface RecordValues {
  /** Leaf values by lowercased key name. */
  byKey: Map<string, FoundValue[]>;
  /** String values that look like ARNs, outside the context-only fields. */
  arns: FoundValue[];
}

import { looksLikeArn } from '../arn/arn';

const MAX_DEPTH = 12;
const MAX_NODES = 4000;
const MAX_STRING = 2048;

/**
 * Keys whose content describes context, not what the call acted on: KMS encryption context,
 * conditions, policies, tags, filters. ARNs there are neither targets nor related resources.
 */
const CONTEXT_KEYS = new Set([
  'encryptioncontext', 'condition', 'conditions', 'policy', 'policydocument', 'assumerolepolicydocument',
  'permissionsboundary', 'tags', 'tagset', 'tagsset', 'taglist', 'tagspecificationset', 'tagspecifications',
  'filterset', 'filters', 'filter', 'credentials', 'userdata', 'assumedroleuser', 'sourceaccount', 'resourcepolicy', 'accesspolicies', 'notificationconfiguration', 'bucketpolicy',
]);

/**
 * Tag lists under any spelling (`tagsToAdd`, `resourceTags`, `addTags`, `tagList`, `tagging`): a
 * tag's key or value may look like a name, but is never what the call acted on. Ids and ARNs of a
 * tag-named resource (`tagOptionId`) are not tag lists.
 */
function tagKey(l: string): boolean {
  if (!(l.startsWith('tag') || l.endsWith('tags') || l.endsWith('taglist') || l.endsWith('tagset'))) return false;
  return !/(id|ids|arn|arns|name|names)$/.test(l);
}

/** True when `s` has the shape `arn:partition:service:region:account:resource` (core/arn). */
export { looksLikeArn };

/**
 * JSON.parse interns keys, so the same few hundred key strings recur: lowercase each once, and
 * remember in the same lookup whether it is a context key (then the empty string).
 */
const lowerCache = new Map<string, string>();
function lower(k: string): string {
  let l = lowerCache.get(k);
  if (l === undefined) {
    l = k.toLowerCase();
    if (CONTEXT_KEYS.has(l) || tagKey(l)) l = '';
    if (lowerCache.size > 50_000) lowerCache.clear(); // keys are untrusted: bound the cache
    lowerCache.set(k, l);
  }
  return l;
}

/** `^key`, built once per key rather than once per top-level member of every request. */
const topCache = new Map<string, string>();
function topLevel(low: string): string {
  let t = topCache.get(low);
  if (t === undefined) {
    t = '^' + low;
    if (topCache.size > 50_000) topCache.clear(); // keys are untrusted: bound the cache
    topCache.set(low, t);
  }
  return t;
}

/**
 * What a record without any wanted value or ARN yields: most records, so they share it rather than
 * each allocating an empty Map and array. Callers only read RecordValues.
 */
const EMPTY_MAP = new Map<string, FoundValue[]>();
const EMPTY_ARNS: FoundValue[] = [];

class Walker {
  byKey = EMPTY_MAP;
  arns = EMPTY_ARNS;
  private nodes = 0;
  private nextGroup = 1;

  /** Keys whose values the caller will look up; undefined keeps every key. */
  constructor(private readonly wanted: ReadonlySet<string> | undefined) {}

  walk(node: unknown, key: string, group: number, side: Side, depth: number): void {
    if (++this.nodes > MAX_NODES || depth > MAX_DEPTH) return;
    if (typeof node === 'string') {
      if (node.length === 0 || node.length > MAX_STRING) return;
      const isArn = looksLikeArn(node);
      const keep = this.wanted === undefined || this.wanted.has(key);
      if (!isArn && !keep) return;
      const fv: FoundValue = { value: node, key, group, side };
      if (keep) this.add(fv);
      if (isArn) {
        if (this.arns === EMPTY_ARNS) this.arns = [fv];
        else this.arns.push(fv);
      }
    } else if (typeof node === 'number') {
      if (Number.isFinite(node) && (this.wanted === undefined || this.wanted.has(key))) this.add({ value: String(node), key, group, side });
    } else if (Array.isArray(node)) {
      for (const item of node) this.walk(item, key, this.nextGroup++, side, depth + 1);
    } else if (node !== null && typeof node === 'object') {
      for (const k in node) {
        if (!Object.prototype.hasOwnProperty.call(node, k)) continue;
        const low = lower(k);
        if (low === '') continue; // a context key (or an empty one, which names nothing)
        // CloudTrail wraps EC2 lists as `{items: [...]}` or `{item: [...]}`, and some EC2 calls log
        // XML-ish `{tag: 1, content: value}`: the enclosing key names the values.
        const childKey = low === 'items' || low === 'item' || low === 'member' || low === 'content' ? key : low;
        const child = (node as Record<string, unknown>)[k];
        this.walk(child, childKey, group, side, depth + 1);
        // A request's own top-level members (`name`, `id`) are also indexed as `^name`, `^id`:
        // generic names are trusted only there, not deep inside a configuration.
        if (depth === 0 && side === 'request' && this.wanted !== undefined && typeof child === 'string') {
          const top = topLevel(low);
          if (this.wanted.has(top)) this.walk(child, top, group, side, depth + 1);
        }
        if (this.nodes > MAX_NODES) return;
      }
    }
  }

  private add(fv: FoundValue): void {
    if (this.byKey === EMPTY_MAP) this.byKey = new Map();
    const list = this.byKey.get(fv.key);
    if (list) {
      if (list.length < 200) list.push(fv);
    } else this.byKey.set(fv.key, [fv]);
  }
}

/** Walks request then response of a record, indexing only `wanted` keys (all when undefined). */
export function collectValues(requestParameters: unknown, responseElements: unknown, wanted?: ReadonlySet<string>): RecordValues {
  const w = new Walker(wanted);
  if (requestParameters !== null && typeof requestParameters === 'object') w.walk(requestParameters, '', 0, 'request', 0);
  if (responseElements !== null && typeof responseElements === 'object') w.walk(responseElements, '', 0, 'response', 0);
  return { byKey: w.byKey, arns: w.arns };
}
