// One test per curated rule: names CloudTrail and IAM do not share, and cases the record cannot resolve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import { ACCOUNT, REGION, arns, byIamUser, record } from './builders';

const A = `${REGION}:${ACCOUNT}`;

test('eventSource names that are not IAM prefixes (monitoring -> cloudwatch)', () => {
  const r = resolveRecord(record('monitoring', 'DeleteAlarms', { requestParameters: { alarmNames: ['high-cpu'] } }));
  assert.deepEqual(r.actions, ['cloudwatch:DeleteAlarms']);
  assert.deepEqual(arns(r.targets), [`arn:aws:cloudwatch:${A}:alarm:high-cpu`]);
});

test('Lambda eventNames drop their API date suffix', () => {
  const r = resolveRecord(record('lambda', 'UpdateFunctionConfiguration20150331v2', { requestParameters: { functionName: 'f' } }));
  assert.deepEqual(r.actions, ['lambda:UpdateFunctionConfiguration']);
  assert.deepEqual(arns(r.targets), [`arn:aws:lambda:${A}:function:f`]);
  assert.deepEqual(resolveRecord(record('lambda', 'Invoke', { requestParameters: { functionName: 'f' } })).actions, ['lambda:InvokeFunction']);
});

test('S3 operations map to their IAM actions, and key fills ObjectName', () => {
  const list = resolveRecord(record('s3', 'ListObjects', { requestParameters: { bucketName: 'b' } }));
  assert.deepEqual(list.actions, ['s3:ListBucket']);
  assert.deepEqual(arns(list.targets), ['arn:aws:s3:::b']);
  const head = resolveRecord(record('s3', 'HeadObject', { requestParameters: { bucketName: 'b', key: 'dir/a.txt' } }));
  assert.deepEqual(head.actions, ['s3:GetObject']);
  assert.deepEqual(head.targets, [{ arn: 'arn:aws:s3:::b/dir/a.txt', via: 'curated', resourceType: 'object' }]);
  const mpu = resolveRecord(record('s3', 'CompleteMultipartUpload', { requestParameters: { bucketName: 'b', key: 'k' } }));
  assert.deepEqual(mpu.actions, ['s3:PutObject']);
  const enc = resolveRecord(record('s3', 'GetBucketEncryption', { requestParameters: { bucketName: 'b' } }));
  assert.deepEqual(enc.actions, ['s3:GetEncryptionConfiguration']);
  assert.equal(enc.status, 'resolved');
});

test('S3 CopyObject reads the copy source as the object read', () => {
  const r = resolveRecord(
    record('s3', 'CopyObject', { requestParameters: { bucketName: 'dst', key: 'k2', 'x-amz-copy-source': 'src/dir/k1?versionId=3' } }),
  );
  assert.deepEqual(r.actions, ['s3:PutObject', 's3:GetObject']);
  assert.deepEqual(arns(r.targets), ['arn:aws:s3:::dst/k2', 'arn:aws:s3:::src/dir/k1']);
});

test('sign-in events have no target, with a reason', () => {
  const r = resolveRecord(record('signin', 'ConsoleLogin', { responseElements: { ConsoleLogin: 'Success' } }));
  assert.equal(r.status, 'no-target');
  assert.match(r.reason ?? '', /sign-in/);
  assert.deepEqual(r.targets, []);
});

test('list calls and actions without resource types are no-target', () => {
  const buckets = resolveRecord(record('s3', 'ListBuckets'));
  assert.deepEqual(buckets.actions, ['s3:ListAllMyBuckets']);
  assert.equal(buckets.status, 'no-target');
  const who = resolveRecord(record('sts', 'GetCallerIdentity'));
  assert.equal(who.status, 'no-target');
  assert.match(who.reason ?? '', /no resource-level target/);
  const rds = resolveRecord(record('rds', 'DescribeDBInstances', { requestParameters: { maxRecords: 100 } }));
  assert.equal(rds.status, 'no-target');
});

