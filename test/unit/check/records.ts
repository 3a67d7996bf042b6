import type { CloudTrailRecord, Inventory, SourcedRecord, Tag } from '../../../src/core/model';
import { ProductIndex } from '../../../src/core/attribute/productIndex';
import { parseMapping } from '../../../src/core/attribute/mapping';

export const ACCOUNT = '111122223333';

/** A role session of `role` in the test account. */
export function roleIdentity(role: string): CloudTrailRecord['userIdentity'] {
  return {
    type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session-1`, accountId: ACCOUNT, principalId: 'AROAEXAMPLE:session-1',
    sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/${role}`, accountId: ACCOUNT, userName: role } },
  };
}

/** An S3 GetObject data event by `role` on `bucket/key`, as CloudTrail writes it (object and bucket in resources). */
export function getObject(role: string, bucket: string, over: Partial<CloudTrailRecord> = {}): CloudTrailRecord {
  return {
    eventVersion: '1.08', eventID: `ev-${role}-${bucket}`, eventTime: '2024-05-01T10:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject',
    awsRegion: 'eu-west-1', userIdentity: roleIdentity(role), readOnly: true, managementEvent: false, eventCategory: 'Data', recipientAccountId: ACCOUNT,
    requestParameters: { bucketName: bucket, key: 'k.txt' },
    resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/k.txt` }, { type: 'AWS::S3::Bucket', accountId: ACCOUNT, ARN: `arn:aws:s3:::${bucket}` }],
    ...over,
  };
}

/** An EC2 StopInstances management event by `role` on instance `id`. */
export function stopInstance(role: string, id: string, over: Partial<CloudTrailRecord> = {}): CloudTrailRecord {
  return {
    eventVersion: '1.08', eventID: `ev-stop-${id}`, eventTime: '2024-05-02T10:00:00Z', eventSource: 'ec2.amazonaws.com', eventName: 'StopInstances',
    awsRegion: 'eu-west-1', userIdentity: roleIdentity(role), readOnly: false, managementEvent: true, eventCategory: 'Management', recipientAccountId: ACCOUNT,
    requestParameters: { instancesSet: { items: [{ instanceId: id }] } },
    ...over,
  };
}

export async function* sourced(records: unknown[], source = 'test.jsonl'): AsyncGenerator<SourcedRecord> {
  let i = 0;
  for (const record of records) yield { record: record as CloudTrailRecord, source, position: ++i };
}

const tags = (product: string): Tag[] => [{ key: 'product', value: product }];

/** Roles alpha-app, beta-app; buckets alpha-data, beta-data, shared-logs; instances i-beta, i-beta2; mapping with a shared product and an exemption. */
export function products(mapping: unknown = { sharedProducts: ['platform'], exemptions: [{ principal: `arn:aws:iam::${ACCOUNT}:role/backup`, reason: 'nightly backup' }] }): ProductIndex {
  const inv: Inventory = {
    principals: new Map([[`arn:aws:iam::${ACCOUNT}:role/alpha-app`, tags('alpha')], [`arn:aws:iam::${ACCOUNT}:role/beta-app`, tags('beta')], [`arn:aws:iam::${ACCOUNT}:role/backup`, tags('ops')]]),
    resources: new Map([
      ['arn:aws:s3:::alpha-data', tags('alpha')], ['arn:aws:s3:::beta-data', tags('beta')], ['arn:aws:s3:::shared-logs', tags('platform')],
      [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-beta`, tags('beta')], [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-beta2`, tags('beta')],
    ]),
    sources: ['inventory.json'],
  };
  return new ProductIndex(inv, parseMapping(mapping, 'mapping.json'), ['product']);
}
