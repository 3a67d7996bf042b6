import type { AdvancedEventSelector, BasicEventSelector, FieldSelector } from './trailConfig';

/**
 * Whether a trail's event selectors log a class of events: every event of a kind on one resource
 * (its management reads, its data writes…). Advanced selectors are read as CloudTrail documents
 * them: selectors are OR-ed; the field selectors of one selector are AND-ed; within one field
 * selector the values of Equals, StartsWith and EndsWith are OR-ed, those of NotEquals,
 * NotStartsWith and NotEndsWith AND-ed, and both groups AND-ed. Basic selectors are read through
 * their advanced equivalent.
 *
 * The answer is three-valued: `all` events of the class are logged, only `some` (a prefix of a
 * bucket, some event names, one caller), or `none`. Only `all` makes a resource visible.
 */
export type Level = 'none' | 'some' | 'all';

/** One class of events: what every event of it has in its record. */
export interface EventClass {
  category: 'Management' | 'Data';
  readOnly: boolean;
  eventSource: string;
  /** Data events: CloudTrail's `resources.type`. */
  type?: string;
  /** Data events: the ARN every event names, or (prefix) what all their ARNs start with. */
  arn?: { value: string; prefix: boolean };
}

const RANK: Record<Level, number> = { none: 0, some: 1, all: 2 };
const min = (a: Level, b: Level): Level => (RANK[a] <= RANK[b] ? a : b);
const max = (a: Level, b: Level): Level => (RANK[a] >= RANK[b] ? a : b);

/** A known single value: each operator either matches it or not. */
function exact(op: string, v: string, value: string): boolean {
  switch (op) {
    case 'Equals': case 'NotEquals': return value === v;
    case 'StartsWith': case 'NotStartsWith': return value.startsWith(v);
    case 'EndsWith': case 'NotEndsWith': return value.endsWith(v);
    default: return false;
  }
}

/** How much of a set "every string starting with `p`" a positive operator selects. */
function prefixPositive(op: string, v: string, p: string): Level {
  if (op === 'StartsWith') return p.startsWith(v) ? 'all' : v.startsWith(p) ? 'some' : 'none';
  if (op === 'Equals') return v.startsWith(p) ? 'some' : 'none';
  return 'some'; // EndsWith: some keys end so
}

/** How much of the same set is left by a negative operator. */
function prefixNegative(op: string, v: string, p: string): Level {
  if (op === 'NotStartsWith') return p.startsWith(v) ? 'none' : v.startsWith(p) ? 'some' : 'all';
  if (op === 'NotEquals') return v.startsWith(p) ? 'some' : 'all';
  return 'some'; // NotEndsWith
}

const POSITIVE = ['Equals', 'StartsWith', 'EndsWith'] as const;
const NEGATIVE = ['NotEquals', 'NotStartsWith', 'NotEndsWith'] as const;

/** The value every event of the class has in a field, or undefined when the events differ in it (eventName, caller…). */
function knownValue(field: string, c: EventClass): string | undefined {
  switch (field) {
    case 'eventCategory': return c.category;
    case 'readOnly': return String(c.readOnly);
    case 'eventSource': return c.eventSource;
    case 'resources.type': return c.type;
    case 'resources.ARN': return c.arn && !c.arn.prefix ? c.arn.value : undefined;
    default: return undefined;
  }
}

