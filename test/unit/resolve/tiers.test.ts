// One test per resolver tier, each on a record that only that tier can resolve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import { ACCOUNT, REGION, arns, record } from './builders';

test('tier 1: resources[] ARNs are targets, entries with only ARNPrefix are not', () => {
  const r = resolveRecord(
    record('kms', 'Decrypt', {
      requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
      resources: [
        { accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
        { type: 'AWS::S3::Object', ARNPrefix: 'arn:aws:s3:::b/' },
      ],
    }),
  );
  assert.equal(r.status, 'resolved');
  assert.deepEqual(r.targets, [
    { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, via: 'resources', resourceType: 'key' },
  ]);
  assert.deepEqual(r.actions, ['kms:Decrypt']);
});

test('tier 1: a resources[] entry of a type the action is not authorised on is related (KMS key of an S3 copy)', () => {
  const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/abc`;
  const r = resolveRecord(
    record('s3', 'PutObject', {
      requestParameters: { bucketName: 'b', key: 'k' },
      resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::b/k' }, { type: 'AWS::KMS::Key', ARN: key }],
    }),
  );
  assert.deepEqual(arns(r.targets), ['arn:aws:s3:::b/k']);
  assert.deepEqual(arns(r.related), [key]);
});

test('tier 2: an ARN in the request that fits the action is a target; a role passed is related', () => {
  const role = `arn:aws:iam::${ACCOUNT}:role/app`;
  const r = resolveRecord(
    record('sts', 'AssumeRole', {
      requestParameters: { roleArn: role, roleSessionName: 's', policyArns: [{ arn: `arn:aws:iam::${ACCOUNT}:policy/p` }] },
    }),
  );
  assert.equal(r.status, 'resolved');
  assert.deepEqual(r.targets, [{ arn: role, via: 'arn-in-request', resourceType: 'role' }]);
  assert.deepEqual(arns(r.related), [`arn:aws:iam::${ACCOUNT}:policy/p`]);

  const passed = resolveRecord(
    record('lambda', 'CreateFunction20150331', {
      requestParameters: { functionName: 'f', role },
      responseElements: { functionName: 'f', functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f` },
    }),
  );
  assert.deepEqual(arns(passed.targets), [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`]);
  assert.deepEqual(arns(passed.related), [role]);
});

test('tier 2: ARNs inside encryptionContext, policies and tags are ignored', () => {
  const r = resolveRecord(
    record('kms', 'GenerateDataKey', {
      requestParameters: { keyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1`, encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::other/x' } },
    }),
  );
  assert.deepEqual(arns(r.targets), [`arn:aws:kms:${REGION}:${ACCOUNT}:key/k1`]);
  assert.deepEqual(r.related, []);
});

test('tier 2: a qualified duplicate in the response (Lambda version) is related, not a second target', () => {
  const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
  const r = resolveRecord(
    record('lambda', 'UpdateFunctionCode20150331v2', {
      requestParameters: { functionName: fn },
      responseElements: { functionArn: `${fn}:3` },
    }),
  );
  assert.deepEqual(arns(r.targets), [fn]);
  assert.deepEqual(arns(r.related), [`${fn}:3`]);
});

test('tier 3: templates fill from requestParameters, walking EC2 item lists', () => {
  const r = resolveRecord(
    record('ec2', 'StartInstances', {
      requestParameters: { instancesSet: { items: [{ instanceId: 'i-0aaa' }, { instanceId: 'i-0bbb' }] } },
    }),
  );
  assert.equal(r.status, 'resolved');
  assert.deepEqual(r.actions, ['ec2:StartInstances']);
  assert.deepEqual(arns(r.targets), [
    `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0aaa`,
    `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0bbb`,
  ]);
  assert.ok(r.targets.every((t) => t.via === 'template' && t.resourceType === 'instance'));
});

test('tier 3: partition follows the region (China, GovCloud)', () => {
  const cn = resolveRecord({ ...record('ec2', 'StopInstances', { requestParameters: { instancesSet: { items: [{ instanceId: 'i-1' }] } } }), awsRegion: 'cn-north-1' });
  assert.deepEqual(arns(cn.targets), [`arn:aws-cn:ec2:cn-north-1:${ACCOUNT}:instance/i-1`]);
  const gov = resolveRecord({ ...record('dynamodb', 'GetItem', { requestParameters: { tableName: 't' } }), awsRegion: 'us-gov-west-1' });
  assert.deepEqual(arns(gov.targets), [`arn:aws-us-gov:dynamodb:us-gov-west-1:${ACCOUNT}:table/t`]);
});

