/**
 * AWS Config over awsJson1_1 (target prefix `StarlingDoveService`): SelectResourceConfig,
 * SelectAggregateResourceConfig, GetResourceConfigHistory, ListDiscoveredResources and
 * DescribeConfigurationRecorderStatus,
 * answered from the endpoint's accounts (see `configState.ts`), with NextToken pages.
 */
import type { EndpointState, KeyIdentity } from '../state';
import { ServiceError, makeToken, readToken } from '../wire';
import { accountRegions, configOf, currentItems, globalRegionOf, isRecording, type StoredItem } from './configState';
import { matches, parseQuery, row } from './configQuery';

function limitOf(v: unknown, max: number, fallback: number): number {
  if (v === undefined || v === 0) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new ServiceError(400, 'InvalidLimitException', `The limit must be between 0 and ${max}.`);
  return n;
}

function sorted(items: StoredItem[]): StoredItem[] {
  return items.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

/** What one account's recorder in one region holds now (its global resources if it records them). */
function recorderItems(state: EndpointState, account: string, region: string): StoredItem[] {
  if (!isRecording(state, account, region)) return [];
  return [...currentItems(state, account, region), ...(globalRegionOf(state, account) === region ? currentItems(state, account, 'global') : [])];
}

function select(items: StoredItem[], input: Record<string, unknown>, cap: number, scope: string): unknown {
  if (typeof input.Expression !== 'string') throw new ServiceError(400, 'ValidationException', 'Expression is required.');
  const q = parseQuery(input.Expression);
  const per = Math.min(limitOf(input.Limit ?? input.MaxResults, 100, 100), cap);
  const all = sorted(items.filter((i) => matches(q, i)));
  const query = `${scope}:${input.Expression}`;
  const offset = readToken(typeof input.NextToken === 'string' && input.NextToken ? input.NextToken : undefined, query, 'InvalidNextTokenException');
  return {
    Results: all.slice(offset, offset + per).map((i) => row(q, i)),
    QueryInfo: { SelectFields: q.fields.map((Name) => ({ Name })) },
    ...(offset + per < all.length ? { NextToken: makeToken(offset + per, query) } : {}),
  };
}

function epoch(v: unknown, field: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number') throw new ServiceError(400, 'SerializationException', `${field} must be a timestamp`);
  return v * 1000;
}

function history(state: EndpointState, account: string, region: string, input: Record<string, unknown>): unknown {
  const type = String(input.resourceType ?? '');
  const id = String(input.resourceId ?? '');
  if (!type || !id) throw new ServiceError(400, 'ValidationException', 'resourceType and resourceId are required.');
  const limit = limitOf(input.limit, 100, 10);
  const later = epoch(input.laterTime, 'laterTime') ?? Infinity;
  const earlier = epoch(input.earlierTime, 'earlierTime') ?? -Infinity;
  if (earlier > later) throw new ServiceError(400, 'InvalidTimeRangeException', 'The earlier time is after the later time.');
  if (!isRecording(state, account, region)) throw new ServiceError(400, 'NoAvailableConfigurationRecorderException', 'There are no configuration recorders available to provide the ARN.');
  const here = (i: StoredItem): boolean => i.account === account && i.resourceType === type && i.resourceId === id && (i.region === region || (i.region === 'global' && globalRegionOf(state, account) === region));
  let items = [...configOf(state).history.values()].flat().filter(here);
  if (items.length === 0) {
    // No recorded past: the current item is the whole history.
    const now = [...currentItems(state, account, region), ...(globalRegionOf(state, account) === region ? currentItems(state, account, 'global') : [])].filter(here);
    items = now;
  }
  if (items.length === 0) throw new ServiceError(400, 'ResourceNotDiscoveredException', `Resource ${id} of resourceType:${type} is unknown or has not been discovered`);
  const inRange = items.filter((i) => { const t = Date.parse(i.capturedAt); return t >= earlier && t <= later; })
    .sort((a, b) => Date.parse(a.capturedAt) - Date.parse(b.capturedAt));
  if (input.chronologicalOrder !== 'Forward') inRange.reverse();
  const query = JSON.stringify([account, region, type, id, input.laterTime, input.earlierTime, input.chronologicalOrder]);
  const offset = readToken(typeof input.nextToken === 'string' && input.nextToken ? input.nextToken : undefined, query, 'InvalidNextTokenException');
  return {
    configurationItems: inRange.slice(offset, offset + limit).map((i) => ({
      version: '1.3', accountId: i.account, configurationItemCaptureTime: Date.parse(i.capturedAt) / 1000, configurationItemStatus: i.status,
      configurationStateId: String(Date.parse(i.capturedAt)), arn: i.arn, resourceType: i.resourceType, resourceId: i.resourceId,
      awsRegion: i.region, tags: i.tags, relatedEvents: [], relationships: [], configuration: i.status === 'ResourceDeleted' ? null : '{}',
    })),
    ...(offset + limit < inRange.length ? { nextToken: makeToken(offset + limit, query) } : {}),
  };
}

/** Current resources of a type in a region, and with `includeDeletedResources` the deleted ones with their deletion time. */
function discovered(state: EndpointState, account: string, region: string, input: Record<string, unknown>): unknown {
  const type = String(input.resourceType ?? '');
  if (!type) throw new ServiceError(400, 'ValidationException', 'resourceType is required.');
  const limit = limitOf(input.limit, 100, 100);
  if (!isRecording(state, account, region)) return { resourceIdentifiers: [] };
  const inRegion = (i: StoredItem): boolean => i.account === account && i.resourceType === type && (i.region === region || (i.region === 'global' && globalRegionOf(state, account) === region));
  const now = recorderItems(state, account, region).filter(inRegion).map((i) => ({ resourceType: i.resourceType, resourceId: i.resourceId, resourceName: i.resourceId }));
  const deleted = input.includeDeletedResources === true
    ? [...configOf(state).history.values()].flatMap((items) => { const last = items[items.length - 1]; return last && last.status === 'ResourceDeleted' && inRegion(last) ? [{ resourceType: last.resourceType, resourceId: last.resourceId, resourceName: last.resourceId, resourceDeletionTime: Date.parse(last.capturedAt) / 1000 }] : []; })
    : [];
  const all = [...now, ...deleted].sort((a, b) => (a.resourceId < b.resourceId ? -1 : 1));
  const query = JSON.stringify([account, region, type, input.includeDeletedResources]);
  const offset = readToken(typeof input.nextToken === 'string' && input.nextToken ? input.nextToken : undefined, query, 'InvalidNextTokenException');
  return { resourceIdentifiers: all.slice(offset, offset + limit), ...(offset + limit < all.length ? { nextToken: makeToken(offset + limit, query) } : {}) };
}

export function configOperation(state: EndpointState, caller: KeyIdentity, region: string, operation: string, input: Record<string, unknown>, cap: number): unknown {
  const account = caller.account;
  switch (operation) {
    case 'DescribeConfigurationRecorderStatus': {
      const how = configOf(state).notRecording.get(`${account}:${region}`);
      if (how === 'none') return { ConfigurationRecordersStatus: [] };
      return { ConfigurationRecordersStatus: [{ arn: `arn:aws:config:${region}:${account}:configuration-recorder/default/x`, name: 'default', recording: how !== 'stopped', lastStatus: how === 'stopped' ? 'Failure' : 'Success', ...(how === 'stopped' ? { lastErrorCode: 'AccessDenied' } : {}), lastStartTime: Date.parse('2024-01-15T09:00:00Z') / 1000 }] };
    }
    case 'SelectResourceConfig':
      return select(recorderItems(state, account, region), input, cap, `${account}:${region}`);
    case 'SelectAggregateResourceConfig': {
      const name = String(input.ConfigurationAggregatorName ?? '');
      const agg = configOf(state).aggregators.find((a) => a.owner === account && a.region === region && a.name === name);
      if (!agg) throw new ServiceError(400, 'NoSuchConfigurationAggregatorException', `The configuration aggregator does not exist. Check the configuration aggregator name and try again.`);
      if (agg.denied) throw new ServiceError(400, 'AccessDeniedException', `User: ${caller.arn} is not authorized to perform: config:SelectAggregateResourceConfig on resource: arn:aws:config:${region}:${account}:config-aggregator/config-aggregator-${name.length}`);
      // An account's regions, and the one recording its IAM principals even where it has no other resource.
      const regionsOfAccount = (a: string): string[] => [...new Set([...accountRegions(state, a), globalRegionOf(state, a) ?? ''])].filter(Boolean);
      const items = agg.accounts.flatMap((a) => regionsOfAccount(a).flatMap((r) => recorderItems(state, a, r)));
      return select(items, input, cap, `agg:${account}:${region}:${name}`);
    }
    case 'ListDiscoveredResources':
      return discovered(state, account, region, input);
    case 'GetResourceConfigHistory':
      return history(state, account, region, input);
    default:
      throw new ServiceError(400, 'UnknownOperationException', `Unknown operation ${operation}`);
  }
}
