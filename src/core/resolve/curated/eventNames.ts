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
    // PartiQL: the statement's verb picks the action; the table is inside the statement text.
    ExecuteStatement: ['PartiQLSelect', 'PartiQLInsert', 'PartiQLUpdate', 'PartiQLDelete'],
    BatchExecuteStatement: ['PartiQLSelect', 'PartiQLInsert', 'PartiQLUpdate', 'PartiQLDelete'],
    ExecuteTransaction: ['PartiQLSelect', 'PartiQLInsert', 'PartiQLUpdate', 'PartiQLDelete'],
  },
  bedrock: {
    // The conversational API is authorised as model invocation.
    Converse: ['InvokeModel'],
    ConverseStream: ['InvokeModelWithResponseStream'],
  },
  lambda: {
    Invoke: ['InvokeFunction'],
    InvokeAsync: ['InvokeAsync'],
  },
  secretsmanager: {
    // Authorised secret by secret with GetSecretValue (the batch action itself has no resource type).
    BatchGetSecretValue: ['BatchGetSecretValue', 'GetSecretValue'],
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
 * eventNames derived by a function rather than listed, per IAM prefix: API Gateway's verbs,
 * Lambda's dated API names, S3 event notifications (`ObjectCreated:Put`).
 */
export const EVENT_NAME_FUNCTIONS: Readonly<Record<string, (eventName: string) => string>> = {
  apigateway: (n) => apiGatewayVerb(n) ?? n,
  lambda: stripLambdaVersion,
  s3: (n) => S3_NOTIFICATION_ACTIONS[n.slice(0, n.indexOf(':'))] ?? n,
};

/** S3 event notification types (`ObjectCreated:Put` -> the part before `:`) and the action that caused them. */
const S3_NOTIFICATION_ACTIONS: Readonly<Record<string, string>> = {
  ObjectCreated: 'PutObject',
  ObjectRemoved: 'DeleteObject',
  ObjectRestore: 'RestoreObject',
  ObjectTagging: 'PutObjectTagging',
  ObjectAcl: 'PutObjectAcl',
};

/**
 * Other spellings of an eventName that IAM may use: without an API version suffix (`V2`, an
 * 8-digit date), and the plural/singular of the last word.
 */
export function nameVariants(eventName: string): string[] {
  const out: string[] = [];
  const bare = stripLambdaVersion(eventName).replace(/V\d$/, '');
  if (bare !== eventName) out.push(bare);
  for (const n of [eventName, bare]) {
    if (n.endsWith('s')) out.push(n.slice(0, -1));
    else out.push(n + 's');
  }
  return out;
}

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
