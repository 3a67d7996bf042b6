/**
 * What the local endpoint serves: one or more accounts' principals, tagged resources, CloudTrail
 * events, trails and S3 objects, plus the access keys it accepts. Built by `demoState.ts` from the
 * demo account or by tests through the builders here.
 */
import { randomBytes } from 'node:crypto';

export interface Principal { name: string; arn: string; tags: { Key: string; Value: string }[]; mfaSerial?: string; path?: string }

export interface StoredEvent {
  EventId: string;
  EventName: string;
  EventSource: string;
  /** ISO 8601. */
  EventTime: string;
  Username?: string;
  AccessKeyId?: string;
  ReadOnly?: string;
  Resources?: { ResourceType?: string; ResourceName?: string }[];
  CloudTrailEvent: string;
}

export interface StoredTrail {
  Name: string; S3BucketName: string; S3KeyPrefix?: string; HomeRegion: string; IsMultiRegionTrail: boolean; IsOrganizationTrail: boolean;
  /** Default true. */
  IncludeGlobalServiceEvents?: boolean;
  /** GetTrailStatus: default true (logging). */
  IsLogging?: boolean;
  /** ISO 8601, for a stopped trail. */
  StopLoggingTime?: string;
  /** GetEventSelectors: basic or advanced, as the API takes them; neither means AWS's default (all management events). */
  EventSelectors?: unknown[];
  AdvancedEventSelectors?: unknown[];
}

/** An access key the endpoint accepts and who it belongs to. */
export interface KeyIdentity { secretAccessKey: string; sessionToken?: string; account: string; arn: string; userId: string }

export interface EndpointState {
  keys: Map<string, KeyIdentity>;
  users: Map<string, Principal[]>; // by account
  roles: Map<string, Principal[]>; // by account
  /** Tagged resources by `account:region`. */
  resources: Map<string, { ResourceARN: string; Tags: { Key: string; Value: string }[] }[]>;
  /** Events by `account:region`, any order (served newest first). */
  events: Map<string, StoredEvent[]>;
  trails: Map<string, StoredTrail[]>; // by account
  /** Objects by bucket, then key. */
  buckets: Map<string, Map<string, { body: Buffer; lastModified: Date }>>;
  /** IAM Identity Center access tokens the portal accepts, with the account and user they sign in. */
  ssoTokens: Map<string, { account: string; user: string }>;
}

export function emptyState(): EndpointState {
  return { keys: new Map(), users: new Map(), roles: new Map(), resources: new Map(), events: new Map(), trails: new Map(), buckets: new Map(), ssoTokens: new Map() };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v); else m.set(k, [v]);
}

export function addUser(s: EndpointState, account: string, name: string, tags: Record<string, string> = {}): Principal {
  const p = { name, arn: `arn:aws:iam::${account}:user/${name}`, tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
  push(s.users, account, p);
  return p;
}

export function addRole(s: EndpointState, account: string, name: string, tags: Record<string, string> = {}, mfaSerial?: string): Principal {
  const p = { name, arn: `arn:aws:iam::${account}:role/${name}`, tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })), ...(mfaSerial ? { mfaSerial } : {}) };
  push(s.roles, account, p);
  return p;
}

export function addResource(s: EndpointState, account: string, region: string, arn: string, tags: Record<string, string>): void {
  push(s.resources, `${account}:${region}`, { ResourceARN: arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) });
}

/** Adds a CloudTrail record as LookupEvents would list it (the envelope fields are derived from it). */
export function addEvent(s: EndpointState, account: string, region: string, record: Record<string, unknown>, resources?: StoredEvent['Resources']): StoredEvent {
  const ui = (record.userIdentity ?? {}) as Record<string, unknown>;
  const e: StoredEvent = {
    EventId: String(record.eventID),
    EventName: String(record.eventName),
    EventSource: String(record.eventSource),
    EventTime: String(record.eventTime),
    ...(typeof ui.userName === 'string' ? { Username: ui.userName } : {}),
    ...(typeof ui.accessKeyId === 'string' ? { AccessKeyId: ui.accessKeyId } : {}),
    ReadOnly: String(record.readOnly ?? 'false'),
    ...(resources ? { Resources: resources } : {}),
    CloudTrailEvent: JSON.stringify(record),
  };
  push(s.events, `${account}:${region}`, e);
  return e;
}

export function putObject(s: EndpointState, bucket: string, key: string, body: Buffer, lastModified = new Date()): void {
  let b = s.buckets.get(bucket);
  if (!b) { b = new Map(); s.buckets.set(bucket, b); }
  b.set(key, { body, lastModified });
}

/** Registers an access key for a principal; returns the key pair to write into a credentials file. */
export function addKey(s: EndpointState, account: string, arn: string, prefix = 'AKIA'): { accessKeyId: string; secretAccessKey: string } {
  const accessKeyId = `${prefix}${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(20).toString('base64');
  s.keys.set(accessKeyId, { secretAccessKey, account, arn, userId: `AIDA${randomBytes(8).toString('hex').toUpperCase()}` });
  return { accessKeyId, secretAccessKey };
}
