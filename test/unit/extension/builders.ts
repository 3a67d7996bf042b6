// Builders for inventories and records, so that tests state only what they are about.
import type { CloudTrailRecord, Inventory, Tag } from '../../../src/core/model';

export const ACCOUNT = '111122223333';

export function inventory(principals: Record<string, string | undefined>, resources: Record<string, string | undefined>): Inventory {
  const tags = (product: string | undefined): Tag[] => (product === undefined ? [] : [{ key: 'product', value: product }]);
  return {
    principals: new Map(Object.entries(principals).map(([arn, p]) => [arn, tags(p)])),
    resources: new Map(Object.entries(resources).map(([arn, p]) => [arn, tags(p)])),
    sources: ['test'],
  };
}

export function roleSession(role: string, over: Partial<CloudTrailRecord> = {}): CloudTrailRecord {
  return {
    eventVersion: '1.08',
    eventID: `id-${Math.random().toString(36).slice(2)}`,
    eventTime: '2026-01-01T10:00:00Z',
    awsRegion: 'eu-west-1',
    recipientAccountId: ACCOUNT,
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session`,
      accountId: ACCOUNT,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/${role}`, accountId: ACCOUNT, userName: role } },
    },
    ...over,
  };
}
