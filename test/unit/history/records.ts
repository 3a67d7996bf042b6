/** Records written for the tag history tests: hand-made, in the shapes AWS logs them. */
import type { CloudTrailRecord } from '../../../src/core/model';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
let seq = 0;

/** A call by the role `role` (an assumed-role session) at `time`. */
export function call(role: string, eventSource: string, eventName: string, time: string, requestParameters: unknown, extra: Partial<CloudTrailRecord> = {}): CloudTrailRecord {
  seq++;
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole', principalId: `AROAEXAMPLE:${role}`, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/s`, accountId: ACCOUNT,
      sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', arn: `arn:aws:iam::${ACCOUNT}:role/${role}`, accountId: ACCOUNT, userName: role } },
    },
    eventTime: time, eventSource, eventName, awsRegion: REGION, sourceIPAddress: '198.51.100.7', userAgent: 'aws-cli/2',
    requestParameters, responseElements: null, eventID: `ev-${String(seq).padStart(4, '0')}-${eventName}`, readOnly: false,
    eventType: 'AwsApiCall', managementEvent: true, recipientAccountId: ACCOUNT, ...extra,
  } as CloudTrailRecord;
}

export const bucketArn = (b: string): string => `arn:aws:s3:::${b}`;
export const queueUrl = (q: string): string => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${q}`;
export const queueArn = (q: string): string => `arn:aws:sqs:${REGION}:${ACCOUNT}:${q}`;
export const roleArn = (r: string): string => `arn:aws:iam::${ACCOUNT}:role/${r}`;

export function getObject(role: string, bucket: string, time: string): CloudTrailRecord {
  return call(role, 's3.amazonaws.com', 'GetObject', time, { bucketName: bucket, key: 'k.txt' }, {
    readOnly: true, managementEvent: false, eventCategory: 'Data',
    resources: [{ type: 'AWS::S3::Object', ARN: `${bucketArn(bucket)}/k.txt` }, { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: bucketArn(bucket) }],
  } as Partial<CloudTrailRecord>);
}

export function putBucketTagging(role: string, bucket: string, time: string, tags: Record<string, string>): CloudTrailRecord {
  return call(role, 's3.amazonaws.com', 'PutBucketTagging', time, {
    bucketName: bucket, tagging: '', Tagging: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', TagSet: { Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } },
  });
}

export function sendMessage(role: string, queue: string, time: string): CloudTrailRecord {
  return call(role, 'sqs.amazonaws.com', 'SendMessage', time, { queueUrl: queueUrl(queue), messageBody: 'HIDDEN_DUE_TO_SECURITY_REASONS' }, {
    managementEvent: false, eventCategory: 'Data', resources: [{ accountId: ACCOUNT, type: 'AWS::SQS::Queue', ARN: queueArn(queue) }],
  } as Partial<CloudTrailRecord>);
}
