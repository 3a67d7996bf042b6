/**
 * Data-plane and secret-reading calls (S3 objects, DynamoDB items, SQS, SNS, KMS, Secrets Manager,
 * SSM parameters), shaped as CloudTrail logs them: data events carry `resources[]`, message bodies
 * are hidden, secrets are never in responses.
 */
import { ACCOUNT, type DemoResource } from './account';
import { type CallContext, type DemoEvent, deniedMessage, envelope } from './envelope';
import { isService } from './identity';

const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/** The ARN IAM names in a deny message: the session for roles, the user otherwise. */
export function callerArn(ctx: CallContext): string {
  if (isService(ctx.actor)) return ctx.actor.service;
  const p = ctx.actor.principal;
  return p.kind === 'user' ? p.arn : `arn:aws:sts::${p.accountId}:assumed-role/${p.name}/${ctx.actor.session ?? p.name}`;
}

function s3Extras(ctx: CallContext, bytesIn: number, bytesOut: number): unknown {
  return {
    SignatureVersion: 'SigV4',
    CipherSuite: 'TLS_AES_128_GCM_SHA256',
    bytesTransferredIn: bytesIn,
    AuthenticationMethod: 'AuthHeader',
    'x-amz-id-2': ctx.rng.chars(76, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') ,
    bytesTransferredOut: bytesOut,
  };
}

/** GetObject / PutObject / DeleteObject on one key; `denied` writes S3's AccessDenied as it is logged today. */
export function s3Object(ctx: CallContext, op: 'GetObject' | 'PutObject' | 'DeleteObject', bucket: DemoResource, key: string, denied = false): DemoEvent {
  const host = `${bucket.ref}.s3.${bucket.region}.amazonaws.com`;
  const objectArn = `${bucket.arn}/${key}`;
  const size = ctx.rng.int(300, 250_000);
  const requestParameters: Record<string, unknown> = { bucketName: bucket.ref, Host: host, key };
  if (op === 'PutObject') requestParameters['x-amz-server-side-encryption'] = 'AES256';
  return envelope({ ...ctx, region: bucket.region }, {
    source: 's3.amazonaws.com',
    name: op,
    readOnly: op === 'GetObject',
    data: true,
    requestParameters,
    responseElements: op === 'PutObject' ? { 'x-amz-server-side-encryption': 'AES256' } : null,
    additionalEventData: s3Extras(ctx, op === 'PutObject' && !denied ? size : 0, op === 'GetObject' && !denied ? size : 0),
    resources: [
      { type: 'AWS::S3::Object', ARN: objectArn },
      { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: bucket.arn },
    ],
    command: op === 'DeleteObject' ? 's3.rm' : 's3.cp',
    ...(denied ? { error: { code: 'AccessDenied', message: deniedMessage(callerArn(ctx), `s3:${op}`, objectArn, true) } } : {}),
  }, { targets: [objectArn] }, host);
}

/** A bucket-level management call (GetBucketAcl, GetBucketPolicy, PutBucketPolicy…); these carry resources[] too. */
export function s3Bucket(ctx: CallContext, name: string, bucket: DemoResource, extra: Record<string, unknown>, readOnly: boolean): DemoEvent {
  const host = `${bucket.ref}.s3.${bucket.region}.amazonaws.com`;
  return envelope({ ...ctx, region: bucket.region }, {
    source: 's3.amazonaws.com',
    name,
    readOnly,
    requestParameters: { bucketName: bucket.ref, Host: host, ...extra },
    additionalEventData: s3Extras(ctx, 0, readOnly ? ctx.rng.int(300, 900) : 0),
    resources: [{ accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: bucket.arn }],
    command: `s3api.${name.replace(/^./, (c) => c.toLowerCase())}`,
  }, { targets: [bucket.arn], lookupResources: [{ ResourceType: 'AWS::S3::Bucket', ResourceName: bucket.ref }] }, host);
}

/** ListBuckets: an account-wide read with no target. */
export function s3ListBuckets(ctx: CallContext): DemoEvent {
  return envelope(ctx, {
    source: 's3.amazonaws.com', name: 'ListBuckets', readOnly: true,
    requestParameters: { Host: `s3.${ctx.region}.amazonaws.com` },
    additionalEventData: s3Extras(ctx, 0, 2210), command: 's3.ls',
  }, { targets: [] }, `s3.${ctx.region}.amazonaws.com`);
}

/** DynamoDB item calls: the key is logged, the item is not. */
export function dynamoItem(ctx: CallContext, op: 'GetItem' | 'PutItem' | 'Query', table: DemoResource, denied = false): DemoEvent {
  const id = ctx.rng.hex(12);
  const requestParameters = op === 'Query'
    ? { tableName: table.ref, keyConditionExpression: 'pk = :pk', select: 'ALL_ATTRIBUTES' }
    : { tableName: table.ref, key: { pk: `ID#${id}` }, ...(op === 'PutItem' ? { returnValues: 'NONE' } : { consistentRead: false }) };
  return envelope(ctx, {
    source: 'dynamodb.amazonaws.com', name: op, readOnly: op !== 'PutItem', data: true, apiVersion: '2012-08-10',
    requestParameters,
    resources: [{ accountId: ACCOUNT, type: 'AWS::DynamoDB::Table', ARN: table.arn }],
    ...(denied ? { error: { code: 'AccessDenied', message: deniedMessage(callerArn(ctx), `dynamodb:${op}`, table.arn) } } : {}),
  }, { targets: [table.arn] });
}

/** SQS SendMessage / ReceiveMessage / DeleteMessage as data events. */
export function sqsMessage(ctx: CallContext, op: 'SendMessage' | 'ReceiveMessage' | 'DeleteMessage', queue: DemoResource): DemoEvent {
  const requestParameters: Record<string, unknown> = { queueUrl: queue.ref };
  let responseElements: unknown = null;
  if (op === 'SendMessage') {
    requestParameters.messageBody = HIDDEN;
    responseElements = { mD5OfMessageBody: ctx.rng.hex(32), messageId: ctx.rng.uuid() };
  } else if (op === 'ReceiveMessage') {
    requestParameters.maxNumberOfMessages = 10;
    requestParameters.waitTimeSeconds = 20;
  } else {
    requestParameters.receiptHandle = HIDDEN;
  }
  return envelope(ctx, {
    source: 'sqs.amazonaws.com', name: op, readOnly: op === 'ReceiveMessage', data: true,
    requestParameters, responseElements,
    resources: [{ accountId: ACCOUNT, type: 'AWS::SQS::Queue', ARN: queue.arn }],
  }, { targets: [queue.arn] });
}

/** SNS Publish as a data event. */
export function snsPublish(ctx: CallContext, topic: DemoResource): DemoEvent {
  return envelope(ctx, {
    source: 'sns.amazonaws.com', name: 'Publish', readOnly: false, data: true,
    requestParameters: { topicArn: topic.arn, message: HIDDEN },
    responseElements: { messageId: ctx.rng.uuid() },
    resources: [{ accountId: ACCOUNT, type: 'AWS::SNS::Topic', ARN: topic.arn }],
  }, { targets: [topic.arn] });
}

/**
 * KMS Decrypt. With a key, AWS adds resources[]; `keyUnknown` is a Decrypt that failed before the
 * key was identified: only the encryption context is left, and it names no key.
 */
export function kmsDecrypt(ctx: CallContext, key: DemoResource | undefined, context: Record<string, string>): DemoEvent {
  const requestParameters = { encryptionContext: context, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  if (!key) {
    return envelope(ctx, {
      source: 'kms.amazonaws.com', name: 'Decrypt', readOnly: true, requestParameters,
      error: { code: 'InvalidCiphertextException', message: 'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.' },
    }, { targets: [], unresolvable: 'Decrypt names no key: only an encryption context (not a key) is logged and resources[] is absent.' });
  }
  return envelope(ctx, {
    source: 'kms.amazonaws.com', name: 'Decrypt', readOnly: true, requestParameters,
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: key.arn }],
  }, { targets: [key.arn], lookupResources: [{ ResourceType: 'AWS::KMS::Key', ResourceName: key.arn }] });
}