/** How much of the class one field selector keeps. */
export function fieldLevel(f: FieldSelector, c: EventClass): Level {
  const ops = [...POSITIVE, ...NEGATIVE].filter((op) => Array.isArray(f[op]) && f[op]!.length > 0);
  if (ops.length === 0) return 'all';
  const value = knownValue(f.Field, c);
  const prefix = f.Field === 'resources.ARN' && c.arn?.prefix ? c.arn.value : undefined;
  // A field the class's events differ in (eventName, userIdentity.arn, errorCode…): a positive
  // operator keeps some of them, a negative one drops some.
  if (value === undefined && prefix === undefined) return f.Field === 'resources.ARN' || f.Field === 'resources.type' ? 'none' : 'some';
  let positive: Level | undefined;
  let negative: Level = 'all';
  for (const op of ops) {
    for (const v of f[op] ?? []) {
      if (typeof v !== 'string') continue;
      const isPositive = (POSITIVE as readonly string[]).includes(op);
      const level: Level = prefix !== undefined
        ? (isPositive ? prefixPositive(op, v, prefix) : prefixNegative(op, v, prefix))
        : (exact(op, v, value!) === isPositive ? 'all' : 'none');
      if (isPositive) positive = max(positive ?? 'none', level);
      else negative = min(negative, level);
    }
  }
  return min(positive ?? 'all', negative);
}

/** How much of the class one advanced selector logs (its field selectors AND-ed). */
export function selectorLevel(s: AdvancedEventSelector, c: EventClass): Level {
  let level: Level = 'all';
  const fields = Array.isArray(s.FieldSelectors) ? s.FieldSelectors : [];
  // A selector without eventCategory or (for data) resources.type is not one CloudTrail accepts.
  if (!fields.some((f) => f.Field === 'eventCategory')) return 'none';
  if (c.category === 'Data' && !fields.some((f) => f.Field === 'resources.type')) return 'none';
  for (const f of fields) level = min(level, fieldLevel(f, c));
  return level;
}

/** A basic selector as the advanced selectors that log the same events. */
export function basicToAdvanced(b: BasicEventSelector): AdvancedEventSelector[] {
  const rw = b.ReadWriteType === 'ReadOnly' ? [{ Field: 'readOnly', Equals: ['true'] }] : b.ReadWriteType === 'WriteOnly' ? [{ Field: 'readOnly', Equals: ['false'] }] : [];
  const out: AdvancedEventSelector[] = [];
  if (b.IncludeManagementEvents !== false) {
    const exclude = (b.ExcludeManagementEventSources ?? []).filter((s) => typeof s === 'string');
    out.push({ Name: 'basic: management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, ...rw, ...(exclude.length ? [{ Field: 'eventSource', NotEquals: exclude }] : [])] });
  }
  for (const d of b.DataResources ?? []) {
    if (typeof d.Type !== 'string') continue;
    const values = (d.Values ?? []).filter((v): v is string => typeof v === 'string');
    // `arn:aws:s3` (or `arn:aws:s3:::`), `arn:aws:lambda`, `arn:aws:dynamodb`: every resource of the type.
    // S3 values are bucket or key prefixes; Lambda and DynamoDB values name one function or table.
    const all = values.some((v) => /^arn:[^:]+:(s3|lambda|dynamodb)(:::)?$/.test(v));
    const arn: FieldSelector | undefined = all || values.length === 0 ? undefined
      : d.Type === 'AWS::S3::Object' ? { Field: 'resources.ARN', StartsWith: values } : { Field: 'resources.ARN', Equals: values };
    if (!all && values.length === 0) continue;
    out.push({ Name: `basic: ${d.Type}`, FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [d.Type] }, ...rw, ...(arn ? [arn] : [])] });
  }
  return out;
}

/** How much of the class a trail's selectors log (advanced when it has them, else basic), and the selector that logs the most. */
export function trailLevel(selectors: { basic?: BasicEventSelector[]; advanced?: AdvancedEventSelector[] }, c: EventClass): { level: Level; by?: string } {
  const list = selectors.advanced && selectors.advanced.length > 0 ? selectors.advanced : (selectors.basic ?? []).flatMap(basicToAdvanced);
  let best: { level: Level; by?: string } = { level: 'none' };
  for (const s of list) {
    const level = selectorLevel(s, c);
    if (RANK[level] > RANK[best.level]) best = { level, ...(s.Name ? { by: s.Name } : {}) };
    if (level === 'all') break;
  }
  return best;
}
