/**
 * CloudTrail LookupEvents, every page of one query. The 2 requests/second limit is applied by the
 * session's per-attempt gate (see clients.ts); this file only walks NextToken and converts events.
 */
import { LookupEventsCommand, type CloudTrailClient, type LookupAttributeKey } from '@aws-sdk/client-cloudtrail';
import type { LookupResource, SourcedRecord } from '../model';
import { recordFrom } from '../ingest/toRecord';
import { persist } from './concurrency';

/** One LookupEvents query: at most one attribute, as the API allows, and a time window. */
export interface LookupQuery {
  attribute?: { key: 'ResourceName' | 'Username' | 'EventSource' | 'EventName' | 'ResourceType' | 'AccessKeyId'; value: string };
  start: Date;
  end: Date;
}

/** An event as LookupEvents returns it and as the cache stores it (times as ISO strings). */
export interface LookedUpEvent {
  EventId: string;
  EventTime: string;
  CloudTrailEvent: string;
  Resources?: LookupResource[];
}

/** Yields each page's events, newest first as CloudTrail returns them. */
export async function* lookupEventPages(client: CloudTrailClient, query: LookupQuery, signal?: AbortSignal): AsyncGenerator<LookedUpEvent[]> {
  let token: string | undefined;
  do {
    signal?.throwIfAborted();
    const input = {
      StartTime: query.start,
      EndTime: query.end,
      MaxResults: 50,
      ...(query.attribute ? { LookupAttributes: [{ AttributeKey: query.attribute.key as LookupAttributeKey, AttributeValue: query.attribute.value }] } : {}),
      ...(token ? { NextToken: token } : {}),
    };
    const page = await persist(() => client.send(new LookupEventsCommand(input), { abortSignal: signal }), signal ? { signal } : {});
    const events: LookedUpEvent[] = [];
    for (const e of page.Events ?? []) {
      // An event without id or body cannot be deduplicated or checked; CloudTrail always sends both.
      if (typeof e.EventId !== 'string' || typeof e.CloudTrailEvent !== 'string') continue;
      events.push({
        EventId: e.EventId,
        EventTime: e.EventTime instanceof Date ? e.EventTime.toISOString() : '',
        CloudTrailEvent: e.CloudTrailEvent,
        ...(e.Resources?.length ? { Resources: e.Resources.map((r) => ({ ...(r.ResourceType ? { ResourceType: r.ResourceType } : {}), ...(r.ResourceName ? { ResourceName: r.ResourceName } : {}) })) } : {}),
      });
    }
    yield events;
    token = page.NextToken;
  } while (token);
}

/** Parses the record inside a looked-up event; undefined (and `onBad` told why) when it is not a record (see `recordFrom`). */
export function toSourcedRecord(e: LookedUpEvent, source: string, position: number, onBad?: (message: string) => void): SourcedRecord | undefined {
  let record: unknown;
  try {
    record = JSON.parse(e.CloudTrailEvent);
  } catch {
    onBad?.(`event ${e.EventId.slice(0, 80)}: CloudTrailEvent is not JSON`);
    return undefined;
  }
  const r = recordFrom(record, source, position, e.Resources);
  if (typeof r === 'string') {
    onBad?.(`event ${e.EventId.slice(0, 80)}: CloudTrailEvent is ${r}`);
    return undefined;
  }
  return r;
}
