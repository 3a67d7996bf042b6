/** CloudTrail over awsJson1_1: LookupEvents (newest first, NextToken pages); the trail calls are in cloudtrailTrails.ts. */
import type { EndpointState, StoredEvent } from '../state';
import { ServiceError, makeToken, readToken } from '../wire';

const ATTRIBUTE_MATCH: Record<string, (e: StoredEvent, v: string) => boolean> = {
  EventId: (e, v) => e.EventId === v,
  EventName: (e, v) => e.EventName === v,
  EventSource: (e, v) => e.EventSource === v,
  Username: (e, v) => e.Username === v,
  AccessKeyId: (e, v) => e.AccessKeyId === v,
  ReadOnly: (e, v) => e.ReadOnly === v,
  ResourceName: (e, v) => (e.Resources ?? []).some((r) => r.ResourceName === v),
  ResourceType: (e, v) => (e.Resources ?? []).some((r) => r.ResourceType === v),
};

function epochToMs(v: unknown, field: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number') throw new ServiceError(400, 'SerializationException', `${field} must be a timestamp`);
  return v * 1000;
}

export function lookupEvents(state: EndpointState, account: string, region: string, input: Record<string, unknown>): unknown {
  const max = input.MaxResults === undefined ? 50 : Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 1 || max > 50) throw new ServiceError(400, 'InvalidMaxResultsException', 'MaxResults must be between 1 and 50.');
  const attrs = Array.isArray(input.LookupAttributes) ? (input.LookupAttributes as { AttributeKey?: string; AttributeValue?: string }[]) : [];
  if (attrs.length > 1) throw new ServiceError(400, 'InvalidLookupAttributesException', 'You can specify only one lookup attribute.');
  const attr = attrs[0];
  const match = attr ? ATTRIBUTE_MATCH[attr.AttributeKey ?? ''] : undefined;
  if (attr && !match) throw new ServiceError(400, 'InvalidLookupAttributesException', 'Unknown lookup attribute.');
  const start = epochToMs(input.StartTime, 'StartTime') ?? -Infinity;
  const end = epochToMs(input.EndTime, 'EndTime') ?? Infinity;
  if (start > end) throw new ServiceError(400, 'InvalidTimeRangeException', 'StartTime is after EndTime.');
  const query = JSON.stringify([attr?.AttributeKey, attr?.AttributeValue, input.StartTime, input.EndTime]);
  const offset = readToken(input.NextToken as string | undefined, query, 'InvalidNextTokenException');
  const all = (state.events.get(`${account}:${region}`) ?? [])
    .filter((e) => { const t = Date.parse(e.EventTime); return t >= start && t <= end && (!match || match(e, attr!.AttributeValue ?? '')); })
    .sort((a, b) => Date.parse(b.EventTime) - Date.parse(a.EventTime) || (a.EventId < b.EventId ? -1 : 1));
  const page = all.slice(offset, offset + max);
  return {
    Events: page.map((e) => ({ ...e, EventTime: Date.parse(e.EventTime) / 1000 })),
    ...(offset + max < all.length ? { NextToken: makeToken(offset + max, query) } : {}),
  };
}
