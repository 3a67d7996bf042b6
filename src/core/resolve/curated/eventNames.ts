/**
 * CloudTrail eventNames that are not the name of the IAM action that authorises them, per IAM
 * prefix. A value lists the action(s) the call needs; an empty list means the event has no IAM
 * action at all (see NO_ACTION_EVENTS for why).
 */
export const EVENT_NAME_ACTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  s3: {
    ListBuckets: ['ListAllMyBuckets'],
    ListObjects: ['ListBucket'],
    ListObjectsV2: ['ListBucket'],
    HeadBucket: ['ListBucket'],
    ListObjectVersions: ['ListBucketVersions'],
    HeadObject: ['GetObject'],
    SelectObjectContent: ['GetObject'],
    CopyObject: ['PutObject', 'GetObject'],
    UploadPartCopy: ['PutObject', 'GetObject'],
    CreateMultipartUpload: ['PutObject'],
    UploadPart: ['PutObject'],
    CompleteMultipartUpload: ['PutObject'],
    ListParts: ['ListMultipartUploadParts'],
    DeleteObjects: ['DeleteObject'],
    GetBucketEncryption: ['GetEncryptionConfiguration'],
    PutBucketEncryption: ['PutEncryptionConfiguration'],
    DeleteBucketEncryption: ['PutEncryptionConfiguration'],
    GetBucketLifecycle: ['GetLifecycleConfiguration'],
    GetBucketLifecycleConfiguration: ['GetLifecycleConfiguration'],
    PutBucketLifecycle: ['PutLifecycleConfiguration'],
    PutBucketLifecycleConfiguration: ['PutLifecycleConfiguration'],
    DeleteBucketLifecycle: ['PutLifecycleConfiguration'],
    GetBucketReplication: ['GetReplicationConfiguration'],
    PutBucketReplication: ['PutReplicationConfiguration'],
    DeleteBucketReplication: ['PutReplicationConfiguration'],
    GetBucketCors: ['GetBucketCORS'],
    PutBucketCors: ['PutBucketCORS'],
    DeleteBucketCors: ['PutBucketCORS'],
    DeleteBucketTagging: ['PutBucketTagging'],
    DeleteBucketPublicAccessBlock: ['PutBucketPublicAccessBlock'],
    DeleteBucketOwnershipControls: ['PutBucketOwnershipControls'],
    GetBucketInventoryConfiguration: ['GetInventoryConfiguration'],
    PutBucketInventoryConfiguration: ['PutInventoryConfiguration'],
    GetBucketAnalyticsConfiguration: ['GetAnalyticsConfiguration'],
    PutBucketAnalyticsConfiguration: ['PutAnalyticsConfiguration'],
    GetBucketMetricsConfiguration: ['GetMetricsConfiguration'],
    PutBucketMetricsConfiguration: ['PutMetricsConfiguration'],
    GetBucketIntelligentTieringConfiguration: ['GetIntelligentTieringConfiguration'],
    PutBucketIntelligentTieringConfiguration: ['PutIntelligentTieringConfiguration'],
    GetBucketNotificationConfiguration: ['GetBucketNotification'],
    PutBucketNotificationConfiguration: ['PutBucketNotification'],
    GetObjectLockConfiguration: ['GetBucketObjectLockConfiguration'],
    PutObjectLockConfiguration: ['PutBucketObjectLockConfiguration'],
    GetBucketAccelerateConfiguration: ['GetAccelerateConfiguration'],
    PutBucketAccelerateConfiguration: ['PutAccelerateConfiguration'],
  },
  dynamodb: {
    // Transactions are authorised item by item with the single-item actions.
    TransactWriteItems: ['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
    TransactGetItems: ['GetItem'],
  },
  lambda: {
    Invoke: ['InvokeFunction'],
    InvokeAsync: ['InvokeAsync'],
  },
  sts: {
    AssumeRoleWithSAML: ['AssumeRoleWithSAML'],
  },
};

/**
 * Events that no IAM action authorises (sign-in, service-internal notifications), with the reason
 * shown to people. Keyed by `eventSource host label:eventName`, or `host:*` for a whole source.
 */
export const NO_ACTION_EVENTS: Readonly<Record<string, string>> = {
  'signin:ConsoleLogin': 'ConsoleLogin is a sign-in: it acts on no resource',
  'signin:CheckMfa': 'CheckMfa is a step of a sign-in: it acts on no resource',
  'signin:GetSigninToken': 'GetSigninToken is a federation sign-in step: it acts on no resource',
  'signin:ExternalIdPDirectoryLogin': 'ExternalIdPDirectoryLogin is a sign-in: it acts on no resource',
  'signin:PasswordUpdated': 'PasswordUpdated records a console password change of the caller; it names no resource',
  'signin:SwitchRole': 'SwitchRole is a console role switch: it acts on no resource',
  'signin:ExitRole': 'ExitRole is a console role switch: it acts on no resource',
  'signin:RenewRole': 'RenewRole is a console session renewal: it acts on no resource',
  'signin:AssumeRole': 'signin AssumeRole is a console sign-in step: it acts on no resource',
  'signin:UserAuthentication': 'UserAuthentication is a sign-in step: it acts on no resource',
  'signin:CredentialChallenge': 'CredentialChallenge is a sign-in step: it acts on no resource',
  'signin:CredentialVerification': 'CredentialVerification is a sign-in step: it acts on no resource',
  'ec2messages:SendHeartbeat': 'SSM agent heartbeat: it names no resource',
  'billingconsole:*': 'billing console settings (contacts, addresses, preferences) belong to the account, not to a resource',
};

/**
 * API Gateway's IAM actions are HTTP verbs on resource paths (`apigateway:POST` on `/restapis`);
 * CloudTrail logs the SDK operation. The verb follows from the operation's first word.
 */
export function apiGatewayVerb(eventName: string): string | undefined {
  for (const [word, verb] of API_GATEWAY_VERBS) if (eventName.startsWith(word)) return verb;
  return undefined;
}

const API_GATEWAY_VERBS: readonly [string, string][] = [
  ['Create', 'POST'], ['Import', 'PUT'], ['Put', 'PUT'], ['Tag', 'PUT'], ['Untag', 'DELETE'],
  ['Delete', 'DELETE'], ['Get', 'GET'], ['Update', 'PATCH'], ['Flush', 'DELETE'], ['Test', 'POST'],
];

/** Lambda logs API versions in eventNames (`GetFunction20150331v2`): the action is the name without the date. */
export function stripLambdaVersion(eventName: string): string {
  let end = eventName.length;
  if (end > 2 && eventName[end - 2] === 'v' && isDigit(eventName.charCodeAt(end - 1))) end -= 2;
  let digits = 0;
  while (digits < 8 && end - digits > 0 && isDigit(eventName.charCodeAt(end - digits - 1))) digits++;
  return digits === 8 ? eventName.slice(0, end - 8) : eventName;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
