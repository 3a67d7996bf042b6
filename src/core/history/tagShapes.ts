/**
 * The shapes AWS services give tags in a request, read into one form. Every value is untrusted:
 * only strings are taken, and a shape not recognised gives `undefined` (said, not guessed).
 *
 *   { tags: { k: v } }                           Lambda, SQS CreateQueue, Logs, API Gateway
 *   { Tags: [{ Key, Value }] }, { tags: [{ key, value }] }   RDS, ELB, IAM, DynamoDB, SNS, Secrets Manager
 *   { Tags: [{ TagKey, TagValue }] }             KMS
 *   { tagSet: { items: [{ key, value }] } }      EC2 CreateTags / DeleteTags
 *   { Tagging: { TagSet: { Tag: [...] | {…} } } } S3 PutBucketTagging / PutObjectTagging
 *   { tagSpecificationSet: { items: [{ resourceType, tags: [...] }] } }  EC2 RunInstances, Create*
 *   { TagKeys: [k] }, { tagKeys: [k] }, { keys: [k] }  untag calls
 */

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function field(o: Record<string, Json>, ...names: string[]): Json {
  for (const n of names) if (Object.prototype.hasOwnProperty.call(o, n)) return o[n];
  return undefined;
}

/** One `{Key, Value}` entry in any of its spellings; the value may be absent (DeleteTags by key). */
function entry(v: Json): { key: string; value: string | undefined } | undefined {
  if (!isObject(v)) return undefined;
  const key = field(v, 'Key', 'key', 'TagKey', 'tagKey');
  if (typeof key !== 'string') return undefined;
  const value = field(v, 'Value', 'value', 'TagValue', 'tagValue');
  return { key, value: typeof value === 'string' ? value : undefined };
}

/** Entries of a list shape: an array, `{ items: [...] }`, `{ member: [...] }`, S3's `{ Tag: [...] | {...} }`. */
function entries(v: Json, depth = 0): { key: string; value: string | undefined }[] | undefined {
  if (depth > 3) return undefined;
  if (Array.isArray(v)) {
    const out: { key: string; value: string | undefined }[] = [];
    for (const x of v) {
      const e = entry(x);
      if (e === undefined) return undefined;
      out.push(e);
    }
    return out;
  }
  if (!isObject(v)) return undefined;
  const inner = field(v, 'items', 'member', 'Tag', 'TagSet', 'tagSet', 'Tags', 'tags');
  if (inner !== undefined) {
    if (isObject(inner) && entry(inner) !== undefined) return [entry(inner) as { key: string; value: string | undefined }];
    return entries(inner, depth + 1);
  }
  return undefined;
}

/** A tag map `{ k: v }` with string values only (an empty object is an empty map). */
function tagMap(v: Json): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string') return undefined;
    out[k] = x;
  }
  return out;
}

const TAG_FIELDS = ['tags', 'Tags', 'tagSet', 'tagsSet', 'TagSet', 'Tagging', 'tagging', 'TagList', 'tagList', 'tagsList'];

/**
 * The tags a request sets, as a map, or undefined when it has no tag field this reader knows.
 * Entries without a value are taken as an empty value.
 */
export function requestTags(params: Json): Record<string, string> | undefined {
  if (!isObject(params)) return undefined;
  for (const name of TAG_FIELDS) {
    if (!Object.prototype.hasOwnProperty.call(params, name)) continue;
    const v = params[name];
    const list = entries(v);
    if (list !== undefined) return Object.fromEntries(list.map((e) => [e.key, e.value ?? '']));
    const map = tagMap(v);
    // `{ Tag: …, TagSet: … }` wrappers were read by `entries`; a map holds only strings.
    if (map !== undefined) return map;
  }
  // API Gateway wraps its request: `{ tagResourceInput: { tags: {…} } }`.
  for (const [k, v] of Object.entries(params)) if (/(Input|Request)$/.test(k) && isObject(v)) return requestTags(v);
  return undefined;
}

/** The tag keys a request removes (`TagKeys`, `tagKeys`, `keys`, or EC2's `tagSet` by key), or undefined. */
export function requestRemovedKeys(params: Json): string[] | undefined {
  if (!isObject(params)) return undefined;
  for (const name of ['TagKeys', 'tagKeys', 'keys', 'Keys', 'TagKeyList', 'tagKeyList']) {
    const v = params[name];
    const list = isObject(v) ? field(v, 'member', 'items') : v;
    if (Array.isArray(list) && list.every((k) => typeof k === 'string')) return list as string[];
  }
  const set = requestTags(params);
  return set !== undefined ? Object.keys(set) : undefined;
}


/**
 * Tags given per created resource type (EC2's `tagSpecificationSet` / `TagSpecifications`):
 * the tags for `resourceType` (`instance`, `volume`…), or undefined when the request has none for it.
 */
export function specificationTags(params: Json, resourceType: string): Record<string, string> | undefined {
  if (!isObject(params)) return undefined;
  const spec = field(params, 'tagSpecificationSet', 'TagSpecifications', 'tagSpecifications', 'TagSpecification');
  if (spec === undefined) return undefined;
  const items = isObject(spec) ? field(spec, 'items', 'member') : spec;
  if (!Array.isArray(items)) return undefined;
  const want = resourceType.toLowerCase().replace(/[^a-z]/g, '');
  for (const it of items) {
    if (!isObject(it)) continue;
    const type = field(it, 'resourceType', 'ResourceType');
    if (typeof type !== 'string' || type.toLowerCase().replace(/[^a-z]/g, '') !== want) continue;
    const list = entries(field(it, 'tags', 'Tags', 'tagSet') ?? []);
    if (list !== undefined) return Object.fromEntries(list.map((e) => [e.key, e.value ?? '']));
  }
  return undefined;
}
