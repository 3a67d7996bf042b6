import type { CloudTrailRecord, LookupResource, SourcedRecord } from '../model';

/**
 * Either a record, or a sentence saying why the value at that position is not one. A bare union
 * rather than a wrapper object: this runs once per record, and the wrapper was garbage for each.
 */
export type Parsed = SourcedRecord | string;

const MESSAGE_LIMIT = 160;

/** Parses one element's text; JSON errors are shortened because V8 quotes the (untrusted) input in them. */
export function parseElement(text: string, source: string, position: number): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `invalid JSON (${shorten(e instanceof Error ? e.message : String(e))})`;
  }
  return toSourced(value, source, position);
}

/**
 * Turns a parsed value into a record. A `lookup-events` entry (`{"CloudTrailEvent": "<json>",
 * "Resources": [...]}`) is unwrapped wherever it appears, so `jq -c '.Events[]'` output reads too.
 */
export function toSourced(value: unknown, source: string, position: number): Parsed {
  if (!isObject(value)) return 'not a JSON object';
  const envelope = value['CloudTrailEvent'];
  if (typeof envelope === 'string' && value['eventVersion'] === undefined) {
    let inner: unknown;
    try {
      inner = JSON.parse(envelope);
    } catch (e) {
      return `CloudTrailEvent is not valid JSON (${shorten(e instanceof Error ? e.message : String(e))})`;
    }
    const r = recordFrom(inner, source, position, lookupResourcesOf(value['Resources']));
    return typeof r === 'string' ? `CloudTrailEvent is ${r}` : r;
  }
  return recordFrom(value, source, position);
}

/**
 * The one validity rule of every record constructor (files, LookupEvents, Athena rows): a JSON
 * object that says what happened (eventName or eventSource). Anything else is a sentence saying
 * why not, which the caller reports as a read error.
 */
export function recordFrom(value: unknown, source: string, position: number, lookupResources?: LookupResource[]): Parsed {
  if (!isObject(value)) return 'not a JSON object';
  if (!isRecord(value)) return 'not a CloudTrail record (no eventName or eventSource)';
  return lookupResources ? { record: value, source, position, lookupResources } : { record: value, source, position };
}

/** A record must at least say what happened; digests and other JSON objects do not. */
export function isRecord(v: unknown): v is CloudTrailRecord {
  return isObject(v) && (typeof v['eventName'] === 'string' || typeof v['eventSource'] === 'string');
}

function lookupResourcesOf(v: unknown): LookupResource[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: LookupResource[] = [];
  for (const r of v) {
    if (!isObject(r)) continue;
    const entry: LookupResource = {};
    if (typeof r['ResourceType'] === 'string') entry.ResourceType = r['ResourceType'];
    if (typeof r['ResourceName'] === 'string') entry.ResourceName = r['ResourceName'];
    if (entry.ResourceType !== undefined || entry.ResourceName !== undefined) out.push(entry);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shorten(s: string): string {
  return s.length > MESSAGE_LIMIT ? `${s.slice(0, MESSAGE_LIMIT)}…` : s;
}