/** GenerateDataKey by key ARN. */
export function kmsGenerateDataKey(ctx: CallContext, key: DemoResource, context: Record<string, string>): DemoEvent {
  return envelope(ctx, {
    source: 'kms.amazonaws.com', name: 'GenerateDataKey', readOnly: true,
    requestParameters: { keyId: key.arn, encryptionContext: context, keySpec: 'AES_256' },
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: key.arn }],
  }, { targets: [key.arn], lookupResources: [{ ResourceType: 'AWS::KMS::Key', ResourceName: key.arn }] });
}

/**
 * GetSecretValue. By ARN it resolves; by bare name it cannot, because a secret's ARN ends in a
 * random suffix that the record does not carry.
 */
export function getSecretValue(ctx: CallContext, secret: DemoResource, by: 'arn' | 'name', denied = false): DemoEvent {
  const secretId = by === 'arn' ? secret.arn : secret.ref;
  return envelope(ctx, {
    source: 'secretsmanager.amazonaws.com', name: 'GetSecretValue', readOnly: true,
    requestParameters: { secretId },
    ...(denied ? { error: { code: 'AccessDenied', message: deniedMessage(callerArn(ctx), 'secretsmanager:GetSecretValue', secret.arn) } } : {}),
  }, by === 'arn' || denied
    ? { targets: [secret.arn] }
    : { targets: [], unresolvable: `GetSecretValue names the secret "${secret.ref}" only by name; its ARN ends in a random suffix the record does not carry.` });
}

/** SSM GetParameter / PutParameter; AWS writes resources[] for these. */
export function ssmParameter(ctx: CallContext, op: 'GetParameter' | 'PutParameter', param: DemoResource): DemoEvent {
  const write = op === 'PutParameter';
  return envelope(ctx, {
    source: 'ssm.amazonaws.com', name: op, readOnly: !write,
    requestParameters: write ? { name: param.ref, type: 'String', overwrite: true, value: HIDDEN } : { name: param.ref, withDecryption: true },
    responseElements: write ? { version: ctx.rng.int(2, 40), tier: 'Standard' } : null,
    resources: [{ accountId: ACCOUNT, ARN: param.arn }],
  }, { targets: [param.arn] });
}
