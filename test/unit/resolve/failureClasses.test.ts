// The failure classes of the resolver's generalisation, each checked on records written for the
// class (not taken from any labelled sample): what must resolve, and what must never become a target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import { ACCOUNT, REGION, arns, record } from './builders';

const A = `${REGION}:${ACCOUNT}`;
const CALLER = `arn:aws:sts::${ACCOUNT}:assumed-role/dev/alice`;

function denied(action: string, resource: string): string {
  return `User: ${CALLER} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}

test('class 5 / URLs: a failed call whose message names a queue URL targets the queue', () => {
  const r = resolveRecord(record('sqs', 'SendMessage', {
    errorCode: 'AccessDenied',
    errorMessage: denied('sqs:sendmessage', `https://sqs.${REGION}.amazonaws.com/444455556666/jobs`),
  }));
  assert.deepEqual(arns(r.targets), [`arn:aws:sqs:${REGION}:444455556666:jobs`]);
  assert.equal(r.targets[0]?.via, 'error-message');
  assert.equal(r.status, 'resolved');
});

test('class 5 / URLs: S3 object URLs (virtual-hosted and path style) give the object, percent-decoded', () => {
  const hosted = resolveRecord(record('s3', 'GetObject', { errorCode: 'AccessDenied', errorMessage: 'Access Denied for https://bkt.s3.us-east-1.amazonaws.com/dir/a%20b.txt' }));
  assert.deepEqual(arns(hosted.targets), ['arn:aws:s3:::bkt/dir/a b.txt']);
  const path = resolveRecord(record('s3', 'GetObject', { errorCode: 'AccessDenied', errorMessage: 'Access Denied for https://s3.amazonaws.com/bkt/k.' }));
  assert.deepEqual(arns(path.targets), ['arn:aws:s3:::bkt/k']);
});

test('class 5 / URLs: an execute-api URL gives its ARN only with its method; a URL of a type the action does not take is no target', () => {
  const withMethod = resolveRecord(record('execute-api', 'Invoke', { errorCode: 'AccessDenied', errorMessage: 'Forbidden: GET https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/pets/1' }));
  assert.deepEqual(arns(withMethod.targets), [`arn:aws:execute-api:${A}:a1b2c3d4e5/prod/GET/pets/1`]);
  const noMethod = resolveRecord(record('execute-api', 'Invoke', { errorCode: 'AccessDenied', errorMessage: 'Forbidden: https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/pets/1' }));
  assert.deepEqual(noMethod.targets, []);
  assert.notEqual(noMethod.status, 'no-target');
  // A queue URL in the message of a Lambda call is not what the call acted on.
  const other = resolveRecord(record('lambda', 'GetFunction20150331v2', { errorCode: 'AccessDenied', errorMessage: `see https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs` }));
  assert.deepEqual(other.targets, []);
  assert.equal(other.status, 'unresolved');
});

test('class 5: a denial that names the resource by type words and a name fills the type', () => {
  const r = resolveRecord(record('iam', 'GetRole', { requestParameters: null, errorCode: 'AccessDenied', errorMessage: denied('iam:GetRole', 'role deploy') }));
  assert.deepEqual(arns(r.targets), [`arn:aws:iam::${ACCOUNT}:role/deploy`]);
});

test('class 3: templates of several variables take each from its own member (cluster + services)', () => {
  const r = resolveRecord(record('ecs', 'DescribeServices', { requestParameters: { cluster: 'prod', services: ['web', 'api'] } }));
  assert.deepEqual(arns(r.targets), [`arn:aws:ecs:${A}:service/prod/api`, `arn:aws:ecs:${A}:service/prod/web`]);
  assert.equal(r.status, 'resolved');
});

test('class 4: a parent passed by ARN gives its name to the child template, only from its own service and region', () => {
  const r = resolveRecord(record('ecs', 'UpdateService', { requestParameters: { cluster: `arn:aws:ecs:${A}:cluster/prod`, service: 'web', desiredCount: 2 } }));
  assert.deepEqual(arns(r.targets), [`arn:aws:ecs:${A}:service/prod/web`]);
  // The parent ARN of another region names another cluster: no service ARN is built from it.
  const elsewhere = resolveRecord(record('ecs', 'UpdateService', { requestParameters: { cluster: `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/prod`, service: 'web' } }));
  assert.ok(!elsewhere.targets.some((t) => t.arn.includes(':service/')), JSON.stringify(elsewhere.targets));
  assert.notEqual(elsewhere.status, 'no-target');
  // An ARN is never pasted into a template as a name.
  for (const t of [...r.targets, ...elsewhere.targets]) assert.equal(t.arn.indexOf('arn:', 1), -1, t.arn);
});

