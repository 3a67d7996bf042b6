import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import { observationsOf } from '../../../src/core/history/fromTrail';
import { isTagChange } from '../../../src/core/history/tagActions';
import type { CloudTrailRecord } from '../../../src/core/model';
import { ACCOUNT, REGION, bucketArn, call, putBucketTagging, queueArn, queueUrl, roleArn } from './records';

const T = '2026-03-02T10:00:00Z';
const obs = (r: CloudTrailRecord) => observationsOf(r, resolveRecord(r));
const strip = (r: CloudTrailRecord) => obs(r).observations.map(({ arn, tags, set, removed, created, deleted }) => ({ arn, ...(tags ? { tags } : {}), ...(set ? { set } : {}), ...(removed ? { removed } : {}), ...(created ? { created } : {}), ...(deleted ? { deleted } : {}) }));

test('tag-changing calls are found from the IAM reference, across services, with a version suffix', () => {
  for (const n of ['TagResource', 'UntagResource', 'CreateTags', 'DeleteTags', 'TagRole', 'UntagUser', 'PutBucketTagging', 'DeleteBucketTagging', 'AddTagsToResource', 'RemoveTagsFromResource', 'TagQueue', 'UntagQueue', 'AddTags', 'RemoveTags', 'TagResource20170331v2']) {
    assert.ok(isTagChange(n), n);
  }
  for (const n of ['GetBucketTagging', 'ListTagsForResource', 'DescribeTags', 'PutObject', 'CreateBucket']) assert.ok(!isTagChange(n), n);
});

test('tag shapes of several services become tag observations of the resolved targets', () => {
  assert.deepEqual(strip(putBucketTagging('ops', 'b1', T, { product: 'alpha', env: 'prod' })), [{ arn: bucketArn('b1'), tags: { product: 'alpha', env: 'prod' } }]);
  assert.deepEqual(strip(call('ops', 's3.amazonaws.com', 'DeleteBucketTagging', T, { bucketName: 'b1', tagging: '' })), [{ arn: bucketArn('b1'), tags: {} }]);
  assert.deepEqual(strip(call('ops', 'ec2.amazonaws.com', 'CreateTags', T, { resourcesSet: { items: [{ resourceId: 'i-0123456789abcdef0' }] }, tagSet: { items: [{ key: 'product', value: 'beta' }] } })),
    [{ arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`, set: { product: 'beta' } }]);
  assert.deepEqual(strip(call('ops', 'ec2.amazonaws.com', 'DeleteTags', T, { resourcesSet: { items: [{ resourceId: 'i-0123456789abcdef0' }] }, tagSet: { items: [{ key: 'product' }] } })),
    [{ arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`, removed: ['product'] }]);
  assert.deepEqual(strip(call('ops', 'iam.amazonaws.com', 'TagRole', T, { roleName: 'app', tags: [{ key: 'product', value: 'beta' }] })), [{ arn: roleArn('app'), set: { product: 'beta' } }]);
  assert.deepEqual(strip(call('ops', 'iam.amazonaws.com', 'UntagRole', T, { roleName: 'app', tagKeys: ['product'] })), [{ arn: roleArn('app'), removed: ['product'] }]);
  assert.deepEqual(strip(call('ops', 'sqs.amazonaws.com', 'TagQueue', T, { queueUrl: queueUrl('q1'), tags: { product: 'beta' } })), [{ arn: queueArn('q1'), set: { product: 'beta' } }]);
  assert.deepEqual(strip(call('ops', 'sqs.amazonaws.com', 'UntagQueue', T, { queueUrl: queueUrl('q1'), tagKeys: ['product'] })), [{ arn: queueArn('q1'), removed: ['product'] }]);
  const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f1`;
  assert.deepEqual(strip(call('ops', 'lambda.amazonaws.com', 'TagResource20170331v2', T, { resource: fn, tags: { product: 'gamma' } })), [{ arn: fn, set: { product: 'gamma' } }]);
  const table = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/t1`;
  assert.deepEqual(strip(call('ops', 'dynamodb.amazonaws.com', 'UntagResource', T, { resourceArn: table, tagKeys: ['product'] })), [{ arn: table, removed: ['product'] }]);
  const db = `arn:aws:rds:${REGION}:${ACCOUNT}:db:db1`;
  assert.deepEqual(strip(call('ops', 'rds.amazonaws.com', 'AddTagsToResource', T, { resourceName: db, tags: [{ key: 'product', value: 'beta' }] })), [{ arn: db, set: { product: 'beta' } }]);
  const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  assert.deepEqual(strip(call('ops', 'kms.amazonaws.com', 'TagResource', T, { keyId: key, tags: [{ tagKey: 'product', tagValue: 'beta' }] })), [{ arn: key, set: { product: 'beta' } }]);
});

