/**
 * AWS Config's view of the endpoint's accounts: every tagged resource and IAM principal of the
 * state is a recorded resource (current state), past configuration items can be added per ARN
 * (retags, deletions), regions can be left unrecorded, and aggregators gather several accounts.
 * Kept beside the shared state (keyed by it) so that Config stays a separate service.
 */
import type { EndpointState } from '../state';

export type ItemStatus = 'OK' | 'ResourceDiscovered' | 'ResourceDeleted';

/** One configuration item as Config records it. */
export interface StoredItem {
  arn: string;
  resourceType: string;
  resourceId: string;
  account: string;
  /** `global` for IAM users and roles. */
  region: string;
  tags: Record<string, string>;
  /** ISO 8601. */
  capturedAt: string;
  status: ItemStatus;
}

export interface StoredAggregator { owner: string; region: string; name: string; accounts: string[]; denied?: boolean }

export interface ConfigEndpointState {
  /** `account:region` without a recorder (`none`) or with a stopped one. */
  notRecording: Map<string, 'none' | 'stopped'>;
  /** The region that records an account's global resources; default: its first region with resources. */
  globalRegion: Map<string, string>;
  /** Accounts whose recorders do not record global resources (IAM). */
  noGlobal: Set<string>;
  /** Past and present items by ARN, oldest first; the last one is the current state. */
  history: Map<string, StoredItem[]>;
  aggregators: StoredAggregator[];
}

const STATES = new WeakMap<EndpointState, ConfigEndpointState>();

/** When items without a recorded history were discovered. */
export const DISCOVERED = '2024-01-15T09:30:00Z';

export function configOf(state: EndpointState): ConfigEndpointState {
  let c = STATES.get(state);
  if (!c) { c = { notRecording: new Map(), globalRegion: new Map(), noGlobal: new Set(), history: new Map(), aggregators: [] }; STATES.set(state, c); }
  return c;
}

const TYPES: [RegExp, string][] = [
  [/^arn:[^:]+:sqs:/, 'AWS::SQS::Queue'],
  [/^arn:[^:]+:s3:::[^/]+$/, 'AWS::S3::Bucket'],
  [/^arn:[^:]+:dynamodb:[^:]*:\d*:table\/[^/]+$/, 'AWS::DynamoDB::Table'],
  [/^arn:[^:]+:lambda:[^:]*:\d*:function:/, 'AWS::Lambda::Function'],
  [/^arn:[^:]+:sns:/, 'AWS::SNS::Topic'],
  [/^arn:[^:]+:ec2:[^:]*:\d*:instance\//, 'AWS::EC2::Instance'],
  [/^arn:[^:]+:iam::\d+:user\//, 'AWS::IAM::User'],
  [/^arn:[^:]+:iam::\d+:role\//, 'AWS::IAM::Role'],
];

/** The Config resource type of an ARN (`AWS::<Service>::Resource` for the ones not listed). */
export function typeOfArn(arn: string): string {
  for (const [re, type] of TYPES) if (re.test(arn)) return type;
  const service = arn.split(':')[2] ?? 'unknown';
  return `AWS::${service.charAt(0).toUpperCase()}${service.slice(1)}::Resource`;
}

/** The resource id Config gives an ARN: the name after the last `/` or `:`; IAM's unique ids for principals. */
export function idOfArn(arn: string): string {
  if (/^arn:[^:]+:iam::\d+:(user|role)\//.test(arn)) return `${/:user\//.test(arn) ? 'AIDA' : 'AROA'}${Buffer.from(arn).toString('hex').slice(-16).toUpperCase()}`;
  if (/^arn:[^:]+:sns:/.test(arn)) return arn;
  return arn.slice(Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':')) + 1);
}

function tagMap(tags: { Key: string; Value: string }[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

/** Records past states of a resource (oldest first); the last entry should match the current tags. */
export function addConfigHistory(state: EndpointState, account: string, region: string, arn: string, items: { at: string; tags?: Record<string, string>; status?: ItemStatus }[]): void {
  const c = configOf(state);
  const list = c.history.get(arn) ?? [];
  for (const i of items) list.push({ arn, resourceType: typeOfArn(arn), resourceId: idOfArn(arn), account, region, tags: i.tags ?? {}, capturedAt: i.at, status: i.status ?? 'OK' });
  list.sort((a, b) => Date.parse(a.capturedAt) - Date.parse(b.capturedAt));
  c.history.set(arn, list);
}

export function stopRecording(state: EndpointState, account: string, region: string, how: 'none' | 'stopped' = 'none'): void {
  configOf(state).notRecording.set(`${account}:${region}`, how);
}

export function addAggregator(state: EndpointState, a: StoredAggregator): void {
  configOf(state).aggregators.push(a);
}

function regionsOf(state: EndpointState, account: string): string[] {
  return [...new Set([...state.resources.keys(), ...state.events.keys()].filter((k) => k.startsWith(`${account}:`)).map((k) => k.slice(account.length + 1)))].sort();
}

/** The region recording `account`'s IAM users and roles, if any does. */
export function globalRegionOf(state: EndpointState, account: string): string | undefined {
  const c = configOf(state);
  if (c.noGlobal.has(account)) return undefined;
  return c.globalRegion.get(account) ?? regionsOf(state, account)[0] ?? 'us-east-1';
}

export function isRecording(state: EndpointState, account: string, region: string): boolean {
  return !configOf(state).notRecording.has(`${account}:${region}`);
}

/** Every item Config currently holds for an account in a region (`global` for IAM), deleted ones left out. */
export function currentItems(state: EndpointState, account: string, region: string): StoredItem[] {
  const c = configOf(state);
  const out: StoredItem[] = [];
  const item = (arn: string, tags: Record<string, string>, r: string): StoredItem => {
    const past = c.history.get(arn);
    const last = past?.[past.length - 1];
    return { arn, resourceType: typeOfArn(arn), resourceId: idOfArn(arn), account, region: r, tags, capturedAt: last?.capturedAt ?? DISCOVERED, status: last?.status ?? 'ResourceDiscovered' };
  };
  if (region === 'global') {
    for (const p of [...(state.users.get(account) ?? []), ...(state.roles.get(account) ?? [])]) out.push(item(p.arn, tagMap(p.tags), 'global'));
  } else {
    for (const r of state.resources.get(`${account}:${region}`) ?? []) {
      if (/^arn:[^:]+:iam::\d+:(user|role)\//.test(r.ResourceARN)) continue;
      out.push(item(r.ResourceARN, tagMap(r.Tags), region));
    }
  }
  return out.filter((i) => i.status !== 'ResourceDeleted');
}

/** Every region an account has resources in, for an aggregator's view. */
export function accountRegions(state: EndpointState, account: string): string[] {
  return regionsOf(state, account);
}