test('tier 3: values of one array item pair up, never a cartesian product', () => {
  const r = resolveRecord(
    record('dynamodb', 'TransactWriteItems', {
      requestParameters: { transactItems: [{ put: { tableName: 'a' } }, { update: { tableName: 'b' } }] },
    }),
  );
  assert.deepEqual(arns(r.targets), [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/a`, `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/b`]);
});

test('tier 3: optional foreign types are never filled from a loose name (RunInstances groupName)', () => {
  const r = resolveRecord(
    record('ec2', 'RunInstances', {
      requestParameters: { instancesSet: { items: [{ imageId: 'ami-1' }] }, groupSet: { items: [{ groupName: 'default' }] } },
      responseElements: { instancesSet: { items: [{ instanceId: 'i-1', subnetId: 'subnet-1', groupSet: { items: [{ groupId: 'sg-1' }] }, networkInterfaceSet: { items: [{ networkInterfaceId: 'eni-1' }] } }] } },
    }),
  );
  assert.ok(!r.targets.some((t) => t.arn.includes('resource-groups')), JSON.stringify(r.targets));
  assert.ok(r.targets.some((t) => t.arn === `arn:aws:ec2:${REGION}::image/ami-1`));
  assert.ok(r.targets.some((t) => t.arn === `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-1`));
});

test('tier 5: LookupEvents Resources become ARNs by type', () => {
  const r = resolveRecord(record('s3', 'PutBucketVersioning', { requestParameters: {} }), [
    { ResourceType: 'AWS::S3::Bucket', ResourceName: 'logs-bucket' },
    { ResourceType: 'AWS::EC2::Instance', ResourceName: 'i-0abc' },
    { ResourceType: 'AWS::IAM::Role', ResourceName: 'arn:aws:iam::111122223333:role/x' },
  ]);
  assert.deepEqual(arns(r.targets), [
    'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc',
    'arn:aws:iam::111122223333:role/x',
    'arn:aws:s3:::logs-bucket',
  ]);
  assert.ok(r.targets.every((t) => t.via === 'lookup-resources'));
  assert.equal(r.status, 'resolved');
});

test('tier 6: an AccessDenied message names the resource', () => {
  const r = resolveRecord(
    record('s3', 'GetObject', {
      errorCode: 'AccessDenied',
      errorMessage: `User: arn:aws:sts::${ACCOUNT}:assumed-role/dev/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::secret/report.csv" because no identity-based policy allows the s3:GetObject action`,
    }),
  );
  assert.deepEqual(r.targets, [{ arn: 'arn:aws:s3:::secret/report.csv', via: 'error-message', resourceType: 'object' }]);
  assert.equal(r.status, 'resolved');
});

test('tier 6: IAM messages naming "user bob" fill the user template and say the path was assumed', () => {
  const r = resolveRecord(
    record('iam', 'DeleteUser', {
      errorCode: 'AccessDenied',
      errorMessage: `User: arn:aws:iam::${ACCOUNT}:user/eve is not authorized to perform: iam:DeleteUser on resource: user bob`,
    }),
  );
  assert.deepEqual(r.targets, [{ arn: `arn:aws:iam::${ACCOUNT}:user/bob`, via: 'error-message', resourceType: 'user', assumption: 'IAM path unknown: assumed /' }]);
});

test('tier 6: a wildcard resource in the message names nothing', () => {
  const r = resolveRecord(
    record('ec2', 'GetPasswordData', {
      errorCode: 'Client.UnauthorizedOperation',
      errorMessage: `User: x is not authorized to perform: ec2:GetPasswordData on resource: arn:aws:ec2:${REGION}:${ACCOUNT}:instance/* because …`,
    }),
  );
  assert.deepEqual(r.targets, []);
  assert.equal(r.status, 'unresolved');
  assert.match(r.reason ?? '', /InstanceId/);
});
