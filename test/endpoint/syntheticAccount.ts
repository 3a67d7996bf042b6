/**
 * A generated account for tests and benchmarks: principals and resources tagged with products,
 * events spread over a window in each region, and trail log files (one per hour, gzip) for data
 * events. Sizes are parameters so that tests stay small and the benchmark can be large.
 */
import { DATA_EVENT_TYPES } from '../../src/core/coverage/dataEventTypes';
import { gzipSync } from 'node:zlib';
import { addEvent, addKey, addResource, addRole, addUser, emptyState, putObject, type EndpointState } from './state';

export interface SyntheticOptions {
  account?: string;
  regions?: string[];
  users?: number;
  roles?: number;
  resourcesPerRegion?: number;
  eventsPerRegion?: number;
  /** Data events (S3 GetObject) written only to trail files, per region. */
  dataEventsPerRegion?: number;
  windowStart?: Date;
  windowHours?: number;
  /** Put trail files under an organisation folder (`AWSLogs/o-…/<account>/`). */
  organization?: boolean;
}

export interface SyntheticAccount {
  state: EndpointState;
  account: string;
  regions: string[];
  key: { accessKeyId: string; secretAccessKey: string };
  callerArn: string;
  bucket: string;
  windowStart: Date;
  windowEnd: Date;
  expected: { principals: number; taggedResources: number; lookupEvents: number; dataEvents: number };
}

const PRODUCTS = ['checkout', 'search', 'billing'];

export function syntheticAccount(o: SyntheticOptions = {}): SyntheticAccount {
  const account = o.account ?? '111122223333';
  const regions = o.regions ?? ['us-east-1'];
  const state = emptyState();
  const users = Array.from({ length: o.users ?? 5 }, (_, i) => addUser(state, account, `user-${i}`, i % 4 === 3 ? {} : { product: PRODUCTS[i % 3]!, team: `t${i}` }));
  for (let i = 0; i < (o.roles ?? 5); i++) addRole(state, account, `role-${i}`, { product: PRODUCTS[i % 3]! });
  const caller = addUser(state, account, 'auditor');
  const key = addKey(state, account, caller.arn);
  const windowStart = o.windowStart ?? new Date(Date.UTC(2026, 9, 1, 0, 0, 0));
  const hours = o.windowHours ?? 48;
  const windowEnd = new Date(windowStart.getTime() + hours * 3600_000);
  const bucket = 'tagtrail-test-trail';
  const base = o.organization ? `logs/AWSLogs/o-abcdef1234/${account}/CloudTrail` : `logs/AWSLogs/${account}/CloudTrail`;
  // A trail logging every management event and every data event type: the synthetic account's resources are all visible.
  const everything = [{ Name: 'management', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
    ...DATA_EVENT_TYPES.map((t) => ({ Name: t, FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [t] }] }))];
  state.trails.set(account, [{ Name: 'org-trail', S3BucketName: bucket, S3KeyPrefix: 'logs', HomeRegion: regions[0]!, IsMultiRegionTrail: true, IsOrganizationTrail: Boolean(o.organization), AdvancedEventSelectors: everything }]);
  const nEvents = o.eventsPerRegion ?? 20;
  const nData = o.dataEventsPerRegion ?? 0;
  for (const region of regions) {
    const files = new Map<string, Record<string, unknown>[]>();
    const toFile = (r: Record<string, unknown>): void => {
      const t = new Date(String(r.eventTime));
      const day = t.toISOString().slice(0, 10).replace(/-/g, '/');
      const key = `${base}/${region}/${day}/${account}_CloudTrail_${region}_${t.toISOString().slice(0, 13).replace(/[-:]/g, '')}00Z_x.json.gz`;
      const list = files.get(key) ?? [];
      list.push(r);
      files.set(key, list);
    };
    for (let i = 0; i < (o.resourcesPerRegion ?? 10); i++) addResource(state, account, region, `arn:aws:sqs:${region}:${account}:queue-${i}`, { product: PRODUCTS[i % 3]! });
    for (let i = 0; i < nEvents + nData; i++) {
      const user = users[i % users.length]!;
      const data = i >= nEvents;
      const t = new Date(windowStart.getTime() + Math.floor(((i + 0.5) / (nEvents + nData)) * (windowEnd.getTime() - windowStart.getTime())));
      const record = {
        eventVersion: '1.09', eventID: `${region}-${data ? 'd' : 'm'}-${String(i).padStart(7, '0')}`, eventTime: t.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        eventSource: data ? 's3.amazonaws.com' : 'sqs.amazonaws.com', eventName: data ? 'GetObject' : 'SendMessage', awsRegion: region,
        userIdentity: { type: 'IAMUser', arn: user.arn, accountId: account, userName: user.name, principalId: 'AIDAEXAMPLE' },
        requestParameters: data ? { bucketName: 'data-bucket', key: `k${i}` } : { queueUrl: `https://sqs.${region}.amazonaws.com/${account}/queue-${i % 10}` },
        eventType: data ? 'AwsApiCall' : 'AwsApiCall', managementEvent: !data, readOnly: data, recipientAccountId: account,
      };
      if (!data) addEvent(state, account, region, record, [{ ResourceType: 'AWS::SQS::Queue', ResourceName: `queue-${i % 10}` }]);
      toFile(record);
    }
    for (const [k, records] of files) putObject(state, bucket, k, gzipSync(JSON.stringify({ Records: records })));
  }
  return {
    state, account, regions, key, callerArn: caller.arn, bucket, windowStart, windowEnd,
    expected: { principals: users.length + 1 + (o.roles ?? 5), taggedResources: regions.length * (o.resourcesPerRegion ?? 10), lookupEvents: regions.length * nEvents, dataEvents: regions.length * nData },
  };
}