test('creations carrying tags, creations without, and deletions of the resource itself', () => {
  assert.deepEqual(strip(call('ops', 'ec2.amazonaws.com', 'RunInstances', T, {
    instancesSet: { items: [{ imageId: 'ami-1', minCount: 1, maxCount: 1 }] },
    tagSpecificationSet: { items: [{ resourceType: 'volume', tags: [{ key: 'product', value: 'other' }] }, { resourceType: 'instance', tags: [{ key: 'product', value: 'alpha' }] }] },
  }, { responseElements: { instancesSet: { items: [{ instanceId: 'i-0aaaaaaaaaaaaaaa1' }] } } })),
  [{ arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0aaaaaaaaaaaaaaa1`, tags: { product: 'alpha' }, created: true }]);
  assert.deepEqual(strip(call('ops', 'dynamodb.amazonaws.com', 'CreateTable', T, { tableName: 't1', tags: [{ key: 'product', value: 'alpha' }] })),
    [{ arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/t1`, tags: { product: 'alpha' }, created: true }]);
  assert.deepEqual(strip(call('ops', 'sqs.amazonaws.com', 'CreateQueue', T, { queueName: 'q1', tags: { product: 'alpha' } }, { responseElements: { queueUrl: queueUrl('q1') } })),
    [{ arn: queueArn('q1'), tags: { product: 'alpha' }, created: true }]);
  assert.deepEqual(strip(call('ops', 'iam.amazonaws.com', 'CreateRole', T, { roleName: 'r2', assumeRolePolicyDocument: '{}', tags: [{ key: 'product', value: 'alpha' }] })),
    [{ arn: roleArn('r2'), tags: { product: 'alpha' }, created: true }]);
  assert.deepEqual(strip(call('ops', 's3.amazonaws.com', 'CreateBucket', T, { bucketName: 'b2' })), [{ arn: bucketArn('b2'), created: true }]);
  assert.deepEqual(strip(call('ops', 'sqs.amazonaws.com', 'DeleteQueue', T, { queueUrl: queueUrl('q1') })), [{ arn: queueArn('q1'), deleted: true }]);
  // Something attached to the bucket, not the bucket: no observation.
  assert.deepEqual(strip(call('ops', 's3.amazonaws.com', 'DeleteBucketPolicy', T, { bucketName: 'b2' })), []);
});

test('failed calls change nothing; an unresolved or unreadable tag call is a problem with its reason', () => {
  assert.deepEqual(obs(call('ops', 'sqs.amazonaws.com', 'TagQueue', T, { queueUrl: queueUrl('q1'), tags: { product: 'x' } }, { errorCode: 'AccessDenied', errorMessage: 'no' })), { observations: [], problems: [] });
  const unresolved = obs(call('ops', 'sqs.amazonaws.com', 'TagQueue', T, { tags: { product: 'x' } }));
  assert.equal(unresolved.observations.length, 0);
  assert.match(unresolved.problems[0]?.reason ?? '', /names no resource TagTrail could resolve/);
  const shape = obs(call('ops', 'sqs.amazonaws.com', 'TagQueue', T, { queueUrl: queueUrl('q1'), tags: 'product=x' }));
  assert.match(shape.problems[0]?.reason ?? '', /shape TagTrail does not read/);
});