test('class 3: a call named after a type of several variables reads its generic `name` member (GetTable)', () => {
  const r = resolveRecord(record('glue', 'GetTable', { requestParameters: { databaseName: 'sales', name: 'orders' } }));
  assert.ok(arns(r.targets).includes(`arn:aws:glue:${A}:table/sales/orders`), JSON.stringify(r.targets));
  assert.equal(r.status, 'resolved');
});

test('class 7 / precision: a create call targets what it made, not what the new resource refers to', () => {
  const fn = resolveRecord(record('lambda', 'CreateFunction20150331', {
    requestParameters: { functionName: 'f', role: `arn:aws:iam::${ACCOUNT}:role/r`, layers: [`arn:aws:lambda:${A}:layer:l:1`] },
    responseElements: { functionArn: `arn:aws:lambda:${A}:function:f`, layers: [{ arn: `arn:aws:lambda:${A}:layer:l:1` }] },
  }));
  assert.deepEqual(arns(fn.targets), [`arn:aws:lambda:${A}:function:f`]);
  const svc = resolveRecord(record('ecs', 'CreateService', {
    requestParameters: { cluster: 'prod', serviceName: 'web', taskDefinition: 'web:3' },
    responseElements: { service: { serviceArn: `arn:aws:ecs:${A}:service/prod/web`, clusterArn: `arn:aws:ecs:${A}:cluster/prod`, taskDefinition: `arn:aws:ecs:${A}:task-definition/web:3` } },
  }));
  assert.deepEqual(arns(svc.targets), [`arn:aws:ecs:${A}:service/prod/web`]);
  const table = resolveRecord(record('dynamodb', 'CreateTable', {
    requestParameters: { tableName: 't' },
    responseElements: { tableDescription: { tableArn: `arn:aws:dynamodb:${A}:table/t`, latestStreamArn: `arn:aws:dynamodb:${A}:table/t/stream/2024-01-01T00:00:00.000` } },
  }));
  assert.deepEqual(arns(table.targets), [`arn:aws:dynamodb:${A}:table/t`]);
  const topic = resolveRecord(record('sns', 'CreateTopic', { requestParameters: { name: 'alerts' }, responseElements: { topicArn: `arn:aws:sns:${A}:alerts` } }));
  assert.deepEqual(arns(topic.targets), [`arn:aws:sns:${A}:alerts`]);
});

test('precision: AWS default groups a response shows are not targets; the created instance is', () => {
  const r = resolveRecord(record('rds', 'RestoreDBInstanceFromDBSnapshot', {
    requestParameters: { dBInstanceIdentifier: 'db1', dBSnapshotIdentifier: 's1' },
    responseElements: {
      dBInstanceArn: `arn:aws:rds:${A}:db:db1`,
      dBParameterGroups: [{ dBParameterGroupName: 'default.mysql8.0' }],
      dBSubnetGroup: { dBSubnetGroupName: 'default' },
      optionGroupMemberships: [{ optionGroupName: 'default:mysql-8-0' }],
    },
  }));
  assert.ok(arns(r.targets).includes(`arn:aws:rds:${A}:db:db1`));
  assert.ok(!r.targets.some((t) => /:(pg|og|subgrp):default/.test(t.arn)), JSON.stringify(r.targets));
  // A group the caller chose in the request still counts.
  const chosen = resolveRecord(record('rds', 'CreateDBInstance', { requestParameters: { dBInstanceIdentifier: 'db2', dBSubnetGroupName: 'mine' } }));
  assert.ok(arns(chosen.targets).includes(`arn:aws:rds:${A}:subgrp:mine`), JSON.stringify(chosen.targets));
});