test('queueUrl gives the queue name and its account', () => {
  const r = resolveRecord(
    record('sqs', 'SendMessage', { requestParameters: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/444455556666/orders' } }),
  );
  assert.deepEqual(r.targets, [{ arn: `arn:aws:sqs:${REGION}:444455556666:orders`, via: 'curated', resourceType: 'queue' }]);
});

test('groupId fills SecurityGroupId; keyName fills KeyPairName', () => {
  const r = resolveRecord(record('ec2', 'AuthorizeSecurityGroupIngress', { requestParameters: { groupId: 'sg-123' } }));
  assert.deepEqual(arns(r.targets), [`arn:aws:ec2:${A}:security-group/sg-123`]);
  assert.equal(r.targets[0]?.via, 'curated');
  const k = resolveRecord(record('ec2', 'DeleteKeyPair', { requestParameters: { keyName: 'ops' } }));
  assert.deepEqual(arns(k.targets), [`arn:aws:ec2:${A}:key-pair/ops`]);
});

test('RDS identifiers fill the db/snapshot names', () => {
  const r = resolveRecord(record('rds', 'CopyDBSnapshot', { requestParameters: { sourceDBSnapshotIdentifier: 'a', targetDBSnapshotIdentifier: 'b' } }));
  assert.deepEqual(arns(r.targets), [`arn:aws:rds:${A}:snapshot:a`, `arn:aws:rds:${A}:snapshot:b`]);
  const db = resolveRecord(record('rds', 'StopDBInstance', { requestParameters: { dBInstanceIdentifier: 'orders' } }));
  assert.deepEqual(arns(db.targets), [`arn:aws:rds:${A}:db:orders`]);
});

test('ECS cluster given as a name or as an ARN', () => {
  const byName = resolveRecord(record('ecs', 'DeleteCluster', { requestParameters: { cluster: 'web' } }));
  assert.deepEqual(arns(byName.targets), [`arn:aws:ecs:${A}:cluster/web`]);
  const arn = `arn:aws:ecs:${A}:cluster/api`;
  const byArn = resolveRecord(record('ecs', 'DeleteCluster', { requestParameters: { cluster: arn } }));
  assert.deepEqual(byArn.targets, [{ arn, via: 'arn-in-request', resourceType: 'cluster' }]);
});

test('SSM parameter names with and without a leading slash', () => {
  const slash = resolveRecord(record('ssm', 'GetParameter', { requestParameters: { name: '/app/db/password' } }));
  assert.deepEqual(arns(slash.targets), [`arn:aws:ssm:${A}:parameter/app/db/password`]);
  const bare = resolveRecord(record('ssm', 'DeleteParameters', { requestParameters: { names: ['plain', '/a/b'] } }));
  assert.deepEqual(arns(bare.targets), [`arn:aws:ssm:${A}:parameter/a/b`, `arn:aws:ssm:${A}:parameter/plain`]);
});

test('SSM calls on an EC2 instance target the EC2 instance, mi- ids the managed instance', () => {
  const ec2 = resolveRecord(record('ssm', 'StartSession', { requestParameters: { target: 'i-0abc' } }));
  assert.deepEqual(arns(ec2.targets), [`arn:aws:ec2:${A}:instance/i-0abc`]);
  assert.equal(ec2.status, 'resolved');
  const tags = resolveRecord(record('ssm', 'ListTagsForResource', { requestParameters: { resourceType: 'Parameter', resourceId: '/x/y' } }));
  assert.deepEqual(arns(tags.targets), [`arn:aws:ssm:${A}:parameter/x/y`]);
});

test('CreateTags: the type of each id in a mixed list comes from its prefix', () => {
  const r = resolveRecord(
    record('ec2', 'CreateTags', {
      requestParameters: {
        resourcesSet: { items: [{ resourceId: 'i-1' }, { resourceId: 'vol-2' }, { resourceId: 'ami-3' }, { resourceId: 'sg-4' }, { resourceId: 'weird-5' }] },
        tagSet: { items: [{ key: 'product', value: 'a' }] },
      },
    }),
  );
  assert.deepEqual(arns(r.targets), [
    `arn:aws:ec2:${A}:instance/i-1`,
    `arn:aws:ec2:${A}:security-group/sg-4`,
    `arn:aws:ec2:${A}:volume/vol-2`,
    `arn:aws:ec2:${REGION}::image/ami-3`,
  ]);
  assert.ok(r.targets.every((t) => t.via === 'curated'));
});

test('KMS Decrypt without a key id is unresolved with the reason', () => {
  const r = resolveRecord(record('kms', 'Decrypt', { requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' } }));
  assert.equal(r.status, 'unresolved');
  assert.match(r.reason ?? '', /kms:Decrypt: the record carries no key id/);
});

test('a KMS alias is not a key', () => {
  const r = resolveRecord(record('kms', 'Encrypt', { requestParameters: { keyId: 'alias/app' } }));
  assert.equal(r.status, 'unresolved');
  assert.match(r.reason ?? '', /alias/);
});

test('a Secrets Manager secret known only by name is unresolved (random suffix)', () => {
  const r = resolveRecord(record('secretsmanager', 'GetSecretValue', { requestParameters: { secretId: 'prod/db' } }));
  assert.equal(r.status, 'unresolved');
  assert.match(r.reason ?? '', /random suffix/);
  const arn = `arn:aws:secretsmanager:${A}:secret:prod/db-AbCdEf`;
  assert.equal(resolveRecord(record('secretsmanager', 'GetSecretValue', { requestParameters: { secretId: arn } })).status, 'resolved');
});

test('an IAM name without a path assumes / and says so', () => {
  const r = resolveRecord(record('iam', 'DeleteRole', { requestParameters: { roleName: 'ci' } }));
  assert.deepEqual(r.targets, [{ arn: `arn:aws:iam::${ACCOUNT}:role/ci`, via: 'template', resourceType: 'role', assumption: 'IAM path unknown: assumed /' }]);
});

test('IAM user calls without userName act on the calling user', () => {
  const r = resolveRecord(byIamUser(record('iam', 'GetUser'), 'bob'));
  assert.deepEqual(r.targets, [{ arn: `arn:aws:iam::${ACCOUNT}:user/bob`, via: 'curated', resourceType: 'user' }]);
  assert.equal(resolveRecord(record('iam', 'GetUser')).status, 'unresolved'); // a role session has no such default
});

test('SNS subscription ARNs resolve to their topic', () => {
  const topic = `arn:aws:sns:${A}:alerts`;
  const r = resolveRecord(record('sns', 'Unsubscribe', { requestParameters: { subscriptionArn: `${topic}:0b1c2d3e-1111-2222-3333-444455556666` } }));
  assert.deepEqual(arns(r.targets), [topic]);
});

test('API Gateway operations are HTTP verbs on paths', () => {
  const r = resolveRecord(record('apigateway', 'CreateStage', { requestParameters: { restApiId: 'abc', createStageInput: { stageName: 'prod' } } }));
  assert.deepEqual(r.actions, ['apigateway:POST']);
  assert.deepEqual(arns(r.targets), [`arn:aws:apigateway:${REGION}::/restapis/abc/stages/prod`]);
});

test('AWS service events read additionalEventData and serviceEventDetails', () => {
  const secret = `arn:aws:secretsmanager:${A}:secret:s-AbCdEf`;
  const r = resolveRecord(record('secretsmanager', 'StartSecretVersionDelete', { eventType: 'AwsServiceEvent', additionalEventData: { ARN: secret } }));
  assert.deepEqual(arns(r.targets), [secret]);
  const snap = resolveRecord(record('ec2', 'SharedSnapshotVolumeCreated', { eventType: 'AwsServiceEvent', serviceEventDetails: { snapshotId: 'snap-9' } }));
  assert.deepEqual(arns(snap.targets), [`arn:aws:ec2:${REGION}::snapshot/snap-9`]);
});

test('unknown events say which eventSource and eventName', () => {
  const r = resolveRecord(record('example', 'DoThing', { requestParameters: { x: 1 } }));
  assert.equal(r.status, 'unresolved');
  assert.equal(r.reason, 'no IAM action known for eventSource example.amazonaws.com eventName DoThing');
});

test('a missing value names the template, the variable and the keys looked at', () => {
  const r = resolveRecord(record('sqs', 'DeleteQueue', { requestParameters: { somethingElse: 'x' } }));
  assert.equal(r.status, 'unresolved');
  assert.match(r.reason ?? '', /template arn:\$\{Partition\}:sqs:.*\$\{QueueName\} needs QueueName; .*queueurl/);
});
