// Small record builders: every test states only the fields it is about.
import type { CloudTrailRecord } from '../../../src/core/model';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';

/** A successful call by an assumed-role session in ACCOUNT/REGION. */
export function record(eventSource: string, eventName: string, extra: Partial<CloudTrailRecord> = {}): CloudTrailRecord {
  return {
    eventVersion: '1.08',
    eventSource: eventSource.includes('.') ? eventSource : `${eventSource}.amazonaws.com`,
    eventName,
    awsRegion: REGION,
    recipientAccountId: ACCOUNT,
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/dev/alice`,
      accountId: ACCOUNT,
    },
    requestParameters: null,
    responseElements: null,
    ...extra,
  };
}

/** The same call made by an IAM user. */
export function byIamUser(r: CloudTrailRecord, userName = 'bob'): CloudTrailRecord {
  return { ...r, userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/${userName}`, accountId: ACCOUNT, userName } };
}

/** ARNs of a resolution's targets, sorted, for order-free comparison. */
export function arns(targets: { arn: string }[]): string[] {
  return targets.map((t) => t.arn).sort();
}