test('precision: a value that repeats the template\'s type word is not doubled (alias/prod)', () => {
  const r = resolveRecord(record('kms', 'CreateAlias', { requestParameters: { aliasName: 'alias/prod', targetKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' } }));
  assert.deepEqual(arns(r.targets), [`arn:aws:kms:${A}:alias/prod`, `arn:aws:kms:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`]);
});

test('precision: descriptions, tags and filters never fill a template', () => {
  const snap = resolveRecord(record('ec2', 'CreateSnapshot', {
    requestParameters: { volumeId: 'vol-0123456789abcdef0', description: 'copy of i-0aaaaaaaaaaaaaaaa', tagSpecificationSet: { items: [{ tags: [{ key: 'instance', value: 'i-0bbbbbbbbbbbbbbbb' }] }] } },
    responseElements: { snapshotId: 'snap-0123456789abcdef0' },
  }));
  assert.ok(!snap.targets.some((t) => t.arn.includes(':instance/')), JSON.stringify(snap.targets));
  const listing = resolveRecord(record('rds', 'DescribeDBInstances', { requestParameters: { filters: [{ name: 'db-instance-id', values: ['prod'] }] } }));
  assert.deepEqual(listing.targets, []);
});

test('EventBridge rules: the default bus leaves the bus out of the ARN, another bus is in it', () => {
  const put = resolveRecord(record('events', 'PutRule', { requestParameters: { name: 'nightly', eventPattern: '{}' } }));
  assert.deepEqual(arns(put.targets), [`arn:aws:events:${A}:rule/nightly`]);
  const targets = resolveRecord(record('events', 'PutTargets', { requestParameters: { rule: 'nightly', targets: [{ id: '1', arn: `arn:aws:lambda:${A}:function:f` }] } }));
  assert.deepEqual(arns(targets.targets), [`arn:aws:events:${A}:rule/nightly`]);
  const custom = resolveRecord(record('events', 'DeleteRule', { requestParameters: { name: 'r', eventBusName: `arn:aws:events:${A}:event-bus/orders` } }));
  assert.deepEqual(arns(custom.targets), [`arn:aws:events:${A}:rule/orders/r`]);
});

test('tag-changing calls resolve to the resource they tag (the tag timeline reads them)', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['iam', 'TagRole', { roleName: 'r', tags: [{ key: 'product', value: 'aaa' }] }, `arn:aws:iam::${ACCOUNT}:role/r`],
    ['iam', 'UntagUser', { userName: 'u', tagKeys: ['product'] }, `arn:aws:iam::${ACCOUNT}:user/u`],
    ['iam', 'TagPolicy', { policyArn: `arn:aws:iam::${ACCOUNT}:policy/p`, tags: [] }, `arn:aws:iam::${ACCOUNT}:policy/p`],
    ['s3', 'PutBucketTagging', { bucketName: 'bkt', Tagging: { TagSet: { Tag: { Key: 'product', Value: 'aaa' } } } }, 'arn:aws:s3:::bkt'],
    ['ec2', 'CreateTags', { resourcesSet: { items: [{ resourceId: 'vol-0123456789abcdef0' }] }, tagSet: { items: [{ key: 'product', value: 'aaa' }] } }, `arn:aws:ec2:${A}:volume/vol-0123456789abcdef0`],
    ['lambda', 'TagResource', { resource: `arn:aws:lambda:${A}:function:f`, tags: { product: 'aaa' } }, `arn:aws:lambda:${A}:function:f`],
    ['dynamodb', 'TagResource', { resourceArn: `arn:aws:dynamodb:${A}:table/t`, tags: [{ key: 'product', value: 'aaa' }] }, `arn:aws:dynamodb:${A}:table/t`],
    ['dynamodb', 'UntagResource', { resourceArn: `arn:aws:dynamodb:${A}:table/t`, tagKeys: ['product'] }, `arn:aws:dynamodb:${A}:table/t`],
    ['sqs', 'TagQueue', { queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs`, tags: { product: 'aaa' } }, `arn:aws:sqs:${A}:jobs`],
    ['rds', 'AddTagsToResource', { resourceName: `arn:aws:rds:${A}:db:prod`, tags: [] }, `arn:aws:rds:${A}:db:prod`],
    ['logs', 'TagLogGroup', { logGroupName: 'g', tags: { product: 'aaa' } }, `arn:aws:logs:${A}:log-group:g`],
    ['kms', 'TagResource', { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', tags: [] }, `arn:aws:kms:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    ['ecs', 'TagResource', { resourceArn: `arn:aws:ecs:${A}:cluster/prod`, tags: [] }, `arn:aws:ecs:${A}:cluster/prod`],
    ['sns', 'TagResource', { resourceArn: `arn:aws:sns:${A}:alerts`, tags: [] }, `arn:aws:sns:${A}:alerts`],
  ];
  for (const [service, eventName, requestParameters, expected] of cases) {
    const r = resolveRecord(record(service, eventName, { requestParameters }));
    assert.deepEqual(arns(r.targets), [expected], `${service}:${eventName} ${JSON.stringify(r)}`);
    assert.equal(r.status, 'resolved', `${service}:${eventName} ${r.reason ?? ''}`);
  }
});

test('class 6: S3 event notifications are read (object and action), with the caveat on each target', () => {
  const r = resolveRecord({
    eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: REGION, eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:AIDAEXAMPLE' }, requestParameters: { sourceIPAddress: '192.0.2.1' },
    s3: { bucket: { name: 'bkt', arn: 'arn:aws:s3:::bkt' }, object: { key: 'a+b%2Fc.txt' } },
  });
  assert.deepEqual(arns(r.targets), ['arn:aws:s3:::bkt/a b/c.txt']);
  assert.deepEqual(r.actions, ['s3:PutObject']);
  assert.match(r.targets[0]?.assumption ?? '', /event notification/);
});

test('precision: a value given with its path form (`/hostedzone/Z1`) fills the name once', () => {
  const r = resolveRecord(record('route53', 'GetHostedZone', { requestParameters: { id: '/hostedzone/Z1PA6795UKMFR9' } }));
  assert.deepEqual(arns(r.targets), ['arn:aws:route53:::hostedzone/Z1PA6795UKMFR9']);
});

test('class 4: a model id holding `:` is one resource, never cut at the colon; a geography-prefixed id is an inference profile', () => {
  const profile = `arn:aws:bedrock:${A}:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0`;
  const byArn = resolveRecord(record('bedrock', 'InvokeModel', { requestParameters: { modelId: profile } }));
  assert.deepEqual(arns(byArn.targets), [profile]);
  const byId = resolveRecord(record('bedrock', 'InvokeModelWithResponseStream', { requestParameters: { modelId: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0' } }));
  assert.deepEqual(arns(byId.targets), [profile]);
  const model = resolveRecord(record('bedrock', 'InvokeModel', { requestParameters: { modelId: 'anthropic.claude-3-haiku-20240307-v1:0' } }));
  assert.deepEqual(arns(model.targets), [`arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`]);
});

test('DynamoDB batch calls name their tables as the keys of requestItems (names or ARNs)', () => {
  const r = resolveRecord(record('dynamodb', 'BatchWriteItem', { requestParameters: { requestItems: { Music: [{}], [`arn:aws:dynamodb:${A}:table/Books`]: [{}] } } }));
  assert.deepEqual(arns(r.targets), [`arn:aws:dynamodb:${A}:table/Books`, `arn:aws:dynamodb:${A}:table/Music`]);
  assert.equal(r.status, 'resolved');
});

test('class 5/8: a denial without its request names the user it was about; the caller in `User: arn:…` is never the target', () => {
  const who = { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/bob`, accountId: ACCOUNT, userName: 'bob' };
  const other = resolveRecord(record('iam', 'GetUser', { userIdentity: who, errorCode: 'AccessDenied', errorMessage: `User: ${who.arn} is not authorized to perform: iam:GetUser on resource: user carol` }));
  assert.deepEqual(arns(other.targets), [`arn:aws:iam::${ACCOUNT}:user/carol`]);
  // Without a user named in the request or the denial, a user call acts on the caller (IAM API reference).
  const self = resolveRecord(record('iam', 'ChangePassword', { userIdentity: who, errorCode: 'AccessDenied', errorMessage: `User: ${who.arn} is not authorized to perform: iam:ChangePassword on resource: ${who.arn}` }));
  assert.deepEqual(arns(self.targets), [who.arn]);
  const prefixOnly = resolveRecord(record('iam', 'CreateUser', { userIdentity: who, errorCode: 'AccessDenied', errorMessage: `User: ${who.arn} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCOUNT}:user/` }));
  assert.deepEqual(prefixOnly.targets, []);
  assert.equal(prefixOnly.status, 'unresolved');
});

test('class 1: a failed typed call logged without its request is a gap, not "listed across the account"', () => {
  const r = resolveRecord(record('secretsmanager', 'ListSecretVersionIds', { errorCode: 'AccessDeniedException', errorMessage: 'denied' }));
  assert.equal(r.status, 'unresolved');
  assert.match(r.reason ?? '', /unknown/);
  // The same call that succeeded with an empty request is a listing of nothing in particular only where IAM allows it.
  const ok = resolveRecord(record('rds', 'DescribeDBInstances', { requestParameters: {} }));
  assert.equal(ok.status, 'no-target');
});

test('class 3 from data: short and long spellings, dropped leading words, `…List` members', () => {
  const pinpoint = resolveRecord(record('mobiletargeting', 'GetApp', { requestParameters: { applicationId: 'a1b2c3' } }));
  assert.deepEqual(arns(pinpoint.targets), [`arn:aws:mobiletargeting:${A}:apps/a1b2c3`]);
  const geo = resolveRecord(record('geo', 'DescribeGeofenceCollection', { requestParameters: { collectionName: 'fences' } }));
  assert.deepEqual(arns(geo.targets), [`arn:aws:geo:${A}:geofence-collection/fences`]);
  const glue = resolveRecord(record('glue', 'BatchDeleteConnection', { requestParameters: { connectionNameList: ['c1', 'c2'] } }));
  assert.ok(arns(glue.targets).includes(`arn:aws:glue:${A}:connection/c1`), JSON.stringify(glue.targets));
  assert.ok(arns(glue.targets).includes(`arn:aws:glue:${A}:connection/c2`), JSON.stringify(glue.targets));
});

test('ARNs AWS writes with a trailing slash after a name are targets; bare path prefixes are not', () => {
  const stack = resolveRecord(record('opsworks', 'DeleteStack', { requestParameters: { stackId: '2f18b4cb-4de5-4429-a149-ff7da9f0d8ee' } }));
  assert.deepEqual(arns(stack.targets), [`arn:aws:opsworks:${A}:stack/2f18b4cb-4de5-4429-a149-ff7da9f0d8ee/`]);
  const folder = resolveRecord(record('s3', 'PutObject', { requestParameters: { bucketName: 'b', key: 'reports/' } }));
  assert.deepEqual(arns(folder.targets), ['arn:aws:s3:::b/reports/']);
  const byPath = resolveRecord(record('ssm', 'GetParametersByPath', { requestParameters: { path: '/app/', recursive: true } }));
  assert.ok(!byPath.targets.some((t) => t.arn.endsWith('/')), JSON.stringify(byPath.targets));
});

test('class 8: root is :root, service-linked roles are never guessed at /, Identity Center assignments target the permission set and instance', () => {
  const root = { type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT };
  const key = resolveRecord(record('iam', 'CreateAccessKey', { userIdentity: root, requestParameters: {}, responseElements: { accessKey: { accessKeyId: 'AKIAEXAMPLE' } } }));
  assert.deepEqual(arns(key.targets), [`arn:aws:iam::${ACCOUNT}:root`]);
  const slr = resolveRecord(record('iam', 'DeleteServiceLinkedRole', { requestParameters: { roleName: 'AWSServiceRoleForSupport' } }));
  assert.deepEqual(slr.targets, []);
  assert.equal(slr.status, 'unresolved');
  const made = resolveRecord(record('iam', 'CreateServiceLinkedRole', {
    requestParameters: { aWSServiceName: 'support.amazonaws.com' },
    responseElements: { role: { arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`, roleName: 'AWSServiceRoleForSupport' } },
  }));
  assert.deepEqual(arns(made.targets), [`arn:aws:iam::${ACCOUNT}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`]);
  const sso = resolveRecord(record('sso', 'CreateAccountAssignment', { requestParameters: {
    instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef', targetId: '444455556666', targetType: 'AWS_ACCOUNT',
    permissionSetArn: 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef', principalType: 'USER', principalId: 'u-1',
  } }));
  assert.deepEqual(arns(sso.targets), ['arn:aws:sso:::instance/ssoins-1234567890abcdef', 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef']);
});

test('class 2: an optional-type call that names its resource fills it; one naming only a value no rule reads is a gap', () => {
  const named = resolveRecord(record('events', 'DescribeRule', { requestParameters: { name: 'nightly' } }));
  assert.deepEqual(arns(named.targets), [`arn:aws:events:${A}:rule/nightly`]);
  const unread = resolveRecord(record('account', 'PutAlternateContact', { requestParameters: { alternateContactType: 'SECURITY', emailAddress: 'sec@example.com' } }));
  assert.notEqual(unread.status, 'no-target');
  assert.ok(unread.reason);
});

test('precision: a value must fit its variable (no JSON document, no spaced id, account ids of 12 digits)', () => {
  const spaced = resolveRecord(record('guardduty', 'DeleteDetector', { requestParameters: { detectorId: 'my detector' } }));
  assert.deepEqual(spaced.targets, []);
  assert.equal(spaced.status, 'unresolved');
  const json = resolveRecord(record('ecr', 'DescribeRepositories', { requestParameters: { repositoryName: '{"a":1}' } }));
  assert.deepEqual(json.targets, []);
  const fine = resolveRecord(record('guardduty', 'DeleteDetector', { requestParameters: { detectorId: '12abc34d567e8fa901bc2d34e56789f0' } }));
  assert.deepEqual(arns(fine.targets), [`arn:aws:guardduty:${A}:detector/12abc34d567e8fa901bc2d34e56789f0`]);
});

test('precision: tag lists under any spelling never fill a template (a tag key that looks like a member name)', () => {
  const job = `arn:aws:glue:${A}:job/etl`;
  const r = resolveRecord(record('glue', 'TagResource', { requestParameters: { resourceArn: job, tagsToAdd: { jobName: 'other', product: 'aaa' } } }));
  assert.deepEqual(arns(r.targets), [job]);
});
